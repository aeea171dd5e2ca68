/** The risk matrix (src/domain/risk/matrix.ts) and when internal controls fall due (src/domain/internalControl/schedule.ts). */
import { describe, expect, it } from 'vitest';
import { assessRisk, colourOf, DEFAULT_MATRIX, matrixProblems, risksOutsideMatrix, type RiskMatrix } from '../../../src/domain/risk/matrix.js';
import { lastWorkdayOnOrBefore, occurrencesIn, yearEndReportDue } from '../../../src/domain/internalControl/schedule.js';

describe('risk matrix', () => {
  it('scores the default 4×4 matrix: green 1–3, yellow 4–8, red 9–16', () => {
    expect(DEFAULT_MATRIX).toEqual({ size: 4, greenMax: 3, yellowMax: 8 });
    expect(assessRisk(DEFAULT_MATRIX, 1, 3)).toEqual({ score: 3, colour: 'green' });
    expect(assessRisk(DEFAULT_MATRIX, 2, 2)).toEqual({ score: 4, colour: 'yellow' });
    expect(assessRisk(DEFAULT_MATRIX, 4, 2)).toEqual({ score: 8, colour: 'yellow' });
    expect(assessRisk(DEFAULT_MATRIX, 3, 3)).toEqual({ score: 9, colour: 'red' });
    expect(assessRisk(DEFAULT_MATRIX, 4, 4)).toEqual({ score: 16, colour: 'red' });
    const colours = [];
    for (let s = 1; s <= 16; s++) colours.push(colourOf(DEFAULT_MATRIX, s));
    expect(colours.filter((c) => c === 'green')).toHaveLength(3);
    expect(colours.filter((c) => c === 'red')).toHaveLength(8);
  });

  it('scores a 5×5 matrix by its own thresholds', () => {
    const m: RiskMatrix = { size: 5, greenMax: 4, yellowMax: 12 };
    expect(assessRisk(m, 5, 5)).toEqual({ score: 25, colour: 'red' });
    expect(assessRisk(m, 3, 4)).toEqual({ score: 12, colour: 'yellow' });
    expect(assessRisk(m, 2, 2)).toEqual({ score: 4, colour: 'green' });
    expect(assessRisk(m, 5, 1)).toEqual({ score: 5, colour: 'yellow' });
  });

  it('refuses probability or consequence that does not fit the size', () => {
    expect(() => assessRisk(DEFAULT_MATRIX, 5, 1)).toThrow(RangeError);
    expect(() => assessRisk(DEFAULT_MATRIX, 0, 1)).toThrow(RangeError);
    expect(() => assessRisk(DEFAULT_MATRIX, 2.5, 1)).toThrow(RangeError);
    expect(
      risksOutsideMatrix(DEFAULT_MATRIX, [
        { probability: 1, consequence: 4 },
        { probability: 5, consequence: 1 },
        { probability: null, consequence: 2 },
        { probability: '3', consequence: 3 },
      ]),
    ).toEqual([1, 2, 3]);
  });

  it('names what is wrong with a configuration', () => {
    expect(matrixProblems(DEFAULT_MATRIX)).toEqual([]);
    expect(matrixProblems({ size: 3 as 4, greenMax: 2, yellowMax: 5 })).toContain('size must be 4 or 5');
    expect(matrixProblems({ size: 4, greenMax: 6, yellowMax: 6 })).toContain('yellowMax must be a whole number above greenMax');
    expect(matrixProblems({ size: 4, greenMax: 3, yellowMax: 16 })).toContain('yellowMax must leave some red scores');
  });
});

describe('internal control schedule', () => {
  it('opens each quarterly control on the first working day of the quarter’s last month and makes it due on its last working day', () => {
    const q = occurrencesIn(2027, 'quarterly');
    expect(q.map((o) => [o.period, o.opensOn, o.dueOn])).toEqual([
      ['2027-Q1', '2027-03-01', '2027-03-31'],
      ['2027-Q2', '2027-06-01', '2027-06-30'],
      ['2027-Q3', '2027-09-01', '2027-09-30'],
      // 31 December 2027 is nyårsafton (a Friday): due on Thursday 30 December
      ['2027-Q4', '2027-12-01', '2027-12-30'],
    ]);
    expect(q[0]!.opensAt).toBe('2027-03-01T00:00:00+01:00');
    expect(q[1]!.dueAt).toBe('2027-06-30T23:59:59+02:00');
  });

  it('has 12 monthly, 3 tertial and 1 yearly occurrence, on working days only', () => {
    const monthly = occurrencesIn(2027, 'monthly');
    expect(monthly).toHaveLength(12);
    // 1 January is nyårsdagen, 2–3 are a weekend: January's control opens Monday 4 January
    expect(monthly[0]!.opensOn).toBe('2027-01-04');
    // 30 April 2027 is a Friday; valborg is a working day
    expect(monthly[3]!.dueOn).toBe('2027-04-30');
    expect(occurrencesIn(2027, 'tertial').map((o) => o.period)).toEqual(['2027-T1', '2027-T2', '2027-T3']);
    expect(occurrencesIn(2027, 'tertial').map((o) => o.dueOn)).toEqual(['2027-04-30', '2027-08-31', '2027-12-30']);
    expect(occurrencesIn(2027, 'yearly')).toMatchObject([{ period: '2027', opensOn: '2027-12-01', dueOn: '2027-12-30' }]);
  });

  it('finds the last working day before weekends and eves, and the year-end report date', () => {
    expect(lastWorkdayOnOrBefore('2027-06-27')).toBe('2027-06-24'); // Sunday; Saturday midsommardagen, Friday midsommarafton
    expect(lastWorkdayOnOrBefore('2026-12-25')).toBe('2026-12-23'); // juldagen, julafton
    // 1–2 January 2028 are a weekend: the report opens on Monday 3 January
    expect(yearEndReportDue(2027)).toEqual({ opensAt: '2028-01-03T00:00:00+01:00', dueOn: '2028-02-29', dueAt: '2028-02-29T23:59:59+01:00' });
    expect(yearEndReportDue(2026).dueOn).toBe('2027-02-26'); // 28 February 2027 is a Sunday
  });
});
