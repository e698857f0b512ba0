import { AppError, assertValidContent, type BundleMember, mergeBundle, type ServiceItemContent } from '@tongban/domain';
import type { AuditActor } from '../../../platform/audit/audit.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { existingDepartments, isWithinDepartment } from '../catalogue.departments.ts';
import { findItem, listPublishedVersions } from '../catalogue.store.ts';

export type StaffActor = Extract<Actor, { kind: 'staff' }>;

/** Routes already require a staff permission; services check again so they are safe to call from anywhere. */
export function requireStaff(actor: Actor): StaffActor {
  if (actor.kind !== 'staff') throw new AppError('AUTH_FORBIDDEN', '仅限工作人员。Staff only.');
  return actor;
}

export function auditActor(actor: StaffActor): AuditActor {
  return { type: 'staff', id: actor.staffId };
}

export function isSystemAdmin(actor: StaffActor): boolean {
  return actor.roles.includes('system_admin');
}

/**
 * A department administrator manages the items whose responsible department lies in their own
 * department's subtree; a system administrator manages all.
 * @throws AUTH_FORBIDDEN
 */
export async function assertManages(sql: Sql, actor: StaffActor, departmentId: string, field?: string): Promise<void> {
  if (isSystemAdmin(actor)) return;
  if (await isWithinDepartment(sql, actor.departmentId, departmentId)) return;
  throw new AppError(
    'AUTH_FORBIDDEN',
    `该事项的责任部门 ${departmentId} 不在您的管理范围内。Department ${departmentId} is outside your department.`,
    {
      ...(field ? { field } : {}),
      details: { department: departmentId },
    },
  );
}

export const itemNotFound = (code: string) =>
  new AppError('CATALOGUE_ITEM_NOT_FOUND', `事项 ${code} 不存在。No catalogue item ${code}.`, { field: 'params.code' });

/**
 * Every check a version's content must pass to be saved, submitted or published: the domain
 * rules (with the departments that exist), and for a bundle, members that exist (published ones
 * when `requirePublishedMembers`), are not bundles themselves, and merge without field conflicts.
 * @throws CATALOGUE_PROCESS_INVALID, CATALOGUE_BUNDLE_FIELD_CONFLICT, CATALOGUE_ITEM_NOT_PUBLISHED
 */
export async function validateContent(
  sql: Sql,
  code: string,
  content: ServiceItemContent,
  options: {
    fieldPrefix: string;
    requirePublishedMembers: boolean;
    knownDepartments?: ReadonlySet<string>;
    /** Items being imported in the same batch, which count as published members. */
    batchMembers?: ReadonlyMap<string, ServiceItemContent>;
  },
): Promise<void> {
  const referenced = [content.responsibleDepartment, ...content.implementingDepartments, ...content.process.map((s) => s.department)];
  const known = options.knownDepartments ?? (await existingDepartments(sql, referenced));
  assertValidContent(content, { code, departmentExists: (id) => known.has(id), fieldPrefix: options.fieldPrefix });
  if (!content.bundleMembers || content.bundleMembers.length === 0) return;
  const batch = options.batchMembers;
  const published = [
    ...(await listPublishedVersions(
      sql,
      content.bundleMembers.filter((c) => !batch?.has(c)),
    )),
    ...content.bundleMembers.flatMap((c) => (batch?.has(c) ? [{ item_code: c, content: batch.get(c) as ServiceItemContent }] : [])),
  ];
  const members: BundleMember[] = [];
  for (const [i, memberCode] of content.bundleMembers.entries()) {
    const field = `${options.fieldPrefix}bundleMembers.${i}`;
    const version = published.find((v) => v.item_code === memberCode);
    if (!version) {
      if (options.requirePublishedMembers || !(await findItem(sql, memberCode))) {
        throw new AppError('CATALOGUE_ITEM_NOT_PUBLISHED', `成员事项 ${memberCode} 未发布。Member item ${memberCode} is not published.`, {
          field,
        });
      }
      continue;
    }
    if ((version.content.bundleMembers?.length ?? 0) > 0) {
      throw new AppError('CATALOGUE_PROCESS_INVALID', `成员事项 ${memberCode} 本身是"一件事"。A bundle cannot contain another bundle.`, {
        field,
      });
    }
    members.push({ code: memberCode, content: version.content });
  }
  try {
    mergeBundle(members, { code, content });
  } catch (error) {
    if (error instanceof AppError && error.code === 'CATALOGUE_BUNDLE_FIELD_CONFLICT') {
      throw new AppError(error.code, error.message, {
        field: `${options.fieldPrefix}bundleMembers`,
        ...(error.details ? { details: error.details } : {}),
      });
    }
    throw error;
  }
}
