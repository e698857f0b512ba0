import { randomUUID } from 'node:crypto';
import {
  type AgentGrantBody,
  type AgentInvitation,
  AppError,
  type Enterprise,
  type EnterpriseCapacity,
  type MyInvitation,
  maskIdentifier,
  normaliseIdentifier,
} from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { enqueueNotification } from '../../../platform/notify/index.ts';
import { assertResidentId } from './accounts.ts';
import { enterpriseView, type MemberRow, memberSelect, requireRepresentative } from './enterprises.ts';
import { iso, isoOrNull, requireUser, type UserActor } from './shared.ts';

/**
 * Agent invitations (consent): the legal representative invites a person to act for the
 * enterprise; nothing is granted until the invitee accepts from their own account.
 */

const INVITATION_DAYS = 14;

/**
 * Invites a person to act for the enterprise as an agent (or to change the end of their
 * authorisation); nothing is granted until they accept (`acceptInvitation`). The answer is the
 * same whether or not the person has an account — an invitation to someone without one waits
 * for them to register — and a new invitation replaces a pending one to the same person.
 * @throws IDENTITY_ENTERPRISE_NOT_FOUND, IDENTITY_NOT_REPRESENTATIVE
 * @throws IDENTITY_ID_NUMBER_INVALID (field body.idNumber)
 * @throws CONFLICT the representative invites himself
 * @throws VALIDATION_FAILED validUntil is not in the future
 */
export async function inviteAgent(ctx: Ctx, creditCodeInput: string, input: AgentGrantBody): Promise<AgentInvitation> {
  const actor = requireUser(ctx.actor);
  const creditCode = normaliseIdentifier(creditCodeInput);
  const idNumber = normaliseIdentifier(input.idNumber);
  const now = ctx.clock.now();
  const validUntil = input.validUntil ? new Date(input.validUntil) : null;
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
  return ctx.db.transaction(async (tx) => {
    await requireRepresentative(tx, creditCode, actor);
    assertResidentId(idNumber, 'body.idNumber');
    if (validUntil && validUntil.getTime() <= now.getTime()) {
      throw new AppError('VALIDATION_FAILED', '授权截止时间须晚于当前时间。validUntil must be in the future.', {
        field: 'body.validUntil',
      });
    }
    if (idNumber === actor.idNumber) {
      throw new AppError('CONFLICT', '法定代表人无需授权自己。You are the legal representative.', { field: 'body.idNumber' });
    }
    const [row] = await tx.query<{ id: string }>(
      `insert into enterprise_invitation (id, credit_code, id_number, invited_by, valid_until, status, created_at, expires_at)
       values ($1, $2, $3, $4, $5, 'pending', $6, $7)
       on conflict (credit_code, id_number) where status = 'pending'
         do update set invited_by = $4, valid_until = $5, created_at = $6, expires_at = $7
       returning id`,
      [randomUUID(), creditCode, idNumber, actor.userId, validUntil, now, expiresAt],
    );
    const id = (row as { id: string }).id;
    const [enterprise] = await tx.query<{ name: string }>('select name from enterprise_account where credit_code = $1', [creditCode]);
    // To the person's inbox, which exists whether or not they have an account yet.
    await enqueueNotification(tx, ctx.jobs, now, {
      recipient: { type: 'person', idNumber },
      kind: 'identity.agent_invited',
      title: '经办人授权邀请 Invitation to act as an agent',
      body: `${enterprise?.name ?? creditCode} 邀请您作为经办人办理业务，请在“我的账户”中接受或拒绝。${enterprise?.name ?? creditCode} invites you to act for it as an agent; accept or decline it under My account.`,
      link: '/account',
    });
    await recordAudit(tx, now, {
      actor: { type: 'user', id: actor.userId },
      action: 'identity.agent.invited',
      target: { type: 'enterprise_account', id: creditCode },
      subject: idNumber,
      detail: { invitationId: id, validUntil: isoOrNull(validUntil), expiresAt: iso(expiresAt) },
      requestId: ctx.requestId,
    });
    return {
      id,
      idNumberMasked: maskIdentifier(idNumber),
      status: 'pending',
      validUntil: isoOrNull(validUntil),
      expiresAt: iso(expiresAt),
    };
  });
}

/** The enterprise's pending invitations (legal representative only). */
export async function listEnterpriseInvitations(ctx: Ctx, creditCodeInput: string): Promise<AgentInvitation[]> {
  const actor = requireUser(ctx.actor);
  const creditCode = normaliseIdentifier(creditCodeInput);
  await requireRepresentative(ctx.db, creditCode, actor);
  const rows = await ctx.db.query<{ id: string; id_number: string; valid_until: Date | null; expires_at: Date }>(
    `select id, id_number, valid_until, expires_at from enterprise_invitation
     where credit_code = $1 and status = 'pending' and expires_at > $2 order by created_at, id`,
    [creditCode, ctx.clock.now()],
  );
  return rows.map((r) => ({
    id: r.id,
    idNumberMasked: maskIdentifier(r.id_number),
    status: 'pending' as const,
    validUntil: isoOrNull(r.valid_until),
    expiresAt: iso(r.expires_at),
  }));
}

