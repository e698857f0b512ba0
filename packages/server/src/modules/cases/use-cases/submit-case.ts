import {
  AppError,
  applicableMaterials,
  type CasePlan,
  type CaseSubmitBody,
  type CaseSubmitResponse,
  isValidResidentId,
  type Material,
  mergeBundle,
  planCase,
  supplyOf,
  validateCaseForm,
  type WindowIntakeBody,
} from '@tongban/domain';
import type { Ctx } from '../../../platform/context.ts';
import type { Sql } from '../../../platform/db/db.ts';
import { getPublishedItem } from '../../catalogue/index.ts';
import { findUserByIdNumber } from '../../identity/index.ts';
import { findRegistryEnterprise, findRegistryPerson } from '../../registry/index.ts';
import type { StaffActor, UserActor } from '../cases.shared.ts';
import { assertPresentAtWindow } from '../staff-reads.ts';
import { type Created, createCase, type Filing, type Member, type UploadRow } from './create-case.ts';
import { withIdempotency } from './idempotency.ts';

/**
 * Filing (申请/收件): online by the applicant, or at any service centre's window by a clerk for
 * the person standing there. Both create the same kind of case, in one transaction with its first
 * action, first task(s), audit entry and SLA timers; a bundle (一件事) creates a parent and one
 * member case per member item, each in its own department, all running at once.
 */
/**
 * @throws CATALOGUE_ITEM_NOT_PUBLISHED, CASES_CHANNEL_NOT_OFFERED, CASES_APPLICANT_NOT_ELIGIBLE,
 *   CASES_NOT_REPRESENTATIVE, CASES_FORM_INVALID, CASES_MATERIAL_MISSING, CASES_UPLOAD_NOT_FOUND,
 *   CASES_DRAFT_NOT_FOUND, IDEMPOTENCY_KEY_REUSED
 */
export async function submitOnline(
  ctx: Ctx,
  body: CaseSubmitBody,
  idempotencyKey?: string,
): Promise<{ value: CaseSubmitResponse; replayed: boolean }> {
  const actor = ctx.actor as UserActor;
  return withIdempotency(ctx, `user:${actor.userId}:POST /cases`, idempotencyKey, body, async (tx) => {
    let enterprise: Filing['enterprise'] = null;
    if (body.enterpriseCreditCode) {
      if (!actor.enterprises.includes(body.enterpriseCreditCode)) {
        throw new AppError('CASES_NOT_REPRESENTATIVE', '您不是该企业的法定代表人或经办人。You do not act for this enterprise.', {
          field: 'body.enterpriseCreditCode',
        });
      }
      const record = await findRegistryEnterprise(tx, body.enterpriseCreditCode);
      enterprise = { creditCode: body.enterpriseCreditCode, name: record?.name ?? body.enterpriseCreditCode };
    }
    return fileApplication(ctx, tx, {
      channel: 'online',
      serviceCentreId: null,
      filedBy: { type: 'user', id: actor.userId, name: actor.name, departmentId: null },
      applicant: { idNumber: actor.idNumber, name: actor.name, userId: actor.userId },
      enterprise,
      body,
    });
  });
}

/**
 * A clerk of any service centre files for a walk-in person identified by ID number.
 * @throws IDENTITY_ID_NUMBER_INVALID, DATAHUB_PRESENCE_REQUIRED, IDENTITY_NOT_IN_REGISTRY, and as `submitOnline`
 */
