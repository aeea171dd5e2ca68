/**
 * FEEL temporal values as Zeebe hands them on: as variables (JSON strings) and as the date-times
 * of user-task schedules and timers.
 *
 * Variables: Zeebe writes a FEEL result to MessagePack in `FeelToMessagePackTransformer`
 * (camunda/camunda, zeebe/feel/src/main/java/io/camunda/zeebe/feel/impl/, read, not copied):
 * a date as `LocalDate.toString()`, a local time as `LocalTime.toString()` (seconds left out when
 * zero), a zoned time in FEEL's own format, date-times with the JDK's `ISO_ZONED_DATE_TIME` and
 * `ISO_LOCAL_DATE_TIME` formats, durations in FEEL's format (`ValDayTimeDuration.format`, which
 * drops fractions of a second). Checked against FEEL-Scala 1.20.2 and the JDK formatters.
 *
 * Date-times: Zeebe's `ExpressionProcessor.evaluateDateTimeExpression` (zeebe/engine) accepts a
 * FEEL date-time (a local one at the broker's default zone, UTC in Camunda's images) or a string
 * that `ZonedDateTime.parse` reads (an offset is required; a `[zone]` suffix is allowed); for
 * user-task dates also null and "". Anything else, a FEEL `date` too, is a failure.
 */
