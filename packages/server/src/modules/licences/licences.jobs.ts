import type { Platform } from '../../platform/context.ts';
import { ISSUE_QUEUE } from './licences.shared.ts';
import { issueForCase, issuePendingLicences } from './use-cases/issue.ts';

/**
 * The issuance outbox's worker: one job per approved case (enqueued in the approving
 * transaction). A failing attempt throws, so pg-boss retries it; at start-up a sweep issues
 * whatever is still pending (say, after the queue gave up during an outage).
 */
export async function registerLicenceJobs(platform: Platform): Promise<void> {
  if (!platform.config.JOBS_ENABLED) return;
  await platform.jobs.work<{ caseId: string }>(ISSUE_QUEUE, async ({ caseId }) => {
    await issueForCase(platform, caseId);
  });
  void issuePendingLicences(platform).catch((error) => platform.log.error({ err: error }, 'licence issuance sweep failed'));
}
