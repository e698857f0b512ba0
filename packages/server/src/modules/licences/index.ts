/**
 * The licences module's public surface (电子证照库): the module definition and what other modules,
 * the seed and the CLI may call. Nothing else in this folder is public.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { NOTIFY_QUEUE } from '../../platform/notify/index.ts';
import { conclusionHooks, materialProviders } from '../cases/index.ts';
import { registerLicenceJobs } from './licences.jobs.ts';
import { registerLicenceRoutes } from './licences.routes.ts';
import { ISSUE_QUEUE } from './licences.shared.ts';
import { createConclusionHook } from './use-cases/issue.ts';
import { createLicenceMaterialProvider } from './use-cases/material-provider.ts';

export const licencesModule: ModuleDefinition = {
  name: 'licences',
  async registerRoutes(app, platform) {
    // Queues sent to inside transactions must exist beforehand (see Jobs.ensureQueue).
    for (const queue of [ISSUE_QUEUE, NOTIFY_QUEUE]) await platform.jobs.ensureQueue(queue);
    // An approved case asks for its licence in the approving transaction (the outbox).
    conclusionHooks.register('licences', createConclusionHook(platform));
    // Once-only: materials whose source is a licence type come from the holder's valid licences.
    materialProviders.register('licence', createLicenceMaterialProvider());
    registerLicenceRoutes(app, platform);
  },
  registerJobs: registerLicenceJobs,
};

export { ISSUE_QUEUE } from './licences.shared.ts';
export { ImportFileError, type ImportReport, importLicences } from './use-cases/import.ts';
export { issueForCase, issuePendingLicences } from './use-cases/issue.ts';
export { rotateIssuerKey } from './use-cases/issuers.ts';
export { type RevokeInput, revokeLicence, type StatusChangeResult } from './use-cases/status-change.ts';
export { registerLicenceTypes } from './use-cases/types.ts';
export { verifyPresented } from './use-cases/verify.ts';
