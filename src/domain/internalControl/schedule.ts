/**
 * When the controls of an internkontrollplan fall due (DOMAIN.md §5.6), from the legal
 * calendar. A control point is checked once per period of its frequency (month, quarter,
 * tertial, year). Each occurrence opens as a task at 00:00 on the first working day of the
 * period's last month (for a monthly control: of the month) and is due at the end of the
 * period's last working day, so a control and its result belong to the period they check.
 */
import { isWorkday, nextWorkdayOnOrAfter, zonedDateTime, type LocalDate } from '../calendar/index.js';

export const FREQUENCIES = ['monthly', 'quarterly', 'tertial', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface Occurrence {
  /** `2027-03`, `2027-Q1`, `2027-T1` or `2027`. */
  period: string;
  opensOn: LocalDate;
  dueOn: LocalDate;
  /** When the task opens: 00:00 Stockholm on `opensOn`, ISO with offset. */
  opensAt: string;
  /** When it is due: end of `dueOn` in Stockholm, ISO with offset. */
  dueAt: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The last working day on or before a date. */
export function lastWorkdayOnOrBefore(date: LocalDate): LocalDate {
  let d = new Date(`${date}T12:00:00Z`);
  while (!isWorkday(d.toISOString().slice(0, 10))) d = new Date(d.getTime() - 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** The periods of a year for a frequency: label and the months (1–12) it spans. */
function periods(year: number, frequency: Frequency): { period: string; first: number; last: number }[] {
  switch (frequency) {
    case 'monthly':
      return Array.from({ length: 12 }, (_, i) => ({ period: `${year}-${pad(i + 1)}`, first: i + 1, last: i + 1 }));
    case 'quarterly':
      return [1, 2, 3, 4].map((q) => ({ period: `${year}-Q${q}`, first: q * 3 - 2, last: q * 3 }));
    case 'tertial':
      return [1, 2, 3].map((t) => ({ period: `${year}-T${t}`, first: t * 4 - 3, last: t * 4 }));
    case 'yearly':
      return [{ period: String(year), first: 1, last: 12 }];
  }
}

/** Every occurrence of a control with this frequency in a year, in date order. */
export function occurrencesIn(year: number, frequency: Frequency): Occurrence[] {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new RangeError('year out of range');
  return periods(year, frequency).map(({ period, last }) => {
    const opensOn = nextWorkdayOnOrAfter(`${year}-${pad(last)}-01`);
    const dueOn = lastWorkdayOnOrBefore(`${year}-${pad(last)}-${pad(lastDayOfMonth(year, last))}`);
    return { period, opensOn, dueOn, opensAt: zonedDateTime(opensOn, '00:00'), dueAt: zonedDateTime(dueOn) };
  });
}

/**
 * The year-end report on a plan: it opens at 00:00 on the first working day after the plan
 * year (every control is due by then) and is due on the last working day of February.
 */
export function yearEndReportDue(planYear: number): { opensAt: string; dueOn: LocalDate; dueAt: string } {
  const dueOn = lastWorkdayOnOrBefore(`${planYear + 1}-02-${pad(lastDayOfMonth(planYear + 1, 2))}`);
  return { opensAt: zonedDateTime(nextWorkdayOnOrAfter(`${planYear + 1}-01-01`), '00:00'), dueOn, dueAt: zonedDateTime(dueOn) };
}
