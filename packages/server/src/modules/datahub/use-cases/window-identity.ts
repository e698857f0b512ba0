import { AppError, maskAddress, maskIdentifier, normaliseIdentifier, type PersonLookup } from '@tongban/domain';
import type { Ctx } from '../../../platform/context.ts';
import { assertResidentId, findUserByIdNumber } from '../../identity/index.ts';
import { findRegistryPerson } from '../../registry/index.ts';
import { recordDataUse } from './other-uses.ts';
import { assertPresent } from './presence.ts';
import { findResource, requireStaff } from './shared.ts';

/** The population resource the check reads, and the fields behind what the clerk sees (addresses and mobile masked). */
const RESOURCE = 'POPULATION';
const FIELDS_SHOWN = [
  'name',
  'sex',
  'birth_date',
  'ethnicity',
  'household_district',
  'household_address',
  'residence_address',
  'mobile',
  'alive',
] as const;

/**
 * A window clerk confirms who is standing at the counter (人员核验): the population registry's
 * entry, identifiers and addresses masked, and whether the person has an online account.
 *
 * This is a read of the public security bureau's data by the clerk's department, so it is written
 * to the hub's exchange log like any other use (channel `window`): the person sees under "who used
 * my data" which centre looked them up and why, and may object. It needs no grant: the person is
 * present and hands over their ID card, and the clerk sees less than the card itself shows.
 * The person must be present: a presence record for this clerk (`presence.ts`).
 * @throws IDENTITY_ID_NUMBER_INVALID (field params.idNumber), DATAHUB_PRESENCE_REQUIRED, IDENTITY_NOT_IN_REGISTRY, AUTH_FORBIDDEN
 */
export async function identifyPersonAtWindow(ctx: Ctx, idNumberInput: string): Promise<PersonLookup> {
  const actor = requireStaff(ctx.actor);
  const idNumber = normaliseIdentifier(idNumberInput);
  assertResidentId(idNumber, 'params.idNumber');
  await assertPresent(ctx.db, ctx.clock.now(), actor.staffId, idNumber, 'params.idNumber');
  const person = await findRegistryPerson(ctx.db, idNumber);
  if (!person)
    throw new AppError('IDENTITY_NOT_IN_REGISTRY', '人口库中无此人。No such person in the population registry.', {
      field: 'params.idNumber',
    });
  const [account, resource] = await Promise.all([findUserByIdNumber(ctx.db, idNumber), findResource(ctx.db, RESOURCE)]);
  const now = ctx.clock.now();
  await ctx.db.transaction((tx) =>
    recordDataUse(tx, now, {
      channel: 'window',
      action: 'datahub.person.identified_at_window',
      actor: { type: 'staff', id: actor.staffId },
      actorName: actor.name,
      resource: RESOURCE,
      resourceName: resource ? { zh: resource.name_zh, en: resource.name_en } : { zh: '人口基础信息', en: 'Population registry' },
      providerDepartmentId: resource?.owner_department_id ?? null,
      consumerDepartmentId: actor.departmentId,
      subject: idNumber,
      fields: FIELDS_SHOWN,
      purpose: '窗口核验在场申请人身份 / confirm the identity of the applicant present at a service window',
      target: { type: 'registry_person', id: maskIdentifier(idNumber) },
      requestId: ctx.requestId,
    }),
  );
  ctx.notePersonalDataRead?.();
  return {
    idNumberMasked: maskIdentifier(idNumber),
    name: person.name,
    sex: person.sex,
    birthDate: person.birthDate,
    ethnicity: person.ethnicity,
    householdDistrict: person.householdDistrict,
    householdAddressMasked: maskAddress(person.householdAddress),
    residenceAddressMasked: maskAddress(person.residenceAddress),
    mobileMasked: person.mobile ? maskIdentifier(person.mobile) : null,
    alive: person.alive,
    hasAccount: account !== undefined,
  };
}
