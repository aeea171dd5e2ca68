/**
 * FEEL temporal values built and read the way FEEL-Scala (the FEEL engine inside Zeebe) does,
 * kept in feelin's own value classes so that feelin's interpreter and built-ins still know them.
 *
 * FEEL-Scala's rules (org.camunda.feel, Apache-2.0, read not copied): `date("…")` takes only
 * `yyyy-MM-dd`; a date-time string may omit seconds; `Z` and `+00:00` are the same offset; a local
 * time in a DST gap moves forward; `24:00:00` is midnight; leap seconds and week durations are
 * invalid (null); a duration mixing years/months with days/time is invalid; a zoned time with a
 * zone id carries the zone's standard offset; `.timezone` is the zone id only (null for an offset).
 */
import { FeelDate, FeelDateTime, FeelDuration, FeelTime, date, dateAndTime, duration, time } from 'feelin';
import { FeelDateTime as FeelinDateTime, FeelTime as FeelinTime } from 'feelin';
import type { Temporal } from 'temporal-polyfill';

/** The Temporal classes behind feelin's values (taken from its values: no direct dependency). */
export const T = {
  PlainDate: date('2000-01-01')!.value.constructor as typeof Temporal.PlainDate,
  PlainTime: time('00:00:00')!.value.constructor as typeof Temporal.PlainTime,
  PlainDateTime: dateAndTime('2000-01-01T00:00:00')!.value.constructor as typeof Temporal.PlainDateTime,
  Duration: duration('PT0S')!.value.constructor as typeof Temporal.Duration,
};

/**
 * A FEEL date-time whose `timezone` is FEEL-Scala's (a zone id, or null for an offset). The class
 * keeps feelin's name: code that tells FEEL values apart by `constructor.name` still knows it.
 */
const ZonedDateTimeValue = class FeelDateTime extends FeelinDateTime {
  override get timezone(): string {
    return (this.zone !== null && fixedOffset(this.zone) === null ? this.zone : null) as string;
  }
};

/** A FEEL time whose `timezone` is FEEL-Scala's (a zone id, or null for an offset); feelin's name. */
const ZonedTimeValue = class FeelTime extends FeelinTime {
  override get timezone(): string {
    return (this.zone !== null && fixedOffset(this.zone) === null ? this.zone : null) as string;
  }
};

export const isDate = (v: unknown): v is FeelDate => v instanceof FeelDate;
export const isTime = (v: unknown): v is FeelTime => v instanceof FeelTime;
export const isDateTime = (v: unknown): v is FeelDateTime => v instanceof FeelDateTime;
export const isDuration = (v: unknown): v is FeelDuration => v instanceof FeelDuration;
/** Whether a value is any FEEL temporal (date, time, date-time, duration). */
export const isTemporal = (v: unknown): boolean => isDate(v) || isTime(v) || isDateTime(v) || isDuration(v);

/**
 * The fixed offset in seconds of a zone string (`+01:00`, `Z`), or null for a zone id. `UTC` is a
 * zone id here, as in java.time (`@UTC`); our own values keep the offset `Z` as `+00:00`.
 */
export function fixedOffset(zone: string): number | null {
  if (zone === 'Z') return 0;
  const m = /^([+-])(\d\d):(\d\d)(?::(\d\d))?$/.exec(zone);
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0));
}

