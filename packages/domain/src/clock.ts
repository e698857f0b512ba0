/**
 * The platform never reads the system time directly in business code: it asks a `Clock`, so
 * tests can move time (session expiry, SLA timers) without sleeping. The wall clock itself lives
 * in the server (`platform/system-clock.ts`); the domain never reads it.
 */
export type Clock = { now(): Date };

/** A clock that stands still until told to move; for tests. */
export type ManualClock = Clock & { set(instant: Date | string): void; advance(ms: number): void };

export function createManualClock(start: Date | string = '2026-03-02T09:00:00+08:00'): ManualClock {
  let current = new Date(start);
  return {
    now: () => new Date(current.getTime()),
    set: (instant) => {
      current = new Date(instant);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}
