/**
 * FEEL-Scala's temporal arithmetic and comparison (FeelInterpreter addOp/subOp/mulOp/divOp,
 * ValComparator, Val.compare; read, not copied). Each function returns `undefined` when no operand
 * is temporal, so the caller hands the operation back to feelin unchanged.
 *
 * Rules that differ from feelin: a days-time duration is an exact amount of time (`+ P1D` on a
 * zoned date-time adds 24 hours, across DST too); a date plus a days-time duration is a date;
 * date-times subtract by their instants; values of different temporal types (date and date-time,
 * local and zoned, years-months and days-time) neither compare nor subtract (null); `=` is exact
 * (same wall clock and same zone), while `<` orders by instant, then wall clock, then zone id.
 */
import { FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';
import {
  dayTime,
  instantOf,
  isDate,
  isDateTime,
  isDuration,
  isTemporal,
  isTime,
  monthsOf,
  nanosOf,
  T,
  timeNanos,
  yearMonth,
  zonedDateTime,
  zonedTime,
} from './temporalValues.js';

type Kind = 'date' | 'local time' | 'zoned time' | 'local date-time' | 'zoned date-time' | 'days-time' | 'years-months';

/** FEEL-Scala's value class of a temporal (its comparisons need the same class on both sides). */
function kindOf(v: unknown): Kind | null {
  if (isDate(v)) return 'date';
  if (isTime(v)) return v.zone === null ? 'local time' : 'zoned time';
  if (isDateTime(v)) return v.zone === null ? 'local date-time' : 'zoned date-time';
  if (isDuration(v)) return v.yearsMonths ? 'years-months' : 'days-time';
  return null;
}

const exact = (d: FeelDuration) => {
  const n = nanosOf(d);
  return T.Duration.from({ seconds: Number(n / 1_000_000_000n), nanoseconds: Number(n % 1_000_000_000n) });
};

/** A temporal plus a signed duration; null when FEEL-Scala has no such case. */
function shift(x: unknown, d: FeelDuration, sign: 1 | -1): unknown {
  const ym = d.yearsMonths;
  const months = { months: sign * monthsOf(d) };
  const time = exact(d);
  const span = sign < 0 ? time.negated() : time;
  if (isDate(x)) return new FeelDate(ym ? x.value.add(months) : x.value.toPlainDateTime().add(span).toPlainDate());
  if (isTime(x)) return ym ? null : zonedTime(x.value.add(span), x.zone);
  if (isDateTime(x)) {
    if (x.zone === null) return new FeelDateTime(x.value.add(ym ? months : span), null);
    const zdt = x.value.toZonedDateTime(x.zone);
    return zonedDateTime((ym ? zdt.add(months) : zdt.add(span)).toPlainDateTime(), x.zone);
  }
  return null;
}

function durations(x: FeelDuration, y: FeelDuration, sign: 1 | -1): FeelDuration | null {
  if (x.yearsMonths !== y.yearsMonths) return null;
  return x.yearsMonths ? yearMonth(monthsOf(x) + sign * monthsOf(y)) : dayTime(nanosOf(x) + BigInt(sign) * nanosOf(y));
}

/** The difference x - y of two temporals of the same class (FEEL-Scala: a days-time duration). */
function difference(x: unknown, y: unknown): FeelDuration | null {
  const k = kindOf(x);
  if (k === null || k !== kindOf(y)) return null;
  switch (k) {
    case 'date':
      return dayTime(BigInt((y as FeelDate).value.until((x as FeelDate).value, { largestUnit: 'day' }).days) * 86_400_000_000_000n);
    case 'local date-time':
      return dayTime(wallNanos(x as FeelDateTime) - wallNanos(y as FeelDateTime));
    case 'zoned date-time':
      return dayTime(instantOf(x as FeelDateTime) - instantOf(y as FeelDateTime));
    case 'local time':
      return dayTime(timeNanos(x as FeelTime) - timeNanos(y as FeelTime));
    case 'zoned time': {
      const n = timeNanos(x as FeelTime) - timeNanos(y as FeelTime);
      return dayTime(n < 0n ? -n : n); // ZonedTime.between is the absolute difference
    }
    default:
      return durations(x as FeelDuration, y as FeelDuration, -1);
  }
}

const wallNanos = (v: FeelDateTime) => v.value.toZonedDateTime('UTC').epochNanoseconds;

/** `x + y`, `x - y`, `x * y`, `x / y` with a temporal operand; undefined when none is temporal. */
export function arithmetic(op: string, x: unknown, y: unknown): unknown {
  if (!isTemporal(x) && !isTemporal(y)) return undefined;
  if (x === null || x === undefined || y === null || y === undefined) return null;
  switch (op) {
    case '+':
      if (isDuration(x) && isDuration(y)) return durations(x, y, 1);
      if (isDuration(y)) return shift(x, y, 1);
      if (isDuration(x)) return isDate(y) || isTime(y) || isDateTime(y) ? shift(y, x, 1) : null;
      return null;
    case '-':
      if (isDuration(y) && !isDuration(x)) return shift(x, y, -1);
      return difference(x, y);
    case '*':
      return scale(x, y) ?? scale(y, x);
    case '/':
      return divide(x, y);
    default:
      return null;
  }
}

/** duration * number: the number's integer part (BigDecimal.intValue). */
function scale(d: unknown, n: unknown): FeelDuration | null {
  if (!isDuration(d) || typeof n !== 'number') return null;
  const k = Math.trunc(n);
  return d.yearsMonths ? yearMonth(monthsOf(d) * k) : dayTime(nanosOf(d) * BigInt(k));
}

function divide(x: unknown, y: unknown): unknown {
  if (!isDuration(x)) return null;
  if (typeof y === 'number') {
    if (y === 0) return null;
    if (x.yearsMonths) return yearMonth(Math.trunc(monthsOf(x) / y));
    return dayTime(BigInt(Math.trunc(Number(nanosOf(x) / 1_000_000n) / y)) * 1_000_000n);
  }
  if (!isDuration(y) || x.yearsMonths !== y.yearsMonths) return null;
  const [a, b] = x.yearsMonths ? [monthsOf(x), monthsOf(y)] : [Number(nanosOf(x) / 1_000_000n), Number(nanosOf(y) / 1_000_000n)];
  return b === 0 ? null : Math.trunc(a / b); // Long division in FEEL-Scala
}

/** FEEL-Scala's `=` with a temporal operand; undefined when none is temporal. */
export function equal(x: unknown, y: unknown): boolean | null | undefined {
  if (!isTemporal(x) && !isTemporal(y)) return undefined;
  if (x === null || x === undefined || y === null || y === undefined) return (x ?? null) === (y ?? null);
  const k = kindOf(x);
  if (k === null || k !== kindOf(y)) return null;
  if (k === 'days-time') return nanosOf(x as FeelDuration) === nanosOf(y as FeelDuration);
  if (k === 'years-months') return monthsOf(x as FeelDuration) === monthsOf(y as FeelDuration);
  if (k === 'zoned time')
    return (
      timeNanos(x as FeelTime) === timeNanos(y as FeelTime) &&
      (x as FeelTime).zone === (y as FeelTime).zone &&
      String((x as FeelTime).value) === String((y as FeelTime).value)
    );
  // the rest: same wall clock and same zone (ZonedDateTime.equals)
  return String(x) === String(y) && (x as FeelDateTime).zone === (y as FeelDateTime).zone;
}

/** FEEL-Scala's order of two temporals of the same class (-1, 0, 1), or null if not comparable. */
export function order(x: unknown, y: unknown): number | null {
  const k = kindOf(x);
  if (k === null || k !== kindOf(y)) return null;
  const cmp = (a: bigint | number | string, b: bigint | number | string) => (a < b ? -1 : a > b ? 1 : 0);
  switch (k) {
    case 'date':
      return T.PlainDate.compare((x as FeelDate).value, (y as FeelDate).value);
    case 'local time':
    case 'zoned time':
      return cmp(timeNanos(x as FeelTime), timeNanos(y as FeelTime));
    case 'local date-time':
      return T.PlainDateTime.compare((x as FeelDateTime).value, (y as FeelDateTime).value);
    case 'zoned date-time': {
      const [a, b] = [x as FeelDateTime, y as FeelDateTime];
      // ZonedDateTime.compareTo: instant, wall clock, then the zone id (`Z` for offset zero)
      const id = (z: string) => (z === '+00:00' ? 'Z' : z);
      return cmp(instantOf(a), instantOf(b)) || T.PlainDateTime.compare(a.value, b.value) || cmp(id(a.zone!), id(b.zone!));
    }
    case 'days-time':
      return cmp(nanosOf(x as FeelDuration), nanosOf(y as FeelDuration));
    default:
      return cmp(monthsOf(x as FeelDuration), monthsOf(y as FeelDuration));
  }
}

/** `<`, `<=`, `>`, `>=`, `=`, `!=` with a temporal operand; undefined when none is temporal. */
export function compare(op: string, x: unknown, y: unknown): boolean | null | undefined {
  if (op === '=' || op === '!=') {
    const eq = equal(x, y);
    return eq === null || eq === undefined || op === '=' ? eq : !eq;
  }
  if (!isTemporal(x) && !isTemporal(y)) return undefined;
  const o = order(x, y);
  if (o === null) return null;
  return { '<': o < 0, '<=': o <= 0, '>': o > 0, '>=': o >= 0 }[op] ?? null;
}

/** `x between a and b` with a temporal operand; undefined when none is temporal. */
export function between(x: unknown, a: unknown, b: unknown): boolean | null | undefined {
  if (![x, a, b].some(isTemporal)) return undefined;
  const [lo, hi] = [order(x, a), order(x, b)];
  return lo === null || hi === null ? null : lo >= 0 && hi <= 0;
}
