import { describe, expect, it } from 'vitest';
import {
  applicableFields,
  applicableMaterials,
  applicableSteps,
  checkAnswers,
  evaluateCondition,
  pendingQuestions,
  supplyOf,
} from './catalogue-situations.ts';
import { content } from './testing/sample-content.ts';

describe('situations', () => {
  it('evaluates conditions as yes, no or unknown', () => {
    expect(evaluateCondition(undefined, {})).toBe('yes');
    expect(evaluateCondition({ purpose: ['buy'] }, { purpose: 'buy' })).toBe('yes');
    expect(evaluateCondition({ purpose: ['buy'] }, { purpose: 'rent' })).toBe('no');
    expect(evaluateCondition({ purpose: ['buy'], by: ['agent'] }, { purpose: 'buy' })).toBe('unknown');
    expect(evaluateCondition({ purpose: ['buy'], by: ['agent'] }, { by: 'self' })).toBe('no');
    // A prototype key is not an answer.
    expect(evaluateCondition({ constructor: ['x'] }, {})).toBe('unknown');
  });

  it('narrows materials, form fields and steps to the answers', () => {
    const c = content();
    expect(applicableMaterials(c, {}).map((m) => m.id)).toEqual(['id_card']);
    expect(applicableMaterials(c, { purpose: 'buy', by: 'agent' }).map((m) => m.id)).toEqual(['id_card', 'contract', 'proxy']);
    expect(applicableMaterials(c, { purpose: 'rent', by: 'self' }).map((m) => m.id)).toEqual(['id_card', 'lease']);
    expect(applicableFields(c, { by: 'agent' }).map((f) => f.key)).toEqual(['applicant.name', 'agent.name']);
    expect(applicableSteps(c, { purpose: 'rent' }).map((s) => s.id)).toEqual(['accept', 'approve']);
    expect(pendingQuestions(c, { purpose: 'rent' }).map((q) => q.id)).toEqual(['by']);
    expect(pendingQuestions(c, { purpose: 'rent', by: 'self' })).toEqual([]);
  });

  it('reports unknown questions and options in answers', () => {
    const c = content();
    expect(checkAnswers(c.situations, { purpose: 'buy' })).toEqual([]);
    expect(checkAnswers(c.situations, { purpose: 'steal' })[0]?.question).toBe('purpose');
    expect(checkAnswers(c.situations, { colour: 'red' })[0]?.question).toBe('colour');
  });

  it('says who supplies a material', () => {
    expect(supplyOf({ kind: 'applicant' })).toBe('applicant');
    expect(supplyOf({ kind: 'licence', licenceType: 'BUSINESS-LICENCE' })).toBe('platform');
    expect(supplyOf({ kind: 'earlier_step', stepId: 'x' })).toBe('platform');
  });
});