/** Invitations waiting for the caller's answer. */
export async function listMyInvitations(ctx: Ctx): Promise<MyInvitation[]> {
  const actor = requireUser(ctx.actor);
  const rows = await ctx.db.query<{
    id: string;
    credit_code: string;
    enterprise_name: string;
    invited_by_name: string;
    valid_until: Date | null;
    created_at: Date;
    expires_at: Date;
  }>(
    `select i.id, i.credit_code, e.name as enterprise_name, u.name as invited_by_name, i.valid_until, i.created_at, i.expires_at
     from enterprise_invitation i join enterprise_account e on e.credit_code = i.credit_code join user_account u on u.id = i.invited_by
     where i.id_number = $1 and i.status = 'pending' and i.expires_at > $2 order by i.created_at, i.id`,
    [actor.idNumber, ctx.clock.now()],
  );
  return rows.map((r) => ({
    id: r.id,
    creditCode: r.credit_code,
    enterpriseName: r.enterprise_name,
    invitedByName: r.invited_by_name,
    validUntil: isoOrNull(r.valid_until),
    createdAt: iso(r.created_at),
    expiresAt: iso(r.expires_at),
  }));
}

const noInvitation = () => new AppError('NOT_FOUND', '没有这份邀请，或已失效。No such invitation, or it is no longer valid.');

type InvitationRow = { id: string; credit_code: string; invited_by: string; valid_until: Date | null };

/** The caller's pending, unexpired invitation, locked; someone else's answers like a missing one. */
async function lockMyInvitation(tx: Sql, id: string, actor: UserActor, now: Date): Promise<InvitationRow> {
  const [row] = await tx.query<InvitationRow>(
    `select id, credit_code, invited_by, valid_until from enterprise_invitation
     where id = $1 and id_number = $2 and status = 'pending' and expires_at > $3 for update`,
    [id, actor.idNumber, now],
  );
  if (!row) throw noInvitation();
  return row;
}

/**
 * Accepts an invitation: the caller becomes an agent of the enterprise (or their authorisation's
 * end changes), provided the inviter is still its legal representative.
 * @throws NOT_FOUND no such pending invitation to the caller, or its inviter is no longer the representative
 * @throws CONFLICT the caller is the legal representative
 */
export async function acceptInvitation(ctx: Ctx, id: string): Promise<Enterprise> {
  const actor = requireUser(ctx.actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const invitation = await lockMyInvitation(tx, id, actor, now);
    const representative = await tx.query(
      "select 1 from enterprise_member where credit_code = $1 and user_id = $2 and capacity = 'legal_representative'",
      [invitation.credit_code, invitation.invited_by],
    );
    if (representative.length === 0) throw noInvitation();
    const updated = await tx.query<{ capacity: EnterpriseCapacity }>(
      `insert into enterprise_member (credit_code, user_id, capacity, granted_by, granted_at, valid_until)
       values ($1, $2, 'agent', $3, $4, $5)
       on conflict (credit_code, user_id) do update set granted_by = $3, granted_at = $4, valid_until = $5
         where enterprise_member.capacity = 'agent'
       returning capacity`,
      [invitation.credit_code, actor.userId, invitation.invited_by, now, invitation.valid_until],
    );
    if (updated.length === 0) throw new AppError('CONFLICT', '您是该企业的法定代表人。You are the legal representative.');
    await tx.query("update enterprise_invitation set status = 'accepted', answered_at = $2 where id = $1", [id, now]);
    await recordAudit(tx, now, {
      actor: { type: 'user', id: actor.userId },
      action: 'identity.agent.granted',
      target: { type: 'enterprise_account', id: invitation.credit_code },
      subject: invitation.credit_code,
      detail: {
        agentUserId: actor.userId,
        invitedBy: invitation.invited_by,
        invitationId: id,
        validUntil: isoOrNull(invitation.valid_until),
      },
      requestId: ctx.requestId,
    });
    const rows = await tx.query<MemberRow>(`${memberSelect} where m.credit_code = $1 and m.user_id = $2`, [
      invitation.credit_code,
      actor.userId,
    ]);
    return enterpriseView(tx, rows[0] as MemberRow);
  });
}

/**
 * Declines an invitation.
 * @throws NOT_FOUND no such pending invitation to the caller
 */
export async function declineInvitation(ctx: Ctx, id: string): Promise<void> {
  const actor = requireUser(ctx.actor);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const invitation = await lockMyInvitation(tx, id, actor, now);
    await tx.query("update enterprise_invitation set status = 'declined', answered_at = $2 where id = $1", [id, now]);
    await recordAudit(tx, now, {
      actor: { type: 'user', id: actor.userId },
      action: 'identity.agent.invitation_declined',
      target: { type: 'enterprise_account', id: invitation.credit_code },
      subject: invitation.credit_code,
      detail: { invitationId: id },
      requestId: ctx.requestId,
    });
  });
}
