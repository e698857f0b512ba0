import { randomUUID } from 'node:crypto';
import { AppError, type FetchPreview, isValidResidentId, type PrefillResponse } from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { getPublishedItem, type PublishedItem } from '../../catalogue/index.ts';
import { findRegistryEnterprise } from '../../registry/index.ts';
import { runExchange } from './exchange.ts';
import type { ExchangeRequest } from './exchange-request.ts';
import { accessFor } from './grant-check.ts';
import { formOf, materialsOf } from './item-materials.ts';
import { assertPresent } from './presence.ts';
import { consentFieldsOf, departmentNames, findResource, iso, isoOrNull, requireUser, type UserActor } from './shared.ts';

/**
 * The applicant's side of the hub: pre-fill of application forms through the same exchange path
 * as filing (grant, purpose, log), a preview of what the platform will fetch for an item before it
 * does ("we already have this"), and the consent the law requires for some fields.
 */

/** Short source names of form fields' `prefill` (`population.name`) → resource codes. */
export const prefillSourceResources: Readonly<Record<string, string>> = {
  population: 'POPULATION',
  person: 'POPULATION',
  applicant: 'POPULATION',
  enterprise: 'ENTERPRISE-REGISTRATION',
  real_estate: 'REAL-ESTATE-TITLE',
  marriage: 'MARRIAGE',
  social_insurance: 'SOCIAL-INSURANCE',
  housing_fund: 'HOUSING-FUND',
  degree: 'DEGREE',
  birth: 'BIRTH',
  tax: 'TAX-REGISTRATION',
  vehicle: 'VEHICLE',
  driving_licence: 'DRIVING-LICENCE',
};

export const CONSENT_VALID_DAYS = 30;

function assertActsFor(user: UserActor, enterprise: string | undefined) {
  if (enterprise && !user.enterprises.includes(enterprise)) {
    throw new AppError('IDENTITY_NOT_REPRESENTATIVE', '您不是该企业的法定代表人或经办人。You do not act for this enterprise.', {
      field: 'enterprise',
    });
  }
}

/** Who asks for pre-fill, about whom, and which subjects that makes present. */
type PrefillParty = {
  actor: ExchangeRequest['actor'];
  actorName: string | null;
  /** A clerk's own centre: named in the log as the reader, the item's department as the grant holder. */
  readerDepartmentId: string | undefined;
  person: string;
  enterprise: string | undefined;
  subjectsPresent: string[];
  purpose: (item: PublishedItem) => string;
};

/**
 * The applicant online asks for themselves (and an enterprise they act for); a clerk with
 * `cases.intake` names the person standing at the window, and an enterprise only when the registry
 * names that person its legal representative.
 * @throws IDENTITY_NOT_REPRESENTATIVE, AUTH_FORBIDDEN, VALIDATION_FAILED, IDENTITY_ID_NUMBER_INVALID
 */
async function prefillParty(ctx: Ctx, query: { enterprise?: string | undefined; applicant?: string | undefined }): Promise<PrefillParty> {
  const actor = ctx.actor;
  if (actor.kind === 'user') {
    assertActsFor(actor, query.enterprise);
    return {
      actor: { type: 'user', id: actor.userId },
      actorName: null,
      readerDepartmentId: undefined,
      person: actor.idNumber,
      enterprise: query.enterprise,
      subjectsPresent: [actor.idNumber, ...actor.enterprises],
      purpose: (item) => `预填「${item.content.name.zh}」申请表 / pre-fill the application for ${item.content.name.en}`,
    };
  }
  if (actor.kind !== 'staff' || !actor.permissions.has('cases.intake')) {
    throw new AppError('AUTH_FORBIDDEN', '仅限申请人本人或窗口收件人员。Only the applicant, or a clerk taking the application in.');
  }
  const person = query.applicant;
  if (!person) {
    throw new AppError('VALIDATION_FAILED', '请填写在场申请人的身份证号码。Give the ID number of the applicant present.', {
      field: 'querystring.applicant',
    });
  }
  if (!isValidResidentId(person)) {
    throw new AppError('IDENTITY_ID_NUMBER_INVALID', '身份证号码无效。Invalid resident ID number.', { field: 'querystring.applicant' });
  }
  await assertPresent(ctx.db, ctx.clock.now(), actor.staffId, person, 'querystring.applicant');
  let enterprise: string | undefined;
  if (query.enterprise) {
    const record = await findRegistryEnterprise(ctx.db, query.enterprise);
    if (record?.legalRepresentativeIdNumber !== person) {
      throw new AppError('IDENTITY_NOT_REPRESENTATIVE', '申请人不是该企业的法定代表人。The applicant is not the legal representative.', {
        field: 'enterprise',
      });
    }
    enterprise = query.enterprise;
  }
  return {
    actor: { type: 'staff', id: actor.staffId },
    actorName: actor.name,
    readerDepartmentId: actor.departmentId,
    person,
    enterprise,
    subjectsPresent: enterprise ? [person, enterprise] : [person],
    purpose: (item) =>
      `窗口收件，预填「${item.content.name.zh}」申请表（申请人在场）/ pre-fill the application for ${item.content.name.en} at a service window, the applicant present`,
  };
}

