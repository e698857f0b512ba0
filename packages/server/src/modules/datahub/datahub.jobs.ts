import type { Platform } from '../../platform/context.ts';
import { retrySupply, SUPPLY_RETRY_QUEUE } from './use-cases/supply.ts';

/** The retry of once-only materials whose provider was down or answered badly at filing. */
export async function registerDatahubJobs(platform: Platform): Promise<void> {
  await platform.jobs.work<{ supplyId: string }>(SUPPLY_RETRY_QUEUE, async ({ supplyId }) => {
    await retrySupply(platform, supplyId);
  });
}
