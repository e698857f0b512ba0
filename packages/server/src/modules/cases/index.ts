/**
 * The cases module's public surface (办件): the module definition, the once-only hook other
 * modules plug their material providers into, and what tests and the seed may drive.
 */
import { requirePersonalDataDeclarations } from '../../platform/http/personal-data.ts';
import type { ModuleDefinition } from '../../platform/module.ts';
import { NOTIFY_QUEUE, registerNotifyRoutes } from '../../platform/notify/index.ts';
import { registerMultipart } from '../../platform/storage/index.ts';
import { listDepartmentSubtreeIds } from '../identity/index.ts';
import { registerCasesJobs } from './cases.jobs.ts';
import { registerCaseRoutes } from './cases.routes.ts';
import { casesStorage } from './cases.storage.ts';
import { registerWorkbenchRoutes } from './workbench.routes.ts';
import { registerWorkflowRoutes } from './workflow.routes.ts';

export const casesModule: ModuleDefinition = {
  name: 'cases',
  async registerRoutes(app, platform) {
    // Queues sent to inside transactions must exist beforehand (see Jobs.ensureQueue).
    await platform.jobs.ensureQueue(NOTIFY_QUEUE);
    await registerMultipart(app, platform.config);
    const storage = casesStorage(platform);
    // The platform's inbox routes (registered in this scope) hold no case data.
    registerNotifyRoutes(app, platform, listDepartmentSubtreeIds);
    // Every staff GET route of cases says whether it returns a person's data (then each read is logged).
    requirePersonalDataDeclarations(app);
    registerCaseRoutes(app, platform, storage);
    registerWorkflowRoutes(app, platform);
    registerWorkbenchRoutes(app, platform);
  },
  registerJobs: registerCasesJobs,
};

export { fireSlaTimer, purgeUnattachedUploads, runDueSlaTimers, SLA_SWEEP_QUEUE, type TimerOutcome } from './cases.jobs.ts';
export { casesStorage } from './cases.storage.ts';
export { type CaseConclusion, type ConclusionHook, conclusionHooks } from './conclusion-hooks.ts';
export {
  type MaterialProvider,
  type MaterialSupplyRequest,
  type MaterialSupplyResult,
  materialProviders,
  type SuppliedFile,
} from './material-providers.ts';
export { type PresenceCheck, type StaffRead, type StaffReadRecorder, staffReads, windowPresence } from './staff-reads.ts';
export { purgeExpiredDrafts } from './use-cases/drafts.ts';
export { type CaseServiceFacts, findCaseService } from './use-cases/purpose.ts';