/**
 * Form values from the registries behind the item's `prefill` fields, for the applicant online or
 * the person at a clerk's window: each resource fetched under the item's responsible department's
 * grant and written to the exchange log, so the person sees every such read under "who used my
 * data". This is the platform's only pre-fill: filing stores the form as the applicant confirmed it.
 * @throws CATALOGUE_ITEM_NOT_PUBLISHED, IDENTITY_NOT_REPRESENTATIVE, AUTH_FORBIDDEN, VALIDATION_FAILED,
 *   IDENTITY_ID_NUMBER_INVALID
 */
export async function prefillForm(
  ctx: Ctx,
  query: { item: string; enterprise?: string | undefined; applicant?: string | undefined },
): Promise<PrefillResponse> {
  const party = await prefillParty(ctx, query);
  const item = await getPublishedItem(ctx.db, query.item);
  const at = ctx.clock.now();
  const { fields: formFields, departments } = await formOf(ctx.db, item);
  // One fetch per resource and consumer: a bundle's fields are fetched for the member item using them.
  const wanted = new Map<
    string,
    { resource: string; itemCode: string; fields: Set<string>; targets: [formKey: string, field: string][] }
  >();
  for (const f of formFields) {
    if (!f.prefill) continue;
    const [source = '', ...rest] = f.prefill.split('.');
    const resource = prefillSourceResources[source];
    if (!resource || rest.length === 0) continue;
    const field = rest.join('_');
    const itemCode = f.items.find((c) => c !== item.code) ?? item.code;
    const key = `${resource}|${itemCode}`;
    const entry = wanted.get(key) ?? { resource, itemCode, fields: new Set(), targets: [] };
    entry.fields.add(field);
    entry.targets.push([f.key, field]);
    wanted.set(key, entry);
  }
  const out: PrefillResponse = { item: item.code, values: {}, sources: [], refused: [] };
  for (const { resource: code, itemCode, fields, targets } of wanted.values()) {
    const resource = await findResource(ctx.db, code);
    const subject = resource?.subject_kind === 'enterprise' ? party.enterprise : party.person;
    const keys = targets.map(([k]) => k);
    if (!subject) {
      out.refused.push({ resource: code, code: 'no_subject', formFields: keys });
      continue;
    }
    const outcome = await runExchange({ sql: ctx.db, signer: ctx.signer }, at, {
      channel: 'prefill',
      consumerDepartmentId: departments.get(itemCode) ?? item.content.responsibleDepartment,
      actor: party.actor,
      actorName: party.actorName,
      readerDepartmentId: party.readerDepartmentId,
      resource: code,
      fields: [...fields],
      purpose: party.purpose(item),
      itemCode,
      caseId: null,
      subject,
      subjectsPresent: party.subjectsPresent,
      requestId: ctx.requestId,
    });
    if (!outcome.ok) {
      out.refused.push({ resource: code, code: outcome.error.code, formFields: keys });
      continue;
    }
    const record = outcome.records[0];
    if (!record) {
      out.refused.push({ resource: code, code: 'no_record', formFields: keys });
      continue;
    }
    for (const [key, field] of targets) {
      const value = record[field];
      if (value !== null && value !== undefined) out.values[key] = value;
    }
    const names = await departmentNames(ctx.db, [outcome.resource.owner_department_id]);
    out.sources.push({
      resource: code,
      departmentId: outcome.resource.owner_department_id,
      departmentName: names.get(outcome.resource.owner_department_id) ?? null,
      fields: outcome.fields,
      fetchedAt: at.toISOString(),
    });
  }
  // Every value in the answer came through an exchange written to the person's log (refusals too).
  ctx.notePersonalDataRead?.();
  return out;
}