export async function submitAtWindow(
  ctx: Ctx,
  body: WindowIntakeBody,
  idempotencyKey?: string,
): Promise<{ value: CaseSubmitResponse; replayed: boolean }> {
  const actor = ctx.actor as StaffActor;
  // Filing for a person reads their registry entry: they must be present (an ID-card read).
  if (isValidResidentId(body.applicantIdNumber)) await assertPresentAtWindow(ctx, body.applicantIdNumber, 'body.applicantIdNumber');
  return withIdempotency(ctx, `staff:${actor.staffId}:POST /cases/window-intake`, idempotencyKey, body, async (tx) => {
    const person = await walkInPerson(tx, body.applicantIdNumber);
    let enterprise: Filing['enterprise'] = null;
    if (body.enterpriseCreditCode) {
      const record = await findRegistryEnterprise(tx, body.enterpriseCreditCode);
      if (!record)
        throw new AppError('IDENTITY_ENTERPRISE_NOT_FOUND', '企业登记中没有该企业。Not in the enterprise registry.', {
          field: 'body.enterpriseCreditCode',
        });
      if (record.legalRepresentativeIdNumber !== person.idNumber) {
        throw new AppError('CASES_NOT_REPRESENTATIVE', '申请人不是该企业的法定代表人。The applicant is not the legal representative.', {
          field: 'body.enterpriseCreditCode',
        });
      }
      enterprise = { creditCode: record.creditCode, name: record.name };
    }
    const account = await findUserByIdNumber(tx, person.idNumber);
    const { applicantIdNumber: _omit, ...rest } = body;
    return fileApplication(ctx, tx, {
      channel: 'window',
      serviceCentreId: actor.departmentId,
      filedBy: { type: 'staff', id: actor.staffId, name: actor.name, departmentId: actor.departmentId },
      applicant: { idNumber: person.idNumber, name: person.name, userId: account?.id ?? null },
      enterprise,
      body: rest,
    });
  });
}

/** @throws IDENTITY_ID_NUMBER_INVALID, IDENTITY_NOT_IN_REGISTRY */
export async function walkInPerson(sql: Sql, idNumber: string) {
  if (!isValidResidentId(idNumber))
    throw new AppError('IDENTITY_ID_NUMBER_INVALID', '身份证号码无效。Invalid resident ID number.', { field: 'body.applicantIdNumber' });
  const person = await findRegistryPerson(sql, idNumber);
  if (!person?.alive) {
    throw new AppError('IDENTITY_NOT_IN_REGISTRY', '人口信息中没有此人。The person is not in the population registry.', {
      field: 'body.applicantIdNumber',
    });
  }
  return person;
}

