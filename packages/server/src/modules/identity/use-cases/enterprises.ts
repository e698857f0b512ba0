import {
  AppError,
  checkCreditCode,
  type Enterprise,
  type EnterpriseAgent,
  type EnterpriseCapacity,
  maskIdentifier,
  normaliseIdentifier,
} from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { findRegistryEnterprise } from '../../registry/index.ts';
import { iso, isoOrNull, isUniqueViolation, requireUser, type UserActor } from './shared.ts';

/**
 * Enterprise accounts. The legal representative named in the enterprise registry registers the
 * enterprise and authorises agents (经办人), who then act for it until their authorisation ends.
 */

export type MemberRow = {
  credit_code: string;
  name: string;
  capacity: EnterpriseCapacity;
  valid_until: Date | null;
  registered_at: Date;
};

type AgentRow = { user_id: string; name: string; id_number: string; granted_at: Date; valid_until: Date | null };

function toAgent(r: AgentRow): EnterpriseAgent {
  return {
    userId: r.user_id,
    name: r.name,
    idNumberMasked: maskIdentifier(r.id_number),
    grantedAt: iso(r.granted_at),
    validUntil: isoOrNull(r.valid_until),
  };
}

async function listAgents(sql: Sql, creditCode: string): Promise<EnterpriseAgent[]> {
  const rows = await sql.query<AgentRow>(
    `select m.user_id, u.name, u.id_number, m.granted_at, m.valid_until
     from enterprise_member m join user_account u on u.id = m.user_id
     where m.credit_code = $1 and m.capacity = 'agent' order by m.granted_at, m.user_id`,
    [creditCode],
  );
  return rows.map(toAgent);
}

export async function enterpriseView(sql: Sql, row: MemberRow): Promise<Enterprise> {
  return {
    creditCode: row.credit_code,
    name: row.name,
    capacity: row.capacity,
    validUntil: isoOrNull(row.valid_until),
    registeredAt: iso(row.registered_at),
    agents: row.capacity === 'legal_representative' ? await listAgents(sql, row.credit_code) : [],
  };
}

export const memberSelect = `select m.credit_code, e.name, m.capacity, m.valid_until, e.created_at as registered_at
  from enterprise_member m join enterprise_account e on e.credit_code = m.credit_code`;

function assertCreditCode(creditCode: string, field: string) {
  if (checkCreditCode(creditCode)) {
    throw new AppError('IDENTITY_CREDIT_CODE_INVALID', '统一社会信用代码有误，请核对。The unified social credit code is not valid.', {
      field,
    });
  }
}

/**
 * Registers an enterprise account for the caller, who must be its legal representative in the
 * enterprise registry. When the registry names a new representative of an enterprise that
 * already has an account, the new one takes the representative's place.
 * @throws IDENTITY_CREDIT_CODE_INVALID (field body.creditCode)
 * @throws IDENTITY_NOT_IN_REGISTRY unknown, revoked or cancelled enterprise
 * @throws IDENTITY_NOT_REPRESENTATIVE the caller is not its legal representative
 * @throws IDENTITY_ALREADY_REGISTERED the caller already holds it as legal representative
 */