/** The item's hub materials, each with the member items whose cases will fetch it. */
async function hubMaterialsOf(sql: Sql, item: PublishedItem) {
  const { materials, departments } = await materialsOf(sql, item);
  return { materials: materials.filter((m) => m.material.source.kind === 'datahub'), departments };
}

async function hasConsent(sql: Sql, at: Date, subject: string, itemCode: string, resource: string): Promise<boolean> {
  const rows = await sql.query(
    `select 1 from datahub_consent where subject = $1 and item_code = $2 and $3 = any(resources) and withdrawn_at is null and given_at <= $4 and expires_at > $4 limit 1`,
    [subject, itemCode, resource, at],
  );
  return rows.length > 0;
}

/**
 * What the platform will fetch for the applicant when they file `item`: per hub material, the
 * resource, the department that holds it, the fields, whether a grant lets it be fetched, whether
 * the person's consent is needed and given. Nothing is fetched or logged.
 * @throws CATALOGUE_ITEM_NOT_PUBLISHED, IDENTITY_NOT_REPRESENTATIVE
 */
export async function previewFetches(ctx: Ctx, query: { item: string; enterprise?: string | undefined }): Promise<FetchPreview> {
  const user = requireUser(ctx.actor);
  assertActsFor(user, query.enterprise);
  const at = ctx.clock.now();
  const item = await getPublishedItem(ctx.db, query.item);
  const { materials, departments } = await hubMaterialsOf(ctx.db, item);
  const out: FetchPreview = { item: item.code, materials: [] };
  const names = new Map<string, string>();
  for (const { material, codes } of materials) {
    if (material.source.kind !== 'datahub') continue;
    const { resource: code, fields } = material.source;
    const resource = await findResource(ctx.db, code);
    let available = codes.length > 0;
    let reason: string | null = codes.length > 0 ? null : 'not_fetched_by_a_member';
    let consentRequired = false;
    let consentGiven = true;
    if (!resource) {
      available = false;
      reason = 'DATAHUB_RESOURCE_NOT_FOUND';
    } else {
      for (const c of codes) {
        const access = await accessFor(ctx.db, at, resource, departments.get(c) ?? '', c, fields);
        if (!access.ok) {
          available = false;
          reason = access.code;
        }
      }
      consentRequired = consentFieldsOf(resource, fields).length > 0;
      if (consentRequired) {
        for (const c of codes) if (!(await hasConsent(ctx.db, at, user.idNumber, c, code))) consentGiven = false;
      }
      if (!names.has(resource.owner_department_id)) {
        for (const [k, v] of await departmentNames(ctx.db, [resource.owner_department_id])) names.set(k, v);
      }
    }
    out.materials.push({
      materialId: material.id,
      materialName: material.name,
      items: codes,
      resource: code,
      resourceName: resource ? { zh: resource.name_zh, en: resource.name_en } : null,
      providerDepartmentId: resource?.owner_department_id ?? null,
      providerDepartmentName: resource ? (names.get(resource.owner_department_id) ?? null) : null,
      fields: fields.map((name) => {
        const f = resource?.fields.find((x) => x.name === name);
        return { name, label: f ? { zh: f.label_zh, en: f.label_en } : { zh: name, en: name } };
      }),
      available,
      unavailableReason: reason,
      consentRequired,
      consentGiven: consentRequired ? consentGiven : false,
    });
  }
  return out;
}

