/** Timer arithmetic as Zeebe does it (java.time Period/Duration; Spring cron), unit by unit. */
import { describe, expect, it } from 'vitest';
import { isCron, nextCron } from '../../../src/engine/embedded/cron.js';
import { addDuration, isDuration, nextOccurrence, parseCycle, parseDate } from '../../../src/engine/embedded/time.js';

const d = (s: string) => new Date(s);
const iso = (x: Date | undefined) => x?.toISOString();

describe('durations', () => {
  it.each([
    ['2026-01-31T08:00:00Z', 'P1M', '2026-02-28T08:00:00.000Z'],
    ['2028-02-29T08:00:00Z', 'P1Y', '2029-02-28T08:00:00.000Z'],
    ['2026-01-31T08:00:00Z', 'P1Y1M', '2027-02-28T08:00:00.000Z'],
    ['2026-03-02T08:00:00Z', 'P1W2D', '2026-03-11T08:00:00.000Z'],
    ['2026-03-02T08:00:00Z', 'P1DT12H', '2026-03-03T20:00:00.000Z'],
    ['2026-03-02T08:00:00Z', 'PT1.5S', '2026-03-02T08:00:01.500Z'],
    ['2026-03-02T08:00:00Z', '-PT1H', '2026-03-02T07:00:00.000Z'],
  ])('%s + %s = %s', (from, dur, to) => expect(iso(addDuration(d(from), dur))).toBe(to));

  it('adds days in a zone across its DST change (wall clock kept), as a cycle with a zoned start does', () => {
    expect(iso(addDuration(d('2026-03-28T09:00:00Z'), 'P1D', 'Europe/Stockholm'))).toBe('2026-03-29T08:00:00.000Z');
    expect(iso(addDuration(d('2026-03-28T09:00:00Z'), 'P1D'))).toBe('2026-03-29T09:00:00.000Z');
  });

  it.each(['P', 'PT', 'P1.5D', '1H', 'P1H', 'PT1D'])('refuses %s', (s) => expect(isDuration(s)).toBe(false));
});

describe('dates and cycles', () => {
  it.each([
    ['2026-03-02T09:00:00Z', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02T09:00:00+01:00', '2026-03-02T08:00:00.000Z'],
    ['2026-03-02T09:00:00+01:00[Europe/Stockholm]', '2026-03-02T08:00:00.000Z'],
    ['2026-07-02T09:00:00+02:00[Europe/Stockholm]', '2026-07-02T07:00:00.000Z'],
  ])('reads %s', (s, at) => expect(iso(parseDate(s))).toBe(at));

  // Java's ZonedDateTime.parse, which Zeebe uses, refuses a date-time without an offset too.
  it.each([
    '2026-03-02',
    '2026-03-02T09:00:00',
    '2026-03-02T09:00:00[Europe/Stockholm]',
    '2026-03-02T09:00:00@Europe/Stockholm',
    '2026-03-02T09:00:00Z[Nowhere/City]',
    'tomorrow',
  ])('refuses %s', (s) => expect(() => parseDate(s)).toThrow());

  it('reads cycles with repetitions, a start and a zone', () => {
    expect(parseCycle('R3/PT1H')).toMatchObject({ repetitions: 3, interval: 'PT1H', start: undefined });
    expect(parseCycle('R/P1D')).toMatchObject({ repetitions: -1 });
    expect(parseCycle('R/2026-03-02T10:00:00+01:00[Europe/Berlin]/P1D')).toMatchObject({ interval: 'P1D[Europe/Berlin]' });
    expect(() => parseCycle('R3/xyz')).toThrow();
  });

  it('re-anchors a missed occurrence on now', () => {
    expect(iso(nextOccurrence('PT1H', d('2026-03-02T09:00:00Z'), d('2026-03-02T09:00:00Z')))).toBe('2026-03-02T10:00:00.000Z');
    expect(iso(nextOccurrence('PT1H', d('2026-03-02T09:00:00Z'), d('2026-03-02T15:30:00Z')))).toBe('2026-03-02T16:30:00.000Z');
  });
});

describe('cron (Spring dialect)', () => {
  const from = d('2026-03-02T08:00:00Z'); // a Monday
  it.each([
    ['0 0 9-17 * * MON-FRI', '2026-03-02T09:00:00.000Z'],
    ['0 0 0 13 * FRI', '2026-03-13T00:00:00.000Z'],
    ['@monthly', '2026-04-01T00:00:00.000Z'],
    ['0 0 12 L * *', '2026-03-31T12:00:00.000Z'],
    ['0 0 12 L-3 * *', '2026-03-28T12:00:00.000Z'],
    ['0 0 12 ? * 5L', '2026-03-27T12:00:00.000Z'],
    ['0 0 12 ? * MON#2', '2026-03-09T12:00:00.000Z'],
    ['0 0 12 15W * ?', '2026-03-16T12:00:00.000Z'],
    ['0 0 12 LW * ?', '2026-03-31T12:00:00.000Z'],
    ['0 0 0 29 2 *', '2028-02-29T00:00:00.000Z'],
    ['*/15 * * * * *', '2026-03-02T08:00:15.000Z'],
    ['0 0 8 * * 0', '2026-03-08T08:00:00.000Z'],
    ['0 0 8 * * 7', '2026-03-08T08:00:00.000Z'],
  ])('%s after Monday 08:00 → %s', (expr, next) => expect(iso(nextCron(expr, from))).toBe(next));

  it.each(['0 9 * * MON-FRI', '0 0 25 * * *', '* * * * * * *', 'every day'])('refuses %s', (s) => expect(isCron(s)).toBe(false));
});
