import { recordAudit } from '../../platform/audit/audit.ts';
import type { Platform } from '../../platform/context.ts';

export const IDENTITY_PURGE_QUEUE = 'identity.purge';
const PURGE_EVERY_SECONDS = 60 * 60;

/**
 * Deletes what only mattered for a while: one-time codes a day past their expiry, login failure
 * counts past LOGIN_FAILURE_WINDOW_MINUTES and no longer blocking (most are unknown usernames an
 * attacker typed), and devices not used for LOGIN_DEVICE_DAYS. One audit entry when anything went.
 */
export async function purgeIdentityLeftovers(platform: Pick<Platform, 'db' | 'clock' | 'config'>): Promise<Record<string, number>> {
  const now = platform.clock.now();
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const windowStart = new Date(now.getTime() - platform.config.LOGIN_FAILURE_WINDOW_MINUTES * 60_000);
  const devicesBefore = new Date(now.getTime() - platform.config.LOGIN_DEVICE_DAYS * 86_400_000);
  return platform.db.transaction(async (tx) => {
    const codes = await tx.query('delete from one_time_code where expires_at < $1 returning id', [dayAgo]);
    const throttles = await tx.query(
      'delete from login_throttle where last_failure_at < $1 and (blocked_until is null or blocked_until < $2) returning key',
      [windowStart, now],
    );
    const devices = await tx.query('delete from known_device where last_used_at < $1 returning principal_id', [devicesBefore]);
    const counts = { oneTimeCodes: codes.length, loginThrottles: throttles.length, knownDevices: devices.length };
    if (codes.length + throttles.length + devices.length > 0) {
      await recordAudit(tx, now, { actor: { type: 'system' }, action: 'identity.leftovers.purged', detail: counts });
    }
    return counts;
  });
}

export async function registerIdentityJobs(platform: Platform): Promise<void> {
  await platform.jobs.every(
    IDENTITY_PURGE_QUEUE,
    PURGE_EVERY_SECONDS,
    async () => {
      await purgeIdentityLeftovers(platform);
    },
    (error) => platform.log.error({ err: error }, 'identity purge failed'),
  );
}
