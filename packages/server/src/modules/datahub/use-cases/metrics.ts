import type { Material, SharingAdvice, SharingMetrics } from '@tongban/domain';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import type { PublishedItem } from '../../catalogue/index.ts';
import { accessFor } from './grant-check.ts';
import { knownPublishedItems, materialsOf } from './item-materials.ts';
import { findResource, type LoadedResource, requireStaff } from './shared.ts';

/**
 * Once-only metrics (减证明): per catalogue item, how many of its materials the platform supplies
 * and how many of those sharing actually removes (a grant covers them, or the resource is shared
 * unconditionally); overall, the share of materials the applicant no longer brings. Real cases add
 * how many hub materials were attached at filing. The sharing advisor lists materials applicants
 * still bring although a registered resource holds the same data, and hub materials no grant
 * covers yet, with the grant that would remove each.
 */

/** What applicants upload that a resource holds, by the words of the material's name. */
const materialHints: Readonly<Record<string, readonly string[]>> = {
  POPULATION: ['身份证', '户口簿', '户口本', '户籍证明'],
  MARRIAGE: ['结婚证', '离婚证', '婚姻状况证明', '婚姻登记'],
  'REAL-ESTATE-TITLE': ['不动产权证', '房产证', '房屋所有权证', '产权证明'],
  'SOCIAL-INSURANCE': ['社保缴费', '参保证明', '社会保险缴费'],
  'HOUSING-FUND': ['公积金缴存证明', '公积金缴存'],
  DEGREE: ['学历证书', '学位证书', '毕业证'],
  BIRTH: ['出生医学证明'],
  'TAX-REGISTRATION': ['税务登记'],
  VEHICLE: ['机动车登记证书', '行驶证'],
  'DRIVING-LICENCE': ['驾驶证'],
};

async function resourceCache(sql: Sql) {
  const cache = new Map<string, LoadedResource | undefined>();
  return async (code: string) => {
    if (!cache.has(code)) cache.set(code, await findResource(sql, code));
    return cache.get(code);
  };
}

type Coverage = { covered: boolean; reason: string };

async function coverage(
  sql: Sql,
  at: Date,
  resource: LoadedResource | undefined,
  m: Material,
  codes: string[],
  departments: Map<string, string>,
): Promise<Coverage> {
  if (m.source.kind !== 'datahub') return { covered: false, reason: 'not_hub' };
  if (!resource) return { covered: false, reason: 'DATAHUB_RESOURCE_NOT_FOUND' };
  if (codes.length === 0) return { covered: false, reason: 'not_fetched_by_a_member' };
  for (const c of codes) {
    const access = await accessFor(sql, at, resource, departments.get(c) ?? '', c, m.source.fields);
    if (!access.ok) return { covered: false, reason: access.code };
  }
  return { covered: true, reason: 'ok' };
}

/** @throws nothing of its own; an unknown `item` gives an empty list. */
export async function sharingMetrics(ctx: Ctx, query: { item?: string | undefined }): Promise<SharingMetrics> {
  requireStaff(ctx.actor);
  const at = ctx.clock.now();
  const items = (await knownPublishedItems(ctx.db)).filter((i) => !query.item || i.code === query.item);
  const resourceOf = await resourceCache(ctx.db);
  const supplied = new Map(
    (
      await ctx.db.query<{ item_code: string; attached: number; pending: number }>(
        `select item_code, (count(*) filter (where state = 'attached'))::int as attached, (count(*) filter (where state = 'pending'))::int as pending
         from datahub_supply group by item_code`,
      )
    ).map((r) => [r.item_code, r]),
  );
  const out: SharingMetrics = {
    overall: {
      items: 0,
      materials: 0,
      suppliedByPlatform: 0,
      eliminatedBySharing: 0,
      platformShare: null,
      sharingShare: null,
      casesSupplied: 0,
      casesPending: 0,
    },
    items: [],
  };
  for (const item of items) {
    const { materials, departments } = await materialsOf(ctx.db, item);
    let fromHub = 0;
    let eliminated = 0;
    let platform = 0;
    const uncovered: SharingMetrics['items'][number]['uncovered'] = [];
    for (const { material, codes } of materials) {
      if (material.source.kind !== 'applicant') platform++;
      if (material.source.kind !== 'datahub') continue;
      fromHub++;
      const c = await coverage(ctx.db, at, await resourceOf(material.source.resource), material, codes, departments);
      if (c.covered) eliminated++;
      else uncovered.push({ materialId: material.id, resource: material.source.resource, reason: c.reason });
    }
    // Members' cases fetch a bundle's materials: count them under the member items.
    const inCases = supplied.get(item.code);
    out.items.push({
      code: item.code,
      name: item.content.name,
      materials: materials.length,
      fromHub,
      eliminatedBySharing: eliminated,
      uncovered,
      suppliedInCases: inCases?.attached ?? 0,
    });
    out.overall.items++;
    out.overall.materials += materials.length;
    out.overall.suppliedByPlatform += platform - (fromHub - eliminated);
    out.overall.eliminatedBySharing += eliminated;
    out.overall.casesSupplied += inCases?.attached ?? 0;
    out.overall.casesPending += inCases?.pending ?? 0;
  }
  const share = (part: number) => (out.overall.materials === 0 ? null : Math.round((part / out.overall.materials) * 10_000) / 10_000);
  out.overall.platformShare = share(out.overall.suppliedByPlatform);
  out.overall.sharingShare = share(out.overall.eliminatedBySharing);
  return out;
}

