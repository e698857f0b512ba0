/**
 * Working-day calendar. Mainland China works Monday to Friday, except public holidays, and some
 * weekend days are working days to make up for bridged holidays (调休). The exceptions come from
 * the `calendar_day` table (seeded from the State Council's notices); this module only computes.
 *
 * Dates are calendar dates in China Standard Time (UTC+8, no daylight saving) written
 * `YYYY-MM-DD`, so the arithmetic never depends on the server's time zone.
 */

export type CalendarDayKind = 'holiday' | 'workday';
export type CalendarException = { date: string; kind: CalendarDayKind; name: string };

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The China Standard Time calendar date of an instant. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight at the start of a China Standard Time date, as an instant. */
export function startOfChinaDate(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CST_OFFSET_MS);
}

export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export type WorkingCalendar = {
  isWorkingDay(date: string): boolean;
  /** The exception that applies to a date, if any (e.g. 春节 holiday or an adjusted working Sunday). */
  exceptionOn(date: string): CalendarException | undefined;
  /**
   * The date on which a time limit of `days` working days ends, counting from the working day
   * after `start` (the day of filing does not count, as in administrative practice).
   */
  addWorkingDays(start: string, days: number): string;
  /** Working days in the half-open range (from, to]: how many full working days have passed. */
  workingDaysBetween(from: string, to: string): number;
};

export function createWorkingCalendar(exceptions: readonly CalendarException[]): WorkingCalendar {
  const byDate = new Map(exceptions.map((e) => [e.date, e]));
  const isWorkingDay = (date: string): boolean => {
    const exception = byDate.get(date);
    if (exception) return exception.kind === 'workday';
    const day = weekday(date);
    return day !== 0 && day !== 6;
  };
  return {
    isWorkingDay,
    exceptionOn: (date) => byDate.get(date),
    addWorkingDays(start, days) {
      if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a non-negative integer, got ${days}`);
      let date = start;
      let left = days;
      while (left > 0) {
        date = addCalendarDays(date, 1);
        if (isWorkingDay(date)) left--;
      }
      return date;
    },
    workingDaysBetween(from, to) {
      if (to <= from) return 0;
      let count = 0;
      for (let date = addCalendarDays(from, 1); date <= to; date = addCalendarDays(date, 1)) {
        if (isWorkingDay(date)) count++;
      }
      return count;
    },
  };
}
