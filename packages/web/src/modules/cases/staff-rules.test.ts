import { isValidResidentId } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { cleanLegalBasis, idNumberState, isLostRace, labelledFormValues, returnTargetsOf, staffStatusColour } from './staff-rules.ts';

describe('staff rules of the case pages', () => {
  it('checks an ID number as it is typed: too short, complete and valid, or a wrong check character', () => {
    expect(idNumberState('', isValidResidentId)).toBe('empty');
    expect(idNumberState('3101151987', isValidResidentId)).toBe('typing');
    expect(idNumberState('310115198711281267', isValidResidentId)).toBe('valid');
    expect(idNumberState('310115198711281260', isValidResidentId)).toBe('invalid');
    expect(idNumberState('31011A', isValidResidentId)).toBe('invalid');
    // A lower-case x is the same check character.
    expect(idNumberState('11010519491231002x', isValidResidentId)).toBe('valid');
  });

  it('treats only the conflicts of someone acting first as a lost race', () => {
    expect(isLostRace(new ApiError(409, 'CASES_CONCURRENT_UPDATE', 'changed'))).toBe(true);
    expect(isLostRace(new ApiError(409, 'CASES_TASK_CLAIMED', 'claimed'))).toBe(true);
    expect(isLostRace(new ApiError(409, 'CASES_ACTION_NOT_ALLOWED', 'closed'))).toBe(true);
    expect(isLostRace(new ApiError(403, 'CASES_ROLE_FORBIDDEN', 'role'))).toBe(false);
    expect(isLostRace(new Error('x'))).toBe(false);
  });

  it('offers a return only to steps of an earlier stage that ran', () => {
    const step = (id: string, stage: number, attempt: number) => ({ id, stage, attempt }) as never;
    const detail = {
      steps: [step('accept', 0, 1), step('review-a', 1, 1), step('review-b', 1, 1), step('decision', 2, 1), step('issue', 3, 0)],
    };
    expect(returnTargetsOf(detail, 'decision').map((s) => s.id)).toEqual(['accept', 'review-a', 'review-b']);
    expect(returnTargetsOf(detail, 'review-a').map((s) => s.id)).toEqual(['accept']);
    expect(returnTargetsOf(detail, 'nope')).toEqual([]);
  });

  it('labels form values in the order of the form, options by their label, unknown keys last', () => {
    const form = [
      { key: 'a.name', label: { zh: '姓名', en: 'Name' } },
      { key: 'a.kind', label: { zh: '类型', en: 'Kind' }, options: [{ value: 'llc', label: { zh: '有限公司', en: 'LLC' } }] },
    ];
    expect(labelledFormValues(form, { extra: 1, 'a.kind': 'llc', 'a.name': '张三' })).toEqual([
      { key: 'a.name', label: { zh: '姓名', en: 'Name' }, value: '张三' },
      { key: 'a.kind', label: { zh: '类型', en: 'Kind' }, value: 'llc', option: { zh: '有限公司', en: 'LLC' } },
      { key: 'extra', label: undefined, value: 1 },
    ]);
  });

  it('drops empty legal-basis rows and empty articles', () => {
    expect(
      cleanLegalBasis([
        { law: ' 《行政许可法》 ', article: '' },
        { law: '', article: '第一条' },
        { law: '《条例》', article: '第二条' },
      ]),
    ).toEqual([{ law: '《行政许可法》' }, { law: '《条例》', article: '第二条' }]);
    expect(cleanLegalBasis(undefined)).toEqual([]);
  });

  it('colours statuses only with tag colours that keep their contrast', () => {
    expect(staffStatusColour('approved')).toBe('success');
    expect(staffStatusColour('supplement_requested')).toBe('warning');
    expect(staffStatusColour('not_accepted')).toBe('error');
    expect(staffStatusColour('in_review')).toBe('blue');
  });
});
