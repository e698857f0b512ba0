import {
  AppError,
  allowedActions,
  type CaseDetail,
  type CaseStatus,
  chinaDateOf,
  deriveCaseState,
  elapsedWorkingDays,
  isTerminal,
  maskIdentifier,
  planSla,
  slaColourAt,
  suspensionIntervals,
} from '@tongban/domain';
import { loadWorkingCalendar } from '../../../platform/calendar/calendar-store.ts';
import type { Ctx } from '../../../platform/context.ts';
import {
  type ActionRow,
  actorViewOf,
  type CaseRow,
  getVisibleCase,
  isApplicantOf,
  iso,
  isoOrNull,
  listActionRows,
  toAction,
  type UserActor,
} from '../cases.shared.ts';
import { recordStaffRead } from '../staff-reads.ts';

type MaterialRow = {
  id: string;
  material_id: string;
  name_zh: string | null;
  name_en: string | null;
  provenance: CaseDetail['materials'][number]['provenance'];
  state: CaseDetail['materials'][number]['state'];
  file_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  source_ref: string | null;
  supplied_at: Date;
};

function memberSummary(m: CaseRow) {
  return {
    caseId: m.id,
    trackingNumber: m.tracking_no,
    itemCode: m.item_code,
    itemName: { zh: m.item_name_zh, en: m.item_name_en },
    departmentId: m.responsible_department_id,
    status: m.status,
    expectedCompletionDate: m.due_date,
  };
}

function note(payload: Record<string, unknown>): string | null {
  for (const key of ['reason', 'reasons', 'opinion', 'note'] as const) if (typeof payload[key] === 'string') return payload[key] as string;
  return null;
}

/**
 * The case as its applicant or a member of staff sees it: every step with its department and due
 * date, one timeline (a bundle's members included), materials with provenance, visits, what the
 * viewer may do next.
 * @throws CASES_NOT_FOUND (also when the viewer may not see it)
 */