async function fileApplication(ctx: Ctx, tx: Sql, filing: Filing): Promise<CaseSubmitResponse> {
  const { body } = filing;
  const item = await getPublishedItem(tx, body.itemCode);
  const content = item.content;
  if (!content.channels.includes(filing.channel)) {
    throw new AppError(
      'CASES_CHANNEL_NOT_OFFERED',
      `该事项不支持${filing.channel === 'online' ? '网上' : '窗口'}办理。This item cannot be applied for this way.`,
      {
        field: 'body.itemCode',
      },
    );
  }
  const wantsEnterprise = content.applicantType === 'enterprise';
  if ((wantsEnterprise && !filing.enterprise) || (content.applicantType === 'person' && filing.enterprise)) {
    throw new AppError(
      'CASES_APPLICANT_NOT_ELIGIBLE',
      wantsEnterprise ? '该事项须以企业名义申请。Apply on behalf of an enterprise.' : '该事项由个人申请。This item is for natural persons.',
      { field: 'body.enterpriseCreditCode' },
    );
  }

  const bundleCodes = content.bundleMembers ?? [];
  const members: Member[] = [];
  for (const code of bundleCodes) {
    const m = await getPublishedItem(tx, code);
    members.push({ code, versionId: m.versionId, version: m.version, content: m.content });
  }
  const merged = members.length > 0 ? mergeBundle(members, { code: item.code, content }) : undefined;
  const formDefinition = merged ? { situations: merged.situations, form: merged.form } : content;
  const materialList: (Material & { items?: string[] })[] = merged ? merged.materials : content.materials;

  // The form as the applicant confirmed it: pre-filled values came from the data hub
  // (`GET /datahub/prefill`, logged), and nothing here reads the registries behind their back.
  const { values, issues } = validateCaseForm(formDefinition, body.answers, body.form);
  const firstIssue = issues[0];
  if (firstIssue) {
    throw new AppError('CASES_FORM_INVALID', `${firstIssue.field}: ${firstIssue.message}`, {
      field: `body.${firstIssue.field}`,
      details: { issues: issues.slice(0, 30) },
    });
  }

  const applicable = applicableMaterials({ materials: materialList }, body.answers);
  const uploads = await loadUploads(tx, filing, body);
  body.materials.forEach((ref, i) => {
    if (!applicable.some((m) => m.id === ref.materialId)) {
      throw new AppError('VALIDATION_FAILED', `材料 ${ref.materialId} 不属于本事项。Unknown material for this item.`, {
        field: `body.materials.${i}.materialId`,
      });
    }
  });
  const missing = applicable.filter(
    (m) => supplyOf(m.source) === 'applicant' && m.requirement !== 'optional' && !body.materials.some((r) => r.materialId === m.id),
  );
  if (missing.length > 0) {
    throw new AppError(
      'CASES_MATERIAL_MISSING',
      `请上传：${missing.map((m) => m.name.zh).join('、')}。Missing: ${missing.map((m) => m.name.en).join(', ')}.`,
      {
        field: 'body.materials',
        details: { missing: missing.map((m) => m.id) },
      },
    );
  }

  const now = ctx.clock.now();
  const common = { ctx, tx, filing, values, uploads };
  let parent: Created;
  const created: Created[] = [];
  if (merged) {
    const plan: CasePlan = {
      steps: [],
      promisedDays: merged.promisedDays,
      statutoryDays: Math.max(merged.promisedDays, ...members.map((m) => m.content.statutoryDays)),
      responsibleDepartmentId: content.responsibleDepartment,
    };
    parent = await createCase(
      common,
      { code: item.code, versionId: item.versionId, version: item.version, content },
      plan,
      null,
      true,
      [],
      true,
    );
    for (const m of members) {
      const own = applicable.filter((x) => (x.items ?? [m.code]).includes(m.code));
      const memberValues = Object.fromEntries(Object.entries(values).filter(([k]) => m.content.form.some((f) => f.key === k)));
      created.push(
        await createCase({ ...common, values: memberValues }, m, planCase(m.content, body.answers), parent.row.id, false, own, false),
      );
    }
  } else {
    parent = await createCase(
      common,
      { code: item.code, versionId: item.versionId, version: item.version, content },
      planCase(content, body.answers),
      null,
      false,
      applicable,
      true,
    );
  }

  if (body.draftId) {
    const deleted = await tx.query('delete from case_draft where id = $1 and applicant_id_number = $2 returning id', [
      body.draftId,
      filing.applicant.idNumber,
    ]);
    if (deleted.length === 0) throw new AppError('CASES_DRAFT_NOT_FOUND', '草稿不存在。No such draft.', { field: 'body.draftId' });
  }
  if (uploads.size > 0) {
    await tx.query('update case_upload set case_id = $1 where id = any($2::text[]) and case_id is null', [
      parent.row.id,
      [...uploads.keys()],
    ]);
  }

  return {
    caseId: parent.row.id,
    trackingNumber: parent.row.tracking_no,
    status: parent.row.status,
    submittedAt: now.toISOString(),
    expectedCompletionDate: parent.dueDate,
    statutoryCompletionDate: parent.statutoryDueDate,
    members: created.map((c) => ({
      caseId: c.row.id,
      trackingNumber: c.row.tracking_no,
      itemCode: c.row.item_code,
      itemName: { zh: c.row.item_name_zh, en: c.row.item_name_en },
      departmentId: c.row.responsible_department_id,
      status: c.row.status,
      expectedCompletionDate: c.dueDate,
    })),
    platformMaterials: [parent, ...created].flatMap((c) => c.platformMaterials),
  };
}

/** The referenced uploads, which must belong to whoever files (never someone else's file). */
async function loadUploads(tx: Sql, filing: Filing, body: CaseSubmitBody): Promise<Map<string, UploadRow>> {
  const ids = [...new Set(body.materials.map((m) => m.uploadId))];
  if (ids.length === 0) return new Map();
  const rows = await tx.query<UploadRow>(
    `select id, storage_key, sha256, media_type, size_bytes, file_name from case_upload where id = any($1::text[]) and owner_type = $2 and owner_id = $3`,
    [ids, filing.filedBy.type, filing.filedBy.id],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  body.materials.forEach((m, i) => {
    if (!byId.has(m.uploadId))
      throw new AppError('CASES_UPLOAD_NOT_FOUND', '上传的文件不存在。No such upload.', { field: `body.materials.${i}.uploadId` });
  });
  return byId;
}
