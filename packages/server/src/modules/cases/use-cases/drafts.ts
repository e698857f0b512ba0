import { randomUUID } from 'node:crypto';
import { AppError, type Draft, type DraftBody, maskIdentifier } from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx, Platform } from '../../../platform/context.ts';
import { auditActorOf, iso } from '../cases.shared.ts';
import { assertPresentAtWindow, recordStaffRead } from '../staff-reads.ts';
import { walkInPerson } from './submit-case.ts';

/**
 * Drafts: an application saved before submission, keyed by the applicant's ID number so it can be
 * started online and finished at a window with the person present, or the reverse. They hold
 * pre-filled personal data, so they are deleted after CASE_DRAFT_RETENTION_DAYS.
 */
type DraftRow = {
  id: string;
  applicant_id_number: string;
  body: DraftBody;
  started_channel: 'online' | 'window';
  created_at: Date;
  updated_at: Date;
};

const DAY_MS = 24 * 60 * 60 * 1000;

function toDraft(row: DraftRow, retentionDays: number): Draft {
  return {
    ...row.body,
    id: row.id,
    applicantIdNumber: undefined,
    applicantIdNumberMasked: maskIdentifier(row.applicant_id_number),
    startedChannel: row.started_channel,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    purgeAfter: new Date(new Date(row.updated_at).getTime() + retentionDays * DAY_MS).toISOString(),
  };
}

function draftNotFound(): AppError {
  return new AppError('CASES_DRAFT_NOT_FOUND', '草稿不存在。No such draft.');
}

/** Whose draft a request concerns: the citizen themself, or the person at a clerk's window. */
async function applicantOf(
  ctx: Ctx,
  body: { applicantIdNumber?: string | undefined; enterpriseCreditCode?: string | undefined },
): Promise<string> {
  const actor = ctx.actor;
  if (actor.kind === 'user') {
    if (body.enterpriseCreditCode && !actor.enterprises.includes(body.enterpriseCreditCode)) {
      throw new AppError('CASES_NOT_REPRESENTATIVE', '您不是该企业的法定代表人或经办人。You do not act for this enterprise.', {
        field: 'body.enterpriseCreditCode',
      });
    }
    return actor.idNumber;
  }
  if (actor.kind === 'staff' && actor.permissions.has('cases.intake')) {
    if (!body.applicantIdNumber)
      throw new AppError('VALIDATION_FAILED', '请输入申请人身份证号码。Enter the applicant’s ID number.', {
        field: 'body.applicantIdNumber',
      });
    const person = await walkInPerson(ctx.db, body.applicantIdNumber);
    await assertPresentAtWindow(ctx, person.idNumber, 'body.applicantIdNumber');
    return person.idNumber;
  }
  throw new AppError('AUTH_FORBIDDEN', '只有申请人或窗口人员可以保存草稿。Only applicants and window clerks keep drafts.');
}

/** @throws CASES_NOT_REPRESENTATIVE, IDENTITY_NOT_IN_REGISTRY, CASES_DRAFT_NOT_FOUND */
export async function saveDraft(ctx: Ctx, body: DraftBody, id?: string): Promise<Draft> {
  const applicant = await applicantOf(ctx, body);
  const now = ctx.clock.now();
  const { applicantIdNumber: _omit, ...stored } = body;
  const by =
    ctx.actor.kind === 'staff' ? { type: 'staff', id: ctx.actor.staffId } : { type: 'user', id: (ctx.actor as { userId: string }).userId };
  return ctx.db.transaction(async (tx) => {
    let row: DraftRow | undefined;
    if (id) {
      [row] = await tx.query<DraftRow>(
        `update case_draft set body = $3, item_code = $4, enterprise_credit_code = $5, updated_at = $6 where id = $1 and applicant_id_number = $2 returning *`,
        [id, applicant, JSON.stringify(stored), body.itemCode, body.enterpriseCreditCode ?? null, now],
      );
      if (!row) throw draftNotFound();
    } else {
      [row] = await tx.query<DraftRow>(
        `insert into case_draft (id, applicant_id_number, enterprise_credit_code, item_code, body, started_channel, created_by_type, created_by_id, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning *`,
        [
          randomUUID(),
          applicant,
          body.enterpriseCreditCode ?? null,
          body.itemCode,
          JSON.stringify(stored),
          ctx.actor.kind === 'staff' ? 'window' : 'online',
          by.type,
          by.id,
          now,
        ],
      );
    }
    const saved = row as DraftRow;
    await recordAudit(tx, now, {
      actor: auditActorOf(ctx.actor),
      action: id ? 'cases.draft.updated' : 'cases.draft.created',
      target: { type: 'case_draft', id: saved.id },
      subject: applicant,
      detail: { itemCode: body.itemCode },
      requestId: ctx.requestId,
    });
    return toDraft(saved, ctx.config.CASE_DRAFT_RETENTION_DAYS);
  });
}

