/**
 * The legal calendar: Swedish working days and legal periods (lag 1930:173 om beräkning av
 * lagstadgad tid), in Europe/Stockholm local dates. Every deadline in the product comes from
 * here (DESIGN.md §5).
 *
 * Deadlines are returned as ISO 8601 date-times with the Stockholm offset, at the END of the
 * deadline day (23:59:59 local) unless another local time is asked for — a deadline "on
 * 7 April" is met by anything done that day. Timers that should fire ON a day (a follow-up)
 * ask for `time: '00:00'`.
 */
import { holidayOn, type HolidayInfo } from './holidays.js';
import { addDays, addMonths, isoWeekday, toLocalDate, zonedDateTime, type LocalDate } from './localDate.js';

export type { LocalDate } from './localDate.js';
export { stockholmDate, toLocalDate, zonedDateTime } from './localDate.js';
export { holidayOn, type HolidayInfo } from './holidays.js';

export interface DeadlineOptions {
  /** Stockholm wall-clock time of the deadline, `HH:MM[:SS]`; default `23:59:59`. */
  time?: string;
}

export interface LegalPeriod {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
}

/** Whether a date is a public holiday in law (lag 1989:253): the listed days and every Sunday. */
export function isPublicHoliday(date: Date | string): boolean {
  const d = toLocalDate(date);
  return isoWeekday(d) === 7 || holidayOn(d)?.kind === 'publicHoliday';
}

/** Whether a date is an arbetsdag: Monday–Friday, not a public holiday, midsommarafton, julafton or nyårsafton. */
export function isWorkday(date: Date | string): boolean {
  const d = toLocalDate(date);
  return isoWeekday(d) <= 5 && holidayOn(d) === undefined;
}

/** The first working day on or after a date. */
export function nextWorkdayOnOrAfter(date: Date | string): LocalDate {
  let d = toLocalDate(date);
  while (!isWorkday(d)) d = addDays(d, 1);
  return d;
}

/** The local date `n` arbetsdagar after the start's date (the start day itself is not counted; n = 0 gives the first working day on or after it). */
export function addWorkdaysDate(start: Date | string, n: number): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
  let d = toLocalDate(start);
  if (n === 0) return nextWorkdayOnOrAfter(d);
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (isWorkday(d)) left -= 1;
  }
  return d;
}

/** A deadline `n` arbetsdagar after the start, as an ISO date-time (end of that day unless `time`). */
export function addWorkdays(start: Date | string, n: number, opts: DeadlineOptions = {}): string {
  return zonedDateTime(addWorkdaysDate(start, n), opts.time);
}

/** The last day of a legal period by lag 1930:173, before moving off non-working days. */
export function legalPeriodNominalEnd(start: Date | string, period: LegalPeriod): LocalDate {
  const { years = 0, months = 0, weeks = 0, days = 0 } = period;
  for (const v of [years, months, weeks, days]) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError('period parts must be whole numbers ≥ 0');
  }
  if (years + months + weeks + days === 0) throw new RangeError('the period is empty');
  let d = toLocalDate(start);
  if (years || months) d = addMonths(d, years * 12 + months);
  return addDays(d, weeks * 7 + days);
}

/** The last day of a legal period: nominal end, moved past Saturday, Sunday, public holiday, midsommarafton, julafton, nyårsafton (2 §). */
export function legalPeriodEndDate(start: Date | string, period: LegalPeriod): LocalDate {
  return nextWorkdayOnOrAfter(legalPeriodNominalEnd(start, period));
}

/** A legal deadline by lag 1930:173 as an ISO date-time (end of the day unless `time`). */
export function addLegalPeriod(start: Date | string, period: LegalPeriod, opts: DeadlineOptions = {}): string {
  return zonedDateTime(legalPeriodEndDate(start, period), opts.time);
}

/** Describes a date for UI and tests: working day, or why not. */
export function dayKind(date: Date | string): 'workday' | 'weekend' | HolidayInfo['kind'] {
  const d = toLocalDate(date);
  const holiday = holidayOn(d);
  if (holiday) return holiday.kind;
  return isoWeekday(d) >= 6 ? 'weekend' : 'workday';
}