type ConsentRow = {
  id: string;
  act_id: string;
  subject: string;
  item_code: string;
  resources: string[];
  given_at: Date;
  expires_at: Date;
  withdrawn_at: Date | null;
};
const toConsent = (r: ConsentRow) => ({
  id: r.id,
  subject: r.subject,
  item: r.item_code,
  resources: r.resources,
  givenAt: iso(r.given_at),
  expiresAt: iso(r.expires_at),
  withdrawnAt: isoOrNull(r.withdrawn_at),
});

/**
 * The applicant authorises the fetches of `item` that need their consent (for a bundle: for each
 * member item), valid for `CONSENT_VALID_DAYS`.
 * @throws CATALOGUE_ITEM_NOT_PUBLISHED, IDENTITY_NOT_REPRESENTATIVE, VALIDATION_FAILED (nothing needs consent)
 */
export async function giveConsent(ctx: Ctx, body: { item: string; enterpriseCreditCode?: string | undefined }) {
  const user = requireUser(ctx.actor);
  assertActsFor(user, body.enterpriseCreditCode);
  const at = ctx.clock.now();
  const item = await getPublishedItem(ctx.db, body.item);
  const { materials } = await hubMaterialsOf(ctx.db, item);
  const byItem = new Map<string, Set<string>>();
  for (const { material, codes } of materials) {
    if (material.source.kind !== 'datahub') continue;
    const resource = await findResource(ctx.db, material.source.resource);
    if (!resource || consentFieldsOf(resource, material.source.fields).length === 0) continue;
    for (const c of codes) byItem.set(c, (byItem.get(c) ?? new Set()).add(resource.code));
  }
  if (byItem.size === 0)
    throw new AppError('VALIDATION_FAILED', '该事项没有需要本人授权的数据。Nothing in this item needs your consent.', {
      field: 'body.item',
    });
  const actId = randomUUID();
  const expires = new Date(at.getTime() + CONSENT_VALID_DAYS * 86_400_000);
  const ids: string[] = [];
  await ctx.db.transaction(async (tx) => {
    for (const [code, resources] of byItem) {
      const id = randomUUID();
      ids.push(id);
      await tx.query(
        `insert into datahub_consent (id, act_id, subject, given_by_user_id, item_code, resources, given_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, actId, user.idNumber, user.userId, code, [...resources], at, expires],
      );
    }
    await recordAudit(tx, at, {
      actor: { type: 'user', id: user.userId },
      action: 'datahub.consent.given',
      target: { type: 'datahub_consent', id: actId },
      subject: user.idNumber,
      detail: { item: item.code, items: [...byItem.keys()], resources: [...new Set([...byItem.values()].flatMap((s) => [...s]))] },
      requestId: ctx.requestId,
    });
  });
  const rows = await ctx.db.query<ConsentRow>('select * from datahub_consent where id = any($1::text[]) order by item_code', [ids]);
  return { items: rows.map(toConsent) };
}

export async function listMyConsents(ctx: Ctx) {
  const user = requireUser(ctx.actor);
  const rows = await ctx.db.query<ConsentRow>(
    'select * from datahub_consent where subject = $1 order by given_at desc, item_code limit 500',
    [user.idNumber],
  );
  return { items: rows.map(toConsent) };
}

/**
 * Withdraws a consent (and the rest of the act it was given in, e.g. a bundle's members).
 * @throws NOT_FOUND (also another person's consent)
 */
export async function withdrawConsent(ctx: Ctx, id: string) {
  const user = requireUser(ctx.actor);
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.query<ConsentRow>('select * from datahub_consent where id = $1 and subject = $2', [id, user.idNumber]);
    if (!row) throw new AppError('NOT_FOUND', '授权记录不存在。No such consent.');
    await tx.query('update datahub_consent set withdrawn_at = $2 where act_id = $1 and withdrawn_at is null', [row.act_id, at]);
    await recordAudit(tx, at, {
      actor: { type: 'user', id: user.userId },
      action: 'datahub.consent.withdrawn',
      target: { type: 'datahub_consent', id: row.act_id },
      subject: user.idNumber,
      requestId: ctx.requestId,
    });
    const rows = await tx.query<ConsentRow>('select * from datahub_consent where act_id = $1 order by item_code', [row.act_id]);
    return { items: rows.map(toConsent) };
  });
}