/** The sharing advisor (共享建议): which grant would spare applicants which material. */
export async function sharingAdvice(ctx: Ctx): Promise<SharingAdvice> {
  requireStaff(ctx.actor);
  const at = ctx.clock.now();
  const items = await knownPublishedItems(ctx.db);
  const resourceOf = await resourceCache(ctx.db);
  const hinted: LoadedResource[] = [];
  for (const code of Object.keys(materialHints)) {
    const r = await resourceOf(code);
    if (r && r.status === 'active' && r.sharing_class !== 'not_shared') hinted.push(r);
  }
  const advice: SharingAdvice['items'] = [];
  for (const item of items) {
    const { materials, departments } = await materialsOf(ctx.db, item);
    for (const { material, codes } of materials) {
      if (material.source.kind === 'applicant') {
        const name = material.name.zh;
        const resource = hinted.find((r) => (materialHints[r.code] ?? []).some((w) => name.includes(w)));
        if (!resource) continue;
        const consumer = item.content.responsibleDepartment;
        const fields = resource.fields.filter((f) => !f.sensitive && !f.consent_required).map((f) => f.name);
        advice.push(
          await adviceRow(
            ctx.db,
            at,
            item,
            material,
            resource,
            consumer,
            fields,
            [item.code],
            `申请人仍需提交「${name}」，而「${resource.name_zh}」已由数据资源目录登记。`,
          ),
        );
        continue;
      }
      if (material.source.kind !== 'datahub') continue;
      const resource = await resourceOf(material.source.resource);
      if (resource?.status !== 'active' || resource.sharing_class === 'not_shared') continue;
      for (const c of codes) {
        const consumer = departments.get(c) ?? '';
        const access = await accessFor(ctx.db, at, resource, consumer, c, material.source.fields);
        if (access.ok) continue;
        advice.push(
          await adviceRow(
            ctx.db,
            at,
            item,
            material,
            resource,
            consumer,
            material.source.fields,
            [c],
            `「${material.name.zh}」来自数据共享，但 ${consumer} 尚无覆盖事项 ${c} 的授权（${access.code}）。`,
          ),
        );
      }
    }
  }
  return { items: advice };
}

async function adviceRow(
  sql: Sql,
  at: Date,
  item: PublishedItem,
  material: Material,
  resource: LoadedResource,
  consumer: string,
  fields: string[],
  itemCodes: string[],
  why: string,
): Promise<SharingAdvice['items'][number]> {
  const [existing] = await sql.query<{ id: string }>(
    `select id from datahub_grant where consumer_department_id = $1 and resource_code = $2 and status = 'approved'
       and (expires_at is null or expires_at > $3) order by requested_at limit 1`,
    [consumer, resource.code, at],
  );
  return {
    itemCode: item.code,
    itemName: item.content.name,
    consumerDepartmentId: consumer,
    materialId: material.id,
    materialName: material.name,
    resource: resource.code,
    resourceName: { zh: resource.name_zh, en: resource.name_en },
    providerDepartmentId: resource.owner_department_id,
    suggestedGrant: { resource: resource.code, fields, items: itemCodes },
    existingGrantId: existing?.id ?? null,
    why,
  };
}
