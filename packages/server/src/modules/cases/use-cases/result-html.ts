import { AppError } from '@tongban/domain';
import type { Ctx } from '../../../platform/context.ts';
import { type CaseRow, getVisibleCase, iso } from '../cases.shared.ts';
import { recordStaffRead } from '../staff-reads.ts';
import { caseReadOf } from './read-case.ts';

/**
 * The result as a printable HTML page (PDF-free): a 准予/不予决定书 with reasons and legal basis,
 * or for a bundle the results of every member. E-licences come from the licences module later.
 * @throws CASES_NOT_FOUND, CASES_RESULT_NOT_READY
 */
const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

type ResultRow = {
  case_id: string;
  outcome: string;
  reasons: string;
  legal_basis: { law: string; article?: string }[];
  certificate_no: string | null;
  decided_at: Date;
  delivery: { method: string };
};

const outcomeTitle: Record<string, { zh: string; en: string }> = {
  approved: { zh: '准予行政许可决定书', en: 'Decision of approval' },
  refused: { zh: '不予行政许可决定书', en: 'Decision of refusal' },
  not_accepted: { zh: '不予受理通知书', en: 'Notice of non-acceptance' },
};

function section(row: CaseRow, result: ResultRow): string {
  const title = outcomeTitle[result.outcome] ?? { zh: '办理结果', en: 'Result' };
  const basis = result.legal_basis.map((b) => `<li>${esc(b.law)}${b.article ? ` ${esc(b.article)}` : ''}</li>`).join('');
  return `<section class="doc">
  <h1>${esc(title.zh)}<small>${esc(title.en)}</small></h1>
  <dl>
    <dt>办件编号 Tracking number</dt><dd>${esc(row.tracking_no)}</dd>
    <dt>事项 Service</dt><dd>${esc(row.item_name_zh)} · ${esc(row.item_name_en)}（${esc(row.item_code)}，第 ${row.item_version} 版）</dd>
    <dt>申请人 Applicant</dt><dd>${esc(row.enterprise_name ?? row.applicant_name)}</dd>
    ${result.certificate_no ? `<dt>证书编号 Certificate</dt><dd>${esc(result.certificate_no)}</dd>` : ''}
    <dt>决定日期 Date</dt><dd>${esc(iso(result.decided_at).slice(0, 10))}</dd>
    <dt>理由 Reasons</dt><dd>${esc(result.reasons)}</dd>
    ${basis ? `<dt>依据 Legal basis</dt><dd><ul>${basis}</ul></dd>` : ''}
    <dt>送达方式 Delivery</dt><dd>${esc(result.delivery.method)}</dd>
  </dl>
</section>`;
}

export async function renderResultHtml(ctx: Ctx, id: string): Promise<string> {
  const row = await getVisibleCase(ctx.db, ctx.actor, id);
  const rows: CaseRow[] = row.is_bundle
    ? await ctx.db.query<CaseRow>('select * from case_file where parent_id = $1 order by item_code', [row.id])
    : [row];
  const results = await ctx.db.query<ResultRow>(
    'select case_id, outcome, reasons, legal_basis, certificate_no, decided_at, delivery from case_result where case_id = any($1::text[])',
    [rows.map((r) => r.id)],
  );
  if (results.length === 0) throw new AppError('CASES_RESULT_NOT_READY', '尚未办结，暂无结果。The case has no result yet.');
  await recordStaffRead(ctx, {
    ...caseReadOf(row),
    kind: 'case_result',
    resource: 'CASE-RESULT',
    resourceName: { zh: '办理结果（决定书）', en: 'Case result (decision)' },
    fields: ['outcome', 'reasons', 'certificate_no'],
  });
  const sections = rows
    .map((r) => {
      const result = results.find((x) => x.case_id === r.id);
      return result
        ? section(r, result)
        : `<section class="doc"><h1>${esc(r.item_name_zh)}<small>办理中 In progress</small></h1></section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>办理结果 ${esc(row.tracking_no)}</title>
<style>body{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#111}
.doc{border:2px solid #b22;padding:1.5rem 2rem;margin-bottom:2rem}h1{text-align:center;color:#b22;font-size:1.6rem}
h1 small{display:block;font-size:.9rem;color:#555}dt{font-weight:bold;margin-top:.6rem}dd{margin:0 0 0 1rem}
@media print{.doc{page-break-after:always}}</style></head>
<body>
${sections}
</body></html>`;
}
