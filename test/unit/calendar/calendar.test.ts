import { describe, expect, it } from 'vitest';
import {
  addLegalPeriod,
  addWorkdays,
  addWorkdaysDate,
  dayKind,
  holidayOn,
  isPublicHoliday,
  isWorkday,
  legalPeriodEndDate,
  legalPeriodNominalEnd,
  toLocalDate,
  zonedDateTime,
} from '../../../src/domain/calendar/index.js';

describe('working days and holidays (Europe/Stockholm)', () => {
  it('counts the påsk holidays but not skärtorsdagen or påskafton as working', () => {
    // given påsk 2027 (påskdagen 28 March)
    // then långfredagen and annandag påsk are public holidays, skärtorsdagen a working day
    expect(isWorkday('2027-03-25')).toBe(true);
    expect(isPublicHoliday('2027-03-26')).toBe(true);
    expect(holidayOn('2027-03-26')?.name).toBe('långfredagen');
    expect(isWorkday('2027-03-27')).toBe(false); // Saturday (påskafton)
    expect(isPublicHoliday('2027-03-28')).toBe(true);
    expect(isPublicHoliday('2027-03-29')).toBe(true);
    expect(isWorkday('2027-03-30')).toBe(true);
  });

  it('treats midsommarafton, julafton and nyårsafton as non-working days that are not public holidays', () => {
    for (const eve of ['2027-06-25', '2026-12-24', '2026-12-31', '2030-06-21']) {
      expect(isWorkday(eve)).toBe(false);
      expect(isPublicHoliday(eve)).toBe(false);
      expect(dayKind(eve)).toBe('eve');
    }
  });

  it('finds midsommarafton on the Friday between 19 and 25 June every year', () => {
    for (let year = 2025; year <= 2035; year += 1) {
      const eves = Array.from({ length: 7 }, (_, i) => `${year}-06-${19 + i}`).filter((d) => holidayOn(d)?.kind === 'eve');
      expect(eves).toHaveLength(1);
      expect(new Date(`${eves[0]}T12:00:00Z`).getUTCDay()).toBe(5);
    }
  });

  it('knows Kristi himmelsfärdsdag, nationaldagen and alla helgons dag, and that annandag pingst is a working day', () => {
    expect(isPublicHoliday('2027-05-06')).toBe(true); // Kristi himmelsfärdsdag (Thursday)
    expect(isWorkday('2027-05-17')).toBe(true); // annandag pingst, not a holiday since 2005
    expect(isPublicHoliday('2026-06-06')).toBe(true);
    expect(isPublicHoliday('2026-10-31')).toBe(true); // alla helgons dag 2026 (Saturday 31 Oct)
    expect(isPublicHoliday('2027-11-07')).toBe(true); // every Sunday
    expect(dayKind('2027-11-06')).toBe('publicHoliday');
    expect(dayKind('2027-11-13')).toBe('weekend');
    expect(dayKind('2027-11-15')).toBe('workday');
  });

  it('reads an instant as its Stockholm date, not its UTC date', () => {
    // 23:30 UTC on 24 March is 00:30 on 25 March in Stockholm (CET)
    expect(toLocalDate(new Date('2027-03-24T23:30:00Z'))).toBe('2027-03-25');
    // 22:30 UTC on 30 June is 00:30 on 1 July (CEST)
    expect(toLocalDate('2027-06-30T22:30:00Z')).toBe('2027-07-01');
  });

  it('rejects dates that do not exist', () => {
    expect(() => isWorkday('2027-02-29')).toThrow(RangeError);
    expect(() => isWorkday('not a date')).toThrow(RangeError);
  });
});

describe('arbetsdagar', () => {
  it('skips långfredagen, the weekend and annandag påsk: 2 arbetsdagar from the Thursday before påsk is the Wednesday after', () => {
    expect(addWorkdaysDate('2027-03-25', 2)).toBe('2027-03-31');
    // the deadline is the end of that day, in summer time (DST began 28 March 2027)
    expect(addWorkdays(new Date('2027-03-25T09:00:00+01:00'), 2)).toBe('2027-03-31T23:59:59+02:00');
  });

  it('skips jul and nyår', () => {
    // Wednesday 23 Dec 2026: 24 (julafton), 25, 26, 27 out; 28, 29, 30 in; 31 (nyårsafton), 1 Jan out; 4 Jan in
    expect(addWorkdaysDate('2026-12-23', 4)).toBe('2027-01-04');
    expect(addWorkdays('2026-12-23', 4)).toBe('2027-01-04T23:59:59+01:00');
  });

  it('counts 14 arbetsdagar over Kristi himmelsfärd', () => {
    // from Monday 3 May 2027: 6 May is a holiday, so 14 working days end on Monday 24 May
    expect(addWorkdaysDate('2027-05-03', 14)).toBe('2027-05-24');
  });

  it('gives the first working day on or after the start for n = 0, and refuses negative n', () => {
    expect(addWorkdaysDate('2027-06-25', 0)).toBe('2027-06-28');
    expect(addWorkdaysDate('2027-06-24', 0)).toBe('2027-06-24');
    expect(() => addWorkdaysDate('2027-06-24', -1)).toThrow(RangeError);
  });
});

