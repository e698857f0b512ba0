import {
  AppError,
  type BundleView,
  type GuideMaterial,
  type ItemGuide,
  itemTypeLabels,
  type Material,
  type MergedMaterial,
  mergeBundle,
  supplyOf,
} from '@tongban/domain';
import type { Platform } from '../../../platform/context.ts';
import { type CachedBody, cached, departmentNames } from '../catalogue.cache.ts';
import { type DepartmentNames, departmentRef } from '../catalogue.departments.ts';
import { listBundlesContaining, listPublishedVersions } from '../catalogue.store.ts';
import { findPublishedItem } from './published.ts';

/** Materials split by who supplies them: the platform (data hub, e-licence, an earlier step) or the applicant. */
export function splitMaterials(materials: readonly (Material | MergedMaterial)[]): {
  platform: GuideMaterial[];
  applicant: GuideMaterial[];
} {
  const withSupply = materials.map((m) => ({ ...m, supply: supplyOf(m.source) }));
  return { platform: withSupply.filter((m) => m.supply === 'platform'), applicant: withSupply.filter((m) => m.supply === 'applicant') };
}

async function buildBundleView(
  platform: Platform,
  code: string,
  content: ItemGuide['content'],
  names: DepartmentNames,
): Promise<BundleView> {
  const memberCodes = content.bundleMembers ?? [];
  const rows = await listPublishedVersions(platform.db, memberCodes);
  // Keep the bundle's own order; a member withdrawn meanwhile (withdrawal refuses that, but a
  // multi-process race could) is left out rather than failing the whole guide.
  const members = memberCodes.flatMap((c) => {
    const row = rows.find((r) => r.item_code === c);
    return row ? [{ code: c, content: row.content }] : [];
  });
  const merged = mergeBundle(members, { code, content });
  const ref = (id: string) => departmentRef(names, id);
  return {
    members: merged.members.map((m) => ({ ...m, department: ref(m.department) })),
    situations: merged.situations,
    form: merged.form,
    materials: splitMaterials(merged.materials),
    process: {
      intake: merged.process.intake,
      branches: merged.process.branches.map((b) => ({ ...b, department: ref(b.department) })),
    },
    results: merged.results,
    promisedDays: merged.promisedDays,
    parallelDays: merged.parallelDays,
    visits: merged.visits,
  };
}

export async function buildGuide(platform: Platform, code: string): Promise<ItemGuide | undefined> {
  const item = await findPublishedItem(platform.db, code);
  if (!item) return undefined;
  const names = await departmentNames(platform);
  const content = item.content;
  const ref = (id: string) => departmentRef(names, id);
  const stepDepartments: ItemGuide['stepDepartments'] = {};
  for (const step of content.process) {
    stepDepartments[step.department] = ref(step.department === 'responsible' ? content.responsibleDepartment : step.department);
  }
  const partOf = await listBundlesContaining(platform.db, code);
  return {
    code,
    versionId: item.versionId,
    version: item.version,
    publishedAt: item.publishedAt,
    department: ref(content.responsibleDepartment),
    implementingDepartments: content.implementingDepartments.map(ref),
    typeLabel: itemTypeLabels[content.type],
    content,
    materials: splitMaterials(content.materials),
    stepDepartments,
    ...(content.bundleMembers && content.bundleMembers.length > 0 ? { bundle: await buildBundleView(platform, code, content, names) } : {}),
    partOf: partOf.map((b) => ({ code: b.code, name: { zh: b.name_zh, en: b.name_en } })),
  };
}

/**
 * The published guide of `code`, from the in-memory cache when fresh (see `catalogue.cache.ts`).
 * @throws CATALOGUE_ITEM_NOT_FOUND no published item has this code
 */
export async function getGuide(platform: Platform, code: string): Promise<CachedBody<ItemGuide>> {
  const result = await cached(platform, `guide:${code}`, () => buildGuide(platform, code));
  if (!result)
    throw new AppError('CATALOGUE_ITEM_NOT_FOUND', `没有已发布的事项 ${code}。No published catalogue item ${code}.`, {
      field: 'params.code',
    });
  return result;
}
