import type { Clock } from '@tongban/domain';

/**
 * The one place that reads the wall clock. Business code asks the `Clock` it is given
 * (`platform.clock`), so tests can move time without sleeping; the domain package never reads it.
 */
export const systemClock: Clock = { now: () => new Date() };
