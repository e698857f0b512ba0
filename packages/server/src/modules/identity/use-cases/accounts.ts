import { randomUUID } from 'node:crypto';
import {
  AppError,
  checkResidentId,
  type EnterpriseCapacity,
  type Me,
  maskIdentifier,
  normaliseIdentifier,
  normaliseText,
  type RegisterBody,
} from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { findRegistryPerson } from '../../registry/index.ts';
import { findDepartment } from './departments.ts';
import { assertPasswordStrength, hashPassword } from './passwords.ts';
import { isUniqueViolation } from './shared.ts';

/** Citizen accounts: one per natural person, real-name verified against the population registry. */

export function assertResidentId(idNumber: string, field: string): void {
  if (checkResidentId(idNumber)) {
    throw new AppError(
      'IDENTITY_ID_NUMBER_INVALID',
      '身份证号码有误，请核对。The resident ID number is not valid (check digit, birth date or format).',
      {
        field,
      },
    );
  }
}

export type RegisteredUser = { userId: string; name: string; idNumberMasked: string };

/**
 * Registers a citizen. Real-name verification: the person must be in the population registry,
 * alive, under that name. Which of the three failed is not told (that would confirm someone's ID
 * number and name to a stranger).
 * @throws IDENTITY_ID_NUMBER_INVALID bad format, birth date or check digit (field body.idNumber)
 * @throws AUTH_PASSWORD_TOO_WEAK (field body.password)
 * @throws IDENTITY_NOT_IN_REGISTRY not in the registry, deceased, or another name
 * @throws IDENTITY_ALREADY_REGISTERED the person (body.idNumber) or the mobile (body.mobile) already has an account
 */
export async function registerUser(ctx: Ctx, input: RegisterBody): Promise<RegisteredUser> {
  const idNumber = normaliseIdentifier(input.idNumber);
  const name = normaliseText(input.name);
  const mobile = normaliseIdentifier(input.mobile);
  assertResidentId(idNumber, 'body.idNumber');
  assertPasswordStrength(input.password, 'body.password');
  const person = await findRegistryPerson(ctx.db, idNumber);
  if (!person?.alive || normaliseText(person.name) !== name) {
    throw new AppError(
      'IDENTITY_NOT_IN_REGISTRY',
      '实名核验未通过：姓名与身份证号码不匹配。Real-name verification failed: the name and ID number do not match the population registry.',
      {
        field: 'body.idNumber',
      },
    );
  }
  const already = () =>
    new AppError('IDENTITY_ALREADY_REGISTERED', '该身份证号码已注册，请直接登录。This person already has an account; please log in.', {
      field: 'body.idNumber',
    });
  if ((await ctx.db.query('select 1 from user_account where id_number = $1', [idNumber])).length > 0) throw already();
  if ((await ctx.db.query('select 1 from user_account where mobile = $1', [mobile])).length > 0) {
    throw new AppError('IDENTITY_ALREADY_REGISTERED', '该手机号已被其他账户使用。This mobile number is used by another account.', {
      field: 'body.mobile',
    });
  }
  const passwordHash = await hashPassword(input.password);
  const userId = randomUUID();
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.query(
        `insert into user_account (id, id_number, name, mobile, password_hash, verified_at, created_at)
         values ($1, $2, $3, $4, $5, $6, $6)`,
        [userId, idNumber, person.name, mobile, passwordHash, now],
      );
      await recordAudit(tx, now, {
        actor: { type: 'user', id: userId },
        action: 'identity.user.registered',
        target: { type: 'user_account', id: userId },
        subject: idNumber,
        detail: { verifiedAgainst: 'registry_person' },
        requestId: ctx.requestId,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw already();
    throw error;
  }
  return { userId, name: person.name, idNumberMasked: maskIdentifier(idNumber) };
}

export type UserAccountSummary = { id: string; idNumber: string; name: string; mobile: string };

/** The account of a natural person, if they have one (for window intake and agents). */
export async function findUserByIdNumber(sql: Sql, idNumber: string): Promise<UserAccountSummary | undefined> {
  const rows = await sql.query<{ id: string; id_number: string; name: string; mobile: string }>(
    'select id, id_number, name, mobile from user_account where id_number = $1',
    [normaliseIdentifier(idNumber)],
  );
  const row = rows[0];
  return row ? { id: row.id, idNumber: row.id_number, name: row.name, mobile: row.mobile } : undefined;
}

export type UserImportRow = { id?: string; idNumber: string; name: string; mobile: string };

/**
 * Bulk-loads citizen accounts (seed), all with the same password hash (from `hashPassword`),
 * verified at `options.at`. The registry is not consulted: the caller vouches for the rows.
 * One audit entry for the batch. Returns the ids (generated where a row has none).
 * @throws VALIDATION_FAILED an invalid ID number or a duplicate in the rows
 */
export async function importUsers(
  sql: Sql,
  rows: readonly UserImportRow[],
  passwordHash: string,
  options: { at?: Date } = {},
): Promise<string[]> {
  if (rows.length === 0) return [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (checkResidentId(row.idNumber))
      throw new AppError('VALIDATION_FAILED', `Invalid resident ID number ${maskIdentifier(row.idNumber)}.`);
    if (seen.has(row.idNumber)) throw new AppError('VALIDATION_FAILED', `Duplicate resident ID number ${maskIdentifier(row.idNumber)}.`);
    seen.add(row.idNumber);
  }
  const at = options.at ?? new Date((await sql.query<{ now: Date }>('select now() as now'))[0]?.now as Date);
  const ids = rows.map((r) => r.id ?? randomUUID());
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await sql.query(
      `insert into user_account (id, id_number, name, mobile, password_hash, verified_at, created_at)
       select id, id_number, name, mobile, $5, $6, $6 from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as t(id, id_number, name, mobile)`,
      [ids.slice(i, i + 5000), chunk.map((r) => r.idNumber), chunk.map((r) => r.name), chunk.map((r) => r.mobile), passwordHash, at],
    );
  }
  await recordAudit(sql, at, { actor: { type: 'system' }, action: 'identity.users.imported', detail: { count: rows.length } });
  return ids;
}

