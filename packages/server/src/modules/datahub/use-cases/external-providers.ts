import { createPublicKey } from 'node:crypto';
import { AppError, type ExternalProviderInput, externalProviderInputSchema } from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import { auditActorOf, isHubCentre, iso, requireStaff } from './shared.ts';

/**
 * External department systems: a department registers the system that serves its resources over
 * HTTP, with the Ed25519 public key its answers are signed with (the protocol is in `protocol.ts`).
 */

type ProviderRow = {
  id: string;
  department_id: string;
  name_zh: string;
  name_en: string;
  base_url: string;
  key_id: string;
  public_key_pem: string;
  timeout_ms: number;
  created_at: Date;
};

const toProvider = (r: ProviderRow) => ({
  id: r.id,
  departmentId: r.department_id,
  name: { zh: r.name_zh, en: r.name_en },
  baseUrl: r.base_url,
  keyId: r.key_id,
  publicKeyPem: r.public_key_pem,
  timeoutMs: r.timeout_ms,
  createdAt: iso(r.created_at),
});

/**
 * Registers (or re-keys) a system of the caller's department that serves its resources over HTTP.
 * @throws VALIDATION_FAILED (not an Ed25519 public key), DATAHUB_NOT_OWNER (another department's id)
 */
export async function registerExternalProvider(ctx: Ctx, input: ExternalProviderInput) {
  const actor = requireStaff(ctx.actor);
  const p = externalProviderInputSchema.parse(input);
  if (!isEd25519PublicKey(p.publicKeyPem)) {
    throw new AppError('VALIDATION_FAILED', '公钥须为 PEM 格式的 Ed25519 公钥。An Ed25519 public key in PEM.', {
      field: 'body.publicKeyPem',
    });
  }
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [existing] = await tx.query<{ department_id: string }>(
      'select department_id from datahub_external_provider where id = $1 for update',
      [p.id],
    );
    if (existing && existing.department_id !== actor.departmentId) {
      throw new AppError('DATAHUB_NOT_OWNER', '该系统属于其他部门。The system belongs to another department.', { field: 'body.id' });
    }
    await tx.query(
      `insert into datahub_external_provider (id, department_id, name_zh, name_en, base_url, key_id, public_key_pem, timeout_ms, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
       on conflict (id) do update set name_zh = excluded.name_zh, name_en = excluded.name_en, base_url = excluded.base_url, key_id = excluded.key_id,
         public_key_pem = excluded.public_key_pem, timeout_ms = excluded.timeout_ms, updated_at = excluded.updated_at`,
      [p.id, actor.departmentId, p.name.zh, p.name.en, p.baseUrl, p.keyId, p.publicKeyPem, p.timeoutMs, at],
    );
    await recordAudit(tx, at, {
      actor: auditActorOf(actor),
      action: 'datahub.provider.registered',
      target: { type: 'datahub_provider', id: p.id },
      detail: { baseUrl: p.baseUrl, keyId: p.keyId, timeoutMs: p.timeoutMs },
      requestId: ctx.requestId,
    });
  });
  const [row] = await ctx.db.query<ProviderRow>('select * from datahub_external_provider where id = $1', [p.id]);
  return toProvider(row as ProviderRow);
}

export async function listExternalProviders(ctx: Ctx) {
  const actor = requireStaff(ctx.actor);
  const rows = await ctx.db.query<ProviderRow>('select * from datahub_external_provider where department_id = $1 or $2 order by id', [
    actor.departmentId,
    isHubCentre(actor),
  ]);
  return { items: rows.map(toProvider) };
}

function isEd25519PublicKey(pem: string): boolean {
  try {
    return createPublicKey(pem).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}
