import { applicableMaterials, chinaDateOf, mergeBundle, pendingQuestions, supplyOf } from '@tongban/domain';
import { loadWorkingCalendar } from '../../../platform/calendar/calendar-store.ts';
import type { Ctx } from '../../../platform/context.ts';
import { getPublishedItem } from '../../catalogue/index.ts';
import { walkInPerson } from './submit-case.ts';

/**
 * Before submitting: the questions still open, the materials split into "we already have this"
 * and "please upload", and the date the city promises. The form's pre-fill is the data hub's
 * (`GET /datahub/prefill`): each read is logged for the person to see.
 * @throws CATALOGUE_ITEM_NOT_PUBLISHED, IDENTITY_NOT_IN_REGISTRY (clerk, unknown person)
 */
export async function previewApplication(
  ctx: Ctx,
  body: {
    itemCode: string;
    answers: Record<string, string>;
    enterpriseCreditCode?: string | undefined;
    applicantIdNumber?: string | undefined;
  },
) {
  const item = await getPublishedItem(ctx.db, body.itemCode);
  const members = [];
  for (const code of item.content.bundleMembers ?? []) members.push({ code, content: (await getPublishedItem(ctx.db, code)).content });
  const merged = members.length > 0 ? mergeBundle(members, { code: item.code, content: item.content }) : undefined;
  const definition = merged
    ? {
        situations: merged.situations,
        form: merged.form,
        materials: merged.materials,
        process: [...merged.process.intake, ...merged.process.branches.flatMap((b) => b.steps)],
      }
    : item.content;
  // A clerk names the person at the window: unknown or invalid ID numbers are refused here already.
  if (ctx.actor.kind === 'staff' && body.applicantIdNumber) await walkInPerson(ctx.db, body.applicantIdNumber);
  const calendar = await loadWorkingCalendar(ctx.db);
  const promised = merged ? merged.promisedDays : item.content.promisedDays;
  return {
    itemCode: item.code,
    itemVersion: item.version,
    isBundle: merged !== undefined,
    pendingQuestions: pendingQuestions(definition, body.answers).map((q) => q.id),
    materials: applicableMaterials({ materials: definition.materials as (typeof definition.materials)[number][] }, body.answers).map(
      (m) => ({
        materialId: m.id,
        name: m.name,
        requirement: m.requirement,
        supply: supplyOf(m.source) === 'platform' ? ('platform' as const) : ('upload' as const),
        itemCodes: (m as { items?: string[] }).items ?? [item.code],
      }),
    ),
    expectedCompletionDate: calendar.addWorkingDays(chinaDateOf(ctx.clock.now()), promised),
  };
}
