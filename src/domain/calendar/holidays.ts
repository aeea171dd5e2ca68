/**
 * Swedish public holidays from the maintained `date-holidays` package (country SE).
 * Its SE data marks the holidays of lag (1989:253) as `public`, and midsommarafton, julafton
 * and nyårsafton as `bank`: not public holidays in law, but lag (1930:173) treats them like
 * holidays when a deadline falls on them, and they are not arbetsdagar (DOMAIN.md §6).
 * Skärtorsdagen, trettondagsafton, valborgsmässoafton, annandag pingst etc. are working days.
 */
import Holidays from 'date-holidays';
import type { LocalDate } from './localDate.js';

export type DayKind = 'publicHoliday' | 'eve';

export interface HolidayInfo {
  kind: DayKind;
  /** The Swedish name, e.g. `långfredagen`, `midsommarafton`. */
  name: string;
}

const se = new Holidays('SE');
const byYear = new Map<number, Map<LocalDate, HolidayInfo>>();

function yearTable(year: number): Map<LocalDate, HolidayInfo> {
  let table = byYear.get(year);
  if (table) return table;
  table = new Map();
  for (const h of se.getHolidays(year, 'sv')) {
    const date = h.date.slice(0, 10);
    if (h.type === 'public') table.set(date, { kind: 'publicHoliday', name: h.name });
    else if (h.type === 'bank' && !table.has(date)) table.set(date, { kind: 'eve', name: h.name });
  }
  byYear.set(year, table);
  return table;
}

/** The holiday or non-working eve on a date, if any (Sundays are not listed here). */
export function holidayOn(date: LocalDate): HolidayInfo | undefined {
  return yearTable(Number(date.slice(0, 4))).get(date);
}
