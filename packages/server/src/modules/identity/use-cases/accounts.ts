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
  type RegisterStartBody,
  type RegisterStartResponse,
} from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { enqueueSms } from '../../../platform/notify/index.ts';
import { issueOneTimeCode, useOneTimeCode } from '../../../platform/otp/index.ts';
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

/** One-time code purpose of registration (see platform/otp). */
export const REGISTER_CODE_PURPOSE = 'identity.register';
const REGISTER_CODE_TTL_SECONDS = 600;

/**
 * Said to everyone who starts a registration, whether or not anything matched: which of name, ID
 * number and mobile failed, or whether the person already has an account, is not told.
 */
const registerStartAnswer = {
  message:
    '如信息与人口信息库登记一致，验证码已发送至该手机号，10分钟内有效。如人口信息库中没有您的手机号，或您不在本市人口信息库中，请携带身份证到任一政务服务窗口办理注册。' +
    "If the details match the population registry, a code has been sent to that mobile; it is valid for 10 minutes. If the registry holds no mobile for you, or you are not in this city's registry, please register at a service window with your ID card.",
  codeValidSeconds: REGISTER_CODE_TTL_SECONDS,
} as const;

const unverified = () =>
  new AppError(
    'IDENTITY_REGISTRATION_UNVERIFIED',
    '验证码错误或已失效，或信息与人口信息库不一致。请重新获取验证码；如人口信息库中没有您的手机号，请到政务服务窗口办理注册。' +
      'The code is wrong or no longer valid, or the details do not match the population registry. Request a new code; if the registry holds no mobile for you, register at a service window.',
    { field: 'body.code' },
  );

type RegistryMatch = { kind: 'match'; name: string } | { kind: 'no_match'; reason: 'not_in_registry' | 'name' | 'no_mobile' | 'mobile' };

/** Name, ID number and mobile against the population registry (alive, same name, same mobile). */
async function matchRegistry(sql: Sql, idNumber: string, name: string, mobile: string): Promise<RegistryMatch> {
  const person = await findRegistryPerson(sql, idNumber);
  if (!person?.alive) return { kind: 'no_match', reason: 'not_in_registry' };
  if (normaliseText(person.name) !== name) return { kind: 'no_match', reason: 'name' };
  if (!person.mobile) return { kind: 'no_match', reason: 'no_mobile' };
  if (normaliseIdentifier(person.mobile) !== mobile) return { kind: 'no_match', reason: 'mobile' };
  return { kind: 'match', name: person.name };
}

/**
 * Step 1 of registration: when name, ID number and mobile match the population registry (and the
 * person has no account yet), a one-time code goes by SMS to that mobile — the registry's, never
 * one the caller chose. Everyone gets the same answer; what happened is in the audit log.
 * @throws IDENTITY_ID_NUMBER_INVALID bad format, birth date or check digit (field body.idNumber)
 */
export async function startRegistration(ctx: Ctx, input: RegisterStartBody): Promise<RegisterStartResponse> {
  const idNumber = normaliseIdentifier(input.idNumber);
  const name = normaliseText(input.name);
  const mobile = normaliseIdentifier(input.mobile);
  assertResidentId(idNumber, 'body.idNumber');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const match = await matchRegistry(tx, idNumber, name, mobile);
    let outcome: string = match.kind === 'match' ? 'code_sent' : match.reason;
    if (match.kind === 'match') {
      const registered = await tx.query('select 1 from user_account where id_number = $1', [idNumber]);
      if (registered.length > 0) {
        // Only the holder of the registry's mobile learns that the account exists.
        outcome = 'already_registered';
        await enqueueSms(tx, ctx.jobs, now, {
          to: mobile,
          subject: '注册提醒',
          body: '您已有通办账户，请直接登录；如忘记密码，请到政务服务窗口重置。如非本人操作，请忽略。',
        });
      } else {
        const issued = await issueOneTimeCode(tx, now, REGISTER_CODE_PURPOSE, idNumber, { ttlSeconds: REGISTER_CODE_TTL_SECONDS });
        if (issued.issued) {
          await enqueueSms(tx, ctx.jobs, now, {
            to: mobile,
            subject: '注册验证码',
            body: `您的注册验证码为 ${issued.code}，10分钟内有效。请勿告诉任何人，工作人员不会向您索要。`,
          });
        } else outcome = 'resend_too_soon';
      }
    }
    await recordAudit(tx, now, {
      actor: { type: 'anonymous' },
      action: outcome === 'code_sent' ? 'identity.registration.code_sent' : 'identity.registration.start_refused',
      subject: idNumber,
      detail: { outcome, ip: ctx.ip },
      requestId: ctx.requestId,
    });
  });
  return { ...registerStartAnswer };
}

