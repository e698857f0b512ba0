/**
 * The city's time zone for staff screens: a date picked in a filter means that day in Shanghai,
 * whatever zone the browser is in, and every instant is shown in Shanghai time.
 */
export const cityZone = 'Asia/Shanghai';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** `2026-03-02` → the instant that day starts in Shanghai (`2026-03-02T00:00:00+08:00`); undefined for anything else. */
export function startOfCityDay(date: string | undefined): string | undefined {
  return date && datePattern.test(date) ? `${date}T00:00:00+08:00` : undefined;
}

/** `2026-03-02` → the instant the next day starts in Shanghai: an exclusive upper bound that keeps the whole day. */
export function endOfCityDay(date: string | undefined): string | undefined {
  if (!date || !datePattern.test(date)) return undefined;
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return `${next.toISOString().slice(0, 10)}T00:00:00+08:00`;
}

/** An instant as date and time (seconds) in Shanghai, in the UI's language. */
export function formatCityDateTime(instant: string | null | undefined, language: string): string {
  if (!instant) return '';
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: cityZone,
  }).format(new Date(instant));
}