export async function getCaseDetail(ctx: Ctx, id: string): Promise<CaseDetail> {
  const sql = ctx.db;
  const row = await getVisibleCase(sql, ctx.actor, id);
  const now = ctx.clock.now();
  const calendar = await loadWorkingCalendar(ctx.db);
  const share = ctx.config.CASE_SLA_WARNING_SHARE;
  const actionRows = await listActionRows(sql, row.id);
  const state = deriveCaseState(actionRows.map(toAction), row.plan);
  const members = row.is_bundle
    ? await sql.query<CaseRow>('select * from case_file where parent_id = $1 order by item_code', [row.id])
    : [];
  const timelineSources: { row: CaseRow; actions: ActionRow[] }[] = [{ row, actions: actionRows }];
  for (const m of members) timelineSources.push({ row: m, actions: await listActionRows(sql, m.id) });
  const caseIds = [row.id, ...members.map((m) => m.id)];

  const materials = await sql.query<MaterialRow>(
    `select id, material_id, name_zh, name_en, provenance, state, file_name, media_type, size_bytes, sha256, source_ref, supplied_at
     from case_material where case_id = any($1::text[]) order by supplied_at, material_id`,
    [caseIds],
  );
  const visits = await sql.query<{ at: Date; reason: CaseDetail['visits'][number]['reason']; service_centre_id: string | null }>(
    'select at, reason, service_centre_id from case_visit where case_id = any($1::text[]) order by at, id',
    [caseIds],
  );
  const [result] = await sql.query<{
    outcome: string;
    decided_at: Date;
    certificate_no: string | null;
    reasons: string;
    legal_basis: { law: string; article?: string }[];
  }>('select outcome, decided_at, certificate_no, reasons, legal_basis from case_result where case_id = $1', [row.id]);

  const steps = row.plan.steps.map((p) => {
    const s = state.steps.find((x) => x.id === p.id);
    const active = s?.state === 'open' || s?.state === 'suspended';
    const sla = s?.openedAt ? planSla(calendar, s.openedAt, p.workingDays, suspensionIntervals(s.suspensions), share) : undefined;
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      departmentId: p.departmentId,
      role: p.role,
      stage: p.stage,
      state: s?.state ?? 'pending',
      attempt: s?.attempt ?? 0,
      openedAt: s?.openedAt ?? null,
      closedAt: s?.closedAt ?? null,
      dueDate: sla?.dueDate ?? null,
      sla: active && sla ? slaColourAt(now, sla) : null,
    };
  });

  const timeline = timelineSources
    .flatMap(({ row: r, actions }) =>
      actions.map((a) => ({
        seq: a.seq,
        caseId: r.id,
        itemCode: r.item_code,
        kind: a.kind,
        at: iso(a.at),
        stepId: a.step_id,
        actor: { type: a.actor_type, name: a.actor_name, departmentId: a.actor_department_id },
        note: note(a.payload),
        detail: publicDetail(a.payload),
      })),
    )
    .sort((a, b) => a.at.localeCompare(b.at) || a.caseId.localeCompare(b.caseId) || a.seq - b.seq);

  const lastSupplement = [...actionRows].reverse().find((a) => a.kind === 'supplement_requested');
  const terminal = isTerminal(row.status);
  const submittedDate = chinaDateOf(new Date(row.submitted_at));
  const view = actorViewOf(ctx.actor, isApplicantOf(ctx.actor, row));
  await recordStaffRead(ctx, {
    ...caseReadOf(row),
    kind: 'case',
    resource: 'CASE-FILE',
    resourceName: { zh: '办件（申请表、材料、办理过程）', en: 'Case file (form, materials, timeline)' },
    fields: ['applicant', 'form', 'answers', 'materials', 'timeline'],
  });
  const allowed = row.is_bundle
    ? !terminal && view.kind === 'applicant'
      ? [{ action: 'withdraw' as const, stepId: null }]
      : []
    : allowedActions(state, row.plan, view).map((a) => ({ action: a.action, stepId: a.stepId ?? null }));

  return {
    id: row.id,
    trackingNumber: row.tracking_no,
    parentId: row.parent_id,
    isBundle: row.is_bundle,
    itemCode: row.item_code,
    itemVersion: row.item_version,
    catalogueVersionId: row.catalogue_version_id,
    itemName: { zh: row.item_name_zh, en: row.item_name_en },
    channel: row.channel,
    serviceCentreId: row.service_centre_id,
    responsibleDepartmentId: row.responsible_department_id,
    status: row.status,
    outcome: (row.outcome as CaseDetail['outcome']) ?? null,
    version: row.version,
    applicant: {
      type: row.applicant_type,
      name: row.applicant_name,
      idNumberMasked: maskIdentifier(row.applicant_id_number),
      enterpriseCreditCode: row.enterprise_credit_code,
      enterpriseName: row.enterprise_name,
      agentName: row.applicant_type === 'enterprise' ? row.applicant_name : null,
    },
    submittedAt: iso(row.submitted_at),
    concludedAt: isoOrNull(row.concluded_at),
    expectedCompletionDate: row.due_date,
    statutoryCompletionDate: row.statutory_due_date,
    clockStopped: !terminal && row.due_date === null,
    promisedDays: row.promised_days,
    statutoryDays: row.statutory_days,
    elapsedWorkingDays:
      row.elapsed_working_days ?? elapsedWorkingDays(calendar, submittedDate, chinaDateOf(now), suspensionIntervals(state.suspensions)),
    sla: terminal ? null : slaColourAt(now, { dueAt: row.due_at, warnAt: row.warn_at }),
    answers: row.answers,
    form: row.form,
    delivery: row.delivery as CaseDetail['delivery'],
    steps,
    timeline,
    materials: materials.map((m) => ({
      id: m.id,
      materialId: m.material_id,
      name: m.name_zh && m.name_en ? { zh: m.name_zh, en: m.name_en } : null,
      provenance: m.provenance,
      state: m.state,
      fileName: m.file_name,
      mediaType: m.media_type,
      sizeBytes: m.size_bytes === null ? null : Number(m.size_bytes),
      sha256: m.sha256,
      sourceRef: m.source_ref,
      suppliedAt: iso(m.supplied_at),
    })),
    visits: visits.map((v) => ({ at: iso(v.at), reason: v.reason, serviceCentreId: v.service_centre_id })),
    supplementRequest:
      row.status === 'supplement_requested' && lastSupplement
        ? {
            at: iso(lastSupplement.at),
            reason: String(lastSupplement.payload.reason ?? ''),
            missing: ((lastSupplement.payload.missing as { materialId?: string; description: string }[] | undefined) ?? []).map((m) => ({
              materialId: m.materialId ?? null,
              description: m.description,
            })),
          }
        : null,
    allowedActions: allowed,
    members: members.map(memberSummary),
    result: result
      ? {
          outcome: result.outcome as NonNullable<CaseDetail['result']>['outcome'],
          decidedAt: iso(result.decided_at),
          certificateNumber: result.certificate_no,
          reasons: result.reasons,
          legalBasis: result.legal_basis,
          collected: state.resultCollected,
        }
      : null,
  };
}

