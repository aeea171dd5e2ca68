/** The årshjul's calendar (src/domain/annualCycle/schedule.ts): due dates at 07:00 and deadlines from the legal calendar. */
import { describe, expect, it } from 'vitest';
import { defaultAnnualDuties, occurrencesOf, type AnnualDuty } from '../../../src/domain/annualCycle/index.js';

const duty = (d: Partial<AnnualDuty> & Pick<AnnualDuty, 'id' | 'recurrence'>): AnnualDuty => ({
  title: d.id,
  description: '',
  role: 'enhetschef',
  nodeId: 'hemtjanst-solrosen',
  dayOfMonth: 1,
  month: null,
  deadlineWorkdays: 10,
  deadlineMonth: null,
  deadlineDay: null,
  active: true,
  ...d,
});

describe('årshjul schedule', () => {
  it('PSB by 1 March: 1 March 2026 is a Sunday, so the deadline is Monday 2 March (end of day)', () => {
    const psb = defaultAnnualDuties().find((d) => d.id === 'patientsakerhetsberattelse')!;
    const [o] = occurrencesOf(2026, [psb]);
    expect(o).toMatchObject({ period: 1, role: 'mas', unitId: 'socialforvaltningen', dueOn: '2026-02-02', deadlineAt: '2026-03-02T23:59:59+01:00' });
    // 1 February 2026 is a Sunday too: it falls due on Monday 2 February at 07:00
    expect(o!.dueAt).toBe('2026-02-02T07:00:00+01:00');
    // 2027: 1 March is a Monday and stays
    expect(occurrencesOf(2027, [psb])[0]!.deadlineAt).toBe('2027-03-01T23:59:59+01:00');
  });

  it('monthly on the 1st: a holiday moves it to the next working day, and the deadline counts arbetsdagar from there', () => {
    const occ = occurrencesOf(2026, [duty({ id: 'delegationskontroll', recurrence: 'monthly' })]);
    expect(occ).toHaveLength(12);
    expect(occ.map((o) => o.period)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // nyårsdagen (Thursday) → Friday 2 January; 10 arbetsdagar without trettondedag jul → Monday 19 January
    expect(occ[0]).toMatchObject({ dueAt: '2026-01-02T07:00:00+01:00', deadlineAt: '2026-01-19T23:59:59+01:00', title: 'delegationskontroll – januari 2026' });
    // första maj (Friday) and the weekend → Monday 4 May; Kristi himmelsfärdsdag (14 May) is not counted → 19 May
    expect(occ[4]).toMatchObject({ dueAt: '2026-05-04T07:00:00+02:00', deadlineAt: '2026-05-19T23:59:59+02:00' });
    // summer time is kept per date
    expect(occ[3]!.dueAt).toBe('2026-04-01T07:00:00+02:00');
  });

  it('a day the month does not have is its last day', () => {
    const x = duty({ id: 'x', recurrence: 'monthly', dayOfMonth: 31, deadlineWorkdays: 0 });
    expect(occurrencesOf(2025, [x])[1]!.dueOn).toBe('2025-02-28'); // a Friday
    expect(occurrencesOf(2025, [x])[3]!.dueOn).toBe('2025-04-30');
    // 28 February 2026 is a Saturday: the next working day
    expect(occurrencesOf(2026, [x])[1]!.dueOn).toBe('2026-03-02');
  });

  it('tertial: after 4 and 8 months (May and September); quarterly: the month after each quarter', () => {
    const tertial = occurrencesOf(2026, [duty({ id: 't', recurrence: 'tertial', dayOfMonth: 1, deadlineWorkdays: 15 })]);
    expect(tertial.map((o) => [o.title, o.dueOn, o.deadlineAt])).toEqual([
      ['t – tertial 1 2026', '2026-05-04', '2026-05-26T23:59:59+02:00'],
      ['t – tertial 2 2026', '2026-09-01', '2026-09-22T23:59:59+02:00'],
    ]);
    const quarterly = occurrencesOf(2026, [duty({ id: 'q', recurrence: 'quarterly', dayOfMonth: 10 })]);
    expect(quarterly.map((o) => [o.title, o.dueOn])).toEqual([
      ['q – kvartal 4 2025', '2026-01-12'],
      ['q – kvartal 1 2026', '2026-04-10'],
      ['q – kvartal 2 2026', '2026-07-10'],
      ['q – kvartal 3 2026', '2026-10-12'],
    ]);
  });

  it('a fixed deadline before the day it falls due is next year’s; inactive duties have no occurrences', () => {
    const [o] = occurrencesOf(2026, [
      duty({ id: 'y', recurrence: 'yearly', month: 12, dayOfMonth: 1, deadlineWorkdays: null, deadlineMonth: 1, deadlineDay: 31 }),
    ]);
    expect(o!.deadlineAt).toBe('2027-02-01T23:59:59+01:00'); // 31 January 2027 is a Sunday
    expect(occurrencesOf(2026, [duty({ id: 'off', recurrence: 'monthly', active: false })])).toEqual([]);
  });

  it('plans the default årshjul in date order, with a deadline after each due time', () => {
    const occ = occurrencesOf(2026, defaultAnnualDuties());
    expect(occ.length).toBe(4 * 12 + 3 * 4 + 2 + 6);
    for (const o of occ) expect(new Date(o.deadlineAt).getTime()).toBeGreaterThan(new Date(o.dueAt).getTime());
    expect(occ.map((o) => o.dueOn)).toEqual([...occ.map((o) => o.dueOn)].sort());
    expect(new Set(occ.map((o) => o.role))).toEqual(new Set(['verksamhetschef', 'enhetschef', 'namndsekreterare', 'kvalitetsledare', 'mas', 'socialchef']));
  });
});