describe('legal periods (lag 1930:173)', () => {
  it('ends a month on the same day number', () => {
    expect(legalPeriodEndDate('2027-04-13', { months: 1 })).toBe('2027-05-13');
  });

  it('ends 31 January + 1 month on the last day of February, moved past a weekend', () => {
    expect(legalPeriodNominalEnd('2027-01-31', { months: 1 })).toBe('2027-02-28'); // a Sunday
    expect(legalPeriodEndDate('2027-01-31', { months: 1 })).toBe('2027-03-01');
    expect(legalPeriodEndDate('2028-01-31', { months: 1 })).toBe('2028-02-29'); // leap year, a Tuesday
  });

  it('handles 29 February: one year later is 28 February', () => {
    expect(legalPeriodNominalEnd('2028-02-29', { years: 1 })).toBe('2029-02-28');
    expect(legalPeriodEndDate('2024-02-29', { months: 12 })).toBe('2025-02-28');
    expect(legalPeriodEndDate('2027-12-29', { months: 2 })).toBe('2028-02-29');
  });

  it('moves a period ending on långfredagen to the Tuesday after påsk', () => {
    expect(legalPeriodEndDate('2027-02-26', { months: 1 })).toBe('2027-03-30');
  });

  it('moves a period ending on Kristi himmelsfärdsdag to the next day', () => {
    expect(legalPeriodEndDate('2027-04-06', { months: 1 })).toBe('2027-05-07');
  });

  it('moves a period ending on midsommarafton past midsommar to Monday', () => {
    expect(legalPeriodEndDate('2027-05-25', { months: 1 })).toBe('2027-06-28');
    expect(legalPeriodEndDate('2027-06-11', { weeks: 2 })).toBe('2027-06-28'); // same weekday
  });

  it('moves periods ending on julafton or nyårsafton past jul and nyår', () => {
    expect(legalPeriodEndDate('2026-11-24', { months: 1 })).toBe('2026-12-28');
    expect(legalPeriodEndDate('2026-12-01', { days: 30 })).toBe('2027-01-04');
  });

  it('returns the end of the deadline day with the right offset, or a given time', () => {
    expect(addLegalPeriod('2027-03-25', { months: 6 })).toBe('2027-09-27T23:59:59+02:00'); // 25 Sep is a Saturday
    expect(addLegalPeriod('2027-09-23', { months: 2 })).toBe('2027-11-23T23:59:59+01:00'); // after DST ends (31 Oct)
    expect(addLegalPeriod('2027-03-25', { months: 6 }, { time: '00:00' })).toBe('2027-09-27T00:00:00+02:00');
  });

  it('refuses empty or negative periods', () => {
    expect(() => addLegalPeriod('2027-03-25', {})).toThrow(RangeError);
    expect(() => addLegalPeriod('2027-03-25', { months: -1 })).toThrow(RangeError);
  });
});

describe('zoned date-times', () => {
  it('converts Stockholm wall time to the right instant across DST', () => {
    expect(new Date(zonedDateTime('2027-01-15', '12:00')).toISOString()).toBe('2027-01-15T11:00:00.000Z');
    expect(new Date(zonedDateTime('2027-07-15', '12:00')).toISOString()).toBe('2027-07-15T10:00:00.000Z');
    // the day DST ends (31 Oct 2027): midnight is still summer time, the end of the day winter time
    expect(zonedDateTime('2027-10-31', '00:00')).toBe('2027-10-31T00:00:00+02:00');
    expect(zonedDateTime('2027-10-31')).toBe('2027-10-31T23:59:59+01:00');
    expect(() => zonedDateTime('2027-10-31', '25:00')).toThrow(RangeError);
  });
});
