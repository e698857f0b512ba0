import type { Sql } from '../../../platform/db/db.ts';

/**
 * Purpose binding for the data hub (issue 14): whether a case is one a department handles — it is
 * the responsible department, or holds (or held) a task of it; for a bundle, of one of its members
 * — and whether the case is still open. A query of a person's data must cite such a case.
 */
export type CaseServiceFacts = { found: false } | { found: true; ours: boolean; open: boolean; submittedAt: Date };

export async function findCaseService(sql: Sql, caseId: string, departmentScope: readonly string[]): Promise<CaseServiceFacts> {
  const [row] = await sql.query<{ submitted_at: Date; concluded_at: Date | null; ours: boolean }>(
    `select c.submitted_at, c.concluded_at,
       (c.responsible_department_id = any($2::text[])
        or exists (select 1 from case_task t where t.case_id = c.id and t.department_id = any($2::text[]))
        or exists (select 1 from case_file m where m.parent_id = c.id and (m.responsible_department_id = any($2::text[])
                   or exists (select 1 from case_task t where t.case_id = m.id and t.department_id = any($2::text[]))))) as ours
     from case_file c where c.id = $1`,
    [caseId, [...departmentScope]],
  );
  if (!row) return { found: false };
  return { found: true, ours: row.ours, open: row.concluded_at === null, submittedAt: new Date(row.submitted_at) };
}
