/**
 * FEEL temporals as FEEL-Scala (Zeebe's FEEL engine) evaluates them, on top of feelin.
 *
 * feelin resolves `date(…)`, `time(…)`, `date and time(…)`, `duration(…)` and `@"…"` inside its
 * interpreter, not through the context, so the rewrite (source.ts) turns them into calls of our
 * constructors (`temporalNode`), as it turns operators into helper calls (operators.ts, which ask
 * temporalOps.ts first). Built-ins that differ for temporals (`string`, `min`, `max`,
 * `list contains`, `index of`, `last day of month`, `years and months duration`) wrap the other
 * built-ins and hand anything not temporal on to them (`temporalBuiltins`).
 */
import { FeelDate, FeelFunction, evaluate, isRange } from 'feelin';
import { membership } from './operators.js';
import { equal, order } from './temporalOps.js';
import {
  fixedOffset,
  isDate,
  isDateTime,
  isDuration,
  isTemporal,
  isTime,
  monthsOf,
  nanosOf,
  parseDateString,
  parseDateTimeString,
  parseDuration,
  parseTime,
  plainDate,
  T,
  timeOffset,
  yearMonth,
  zonedDateTime,
  zonedTime,
} from './temporalValues.js';
import { dayTimeString, isoDate, offsetId, yearMonthString } from './zeebeValues.js';

/** FEEL-Scala's `date(…)`: from a `yyyy-MM-dd` string, a date or date-time, or year, month, day. */
function dateFn(a: unknown, b?: unknown, c?: unknown): unknown {
  if (b !== undefined || c !== undefined) {
    if (![a, b, c].every((n) => typeof n === 'number')) return null;
    const d = plainDate(Math.trunc(a as number), Math.trunc(b as number), Math.trunc(c as number));
    return d && new FeelDate(d);
  }
  if (typeof a === 'string') {
    const d = parseDateString(a);
    return d && new FeelDate(d);
  }
  if (isDate(a)) return a;
  if (isDateTime(a)) return new FeelDate(a.value.toPlainDate());
  return null;
}

/** FEEL-Scala's `time(…)`. */
function timeFn(a: unknown, b?: unknown, c?: unknown, offset?: unknown): unknown {
  if (b !== undefined) {
    if (![a, b, c].every((n) => typeof n === 'number')) return null;
    const [h, m, s] = [a, b, c] as [number, number, number];
    if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s >= 60) return null;
    const ns = Math.round((s - Math.trunc(s)) * 1e9);
    const wall = new T.PlainTime(Math.trunc(h), Math.trunc(m), Math.trunc(s), Math.floor(ns / 1e6), Math.floor(ns / 1e3) % 1e3, ns % 1e3);
    if (offset === undefined || offset === null) return zonedTime(wall, null);
    if (!isDuration(offset) || offset.yearsMonths) return null;
    const secs = Number(nanosOf(offset) / 1_000_000_000n);
    return Math.abs(secs) > 18 * 3600 ? null : zonedTime(wall, secs === 0 ? '+00:00' : offsetOf(secs));
  }
  if (typeof a === 'string') return parseTime(a);
  if (isDateTime(a)) return zonedTime(a.value.toPlainTime(), a.zone);
  if (isDate(a)) return zonedTime(new T.PlainTime(0, 0, 0), '+00:00');
  if (isTime(a)) return a;
  return null;
}

const offsetOf = (secs: number) => (offsetId(secs) === 'Z' ? '+00:00' : offsetId(secs));

/** FEEL-Scala's `date and time(…)`: from a string, from a date and a time, or with a zone id. */
function dateAndTimeFn(a: unknown, b?: unknown): unknown {
  if (b === undefined) return typeof a === 'string' ? parseDateTimeString(a) : null;
  const day = isDate(a) ? a.value : isDateTime(a) ? a.value.toPlainDate() : null;
  if (day && isTime(b)) return zonedDateTime(day.toPlainDateTime(b.value), b.zone);
  if (isDateTime(a) && typeof b === 'string') {
    // an unknown zone id fails the evaluation in FEEL-Scala (ZoneId.of throws): an incident
    const zone = fixedOffset(b) === null ? b : offsetOf(fixedOffset(b)!);
    if (a.zone === null) return zonedDateTime(a.value, zone);
    return zonedDateTime(a.value.toZonedDateTime(a.zone).withTimeZone(zone).toPlainDateTime(), zone);
  }
  return null;
}

