/** ISO 8601 durations, dates and repeating cycles for timers (as Zeebe reads them). */

export interface Cycle {
  /** Remaining repetitions; -1 = unbounded. */
  repetitions: number;
  interval: string;
  start: Date | undefined;
}

const DURATION = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Whether a string is an ISO 8601 duration. */
export function isDuration(s: string): boolean {
  return DURATION.test(s) && s !== 'P' && !s.endsWith('T');
}

/** Adds an ISO 8601 duration to an instant (calendar units in UTC). Throws on a bad duration. */
export function addDuration(from: Date, duration: string): Date {
  const m = DURATION.exec(duration.trim());
  if (!m || !isDuration(duration.trim())) throw new Error(`Invalid duration '${duration}'`);
  const sign = m[1] ? -1 : 1;
  const n = (i: number) => sign * Number(m[i] ?? 0);
  const d = new Date(from.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + n(2), d.getUTCMonth() + n(3), d.getUTCDate() + 7 * n(4) + n(5));
  return new Date(d.getTime() + ((n(6) * 60 + n(7)) * 60 + n(8)) * 1000);
}

/** Parses `R[n]/[start/]duration`. Throws on a bad cycle. */
export function parseCycle(s: string): Cycle {
  const parts = s.trim().split('/');
  const r = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!r || parts.length < 2 || parts.length > 3) throw new Error(`Invalid time cycle '${s}'`);
  const interval = parts[parts.length - 1] ?? '';
  if (!isDuration(interval)) throw new Error(`Invalid time cycle '${s}'`);
  const start = parts.length === 3 ? parseDate(parts[1] ?? '') : undefined;
  return { repetitions: r[1] === '' ? -1 : Number(r[1]), interval, start };
}

/** Parses an ISO date-time (a date alone means midnight UTC). Throws on a bad date. */
export function parseDate(s: string): Date {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s.replace(/\[.*\]$/, ''));
  if (Number.isNaN(d.getTime())) throw new Error(`Invalid date '${s}'`);
  return d;
}
