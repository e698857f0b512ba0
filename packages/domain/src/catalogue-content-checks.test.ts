import { describe, expect, it } from 'vitest';
import type { ServiceItemContent } from './catalogue.ts';
import { assertValidContent, findContentIssues, processWorkingDays } from './catalogue-content-checks.ts';
import { AppError } from './errors.ts';
import { content } from './testing/sample-content.ts';

describe('content validation', () => {
  const fieldsOf = (c: ServiceItemContent, known?: string[]) =>
    findContentIssues(c, known ? { departmentExists: (id) => known.includes(id) } : {}).map((i) => i.field);

  it('accepts a consistent item', () => {
    expect(findContentIssues(content(), { departmentExists: (id) => id === 'SH-HPF' })).toEqual([]);
  });

  it('sums sequential steps and takes the longest of a parallel group', () => {
    const c = content();
    const step = c.process[1] as ServiceItemContent['process'][number];
    expect(processWorkingDays(c.process)).toBe(3);
    expect(
      processWorkingDays([
        { ...step, id: 'a', workingDays: 1 },
        { ...step, id: 'b', workingDays: 4, parallelGroup: 'p' },
        { ...step, id: 'c', workingDays: 2, parallelGroup: 'p' },
        { ...step, id: 'd', workingDays: 1 },
      ]),
    ).toBe(6);
  });

  it('rejects an accept step that is not first', () => {
    const c = content();
    const [accept, check, approve] = c.process as [
      ServiceItemContent['process'][number],
      ServiceItemContent['process'][number],
      ServiceItemContent['process'][number],
    ];
    expect(fieldsOf({ ...c, process: [check, accept, approve] })).toContain('process.1.kind');
  });

  it('rejects parallel groups that are not contiguous', () => {
    const c = content();
    const s = c.process[2] as ServiceItemContent['process'][number];
    const process = [
      c.process[0],
      { ...s, id: 'x', parallelGroup: 'g', workingDays: 0 },
      { ...s, id: 'y', workingDays: 0 },
      { ...s, id: 'z', parallelGroup: 'g', workingDays: 0 },
    ];
    expect(fieldsOf({ ...c, process: process as ServiceItemContent['process'] })).toEqual(['process.3.parallelGroup']);
  });

  it('rejects steps without an actor and unknown departments', () => {
    const c = content();
    const s = c.process[2] as ServiceItemContent['process'][number];
    const process = [
      c.process[0],
      { ...s, department: ' ' },
      { ...s, id: 'other', department: 'SH-NOPE' },
    ] as ServiceItemContent['process'];
    expect(fieldsOf({ ...c, process }, ['SH-HPF'])).toEqual(['process.1.department', 'process.2.department']);
    expect(fieldsOf({ ...c, responsibleDepartment: 'SH-NOPE' }, ['SH-HPF'])).toEqual(['responsibleDepartment']);
  });

  it('rejects references to unknown steps, questions and options', () => {
    const c = content();
    const materials = [
      ...c.materials,
      {
        ...(c.materials[0] as ServiceItemContent['materials'][number]),
        id: 'cert',
        source: { kind: 'earlier_step' as const, stepId: 'nope' },
      },
    ];
    expect(fieldsOf({ ...c, materials })).toEqual(['materials.4.source.stepId']);
    const bad = c.materials.map((m) => (m.id === 'contract' ? { ...m, when: { purpose: ['steal'] } } : m));
    expect(fieldsOf({ ...c, materials: bad })).toEqual(['materials.1.when.purpose']);
    const form = [...c.form, { ...(c.form[0] as ServiceItemContent['form'][number]), key: 'x.y', when: { colour: ['red'] } }];
    expect(fieldsOf({ ...c, form })).toEqual(['form.2.when.colour']);
    const process = c.process.map((s) => (s.id === 'check' ? { ...s, when: { purpose: ['sell'] } } : s));
    expect(fieldsOf({ ...c, process })).toEqual(['process.1.when.purpose']);
  });

  it('rejects duplicates, time limits that do not add up and a conditional material without a condition', () => {
    const c = content();
    expect(fieldsOf({ ...c, materials: [...c.materials, c.materials[0] as ServiceItemContent['materials'][number]] })).toEqual([
      'materials.4.id',
    ]);
    expect(fieldsOf({ ...c, promisedDays: 2 })).toEqual(['process']);
    expect(fieldsOf({ ...c, promisedDays: 11 })).toEqual(['promisedDays']);
    const m = c.materials.map((x) => (x.id === 'lease' ? { ...x, when: undefined } : x));
    expect(fieldsOf({ ...c, materials: m })).toEqual(['materials.2.when']);
  });

  it('throws CATALOGUE_PROCESS_INVALID naming the field, with every issue in details', () => {
    const c = content({ promisedDays: 11 });
    try {
      assertValidContent(c, { fieldPrefix: 'body.' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('CATALOGUE_PROCESS_INVALID');
      expect((error as AppError).field).toBe('body.promisedDays');
      expect((error as AppError).details?.issues).toEqual([{ field: 'body.promisedDays', message: expect.any(String) }]);
    }
  });

  it('checks bundle members', () => {
    const c = content({ bundleMembers: ['A-001', 'A-001'] });
    expect(fieldsOf(c)).toEqual(['bundleMembers.1']);
    expect(findContentIssues(content({ bundleMembers: ['SELF-1', 'B-002'] }), { code: 'SELF-1' }).map((i) => i.field)).toEqual([
      'bundleMembers.0',
    ]);
    expect(fieldsOf(content({ bundleMembers: ['A-001'] }))).toEqual(['bundleMembers']);
  });
});