/** FEEL-Scala's `duration(…)`. */
const durationFn = (a: unknown) => (typeof a === 'string' ? parseDuration(a) : null);

/** `@"…"`: a date, time, date-time or duration literal (FEEL-Scala tries them in that order). */
function atFn(s: unknown): unknown {
  if (typeof s !== 'string') return null;
  if (s.startsWith('P') || s.startsWith('-P')) return parseDuration(s);
  if (s.includes('T')) return parseDateTimeString(s);
  return /^-?\d{4,}-/.test(s) ? dateFn(s) : parseTime(s);
}

/** FEEL-Scala's `years and months duration(from, to)`: whole months between two dates. */
function yearsAndMonths(from: unknown, to: unknown): unknown {
  const d = (v: unknown) => (isDate(v) ? v.value : isDateTime(v) ? v.value.toPlainDate() : null);
  const [a, b] = [d(from), d(to)];
  if (!a || !b) return null;
  const p = a.until(b, { largestUnit: 'month' });
  return yearMonth(p.years * 12 + p.months);
}

/** FEEL-Scala's `last day of month(date)`. */
function lastDayOfMonth(v: unknown): unknown {
  const d = isDate(v) ? v.value : isDateTime(v) ? v.value.toPlainDate() : null;
  return d && new FeelDate(d.with({ day: d.daysInMonth }));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A temporal as FEEL-Scala's `string()` writes it; null when not temporal. */
function feelString(v: unknown): string | null {
  const t = (w: { hour: number; minute: number; second: number; millisecond: number; microsecond: number; nanosecond: number }) => {
    const ns = w.millisecond * 1e6 + w.microsecond * 1e3 + w.nanosecond;
    return `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${ns ? `.${String(ns).padStart(9, '0').replace(/0+$/, '')}` : ''}`;
  };
  const zone = (z: string | null) => (z === null ? '' : fixedOffset(z) === null ? `@${z}` : offsetId(fixedOffset(z)!));
  if (isDate(v)) return isoDate(v.value);
  if (isTime(v)) return `${t(v.value)}${v.zone === null ? '' : zone(fixedOffset(v.zone) === null ? v.zone : offsetOf(timeOffset(v)))}`;
  if (isDateTime(v)) return `${v.value.toPlainDate().toString()}T${t(v.value)}${zone(v.zone)}`;
  if (isDuration(v)) return v.yearsMonths ? yearMonthString(monthsOf(v)) : dayTimeString(Number(nanosOf(v) / 1_000_000_000n));
  return null;
}

/** Calls a built-in: ours (a FeelFunction) if there is one, else feelin's own. */
function call(base: Record<string, FeelFunction>, name: string, args: unknown[]): unknown {
  const fn = base[name];
  if (fn) return fn.invoke(args);
  const vars = Object.fromEntries(args.map((a, i) => [`kvhArg${i}`, a]));
  return evaluate(`${name}(${args.map((_, i) => `kvhArg${i}`).join(', ')})`, vars).value ?? null;
}

/** min/max over temporals of one class (feelin gives null); other lists go to the base. */
function extreme(pick: 1 | -1, fallback: (args: unknown[]) => unknown) {
  return (...args: unknown[]) => {
    const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
    if (list.length === 0 || !list.some(isTemporal)) return fallback(args);
    let best: unknown = list[0];
    for (const x of list.slice(1)) {
      const o = order(x, best);
      if (o === null) return null;
      if (o * pick > 0) best = x;
    }
    return best;
  };
}

const fn = (f: (...a: any[]) => unknown, params: string[]) => new FeelFunction(f, params); // eslint-disable-line @typescript-eslint/no-explicit-any

/** Our temporal constructors (called by the rewritten expression) and the temporal built-ins over `base`. */
export function temporalBuiltins(base: Record<string, FeelFunction>): Record<string, FeelFunction> {
  const pass = (name: string) => (args: unknown[]) => call(base, name, args);
  return {
    kvhDate: fn(dateFn, ['a', 'b', 'c']),
    kvhTime: fn(timeFn, ['a', 'b', 'c', 'd']),
    kvhDateAndTime: fn(dateAndTimeFn, ['a', 'b']),
    kvhDuration: fn(durationFn, ['a']),
    kvhAt: fn(atFn, ['a']),
    // FEEL-Scala: `x in [a, b]` is true when the list holds x (exact equality), else false; a
    // unary test inside the list (`[> 3, 1]`) is a value there, and null
    kvhInList: fn(
      (x: unknown, items: unknown[]) => {
        const list = items.map((e) => (typeof e === 'function' || isRange(e) ? null : e));
        if (!isTemporal(x) && !list.some(isTemporal)) return membership(x, list);
        return x === null || x === undefined ? null : list.some((e) => equal(x, e) === true);
      },
      ['x', 'list'],
    ),
    string: fn((from: unknown) => feelString(from) ?? call(base, 'string', [from ?? null]), ['from']),
    'last day of month': fn(lastDayOfMonth, ['date']),
    'years and months duration': fn(yearsAndMonths, ['from', 'to']),
    min: fn(extreme(-1, pass('min')), ['...list']),
    max: fn(extreme(1, pass('max')), ['...list']),
    'list contains': fn(
      (list: unknown, el: unknown) => {
        if (!isTemporal(el) || !Array.isArray(list)) return call(base, 'list contains', [list ?? null, el ?? null]);
        return list.some((x) => equal(x, el) === true);
      },
      ['list', 'element'],
    ),
    'index of': fn(
      (list: unknown, match: unknown) => {
        if (!isTemporal(match) || !Array.isArray(list)) return call(base, 'index of', [list ?? null, match ?? null]);
        return list.flatMap((x, i) => (equal(x, match) === true ? [i + 1] : []));
      },
      ['list', 'match'],
    ),
  };
}

const CONSTRUCTORS: Record<string, string> = { date: 'kvhDate', time: 'kvhTime', 'date and time': 'kvhDateAndTime', duration: 'kvhDuration' };

/** The syntax-node surface of lezer's trees (as source.ts uses it). */
interface Node {
  name: string;
  from: number;
  to: number;
  firstChild: Node | null;
  nextSibling: Node | null;
  parent: Node | null;
}

function kids(n: Node): Node[] {
  const out: Node[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== 'LineComment' && c.name !== 'BlockComment') out.push(c);
  return out;
}

/**
 * The rewrite of a temporal node, or undefined when the node is none: constructor calls with
 * positional arguments and `@"…"` become our constructors; `x in [a, b]` our membership test.
 */
export function temporalNode(n: Node, emit: (n: Node) => string, text: (n: Node) => string): string | undefined {
  const c = kids(n);
  if (n.name === 'DateTimeLiteral' || n.name === 'FunctionInvocation') {
    const head = c[0];
    if (head?.name === 'AtLiteral') return `kvhAt(${emit(head.firstChild!)})`;
    const ctor = head && (head.name === 'DateTimeConstructor' || head.name === 'VariableName') ? CONSTRUCTORS[text(head).replace(/\s+/g, ' ')] : undefined;
    if (ctor && c[2]?.name === 'PositionalParameters') return `${ctor}(${emit(c[2])})`;
    if (ctor && c[1]?.name === '(' && c[2]?.name === ')') return `${ctor}()`;
  }
  if (n.name === 'Comparison' && c.length === 3 && c[1]!.name === 'in' && c[2]!.name === 'PositiveUnaryTest') {
    const list = c[2]!.firstChild;
    if (list?.name === 'List' && list.to === c[2]!.to) return `kvhInList(${emit(c[0]!)}, ${emit(list)})`;
  }
  return undefined;
}
