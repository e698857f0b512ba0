import { type CalendarException, createWorkingCalendar, type WorkingCalendar } from '@tongban/domain';
import type { Sql } from '../db/db.ts';

/**
 * The working-day calendar built from the `calendar_day` table (holidays and adjusted working
 * weekends). Exceptions change a few times a year, so the calendar is cached per database handle
 * and reloaded after a while; `invalidateWorkingCalendar` drops it at once (after an edit).
 */
const RELOAD_AFTER_MS = 10 * 60 * 1000;

type Entry = { loadedAt: number; calendar: Promise<WorkingCalendar> };
const cache = new WeakMap<object, Entry>();

/**
 * Pass the long-lived `Db` (the cache key). Inside a transaction pass it as `via` too: on PGlite
 * (one connection) a query on the `Db` would wait for the transaction to end.
 */
export function loadWorkingCalendar(sql: Sql, via: Sql = sql): Promise<WorkingCalendar> {
  const entry = cache.get(sql);
  // A monotonic timer for a cache age, not business time (which comes from the clock).
  const now = performance.now();
  if (entry && now - entry.loadedAt < RELOAD_AFTER_MS) return entry.calendar;
  const calendar = readCalendar(via);
  cache.set(sql, { loadedAt: now, calendar });
  calendar.catch(() => cache.delete(sql));
  return calendar;
}

export function invalidateWorkingCalendar(sql: Sql): void {
  cache.delete(sql);
}

async function readCalendar(sql: Sql): Promise<WorkingCalendar> {
  const rows = await sql.query<{ day: string; kind: CalendarException['kind']; name: string }>(
    `select to_char(day, 'YYYY-MM-DD') as day, kind, name from calendar_day order by day`,
  );
  return createWorkingCalendar(rows.map((r) => ({ date: r.day, kind: r.kind, name: r.name })));
}
