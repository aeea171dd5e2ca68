/**
 * The årshjul's calendar (DOMAIN.md §5.7, §6): which occurrences a year's recurring duties
 * have, when each falls due and its deadline. Pure: no database, no clock.
 *
 * - A duty falls due at 07:00 (Stockholm) on its day; a day that is not an arbetsdag moves to
 *   the next one (a task that appears on nyårsdagen helps nobody).
 * - monthly: day N of every month (the month's last day when N does not exist);
 * - quarterly: day N of the month after each quarter: January (about quarter 4 of last
 *   year), April, July and October;
 * - tertial: day N of the month after the first two tertials, May and September (the third
 *   is the yearly report, a yearly duty of its own);
 * - yearly: a day and month.
 * - The deadline is N arbetsdagar after the day it falls due, or a fixed day and month (e.g.
 *   the patientsäkerhetsberättelse by 1 March) moved to the next working day as a legal
 *   deadline is (lag 1930:173); a fixed day before the due day is next year's. Deadlines are
 *   at the end of their day.
 */
import { addWorkdays, nextWorkdayOnOrAfter, zonedDateTime, type LocalDate } from '../calendar/index.js';

export const RECURRENCES = ['monthly', 'quarterly', 'tertial', 'yearly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

/** The hour a duty falls due (Stockholm). */
const DUE_TIME = '07:00';

/** A recurring duty as configured (a row of `annual_duty`). */
export interface AnnualDuty {
  id: string;
  title: string;
  description: string;
  /** The role whose holders do it (a candidate group). */
  role: string;
  /** The organisation node it is done at (the task's unit). */
  nodeId: string;
  recurrence: Recurrence;
  /** Day of the month it falls due (1–31). */
  dayOfMonth: number;
  /** Month it falls due, for yearly duties (1–12). */
  month: number | null;
  /** Deadline: this many arbetsdagar after it falls due… */
  deadlineWorkdays: number | null;
  /** …or a fixed day and month. */
  deadlineMonth: number | null;
  deadlineDay: number | null;
  active: boolean;
}

/** One occurrence of a duty in a year, before it is recorded. */
export interface PlannedOccurrence {
  dutyId: string;
  year: number;
  /** Which occurrence of the duty in the year, from 1 (month, quarter, tertial; 1 for yearly). */
  period: number;
  title: string;
  role: string;
  unitId: string;
  /** The working day it falls due. */
  dueOn: LocalDate;
  /** When it falls due: ISO date-time with the Stockholm offset, 07:00. */
  dueAt: string;
  /** The deadline: ISO date-time with the Stockholm offset, end of day. */
  deadlineAt: string;
}

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

const pad = (n: number) => String(n).padStart(2, '0');

/** The date of day `day` in a month, or the month's last day when it has fewer days. */
function dayInMonth(year: number, month: number, day: number): LocalDate {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(day, last))}`;
}

/** The months (1–12) a duty falls due in, with the label of what each occurrence covers. */
function periodsOf(duty: AnnualDuty, year: number): { month: number; label: string }[] {
  switch (duty.recurrence) {
    case 'monthly':
      return MONTHS.map((name, i) => ({ month: i + 1, label: `${name} ${year}` }));
    case 'quarterly':
      return [
        { month: 1, label: `kvartal 4 ${year - 1}` },
        { month: 4, label: `kvartal 1 ${year}` },
        { month: 7, label: `kvartal 2 ${year}` },
        { month: 10, label: `kvartal 3 ${year}` },
      ];
    case 'tertial':
      return [
        { month: 5, label: `tertial 1 ${year}` },
        { month: 9, label: `tertial 2 ${year}` },
      ];
    case 'yearly':
      if (!duty.month) throw new RangeError(`yearly duty ${duty.id} has no month`);
      return [{ month: duty.month, label: String(year) }];
  }
}

/** The deadline of an occurrence that falls due on `dueOn`. */
function deadlineFor(duty: AnnualDuty, dueOn: LocalDate): string {
  if (duty.deadlineWorkdays !== null) return addWorkdays(dueOn, duty.deadlineWorkdays);
  if (duty.deadlineMonth === null || duty.deadlineDay === null) throw new RangeError(`duty ${duty.id} has no deadline rule`);
  const year = Number(dueOn.slice(0, 4));
  let fixed = dayInMonth(year, duty.deadlineMonth, duty.deadlineDay);
  if (fixed < dueOn) fixed = dayInMonth(year + 1, duty.deadlineMonth, duty.deadlineDay);
  return zonedDateTime(nextWorkdayOnOrAfter(fixed));
}

/** Every occurrence of the active duties in `year`, in the order they fall due. */
export function occurrencesOf(year: number, duties: AnnualDuty[]): PlannedOccurrence[] {
  if (!Number.isInteger(year) || year < 2000 || year > 2200) throw new RangeError('year out of range');
  const out: PlannedOccurrence[] = [];
  for (const duty of duties.filter((d) => d.active)) {
    periodsOf(duty, year).forEach(({ month, label }, i) => {
      const dueOn = nextWorkdayOnOrAfter(dayInMonth(year, month, duty.dayOfMonth));
      out.push({
        dutyId: duty.id,
        year,
        period: i + 1,
        title: `${duty.title} – ${label}`,
        role: duty.role,
        unitId: duty.nodeId,
        dueOn,
        dueAt: zonedDateTime(dueOn, DUE_TIME),
        deadlineAt: deadlineFor(duty, dueOn),
      });
    });
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.dutyId.localeCompare(b.dutyId) || a.period - b.period);
}
