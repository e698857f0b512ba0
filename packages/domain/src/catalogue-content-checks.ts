import type { ProcessStep, ServiceItemContent, SituationQuestion } from './catalogue.ts';
import type { SituationCondition } from './catalogue-situations.ts';
import { AppError } from './errors.ts';

/**
 * The consistency checks a catalogue version must pass before it is saved or published, shared by
 * the server and the web app, and the working days a process takes. No I/O: the caller supplies
 * what it knows (e.g. which departments exist).
 */

/**
 * Working days the process takes at most: sequential steps add up, a parallel group counts its
 * longest member.
 */
export function processWorkingDays(steps: readonly ProcessStep[]): number {
  let total = 0;
  let i = 0;
  while (i < steps.length) {
    const step = steps[i] as ProcessStep;
    if (!step.parallelGroup) {
      total += step.workingDays;
      i++;
      continue;
    }
    let longest = 0;
    while (i < steps.length && (steps[i] as ProcessStep).parallelGroup === step.parallelGroup) {
      longest = Math.max(longest, (steps[i] as ProcessStep).workingDays);
      i++;
    }
    total += longest;
  }
  return total;
}

export type ContentIssue = { field: string; message: string };

export type ValidateContentOptions = {
  /** The item's own code (a bundle must not contain itself). */
  code?: string;
  /** Which department ids exist; unchecked when omitted. */
  departmentExists?: (id: string) => boolean;
};

function checkCondition(
  when: SituationCondition | undefined,
  situations: readonly SituationQuestion[],
  field: string,
  issues: ContentIssue[],
) {
  if (!when) return;
  for (const [question, options] of Object.entries(when)) {
    const q = situations.find((s) => s.id === question);
    if (!q) {
      issues.push({
        field: `${field}.${question}`,
        message: `条件引用了不存在的情形问题 "${question}"。The condition refers to an unknown situation question.`,
      });
      continue;
    }
    for (const option of options) {
      if (!q.options.some((o) => o.id === option)) {
        issues.push({
          field: `${field}.${question}`,
          message: `"${option}" 不是情形问题 "${question}" 的选项。The condition refers to an unknown option.`,
        });
      }
    }
  }
}

function duplicates<T>(items: readonly T[], key: (x: T) => string, field: (i: number) => string, what: string, issues: ContentIssue[]) {
  const seen = new Set<string>();
  items.forEach((x, i) => {
    const k = key(x);
    if (seen.has(k)) issues.push({ field: field(i), message: `${what} "${k}" 重复。Duplicate ${what}.` });
    seen.add(k);
  });
}

/**
 * The consistency rules a version must satisfy beyond its zod shape: every reference resolves
 * (steps, situation questions and options, departments), steps have an actor, an `accept` step
 * comes first, parallel groups are contiguous, no step is unreachable, time limits add up.
 * Returns every issue with the dotted field it concerns (relative to the content).
 */
