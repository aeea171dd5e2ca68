/**
 * Local calendar dates (`YYYY-MM-DD`) in Europe/Stockholm and their conversion to instants.
 * Date arithmetic is done on the date alone (as UTC midnight) so DST never shifts a day.
 */

/** A calendar date, `YYYY-MM-DD`, meant in Europe/Stockholm. */
export type LocalDate = string;

const TIME_ZONE = 'Europe/Stockholm';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function zonedParts(instant: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of partsFormat.formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** The Stockholm offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function stockholmOffsetMinutes(instant: Date): number {
  const p = zonedParts(instant);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The Stockholm calendar date of an instant. */
export function stockholmDate(instant: Date): LocalDate {
  const p = zonedParts(instant);
  return `${p.year}-${pad(p.month!)}-${pad(p.day!)}`;
}

/** Accepts an instant, a `YYYY-MM-DD` date or an ISO date-time; returns its Stockholm date. */
export function toLocalDate(value: Date | string): LocalDate {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('invalid date');
    return stockholmDate(value);
  }
  if (LOCAL_DATE.test(value)) {
    parseLocalDate(value);
    return value;
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid date');
  return stockholmDate(instant);
}

/** Splits and validates a local date. */
function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  const m = LOCAL_DATE.exec(date);
  if (!m) throw new RangeError('expected a date as YYYY-MM-DD');
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw new RangeError('no such date');
  return { year, month, day };
}

function fromUtcMidnight(ms: number): LocalDate {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The date `n` calendar days later (or earlier, for negative n). */
export function addDays(date: LocalDate, n: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  return fromUtcMidnight(Date.UTC(year, month - 1, day + n));
}

/** Same day number `n` months later; the month's last day when that day does not exist. */
export function addMonths(date: LocalDate, n: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const target = new Date(Date.UTC(year, month - 1 + n, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtcMidnight(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day, lastDay)));
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The instant of a Stockholm wall-clock time on a date, as ISO with offset (`…T23:59:59+02:00`). */
export function zonedDateTime(date: LocalDate, time = '23:59:59'): string {
  const t = TIME.exec(time);
  if (!t || Number(t[1]) > 23 || Number(t[2]) > 59 || Number(t[3] ?? 0) > 59) throw new RangeError('expected a time as HH:MM[:SS]');
  const { year, month, day } = parseLocalDate(date);
  const wall = Date.UTC(year, month - 1, day, Number(t[1]), Number(t[2]), Number(t[3] ?? 0));
  // The offset at the wall time read as UTC is right except within an hour of a DST change;
  // one correction step settles it.
  let offset = stockholmOffsetMinutes(new Date(wall - stockholmOffsetMinutes(new Date(wall)) * 60_000));
  offset = stockholmOffsetMinutes(new Date(wall - offset * 60_000));
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${date}T${pad(Number(t[1]))}:${pad(Number(t[2]))}:${pad(Number(t[3] ?? 0))}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
