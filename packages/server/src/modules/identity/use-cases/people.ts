import { AppError, maskAddress, maskIdentifier, normaliseIdentifier, type PersonLookup } from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import { findRegistryPerson } from '../../registry/index.ts';
import { assertResidentId } from './accounts.ts';
import { auditActorOf, requireStaff } from './shared.ts';

/**
 * A window clerk confirms who is standing at the counter: the registry entry with identifiers
 * and addresses masked. Each lookup is audited with the person as subject, so they can see in
 * "who looked at my data" that a clerk did.
 * @throws IDENTITY_ID_NUMBER_INVALID (field params.idNumber)
 * @throws IDENTITY_NOT_IN_REGISTRY
 */
export async function lookUpPerson(ctx: Ctx, idNumberInput: string): Promise<PersonLookup> {
  const actor = requireStaff(ctx.actor);
  const idNumber = normaliseIdentifier(idNumberInput);
  assertResidentId(idNumber, 'params.idNumber');
  const person = await findRegistryPerson(ctx.db, idNumber);
  if (!person)
    throw new AppError('IDENTITY_NOT_IN_REGISTRY', '人口库中无此人。No such person in the population registry.', {
      field: 'params.idNumber',
    });
  const hasAccount = (await ctx.db.query('select 1 from user_account where id_number = $1', [idNumber])).length > 0;
  const now = ctx.clock.now();
  await ctx.db.transaction((tx) =>
    recordAudit(tx, now, {
      actor: auditActorOf(actor),
      action: 'identity.person.looked_up',
      target: { type: 'registry_person', id: maskIdentifier(idNumber) },
      subject: idNumber,
      detail: { departmentId: actor.departmentId, purpose: 'window_intake' },
      requestId: ctx.requestId,
    }),
  );
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
    hasAccount,
  };
}