export async function listDrafts(ctx: Ctx, query: { applicantIdNumber?: string | undefined }): Promise<{ items: Draft[] }> {
  const applicant = await applicantOf(ctx, query);
  const rows = await ctx.db.query<DraftRow>('select * from case_draft where applicant_id_number = $1 order by updated_at desc limit 50', [
    applicant,
  ]);
  await recordStaffRead(ctx, {
    ...draftRead(applicant, null),
    fields: ['drafts'],
    target: { type: 'case_draft', id: maskIdentifier(applicant) },
  });
  return { items: rows.map((r) => toDraft(r, ctx.config.CASE_DRAFT_RETENTION_DAYS)) };
}

/** A citizen reaches only their own drafts; a clerk any draft whose id they were given at the window. */
async function findDraft(ctx: Ctx, id: string): Promise<DraftRow> {
  const actor = ctx.actor;
  const [row] = await ctx.db.query<DraftRow>('select * from case_draft where id = $1', [id]);
  if (!row) throw draftNotFound();
  if (actor.kind === 'user' && row.applicant_id_number === actor.idNumber) return row;
  if (actor.kind === 'staff' && actor.permissions.has('cases.intake')) {
    // Only with the person present (an ID-card read): the id alone opens nothing.
    await assertPresentAtWindow(ctx, row.applicant_id_number, 'params.id');
    return row;
  }
  throw draftNotFound();
}

export async function getDraft(ctx: Ctx, id: string): Promise<Draft> {
  const row = await findDraft(ctx, id);
  await recordStaffRead(ctx, {
    ...draftRead(row.applicant_id_number, row.body.itemCode),
    fields: ['form', 'answers', 'materials', 'contact'],
    target: { type: 'case_draft', id },
  });
  return toDraft(row, ctx.config.CASE_DRAFT_RETENTION_DAYS);
}

/** A clerk's read of the drafts of the person at the window, for that person's "who used my data". */
function draftRead(applicant: string, itemCode: string | null) {
  return {
    kind: 'draft' as const,
    subjects: [applicant],
    caseId: null,
    itemCode,
    resource: 'CASE-DRAFT',
    resourceName: { zh: '申请草稿', en: 'Application draft' },
    purpose: '窗口为在场申请人续办草稿 / continue a draft at a service window for the applicant present',
    holderDepartmentId: null,
  };
}

export async function deleteDraft(ctx: Ctx, id: string): Promise<void> {
  const row = await findDraft(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await tx.query('delete from case_draft where id = $1', [id]);
    await recordAudit(tx, ctx.clock.now(), {
      actor: auditActorOf(ctx.actor),
      action: 'cases.draft.deleted',
      target: { type: 'case_draft', id },
      subject: row.applicant_id_number,
      requestId: ctx.requestId,
    });
  });
}

/** Deletes drafts untouched for longer than the retention period. Returns how many. */
export async function purgeExpiredDrafts(platform: Pick<Platform, 'db' | 'clock' | 'config'>): Promise<number> {
  const now = platform.clock.now();
  const cutoff = new Date(now.getTime() - platform.config.CASE_DRAFT_RETENTION_DAYS * DAY_MS);
  return platform.db.transaction(async (tx) => {
    const deleted = await tx.query('delete from case_draft where updated_at < $1 returning id', [cutoff]);
    if (deleted.length > 0) {
      await recordAudit(tx, now, {
        actor: { type: 'system', id: 'cases.drafts.purge' },
        action: 'cases.draft.purged',
        detail: { count: deleted.length, before: cutoff.toISOString() },
      });
    }
    return deleted.length;
  });
}
