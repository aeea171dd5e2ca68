/**
 * FEEL temporal results as Zeebe stores them in variables, and FEEL/ISO date-times as Zeebe
 * reads them for user-task schedules.
 *
 * Sources (read, not copied; camunda/camunda):
 * - zeebe/feel/src/main/java/io/camunda/zeebe/feel/impl/FeelToMessagePackTransformer.java —
 *   temporals are written as strings: date `LocalDate.toString()`, local time
 *   `LocalTime.toString()`, zoned time FEEL's format, date-times `ISO_ZONED_DATE_TIME` /
 *   `ISO_LOCAL_DATE_TIME`, durations FEEL's format (`ValDayTimeDuration.format`, fractions of a
 *   second dropped). Expected strings below were produced with FEEL-Scala 1.20.2 and those JDK
 *   formatters.
 * - zeebe/engine/.../ExpressionProcessor.java `evaluateDateTimeExpression` and
 *   zeebe/expression-language/.../FeelEvaluationResult.java `getType`/`getDateTime` — a due date
 *   is NULL, a date-time (a local one at the broker's zone) or a string `ZonedDateTime.parse`
 *   reads; a FEEL `date` is refused.
 * - docs: components/modeler/bpmn/user-tasks/user-tasks#scheduling ("an ISO 8601 combined date
 *   and time representation ... or a FEEL expression that returns a date and time").
 */
import { describe, expect, it } from 'vitest';
import { evalDate, evalValue, FeelError } from '../../../src/engine/embedded/feel.js';

const NOW = new Date('2026-03-02T08:00:00Z');
const value = (expr: string, vars: Record<string, unknown> = {}) => evalValue(`=${expr}`, vars, NOW);

describe('FEEL temporal results stored as variables (Zeebe FeelToMessagePackTransformer)', () => {
  it.each([
    ['now()', '2026-03-02T08:00:00Z[Etc/UTC]'],
    ['today()', '2026-03-02'],
    ['date("2026-03-02")', '2026-03-02'],
    ['date and time("2026-03-02T08:30:00")', '2026-03-02T08:30:00'],
    ['date and time("2026-03-02T08:30:00.120")', '2026-03-02T08:30:00.12'],
    ['date and time("2026-03-02T08:30:00Z")', '2026-03-02T08:30:00Z'],
    ['date and time("2026-03-02T08:30:00+00:00")', '2026-03-02T08:30:00Z'],
    ['date and time("2026-03-02T08:30:00+01:00")', '2026-03-02T08:30:00+01:00'],
    ['date and time("2026-03-02T08:30:00@Europe/Stockholm")', '2026-03-02T08:30:00+01:00[Europe/Stockholm]'],
    ['date and time("2026-07-02T08:30:00.5@Europe/Stockholm")', '2026-07-02T08:30:00.5+02:00[Europe/Stockholm]'],
    ['date and time("2026-03-02T08:30:00@Etc/UTC")', '2026-03-02T08:30:00Z[Etc/UTC]'],
    ['time("08:30:00")', '08:30'],
    ['time("08:30:15")', '08:30:15'],
    ['time("08:30:00.120")', '08:30:00.120'],
    ['time("08:30:00+01:00")', '08:30:00+01:00'],
    ['time("08:30:00Z")', '08:30:00Z'],
    ['time("08:30:00@Europe/Stockholm")', '08:30:00@Europe/Stockholm'],
    ['duration("P1D")', 'P1D'],
    ['duration("PT24H")', 'P1D'],
    ['duration("PT36H")', 'P1DT12H'],
    ['duration("PT1.5S")', 'PT1S'],
    ['duration("-PT90M")', '-PT1H30M'],
    ['duration("PT0S")', 'P0D'],
    ['duration("P14M")', 'P1Y2M'],
    ['duration("P0M")', 'P0Y'],
    ['duration("-P1Y")', '-P1Y'],
  ])('%s is stored as %s', (expr, stored) => {
    expect(value(expr)).toBe(stored);
  });

  it('converts temporals inside contexts and lists, and leaves other values as they are', () => {
    expect(value('{ due: date("2026-03-02"), at: [now(), duration("P1D")], n: 1, s: "x" }')).toEqual({
      due: '2026-03-02',
      at: ['2026-03-02T08:00:00Z[Etc/UTC]', 'P1D'],
      n: 1,
      s: 'x',
    });
  });
});

describe('FEEL and ISO date-times read as Zeebe reads a due date (ExpressionProcessor.evaluateDateTimeExpression)', () => {
  const due = (raw: string, vars: Record<string, unknown> = {}) => evalDate(raw, vars, NOW);

  it('reads a FEEL date-time with a zone id or an offset as its instant', () => {
    expect(due('=date and time("2026-03-02T09:00:00@Europe/Stockholm")')?.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect(due('=date and time("2026-07-02T09:00:00@Europe/Stockholm")')?.toISOString()).toBe('2026-07-02T07:00:00.000Z');
    expect(due('=date and time("2026-03-02T09:00:00-05:00")')?.toISOString()).toBe('2026-03-02T14:00:00.000Z');
    expect(due('=now() + duration("P14D")')?.toISOString()).toBe('2026-03-16T08:00:00.000Z');
  });

  it('reads a local FEEL date-time at the broker zone (UTC)', () => {
    expect(due('=date and time("2026-03-02T09:00:00")')?.toISOString()).toBe('2026-03-02T09:00:00.000Z');
  });

  it('reads strings that ZonedDateTime.parse reads, static or from a variable', () => {
    expect(due('2026-03-02T09:00:00+01:00')?.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect(due('=d', { d: '2026-03-02T08:00:00Z[Etc/UTC]' })?.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect(due('=d', { d: '2026-03-02T09:00+01:00[Europe/Stockholm]' })?.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect(due('=string(date and time("2026-03-02T09:00:00+01:00"))')?.toISOString()).toBe('2026-03-02T08:00:00.000Z');
  });

  it('gives no date for null or an empty string (user-task dates are nullable)', () => {
    expect(due('=missing')).toBeNull();
    expect(due('=d', { d: '' })).toBeNull();
  });

  it("refuses a FEEL date, other types and strings without an offset, with Zeebe's messages", () => {
    expect(() => due('=date("2026-03-02")')).toThrow(
      new FeelError("Expected result of the expression 'date(\"2026-03-02\")' to be one of '[NULL, DATE_TIME, STRING]', but was 'DATE'."),
    );
    expect(() => due('=duration("P1D")')).toThrow(/but was 'DURATION'/);
    expect(() => due('=3')).toThrow(/but was 'NUMBER'/);
    expect(() => due('=d', { d: '2026-03-02' })).toThrow(new FeelError("Invalid date-time format '2026-03-02' for expression 'd'."));
    expect(() => due('=d', { d: '2026-03-02T09:00:00' })).toThrow(/Invalid date-time format/);
    expect(() => due('=string(now())')).toThrow(new FeelError("Invalid date-time format '2026-03-02T08:00:00@Etc/UTC' for expression 'string(now())'."));
    expect(() => due('=d', { d: '2026-03-02T09:00:00+01:00[Mars/Olympus]' })).toThrow(/Invalid date-time format/);
  });
});
