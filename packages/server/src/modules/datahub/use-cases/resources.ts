import {
  AppError,
  type DataResource,
  type ResourceInput,
  type ResourceUpdate,
  resourceInputSchema,
  type SharingClass,
} from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { saveResource } from './save-resource.ts';
import {
  auditActorOf,
  departmentNames,
  findResource,
  getResource,
  type LoadedResource,
  requireStaff,
  type StaffActor,
  toResource,
} from './shared.ts';

/**
 * The data resources catalogue (数据资源目录): a department's data officers register and maintain
 * their own resources; each field is an instance of a dictionary element (`dictionary.ts`).
 */

export async function listResources(
  ctx: Ctx,
  query: { department?: string | undefined; sharingClass?: SharingClass | undefined; q?: string | undefined },
): Promise<{ items: DataResource[] }> {
  const codes = await ctx.db.query<{ code: string }>(
    `select code from datahub_resource
     where ($1::text is null or owner_department_id = $1) and ($2::text is null or sharing_class = $2)
       and ($3::text is null or strpos(name_zh, $3) > 0 or strpos(lower(name_en), lower($3)) > 0 or strpos(code, upper($3)) > 0)
     order by code`,
    [query.department ?? null, query.sharingClass ?? null, query.q ?? null],
  );
  const loaded = [];
  for (const { code } of codes) loaded.push(await getResource(ctx.db, code));
  const names = await departmentNames(
    ctx.db,
    loaded.map((r) => r.owner_department_id),
  );
  return { items: loaded.map((r) => toResource(r, names.get(r.owner_department_id) ?? null)) };
}

export async function viewResource(sql: Sql, code: string): Promise<DataResource> {
  const resource = await getResource(sql, code);
  const names = await departmentNames(sql, [resource.owner_department_id]);
  return toResource(resource, names.get(resource.owner_department_id) ?? null);
}

/**
 * Registers a resource owned by the caller's department.
 * @throws CONFLICT (code taken), VALIDATION_FAILED (unknown element or adapter, subject field wrong)
 */
export async function createResource(ctx: Ctx, input: ResourceInput): Promise<DataResource> {
  const actor = requireStaff(ctx.actor);
  const at = ctx.clock.now();
  const parsed = resourceInputSchema.parse(input);
  await ctx.db.transaction(async (tx) => {
    if (await findResource(tx, parsed.code))
      throw new AppError('CONFLICT', `数据资源代码 ${parsed.code} 已存在。The code is taken.`, { field: 'body.code' });
    await saveResource(tx, at, actor.departmentId, parsed, actor.staffId, 'insert');
    await recordAudit(tx, at, {
      actor: auditActorOf(actor),
      action: 'datahub.resource.created',
      target: { type: 'datahub_resource', id: parsed.code },
      detail: { sharingClass: parsed.sharingClass, fields: parsed.fields.map((f) => f.name) },
      requestId: ctx.requestId,
    });
  });
  return viewResource(ctx.db, parsed.code);
}

/**
 * Changes a resource of the caller's department (its fields are replaced as given).
 * @throws DATAHUB_RESOURCE_NOT_FOUND, DATAHUB_NOT_OWNER, VALIDATION_FAILED
 */
export async function updateResource(ctx: Ctx, code: string, input: ResourceUpdate): Promise<DataResource> {
  const actor = requireStaff(ctx.actor);
  const at = ctx.clock.now();
  const parsed = resourceInputSchema.parse({ ...input, code });
  await ctx.db.transaction(async (tx) => {
    const current = await getResource(tx, code);
    assertOwns(actor, current);
    await saveResource(tx, at, current.owner_department_id, parsed, actor.staffId, 'update');
    await recordAudit(tx, at, {
      actor: auditActorOf(actor),
      action: 'datahub.resource.updated',
      target: { type: 'datahub_resource', id: code },
      detail: { version: current.version + 1, sharingClass: parsed.sharingClass, fields: parsed.fields.map((f) => f.name) },
      requestId: ctx.requestId,
    });
  });
  return viewResource(ctx.db, code);
}

/**
 * Retires a resource: it stays in the catalogue (grants and the exchange log refer to it) but is
 * no longer shared.
 * @throws DATAHUB_RESOURCE_NOT_FOUND, DATAHUB_NOT_OWNER
 */
export async function retireResource(ctx: Ctx, code: string): Promise<DataResource> {
  const actor = requireStaff(ctx.actor);
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const current = await getResource(tx, code);
    assertOwns(actor, current);
    await tx.query(
      `update datahub_resource set status = 'retired', version = version + 1, updated_at = $2, updated_by = $3 where code = $1`,
      [code, at, actor.staffId],
    );
    await recordAudit(tx, at, {
      actor: auditActorOf(actor),
      action: 'datahub.resource.retired',
      target: { type: 'datahub_resource', id: code },
      requestId: ctx.requestId,
    });
  });
  return viewResource(ctx.db, code);
}

function assertOwns(actor: StaffActor, resource: LoadedResource) {
  if (resource.owner_department_id !== actor.departmentId) {
    throw new AppError('DATAHUB_NOT_OWNER', '只有数据资源所属部门可以维护它。Only the owning department maintains a resource.', {
      details: { owner: resource.owner_department_id },
    });
  }
}