export function findContentIssues(content: ServiceItemContent, options: ValidateContentOptions = {}): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const { situations, materials, form, process } = content;
  const exists = options.departmentExists;
  const checkDepartment = (id: string, field: string) => {
    if (id === 'responsible' || !exists) return;
    if (!exists(id)) issues.push({ field, message: `部门 "${id}" 不存在。Unknown department.` });
  };

  duplicates(
    situations,
    (s) => s.id,
    (i) => `situations.${i}.id`,
    'situation question id',
    issues,
  );
  for (const [i, s] of situations.entries()) {
    duplicates(
      s.options,
      (o) => o.id,
      (j) => `situations.${i}.options.${j}.id`,
      'option id',
      issues,
    );
  }
  duplicates(
    materials,
    (m) => m.id,
    (i) => `materials.${i}.id`,
    'material id',
    issues,
  );
  duplicates(
    form,
    (f) => f.key,
    (i) => `form.${i}.key`,
    'form field key',
    issues,
  );
  duplicates(
    process,
    (s) => s.id,
    (i) => `process.${i}.id`,
    'step id',
    issues,
  );

  if (content.responsibleDepartment === 'responsible') {
    issues.push({ field: 'responsibleDepartment', message: '责任部门须为具体部门。The responsible department must be a real department.' });
  } else checkDepartment(content.responsibleDepartment, 'responsibleDepartment');
  for (const [i, d] of content.implementingDepartments.entries()) checkDepartment(d, `implementingDepartments.${i}`);

  const stepIds = new Set(process.map((s) => s.id));
  materials.forEach((m, i) => {
    checkCondition(m.when, situations, `materials.${i}.when`, issues);
    if (m.requirement === 'conditional' && !m.when) {
      issues.push({
        field: `materials.${i}.when`,
        message: '按情形提交的材料须写明情形条件。A conditional material needs a `when` condition.',
      });
    }
    if (m.source.kind === 'earlier_step' && !stepIds.has(m.source.stepId)) {
      issues.push({ field: `materials.${i}.source.stepId`, message: `材料引用了不存在的环节 "${m.source.stepId}"。Unknown step.` });
    }
  });
  form.forEach((f, i) => {
    checkCondition(f.when, situations, `form.${i}.when`, issues);
    if (f.type === 'select' && (!f.options || f.options.length === 0)) {
      issues.push({ field: `form.${i}.options`, message: '下拉字段须有选项。A select field needs options.' });
    }
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) issues.push({ field: `form.${i}.min`, message: 'min > max' });
  });

  process.forEach((step, i) => {
    const field = `process.${i}`;
    if (!step.department.trim()) issues.push({ field: `${field}.department`, message: '环节缺少办理部门。The step has no department.' });
    else checkDepartment(step.department, `${field}.department`);
    if (!step.role) issues.push({ field: `${field}.role`, message: '环节缺少办理角色。The step has no role.' });
    if (step.kind === 'accept' && i !== 0) {
      issues.push({ field: `${field}.kind`, message: '受理环节必须是第一个环节。An accept step must come first.' });
    }
    checkCondition(step.when, situations, `${field}.when`, issues);
  });
  const closedGroups = new Set<string>();
  process.forEach((step, i) => {
    const previous = process[i - 1]?.parallelGroup;
    if (previous && previous !== step.parallelGroup) closedGroups.add(previous);
    if (step.parallelGroup && closedGroups.has(step.parallelGroup)) {
      issues.push({
        field: `process.${i}.parallelGroup`,
        message: `并联组 "${step.parallelGroup}" 的环节必须相邻。Steps of a parallel group must be contiguous.`,
      });
    }
  });
  if (process.length > 0 && process.every((s) => s.when !== undefined)) {
    issues.push({ field: 'process', message: '至少一个环节须无条件执行。At least one step must always run.' });
  }

  if (content.statutoryDays > 0 && content.promisedDays > content.statutoryDays) {
    issues.push({ field: 'promisedDays', message: '承诺时限不得超过法定时限。The promised time limit cannot exceed the statutory one.' });
  }
  const budget = processWorkingDays(process);
  if (budget > content.promisedDays) {
    issues.push({
      field: 'process',
      message: `各环节时限合计 ${budget} 个工作日，超过承诺时限 ${content.promisedDays}。The steps take longer than the promised time limit.`,
    });
  }
  if (content.channels.length !== new Set(content.channels).size) issues.push({ field: 'channels', message: 'Duplicate channel.' });

  if (content.bundleMembers) {
    if (content.bundleMembers.length < 2)
      issues.push({ field: 'bundleMembers', message: '"一件事"至少包含两个事项。A bundle needs at least two member items.' });
    duplicates(
      content.bundleMembers,
      (c) => c,
      (i) => `bundleMembers.${i}`,
      'member item',
      issues,
    );
    content.bundleMembers.forEach((c, i) => {
      if (c === options.code)
        issues.push({ field: `bundleMembers.${i}`, message: '"一件事"不能包含自身。A bundle cannot contain itself.' });
    });
  }
  return issues;
}

/** Throws the first content issue as `CATALOGUE_PROCESS_INVALID` (all issues in `details.issues`). */
export function assertValidContent(content: ServiceItemContent, options: ValidateContentOptions & { fieldPrefix?: string } = {}): void {
  const issues = findContentIssues(content, options);
  const first = issues[0];
  if (!first) return;
  const prefix = options.fieldPrefix ?? '';
  const withPrefix = issues.map((i) => ({ field: `${prefix}${i.field}`, message: i.message }));
  throw new AppError('CATALOGUE_PROCESS_INVALID', `${prefix}${first.field}: ${first.message}`, {
    field: `${prefix}${first.field}`,
    details: { issues: withPrefix.slice(0, 20) },
  });
}
