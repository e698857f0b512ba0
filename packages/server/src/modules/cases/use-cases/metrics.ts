import { AppError, type CaseMetrics } from '@tongban/domain';
import type { Ctx } from '../../../platform/context.ts';
import type { StaffActor } from '../cases.shared.ts';

/**
 * What the plan counts (减环节、减证明、减时间、减跑动), per item and overall: visits, materials the
 * applicant brought vs. the platform supplied, steps, elapsed working days vs. promised vs.
 * statutory. Overall counts each application once (a bundle, not its members).
 * @throws AUTH_FORBIDDEN without analytics.read or cases.supervise
 */
type Row = {
  item_code?: string;
  name_zh?: string;
  name_en?: string;
  cases: number;
  concluded: number;
  approved: number;
  visits_total: number | null;
  visits_avg: number | null;
  at_most_one: number;
  zero: number;
  by_applicant: number | null;
  by_platform: number | null;
  steps_avg: number | null;
  elapsed_avg: number | null;
  promised_avg: number | null;
  statutory_avg: number | null;
  on_time: number;
};

const aggregates = `count(*)::int as cases,
  count(*) filter (where concluded_at is not null)::int as concluded,
  count(*) filter (where status = 'approved')::int as approved,
  sum(visits)::int as visits_total,
  avg(visits)::float8 as visits_avg,
  count(*) filter (where concluded_at is not null and visits <= 1)::int as at_most_one,
  count(*) filter (where concluded_at is not null and visits = 0)::int as zero,
  sum(materials_by_applicant)::int as by_applicant,
  sum(materials_by_platform)::int as by_platform,
  (avg(steps_passed) filter (where concluded_at is not null))::float8 as steps_avg,
  (avg(elapsed_working_days) filter (where concluded_at is not null))::float8 as elapsed_avg,
  avg(promised_days)::float8 as promised_avg,
  avg(statutory_days)::float8 as statutory_avg,
  count(*) filter (where concluded_at is not null and elapsed_working_days <= promised_days)::int as on_time`;

const round = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
const share = (part: number, whole: number) => (whole === 0 ? null : round(part / whole));

function block(r: Row) {
  return {
    cases: r.cases,
    concluded: r.concluded,
    approved: r.approved,
    visitsTotal: r.visits_total ?? 0,
    visitsAverage: round(r.visits_avg) ?? 0,
    atMostOneVisitShare: share(r.at_most_one, r.concluded),
    zeroVisitShare: share(r.zero, r.concluded),
    materialsByApplicant: r.by_applicant ?? 0,
    materialsByPlatform: r.by_platform ?? 0,
    stepsAverage: round(r.steps_avg),
    elapsedWorkingDaysAverage: round(r.elapsed_avg),
    promisedDaysAverage: round(r.promised_avg),
    statutoryDaysAverage: round(r.statutory_avg),
    onTimeShare: share(r.on_time, r.concluded),
  };
}

export async function getCaseMetrics(ctx: Ctx, query: { item?: string | undefined }): Promise<CaseMetrics> {
  const actor = ctx.actor as StaffActor;
  if (!actor.permissions.has('analytics.read') && !actor.permissions.has('cases.supervise')) {
    throw new AppError('AUTH_FORBIDDEN', '需要 analytics.read 或 cases.supervise 权限。Needs analytics.read or cases.supervise.');
  }
  const item = query.item ?? null;
  const [overall] = await ctx.db.query<Row>(
    `select ${aggregates} from case_file where ($1::text is null and parent_id is null) or item_code = $1`,
    [item],
  );
  const items = await ctx.db.query<Row>(
    `select item_code, max(item_name_zh) as name_zh, max(item_name_en) as name_en, ${aggregates}
     from case_file where $1::text is null or item_code = $1 group by item_code order by count(*) desc, item_code limit 500`,
    [item],
  );
  return {
    overall: block(overall as Row),
    items: items.map((r) => ({
      itemCode: r.item_code as string,
      itemName: { zh: r.name_zh as string, en: r.name_en as string },
      ...block(r),
    })),
  };
}