/** Who the caller is, for the web app's shell. */
export async function getMe(ctx: Ctx): Promise<Me> {
  const actor = ctx.actor;
  if (actor.kind === 'staff') {
    const department = await findDepartment(ctx.db, actor.departmentId);
    return {
      kind: 'staff',
      id: actor.staffId,
      name: actor.name,
      idNumberMasked: null,
      mobileMasked: null,
      roles: [...actor.roles],
      permissions: [...actor.permissions].sort(),
      departmentId: actor.departmentId,
      departmentName: department?.nameZh ?? null,
      enterprises: [],
    };
  }
  if (actor.kind === 'user') {
    const now = ctx.clock.now();
    const [account] = await ctx.db.query<{ mobile: string }>('select mobile from user_account where id = $1', [actor.userId]);
    const enterprises = await ctx.db.query<{ credit_code: string; name: string; capacity: EnterpriseCapacity }>(
      `select m.credit_code, e.name, m.capacity from enterprise_member m join enterprise_account e on e.credit_code = m.credit_code
       where m.user_id = $1 and (m.valid_until is null or m.valid_until > $2) order by m.credit_code`,
      [actor.userId, now],
    );
    return {
      kind: 'user',
      id: actor.userId,
      name: actor.name,
      idNumberMasked: maskIdentifier(actor.idNumber),
      mobileMasked: account ? maskIdentifier(account.mobile) : null,
      roles: [],
      permissions: [],
      departmentId: null,
      departmentName: null,
      enterprises: enterprises.map((e) => ({ creditCode: e.credit_code, name: e.name, capacity: e.capacity })),
    };
  }
  throw new AppError('AUTH_REQUIRED', '请先登录。Please log in.');
}