import type { FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';
import { FeelDecimal } from './number.js';
import { fixedOffset, isDate, isDateTime, isDuration, isTime } from './temporalValues.js';

type Kind = 'date' | 'time' | 'dateTime' | 'duration';

/** Which FEEL temporal a value is (feelin's classes and ours), or null. */
function temporalKind(v: unknown): Kind | null {
  if (isDate(v)) return 'date';
  if (isTime(v)) return 'time';
  if (isDateTime(v)) return 'dateTime';
  if (isDuration(v)) return 'duration';
  return null;
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** Nanoseconds of a wall-clock value, as 9 digits with the JDK's trailing-zero rules. */
function fraction(t: { millisecond: number; microsecond: number; nanosecond: number }, style: 'minimal' | 'groups'): string {
  const nanos = t.millisecond * 1e6 + t.microsecond * 1e3 + t.nanosecond;
  if (nanos === 0) return '';
  const digits = String(nanos).padStart(9, '0');
  if (style === 'minimal') return `.${digits.replace(/0+$/, '')}`;
  // LocalTime.toString: 3, 6 or 9 digits
  return `.${nanos % 1e6 === 0 ? digits.slice(0, 3) : nanos % 1e3 === 0 ? digits.slice(0, 6) : digits}`;
}

interface Wall {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  microsecond: number;
  nanosecond: number;
}
interface WallDate {
  year: number;
  month: number;
  day: number;
}

const isoTime = (t: Wall) => `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${fraction(t, 'minimal')}`;

/** LocalDate.toString: four-digit years, a sign beyond 9999. */
export function isoDate(d: WallDate): string {
  const y = d.year < 0 ? `-${pad(d.year, 4)}` : d.year > 9999 ? `+${d.year}` : pad(d.year, 4);
  return `${y}-${pad(d.month)}-${pad(d.day)}`;
}

/** `+01:00`, `Z` for zero (the JDK's offset id). */
export function offsetId(offsetSeconds: number): string {
  if (offsetSeconds === 0) return 'Z';
  const a = Math.abs(offsetSeconds);
  const s = a % 60 ? `:${pad(a % 60)}` : '';
  return `${offsetSeconds < 0 ? '-' : '+'}${pad(Math.floor(a / 3600))}:${pad(Math.floor(a / 60) % 60)}${s}`;
}

/** The offset in seconds of a zoned FEEL date-time at its own wall-clock time. */
function dateTimeOffset(v: FeelDateTime): number {
  const fixed = fixedOffset(v.zone!);
  if (fixed !== null) return fixed;
  return v.value.toZonedDateTime(v.zone!).offsetNanoseconds / 1e9;
}

/** A FEEL days-time duration in FEEL-Scala's format (P1DT2H, -PT1H30M, P0D; no fractions). */
export function dayTimeString(totalSeconds: number): string {
  const t = Math.trunc(totalSeconds);
  if (t === 0) return 'P0D';
  const a = Math.abs(t);
  const [d, h, m, s] = [Math.floor(a / 86400), Math.floor(a / 3600) % 24, Math.floor(a / 60) % 60, a % 60];
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `${t < 0 ? '-' : ''}P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
}

/** A FEEL years-months duration in FEEL-Scala's format (P1Y2M, -P3M, P0Y). */
export function yearMonthString(totalMonths: number): string {
  if (totalMonths === 0) return 'P0Y';
  const a = Math.abs(totalMonths);
  const [y, m] = [Math.floor(a / 12), a % 12];
  return `${totalMonths < 0 ? '-' : ''}P${y ? `${y}Y` : ''}${m ? `${m}M` : ''}`;
}

/** Total seconds of a days-time duration, total months of a years-months one. */
function durationTotal(v: FeelDuration): number {
  const d = v.value;
  if (v.yearsMonths) return d.years * 12 + d.months;
  return d.total({ unit: 'second', relativeTo: '1970-01-01' });
}

/** A FEEL temporal as Zeebe stores it in a variable (see the header); null if not temporal. */
function zeebeString(v: unknown): string | null {
  switch (temporalKind(v)) {
    case 'date':
      return isoDate((v as FeelDate).value);
    case 'time':
      return zeebeTime(v as FeelTime);
    case 'dateTime': {
      const dt = v as FeelDateTime;
      const local = `${isoDate(dt.value)}T${isoTime(dt.value)}`;
      if (dt.zone === null) return local;
      const region = fixedOffset(dt.zone) === null ? `[${dt.zone}]` : '';
      return `${local}${offsetId(dateTimeOffset(dt))}${region}`;
    }
    case 'duration': {
      const d = v as FeelDuration;
      return d.yearsMonths ? yearMonthString(durationTotal(d)) : dayTimeString(durationTotal(d));
    }
    default:
      return null;
  }
}

function zeebeTime(t: FeelTime): string {
  const w = t.value;
  if (t.zone === null) {
    // LocalTime.toString: HH:mm, then :ss and the fraction only when not zero
    const rest = w.second || fraction(w, 'groups') ? `:${pad(w.second)}${fraction(w, 'groups')}` : '';
    return `${pad(w.hour)}:${pad(w.minute)}${rest}`;
  }
  const fixed = fixedOffset(t.zone);
  return `${isoTime(w)}${fixed === null ? `@${t.zone}` : offsetId(fixed)}`;
}

/**
 * JSON of a FEEL result as Zeebe writes it: temporals as strings (above), functions dropped, and
 * numbers as FeelToMessagePackTransformer writes them — a whole number as an integer, anything
 * else as a double — so a FeelDecimal becomes its double (FeelDecimal.toJSON): `2/3*3` is 2,
 * `1/3` is 0.3333333333333333.
 */
export function zeebeJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value ?? null, function (this: Record<string, unknown>, key, v) {
      const original = key === '' ? value : this[key];
      const s = zeebeString(original);
      if (s !== null) return s;
      return typeof v === 'function' ? undefined : v;
    }),
  );
}

/** ISO_ZONED_DATE_TIME as ZonedDateTime.parse reads it: an offset is required, a [zone] optional. */
const ZONED = /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?)(Z|[+-]\d\d:\d\d(?::\d\d)?)(?:\[([^\]]+)\])?$/;

/**
 * Reads a FEEL result as a date-time the way Zeebe reads due dates, follow-up dates and timer
 * dates (see the header). Returns null for null or "" when `nullable`; otherwise throws an Error
 * with Zeebe's message.
 */
export function zeebeDateTime(v: unknown, expression: string, nullable: boolean): Date | null {
  const types = nullable ? '[NULL, DATE_TIME, STRING]' : '[DATE_TIME, STRING]';
  if ((v === null || v === undefined) && nullable) return null;
  const kind = temporalKind(v);
  if (kind === 'dateTime') {
    const dt = v as FeelDateTime;
    // A local date-time is placed in the broker's default zone; Zeebe's images run in UTC.
    const zoned = dt.zone === null ? dt.value.toZonedDateTime('UTC') : null;
    if (zoned) return new Date(zoned.epochMilliseconds);
    const offset = dateTimeOffset(dt);
    return new Date(dt.value.toZonedDateTime('UTC').epochMilliseconds - offset * 1000);
  }
  if (typeof v === 'string') {
    if (v === '' && nullable) return null;
    const m = ZONED.exec(v);
    const d = m ? new Date(`${m[1]}${m[2]!.slice(0, 6)}`) : null;
    if (d && !Number.isNaN(d.getTime()) && validZone(m![3])) return d;
    throw new Error(`Invalid date-time format '${v}' for expression '${expression}'.`);
  }
  throw new Error(`Expected result of the expression '${expression}' to be one of '${types}', but was '${resultType(v, kind)}'.`);
}

function validZone(zone: string | undefined): boolean {
  if (zone === undefined) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Zeebe's ResultType name of a FEEL value, as its incident messages name it. */
export function resultType(v: unknown, kind: Kind | null = temporalKind(v)): string {
  if (v === null || v === undefined) return 'NULL';
  if (kind === 'dateTime') return 'DATE_TIME';
  if (kind === 'date') return 'DATE';
  if (kind === 'duration') return (v as FeelDuration).yearsMonths ? 'PERIOD' : 'DURATION';
  if (kind === 'time') return 'UNKNOWN';
  if (Array.isArray(v)) return 'ARRAY';
  if (v instanceof FeelDecimal) return 'NUMBER';
  if (typeof v === 'object') return 'OBJECT';
  return ({ string: 'STRING', number: 'NUMBER', boolean: 'BOOLEAN' } as Record<string, string>)[typeof v] ?? 'UNKNOWN';
}