export async function registerEnterprise(ctx: Ctx, input: { creditCode: string }): Promise<Enterprise> {
  const actor = requireUser(ctx.actor);
  const creditCode = normaliseIdentifier(input.creditCode);
  assertCreditCode(creditCode, 'body.creditCode');
  const record = await findRegistryEnterprise(ctx.db, creditCode);
  if (record?.status !== 'active') {
    throw new AppError(
      'IDENTITY_NOT_IN_REGISTRY',
      '市场主体登记中无此在业企业。No active enterprise with this code in the enterprise registry.',
      {
        field: 'body.creditCode',
      },
    );
  }
  if (record.legalRepresentativeIdNumber !== actor.idNumber) {
    throw new AppError(
      'IDENTITY_NOT_REPRESENTATIVE',
      '您不是该企业登记的法定代表人。You are not the registered legal representative of this enterprise.',
      {
        field: 'body.creditCode',
      },
    );
  }
  const already = () =>
    new AppError('IDENTITY_ALREADY_REGISTERED', '该企业已注册，您已是其法定代表人。This enterprise is already registered to you.', {
      field: 'body.creditCode',
    });
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const existing = await tx.query<{ credit_code: string }>(
        'select credit_code from enterprise_account where credit_code = $1 for update',
        [creditCode],
      );
      if (existing.length === 0) {
        await tx.query('insert into enterprise_account (credit_code, name, registered_by, created_at) values ($1, $2, $3, $4)', [
          creditCode,
          record.name,
          actor.userId,
          now,
        ]);
        await tx.query(
          `insert into enterprise_member (credit_code, user_id, capacity, granted_by, granted_at, valid_until)
           values ($1, $2, 'legal_representative', null, $3, null)`,
          [creditCode, actor.userId, now],
        );
        await recordAudit(tx, now, {
          actor: { type: 'user', id: actor.userId },
          action: 'identity.enterprise.registered',
          target: { type: 'enterprise_account', id: creditCode },
          subject: creditCode,
          detail: { name: record.name },
          requestId: ctx.requestId,
        });
      } else {
        const mine = await tx.query<{ capacity: EnterpriseCapacity }>(
          'select capacity from enterprise_member where credit_code = $1 and user_id = $2',
          [creditCode, actor.userId],
        );
        if (mine[0]?.capacity === 'legal_representative') throw already();
        const previous = await tx.query<{ user_id: string }>(
          "delete from enterprise_member where credit_code = $1 and capacity = 'legal_representative' returning user_id",
          [creditCode],
        );
        await tx.query(
          `insert into enterprise_member (credit_code, user_id, capacity, granted_by, granted_at, valid_until)
           values ($1, $2, 'legal_representative', null, $3, null)
           on conflict (credit_code, user_id) do update set capacity = 'legal_representative', granted_by = null, granted_at = $3, valid_until = null`,
          [creditCode, actor.userId, now],
        );
        await tx.query('update enterprise_account set name = $2 where credit_code = $1', [creditCode, record.name]);
        await recordAudit(tx, now, {
          actor: { type: 'user', id: actor.userId },
          action: 'identity.enterprise.representative_changed',
          target: { type: 'enterprise_account', id: creditCode },
          subject: creditCode,
          detail: { previous: previous.map((p) => p.user_id), current: actor.userId },
          requestId: ctx.requestId,
        });
      }
      const rows = await tx.query<MemberRow>(`${memberSelect} where m.credit_code = $1 and m.user_id = $2`, [creditCode, actor.userId]);
      return enterpriseView(tx, rows[0] as MemberRow);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw already();
    throw error;
  }
}

/** The enterprises the caller may act for now, with their agents where the caller is the representative. */
export async function listMyEnterprises(ctx: Ctx): Promise<Enterprise[]> {
  const actor = requireUser(ctx.actor);
  const rows = await ctx.db.query<MemberRow>(
    `${memberSelect} where m.user_id = $1 and (m.valid_until is null or m.valid_until > $2) order by m.credit_code`,
    [actor.userId, ctx.clock.now()],
  );
  const out: Enterprise[] = [];
  for (const row of rows) out.push(await enterpriseView(ctx.db, row));
  return out;
}

/**
 * @throws IDENTITY_ENTERPRISE_NOT_FOUND no enterprise account with that code
 * @throws IDENTITY_NOT_REPRESENTATIVE the caller is not its legal representative
 */
export async function requireRepresentative(tx: Sql, creditCode: string, actor: UserActor): Promise<void> {
  const rows = await tx.query<{ capacity: EnterpriseCapacity | null }>(
    `select m.capacity from enterprise_account e
     left join enterprise_member m on m.credit_code = e.credit_code and m.user_id = $2
     where e.credit_code = $1`,
    [creditCode, actor.userId],
  );
  if (rows.length === 0) throw new AppError('IDENTITY_ENTERPRISE_NOT_FOUND', '企业账户不存在。No enterprise account with this code.');
  if (rows[0]?.capacity !== 'legal_representative') {
    throw new AppError('IDENTITY_NOT_REPRESENTATIVE', '仅法定代表人可以管理经办人。Only the legal representative can manage agents.');
  }
}

