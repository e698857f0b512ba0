import type { ItemGuide } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { type ApplyDefinition, type ApplyState, applicableValues, newIdempotencyKey, resumeStep, stepsFor } from './apply-model.ts';

const l = (zh: string) => ({ zh, en: zh });
const definition: ApplyDefinition = {
  isBundle: false,
  situations: [
    {
      id: 'who',
      question: l('谁'),
      options: [
        { id: 'self', label: l('本人') },
        { id: 'agent', label: l('代办') },
      ],
    },
  ],
  form: [
    { key: 'applicant.name', label: l('姓名'), type: 'text', required: true },
    { key: 'agent.name', label: l('代办人'), type: 'text', required: true, when: { who: ['agent'] } },
  ],
  materials: [],
};
const guide = (applicantType: 'person' | 'enterprise' | 'both') => ({ content: { applicantType } }) as unknown as ItemGuide;
const state = (answers: Record<string, string>): ApplyState => ({
  enterpriseCreditCode: undefined,
  answers,
  form: {},
  uploads: {},
  delivery: { method: 'download' },
  draftId: undefined,
});

describe('the apply wizard model', () => {
  it('asks who applies only when enterprises may, and for consent only when the law needs it', () => {
    expect(stepsFor(guide('person'), definition, {}, false)).toEqual(['situation', 'form', 'materials', 'review']);
    expect(stepsFor(guide('both'), definition, {}, true)).toEqual(['applicant', 'situation', 'form', 'materials', 'consent', 'review']);
    expect(stepsFor(guide('person'), { ...definition, situations: [], form: [] }, {}, false)).toEqual(['materials', 'review']);
  });

  it('sends only the form values of fields that apply to the answers (the server refuses others)', () => {
    const values = { 'applicant.name': '邓洁', 'agent.name': '龚超', stale: 'x' };
    expect(applicableValues(definition, { who: 'self' }, values)).toEqual({ 'applicant.name': '邓洁' });
    expect(applicableValues(definition, { who: 'agent' }, values)).toEqual({ 'applicant.name': '邓洁', 'agent.name': '龚超' });
  });

  it('resumes a draft at the situation questions until they are answered, then at the form', () => {
    const steps = stepsFor(guide('both'), definition, {}, false);
    expect(resumeStep(steps, definition, state({}))).toBe('situation');
    expect(resumeStep(steps, definition, state({ who: 'self' }))).toBe('form');
  });

  it('makes Idempotency-Keys the server accepts, a new one each time', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[A-Za-z0-9_.:-]{8,128}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});
