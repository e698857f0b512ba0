/**
 * The data hub's public surface (数据共享交换): the module definition, the demo seed, and what
 * other modules may call — the cases module's view of once-only supplies, the hotline's hook
 * for objections, and `recordDataUse` for uses of a person's data elsewhere (e-licences).
 * Nothing else in this folder is public.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { materialProviders, staffReads, windowPresence } from '../cases/index.ts';
import { registerDatahubJobs } from './datahub.jobs.ts';
import { registerDatahubRoutes } from './datahub.routes.ts';
import { assertPresent } from './use-cases/presence.ts';
import { recordCaseStaffRead } from './use-cases/staff-reads.ts';
import { createMaterialProvider, MATERIAL_SUPPLIED_QUEUE, SUPPLY_RETRY_QUEUE } from './use-cases/supply.ts';

export const datahubModule: ModuleDefinition = {
  name: 'datahub',
  async registerRoutes(app, platform) {
    // Queues sent to inside transactions must exist beforehand (see Jobs.ensureQueue).
    for (const queue of [SUPPLY_RETRY_QUEUE, MATERIAL_SUPPLIED_QUEUE]) await platform.jobs.ensureQueue(queue);
    // Once-only: the cases module offers every material sourced from the hub to this provider at filing.
    materialProviders.register('datahub', createMaterialProvider(platform));
    // Staff reads of case data are uses of the person's data, in the same log.
    staffReads.register(recordCaseStaffRead);
    // A clerk's reads of a person's data in cases (drafts, filing at the window) need presence.
    windowPresence.register(assertPresent);
    registerDatahubRoutes(app, platform);
  },
  registerJobs: registerDatahubJobs,
};

export {
  type CardData,
  type CardRead,
  cardReadMessage,
  type SignedCardRead,
} from './card-reader/card-read.ts';
export { cardFor, createDemoCardReader, type DemoCardReader, otherProvinceCard } from './card-reader/demo-reader.ts';
export { type DemoDatahubCounts, type DemoDatahubInput, importDemoDatahub } from './seed/import-demo.ts';
export { type DataUse, recordDataUse } from './use-cases/other-uses.ts';
export { PRESENCE_VALID_MINUTES, type PresenceEvidence, recordPresence } from './use-cases/presence.ts';
export {
  listCaseSupplies,
  MATERIAL_SUPPLIED_QUEUE,
  MAX_SUPPLY_ATTEMPTS,
  type MaterialSuppliedEvent,
  retryDueSupplies,
  retrySupply,
  SUPPLY_RETRY_QUEUE,
} from './use-cases/supply.ts';
export { listOpenObjections, markObjectionForwarded, type OpenObjection } from './use-cases/usage.ts';