/**
 * Ends an agent's authorisation at once.
 * @throws IDENTITY_ENTERPRISE_NOT_FOUND, IDENTITY_NOT_REPRESENTATIVE
 * @throws NOT_FOUND the user is not an agent of the enterprise
 */
export async function revokeAgent(ctx: Ctx, creditCodeInput: string, userId: string): Promise<void> {
  const actor = requireUser(ctx.actor);
  const creditCode = normaliseIdentifier(creditCodeInput);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await requireRepresentative(tx, creditCode, actor);
    const removed = await tx.query(
      "delete from enterprise_member where credit_code = $1 and user_id = $2 and capacity = 'agent' returning user_id",
      [creditCode, userId],
    );
    if (removed.length === 0) throw new AppError('NOT_FOUND', '该人员不是企业的经办人。That person is not an agent of this enterprise.');
    await recordAudit(tx, now, {
      actor: { type: 'user', id: actor.userId },
      action: 'identity.agent.revoked',
      target: { type: 'enterprise_account', id: creditCode },
      subject: creditCode,
      detail: { agentUserId: userId },
      requestId: ctx.requestId,
    });
  });
}

export type EnterpriseAccountImportRow = {
  creditCode: string;
  name: string;
  /** User id of the legal representative (who registered the account). */
  registeredBy: string;
  agents?: readonly { userId: string; validUntil?: Date | string | null }[];
};

/**
 * Bulk-loads enterprise accounts with their legal representative and agents (seed). The users
 * must exist; the registry is not consulted. One audit entry for the batch.
 * @throws VALIDATION_FAILED an invalid or duplicate credit code in the rows
 */
export async function importEnterpriseAccounts(
  sql: Sql,
  rows: readonly EnterpriseAccountImportRow[],
  options: { at?: Date } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const seen = new Set<string>();
  for (const row of rows) {
    if (checkCreditCode(row.creditCode)) throw new AppError('VALIDATION_FAILED', `Invalid credit code ${row.creditCode}.`);
    if (seen.has(row.creditCode)) throw new AppError('VALIDATION_FAILED', `Duplicate credit code ${row.creditCode}.`);
    seen.add(row.creditCode);
  }
  const at = options.at ?? new Date((await sql.query<{ now: Date }>('select now() as now'))[0]?.now as Date);
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await sql.query(
      `insert into enterprise_account (credit_code, name, registered_by, created_at)
       select credit_code, name, registered_by, $4 from unnest($1::text[], $2::text[], $3::text[]) as t(credit_code, name, registered_by)`,
      [chunk.map((r) => r.creditCode), chunk.map((r) => r.name), chunk.map((r) => r.registeredBy), at],
    );
    const members = chunk.flatMap((r) => [
      { creditCode: r.creditCode, userId: r.registeredBy, capacity: 'legal_representative', grantedBy: null, validUntil: null },
      ...(r.agents ?? [])
        .filter((a) => a.userId !== r.registeredBy)
        .map((a) => ({
          creditCode: r.creditCode,
          userId: a.userId,
          capacity: 'agent',
          grantedBy: r.registeredBy,
          validUntil: a.validUntil ? new Date(a.validUntil) : null,
        })),
    ]);
    await sql.query(
      `insert into enterprise_member (credit_code, user_id, capacity, granted_by, granted_at, valid_until)
       select credit_code, user_id, capacity, granted_by, $6, valid_until
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) as t(credit_code, user_id, capacity, granted_by, valid_until)`,
      [
        members.map((m) => m.creditCode),
        members.map((m) => m.userId),
        members.map((m) => m.capacity),
        members.map((m) => m.grantedBy),
        members.map((m) => m.validUntil),
        at,
      ],
    );
  }
  await recordAudit(sql, at, { actor: { type: 'system' }, action: 'identity.enterprises.imported', detail: { count: rows.length } });
  return rows.length;
}
