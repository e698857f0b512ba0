import type { ServiceItemInput } from '@tongban/domain';
import { type ItemSpec, item } from './dsl.ts';

/**
 * A bundle (一件事) is an item whose `bundleMembers` name the member items. Its own materials and
 * form are the merged, de-duplicated view of the members' (what the applicant sees once); its
 * process runs the member departments in parallel groups. The statutory limit of a bundle is the
 * sum of its members' — what the law would allow if each were applied for in turn.
 */
export type BundleSpec = Omit<ItemSpec, 'days' | 'members' | 'type'> & { members: string[]; promisedDays: number };

export function bundle(s: BundleSpec, catalogue: ReadonlyMap<string, ServiceItemInput>): ServiceItemInput {
  let statutory = 0;
  for (const code of s.members) {
    const member = catalogue.get(code);
    if (!member) throw new Error(`bundle ${s.code}: no member item ${code}`);
    statutory += member.statutoryDays;
  }
  const { promisedDays, ...rest } = s;
  return item({ ...rest, type: 'public_service', days: [Math.max(statutory, promisedDays), promisedDays] });
}