/** `+01:00` for an offset in seconds (`+00:00` for zero: the zone string we keep for `Z`). */
function offsetZone(seconds: number): string {
  const a = Math.abs(seconds);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${seconds < 0 ? '-' : '+'}${p(Math.floor(a / 3600))}:${p(Math.floor(a / 60) % 60)}${a % 60 ? `:${p(a % 60)}` : ''}`;
}

/** Whether a zone id is known (Intl knows the IANA zones). */
function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A zoned date-time value; the wall clock is moved forward out of a DST gap, as java.time does. */
export function zonedDateTime(wall: Temporal.PlainDateTime, zone: string | null): FeelDateTime {
  if (zone === null) return new FeelDateTime(wall, null);
  if (fixedOffset(zone) !== null) return new ZonedDateTimeValue(wall, offsetZone(fixedOffset(zone)!));
  const resolved = wall.toZonedDateTime(zone, { disambiguation: 'compatible' }).toPlainDateTime();
  return new ZonedDateTimeValue(resolved, zone);
}

/** A time value, zoned or local. */
export function zonedTime(wall: Temporal.PlainTime, zone: string | null): FeelTime {
  if (zone === null) return new FeelTime(wall, null);
  const fixed = fixedOffset(zone);
  return new ZonedTimeValue(wall, fixed === null ? zone : offsetZone(fixed));
}

const DATE = /^(-?\d{4,9})-(\d\d)-(\d\d)$/;
const TIME = /^(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?$/;
const ZONE = /^(.*?)(?:(Z)|([+-]\d\d:\d\d(?::\d\d)?)|@(.+))?$/;

/** A calendar date from parts, or null when it does not exist. */
export function plainDate(year: number, month: number, day: number): Temporal.PlainDate | null {
  if (![year, month, day].every(Number.isInteger)) return null;
  try {
    return T.PlainDate.from({ year, month, day }, { overflow: 'reject' });
  } catch {
    return null;
  }
}

/** `yyyy-MM-dd` (FEEL-Scala's date format; `-0001` is allowed, five-digit years are not). */
export function parseDateString(s: string): Temporal.PlainDate | null {
  const m = DATE.exec(s);
  if (!m || m[1]!.replace('-', '').length !== 4) return null;
  return plainDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** `HH:mm[:ss[.f]]`; `24:00:00` is midnight; null when invalid (leap seconds too). */
function parseTimeString(s: string): Temporal.PlainTime | null {
  const m = TIME.exec(s);
  if (!m) return null;
  const [h, min, sec] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h === 24 && min === 0 && sec === 0 && !m[4]) return new T.PlainTime(0, 0, 0);
  if (h > 23 || min > 59 || sec > 59) return null;
  const ns = Number((m[4] ?? '').padEnd(9, '0'));
  return new T.PlainTime(h, min, sec, Math.floor(ns / 1e6), Math.floor(ns / 1e3) % 1e3, ns % 1e3);
}

/** Splits a zone suffix (`Z`, `+01:00`, `@Europe/Stockholm`); undefined when it is invalid. */
function splitZone(s: string): { body: string; zone: string | null } | undefined {
  const m = ZONE.exec(s)!;
  const body = m[1]!;
  if (m[2]) return { body, zone: '+00:00' };
  if (m[3]) {
    const off = fixedOffset(m[3])!;
    return Math.abs(off) <= 18 * 3600 ? { body, zone: offsetZone(off) } : undefined;
  }
  if (m[4]) return knownZone(m[4]) ? { body, zone: m[4] } : undefined;
  return { body, zone: null };
}

/** FEEL-Scala's `date and time("…")`: a date-time with optional zone, or a date (midnight). */
export function parseDateTimeString(s: string): FeelDateTime | null {
  // `…+01:00[Europe/Stockholm]` (how Zeebe stores a zoned date-time): the zone id counts
  const bracket = /^(.*T.*)(?:Z|[+-]\d\d:\d\d(?::\d\d)?)\[([^\]]+)\]$/.exec(s);
  const z = bracket ? (knownZone(bracket[2]!) ? { body: bracket[1]!, zone: bracket[2]! } : undefined) : splitZone(s);
  if (!z) return null;
  const [d, t, extra] = z.body.split('T');
  if (extra !== undefined) return null;
  const day = parseDateString(d!);
  const wall = t === undefined ? new T.PlainTime(0, 0, 0) : parseTimeString(t);
  if (!day || !wall || (t === undefined && z.zone !== null)) return null;
  return zonedDateTime(day.toPlainDateTime(wall), z.zone);
}

/** FEEL-Scala's `time("…")`. */
export function parseTime(s: string): FeelTime | null {
  const z = splitZone(s);
  const wall = z ? parseTimeString(z.body) : null;
  return wall ? zonedTime(wall, z!.zone) : null;
}

const DAY_TIME = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d{1,9}))?S)?)?$/;
const YEAR_MONTH = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?$/;

/** FEEL-Scala's `duration("…")`: days-time or years-months, never both, no weeks. */
export function parseDuration(s: string): FeelDuration | null {
  if (/^-?PT?$/.test(s) || s.endsWith('T')) return null;
  const ym = YEAR_MONTH.exec(s);
  if (ym) return yearMonth((ym[1] ? -1 : 1) * (Number(ym[2] ?? 0) * 12 + Number(ym[3] ?? 0)));
  const dt = DAY_TIME.exec(s);
  if (!dt) return null;
  const secs = BigInt(dt[2] ?? 0) * 86400n + BigInt(dt[3] ?? 0) * 3600n + BigInt(dt[4] ?? 0) * 60n + BigInt(dt[5] ?? 0);
  const nanos = secs * 1_000_000_000n + BigInt((dt[6] ?? '').padEnd(9, '0') || 0);
  return dayTime(dt[1] ? -nanos : nanos);
}

/** A days-time duration of so many nanoseconds. */
export function dayTime(nanos: bigint): FeelDuration {
  const s = nanos / 1_000_000_000n;
  const ns = Number(nanos % 1_000_000_000n);
  return new FeelDuration(T.Duration.from({ seconds: Number(s), nanoseconds: ns }), false);
}

/** A years-months duration of so many months. */
export function yearMonth(months: number): FeelDuration {
  return new FeelDuration(T.Duration.from({ months }), true);
}

/** Total nanoseconds of a days-time duration. */
export function nanosOf(d: FeelDuration): bigint {
  const v = d.value;
  const secs = BigInt(v.days) * 86400n + BigInt(v.hours) * 3600n + BigInt(v.minutes) * 60n + BigInt(v.seconds);
  return secs * 1_000_000_000n + BigInt(v.milliseconds) * 1_000_000n + BigInt(v.microseconds) * 1000n + BigInt(v.nanoseconds);
}

/** Total months of a years-months duration. */
export const monthsOf = (d: FeelDuration): number => d.value.years * 12 + d.value.months;

/** The epoch nanoseconds of a zoned date-time. */
export function instantOf(v: FeelDateTime): bigint {
  return v.value.toZonedDateTime(v.zone!).epochNanoseconds;
}

/** The offset of a zoned time (a zone id: its standard offset, as FEEL-Scala's ZonedTime). */
export function timeOffset(v: FeelTime): number {
  const fixed = fixedOffset(v.zone!);
  if (fixed !== null) return fixed;
  const at = (m: number) => new T.PlainDateTime(2026, m, 1).toZonedDateTime(v.zone!).offsetNanoseconds / 1e9;
  return Math.min(at(1), at(7));
}

/** Nanoseconds of a time of day, moved to UTC for a zoned time. */
export function timeNanos(v: FeelTime): bigint {
  const t = v.value;
  const nod = BigInt((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000_000n + BigInt(t.millisecond * 1e6 + t.microsecond * 1e3 + t.nanosecond);
  return v.zone === null ? nod : nod - BigInt(timeOffset(v)) * 1_000_000_000n;
}