/** Whom and what a staff read of the case concerns, for the person's "who used my data". */
export function caseReadOf(row: CaseRow, purpose = '办理或查阅办件 / handle or consult the case') {
  return {
    subjects: [row.applicant_id_number, ...(row.enterprise_credit_code ? [row.enterprise_credit_code] : [])],
    caseId: row.id,
    itemCode: row.item_code,
    purpose,
    holderDepartmentId: row.responsible_department_id,
    target: { type: 'case', id: row.id },
  };
}

/**
 * A material's stored file, for the applicant or staff who may see the case; a staff download is
 * logged as a read of the person's data.
 * @throws CASES_NOT_FOUND, NOT_FOUND
 */
export async function readMaterialFile(ctx: Ctx, caseId: string, materialId: string) {
  const row = await getVisibleCase(ctx.db, ctx.actor, caseId);
  const [file] = await ctx.db.query<{
    material_id: string;
    name_zh: string | null;
    name_en: string | null;
    storage_key: string | null;
    media_type: string | null;
    file_name: string | null;
    size_bytes: number | null;
  }>(
    `select material_id, name_zh, name_en, storage_key, media_type, file_name, size_bytes from case_material m
     where m.id = $1 and (m.case_id = $2 or m.case_id in (select id from case_file where parent_id = $2))`,
    [materialId, row.id],
  );
  if (!file?.storage_key) throw new AppError('NOT_FOUND', '文件不存在。The file does not exist.');
  await recordStaffRead(ctx, {
    ...caseReadOf(row),
    kind: 'material_file',
    resource: 'CASE-MATERIAL',
    resourceName: {
      zh: `办件材料：${file.name_zh ?? file.material_id}`,
      en: `Case material: ${file.name_en ?? file.material_id}`,
    },
    fields: [file.material_id],
    target: { type: 'case_material', id: materialId },
  });
  return {
    storageKey: file.storage_key,
    mediaType: file.media_type ?? 'application/octet-stream',
    fileName: file.file_name ?? 'material',
    size: file.size_bytes === null ? undefined : Number(file.size_bytes),
  };
}

/** What of an action's payload the timeline shows (no upload ids). */
function publicDetail(payload: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['toStepId', 'procedure', 'outcome', 'channel', 'missing', 'legalBasis', 'visit', 'members'] as const) {
    if (payload[key] !== undefined) out[key] = payload[key];
  }
  return out;
}

/** The applicant's own cases, their enterprises' and those they filed; a bundle appears once. */
export async function listMyCases(ctx: Ctx, query: { page: number; pageSize: number }) {
  const actor = ctx.actor as UserActor;
  const where = `parent_id is null and (applicant_id_number = $1 or enterprise_credit_code = any($2::text[]) or (filed_by_type = 'user' and filed_by_id = $3))`;
  const params = [actor.idNumber, [...actor.enterprises], actor.userId];
  const rows = await ctx.db.query<CaseRow>(`select * from case_file where ${where} order by submitted_at desc, id limit $4 offset $5`, [
    ...params,
    query.pageSize,
    (query.page - 1) * query.pageSize,
  ]);
  const [count] = await ctx.db.query<{ n: number }>(`select count(*)::int as n from case_file where ${where}`, params);
  return { items: rows.map(listItem), total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export function listItem(r: CaseRow) {
  return {
    id: r.id,
    trackingNumber: r.tracking_no,
    itemCode: r.item_code,
    itemName: { zh: r.item_name_zh, en: r.item_name_en },
    isBundle: r.is_bundle,
    channel: r.channel,
    status: r.status as CaseStatus,
    submittedAt: iso(r.submitted_at),
    expectedCompletionDate: r.due_date,
    applicantName: r.applicant_name,
    enterpriseName: r.enterprise_name,
  };
}

/**
 * A window clerk finds a case for the person at the window by tracking number and ID number
 * (both must match; otherwise the same not-found). The find is a read of the person's case.
 */
export async function lookupCaseAtWindow(ctx: Ctx, trackingNumber: string, idNumber: string) {
  const [row] = await ctx.db.query<CaseRow>('select * from case_file where tracking_no = $1 and applicant_id_number = $2', [
    trackingNumber,
    idNumber,
  ]);
  if (!row) return undefined;
  await recordStaffRead(ctx, {
    ...caseReadOf(row, '窗口为在场申请人查询办件 / find a case for the applicant present at a service window'),
    kind: 'case_lookup',
    resource: 'CASE-FILE',
    resourceName: { zh: '办件（查件）', en: 'Case file (lookup)' },
    fields: ['status', 'applicant'],
  });
  return listItem(row);
}