/**
 * Step 2: registers a citizen who holds the code sent to the registry's mobile in step 1. Every
 * failure of the proof (no code, wrong, expired, used up, details no longer matching the registry)
 * gives one answer.
 * @throws IDENTITY_ID_NUMBER_INVALID (field body.idNumber)
 * @throws AUTH_PASSWORD_TOO_WEAK (field body.password)
 * @throws IDENTITY_REGISTRATION_UNVERIFIED the proof failed (field body.code)
 * @throws IDENTITY_ALREADY_REGISTERED the person or the mobile already has an account (after the proof)
 */
export async function registerUser(ctx: Ctx, input: RegisterBody): Promise<RegisteredUser> {
  const idNumber = normaliseIdentifier(input.idNumber);
  const name = normaliseText(input.name);
  const mobile = normaliseIdentifier(input.mobile);
  assertResidentId(idNumber, 'body.idNumber');
  assertPasswordStrength(input.password, 'body.password');
  // Hashed before anything is looked up, so every attempt costs the same.
  const passwordHash = await hashPassword(input.password);
  const userId = randomUUID();
  const now = ctx.clock.now();
  const already = (field: string) =>
    new AppError(
      'IDENTITY_ALREADY_REGISTERED',
      '该身份证号码或手机号已有账户，请直接登录。This person or mobile already has an account; please log in.',
      {
        field,
      },
    );
  let result: { ok: true; name: string } | { ok: false; reason: string };
  try {
    result = await ctx.db.transaction(async (tx) => {
      const check = await useOneTimeCode(tx, now, REGISTER_CODE_PURPOSE, idNumber, input.code);
      if (check !== 'ok') {
        // Committed on purpose: the counted attempt must stay counted.
        await recordAudit(tx, now, {
          actor: { type: 'anonymous' },
          action: 'identity.registration.refused',
          subject: idNumber,
          detail: { reason: `code_${check}`, ip: ctx.ip },
          requestId: ctx.requestId,
        });
        return { ok: false, reason: check };
      }
      const match = await matchRegistry(tx, idNumber, name, mobile);
      if (match.kind !== 'match') throw unverified();
      if ((await tx.query('select 1 from user_account where mobile = $1', [mobile])).length > 0) throw already('body.mobile');
      await tx.query(
        `insert into user_account (id, id_number, name, mobile, password_hash, verified_at, created_at)
         values ($1, $2, $3, $4, $5, $6, $6)`,
        [userId, idNumber, match.name, mobile, passwordHash, now],
      );
      await recordAudit(tx, now, {
        actor: { type: 'user', id: userId },
        action: 'identity.user.registered',
        target: { type: 'user_account', id: userId },
        subject: idNumber,
        detail: { verifiedAgainst: 'registry_person', proof: 'sms_code_to_registry_mobile' },
        requestId: ctx.requestId,
      });
      return { ok: true, name: match.name };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw already('body.idNumber');
    throw error;
  }
  if (!result.ok) throw unverified();
  return { userId, name: result.name, idNumberMasked: maskIdentifier(idNumber) };
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
