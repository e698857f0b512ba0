import { randomUUID } from 'node:crypto';
import { AppError, type LicenceStatus, licenceStatusLabels, type StatusChangeAction } from '@tongban/domain';
import { type AuditActor, recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx, Platform } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { enqueueNotification } from '../../../platform/notify/index.ts';
import { iso, type LicenceRow, licenceNotFound } from '../licences.shared.ts';
import { bumpStatusLists } from './status-lists.ts';

/**
 * Revocation (吊销/撤销, final), suspension (暂停) and reinstatement, each an audited action with a
 * reason by the issuing department (its approvers and administrators: `licences.revoke`) or by
 * another module on its own authority (supervision, when a commitment is broken). The change and
 * the status lists' version move in one transaction; the next status list fetch shows it.
 */
const transitions: Record<StatusChangeAction, { from: readonly LicenceStatus[]; to: LicenceStatus }> = {
  revoke: { from: ['active', 'suspended'], to: 'revoked' },
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
};

const verbs: Record<StatusChangeAction, string> = { revoke: 'revoked', suspend: 'suspended', reinstate: 'reinstated' };

export type StatusChangeResult = { id: string; status: LicenceStatus; statusReason: string; statusChangedAt: string };

type By = { actor: AuditActor; requestId?: string | undefined };

async function applyChange(
  deps: Pick<Platform, 'clock' | 'jobs'>,
  tx: Sql,
  row: LicenceRow,
  action: StatusChangeAction,
  reason: string,
  by: By,
): Promise<StatusChangeResult> {
  const rule = transitions[action];
  if (!rule.from.includes(row.status)) {
    throw new AppError(
      'LICENCES_INVALID_TRANSITION',
      `证照当前状态为「${licenceStatusLabels[row.status].zh}」，不能${action === 'revoke' ? '吊销' : action === 'suspend' ? '暂停' : '恢复'}。A ${row.status} licence cannot be ${verbs[action]}.`,
      { details: { status: row.status, action } },
    );
  }
  const at = deps.clock.now();
  await tx.query('update licence set status = $2, status_reason = $3, status_changed_at = $4 where id = $1', [row.id, rule.to, reason, at]);
  await tx.query(
    `insert into licence_status_event (id, licence_id, action, from_status, to_status, reason, actor_type, actor_id, at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [randomUUID(), row.id, action, row.status, rule.to, reason, by.actor.type, by.actor.id ?? null, at],
  );
  await bumpStatusLists(tx, row.issuer_department_id, row.list_seq);
  await recordAudit(tx, at, {
    actor: by.actor,
    action: `licences.licence.${verbs[action]}`,
    target: { type: 'licence', id: row.id },
    subject: row.holder_id,
    detail: { licenceNumber: row.licence_no, type: row.type_code, from: row.status, to: rule.to, reason },
    requestId: by.requestId,
  });
  if (row.holder_kind === 'person') {
    await enqueueNotification(tx, deps.jobs, at, {
      recipient: { type: 'person', idNumber: row.holder_id },
      kind: `licences.${verbs[action]}`,
      title: `电子证照状态变更：${licenceStatusLabels[rule.to].zh} Licence ${rule.to}`,
      body: `您的电子证照（编号 ${row.licence_no}）现为「${licenceStatusLabels[rule.to].zh}」。原因：${reason}。Your licence ${row.licence_no} is now ${rule.to}.`,
      link: `/portal/licences/${row.id}`,
    });
  }
  return { id: row.id, status: rule.to, statusReason: reason, statusChangedAt: iso(at) };
}

/**
 * A staff member of the issuing department (or a department above it) changes a licence's status.
 * Staff of other departments get the same answer as for a missing licence.
 * @throws LICENCES_NOT_FOUND, LICENCES_INVALID_TRANSITION
 */
export async function changeLicenceStatus(ctx: Ctx, id: string, action: StatusChangeAction, reason: string): Promise<StatusChangeResult> {
  const actor = ctx.actor;
  if (actor.kind !== 'staff' || !actor.permissions.has('licences.revoke')) throw licenceNotFound();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.query<LicenceRow>('select * from licence where id = $1 for update', [id]);
    if (!row || !actor.departmentScope.includes(row.issuer_department_id)) throw licenceNotFound();
    return applyChange(ctx, tx, row, action, reason, { actor: { type: 'staff', id: actor.staffId }, requestId: ctx.requestId });
  });
}

export type RevokeInput = {
  licenceId: string;
  reason: string;
  /** Join the caller's transaction (e.g. supervision recording a broken commitment in the same one). */
  tx?: Sql | undefined;
  /** Act on the calling module's own authority instead of the context's staff member. */
  system?: { id: string } | undefined;
};

/**
 * Revokes a licence — for other modules (supervision: a broken commitment under 告知承诺制).
 * With `system`, the calling module vouches for the decision and the audit entry names it; else
 * the context's staff member must hold `licences.revoke` over the issuing department.
 * @throws LICENCES_NOT_FOUND, LICENCES_INVALID_TRANSITION
 */
export async function revokeLicence(ctx: Ctx, input: RevokeInput): Promise<StatusChangeResult> {
  const run = async (tx: Sql) => {
    const [row] = await tx.query<LicenceRow>('select * from licence where id = $1 for update', [input.licenceId]);
    if (!row) throw licenceNotFound();
    if (!input.system) {
      const actor = ctx.actor;
      if (actor.kind !== 'staff' || !actor.permissions.has('licences.revoke') || !actor.departmentScope.includes(row.issuer_department_id))
        throw licenceNotFound();
    }
    const actor: AuditActor = input.system
      ? { type: 'system', id: input.system.id }
      : { type: 'staff', id: ctx.actor.kind === 'staff' ? ctx.actor.staffId : undefined };
    return applyChange(ctx, tx, row, 'revoke', input.reason, { actor, requestId: ctx.requestId });
  };
  return input.tx ? run(input.tx) : ctx.db.transaction(run);
}
