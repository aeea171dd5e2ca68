/**
 * FEEL temporals as FEEL-Scala (Zeebe's FEEL engine) evaluates them, on top of feelin.
 *
 * feelin's temporal constructors and operators cannot be replaced through the evaluation context
 * (`date(…)`, `@"…"` and the operators are resolved inside its interpreter), so an expression that
 * can produce a temporal value is rewritten before feelin evaluates it: the temporal constructors
 * become calls of our own constructors, and `+ - * /`, comparisons and `between` become calls that
 * apply FEEL-Scala's temporal rules (temporalOps.ts) and hand anything else back to feelin
 * unchanged. Variables are JSON and never temporal, so an expression that names no temporal
 * constructor, `now()` or `today()` is left alone. Built-ins that differ for temporals (`string`,
 * `last day of month`, `years and months duration`, `min`, `max`, `list contains`, `index of`) come from the
 * context, where feelin looks before its own built-ins.
 */
import { FeelDate, evaluate, parseExpression } from 'feelin';
import { arithmetic, between, compare, equal, order } from './temporalOps.js';
import {
  fixedOffset, isDate, isDateTime, isDuration, isTemporal, isTime, monthsOf, nanosOf, parseDateString, parseDateTimeString,
  parseDuration, parseTime, plainDate, T, timeOffset, yearMonth, zonedDateTime, zonedTime,
} from './temporalValues.js';
import { dayTimeString, offsetId, yearMonthString } from './zeebeValues.js';

/** FEEL-Scala's `date(…)`: from a `yyyy-MM-dd` string, a date or date-time, or year, month, day. */
function dateFn(a: unknown, b?: unknown, c?: unknown): unknown {
  if (b !== undefined || c !== undefined) {
    if (![a, b, c].every((n) => typeof n === 'number')) return null;
    const d = plainDate(Math.trunc(a as number), Math.trunc(b as number), Math.trunc(c as number));
    return d && new FeelDate(d);
  }
  if (typeof a === 'string') { const d = parseDateString(a); return d && new FeelDate(d); }
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
export function feelString(v: unknown): string | null {
  const t = (w: { hour: number; minute: number; second: number; millisecond: number; microsecond: number; nanosecond: number }) => {
    const ns = w.millisecond * 1e6 + w.microsecond * 1e3 + w.nanosecond;
    return `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${ns ? `.${String(ns).padStart(9, '0').replace(/0+$/, '')}` : ''}`;
  };
  const zone = (z: string | null) => (z === null ? '' : fixedOffset(z) === null ? `@${z}` : offsetId(fixedOffset(z)!));
  if (isDate(v)) return String(v);
  if (isTime(v)) return `${t(v.value)}${v.zone === null ? '' : zone(fixedOffset(v.zone) === null ? v.zone : offsetOf(timeOffset(v)))}`;
  if (isDateTime(v)) return `${v.value.toPlainDate()}T${t(v.value)}${zone(v.zone)}`;
  if (isDuration(v)) return v.yearsMonths ? yearMonthString(monthsOf(v)) : dayTimeString(Number(nanosOf(v) / 1_000_000_000n));
  return null;
}

const builtin = (name: string) => evaluate(name).value as (...args: unknown[]) => unknown;
const feelinString = builtin('string');
const [feelinMin, feelinMax, feelinContains, feelinIndexOf] = [builtin('min'), builtin('max'), builtin('list contains'), builtin('index of')];

/** min/max over temporals of one class (feelin gives null); other lists go to feelin. */
function extreme(pick: 1 | -1, fallback: (...a: unknown[]) => unknown) {
  const fn = (...args: unknown[]) => {
    const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
    if (list.length === 0 || !list.some(isTemporal)) return fallback(...args);
    let best: unknown = list[0];
    for (const x of list.slice(1)) {
      const o = order(x, best);
      if (o === null) return null;
      if (o * pick > 0) best = x;
    }
    return best;
  };
  return Object.assign(fn, { $args: ['...list'] });
}

/** Our constructors, operators and built-ins, by the names the rewritten expression calls. */
export const temporalFunctions: Record<string, unknown> = {
  __t_date: Object.assign(dateFn, { $args: ['a', 'b', 'c'] }),
  __t_time: Object.assign(timeFn, { $args: ['a', 'b', 'c', 'd'] }),
  __t_date_and_time: Object.assign(dateAndTimeFn, { $args: ['a', 'b'] }),
  __t_duration: Object.assign(durationFn, { $args: ['a'] }),
  __t_at: Object.assign(atFn, { $args: ['a'] }),
  __t_op: Object.assign((op: string, x: unknown, y: unknown) => {
    const ours = op === '+' || op === '-' || op === '*' || op === '/' ? arithmetic(op, x, y) : compare(op, x, y);
    return ours !== undefined ? ours : evaluate(`x ${op} y`, { x, y }).value;
  }, { $args: ['op', 'x', 'y'] }),
  __t_neg: Object.assign((x: unknown) => (isTemporal(x) ? null : evaluate('-x', { x }).value), { $args: ['x'] }),
  __t_between: Object.assign((x: unknown, a: unknown, b: unknown) => {
    const ours = between(x, a, b);
    return ours !== undefined ? ours : evaluate('x between a and b', { x, a, b }).value;
  }, { $args: ['x', 'a', 'b'] }),
  string: Object.assign((from: unknown) => feelString(from) ?? feelinString(from), { $args: ['from'] }),
  'last day of month': Object.assign(lastDayOfMonth, { $args: ['date'] }),
  'years and months duration': Object.assign(yearsAndMonths, { $args: ['from', 'to'] }),
  min: extreme(-1, feelinMin),
  max: extreme(1, feelinMax),
  __t_in_list: Object.assign((x: unknown, list: unknown[]) => {
    // FEEL-Scala: `x in [a, b]` is true when the list holds x (exact equality), else false
    if (!isTemporal(x) && !list.some(isTemporal)) return evaluate('x in list', { x, list }).value;
    return x === null ? null : list.some((e) => equal(x, e) === true);
  }, { $args: ['x', 'list'] }),
  'index of': Object.assign((list: unknown, match: unknown) => {
    if (!isTemporal(match) || !Array.isArray(list)) return feelinIndexOf(list, match);
    return list.flatMap((x, i) => (equal(x, match) === true ? [i + 1] : []));
  }, { $args: ['list', 'match'] }),
  'list contains': Object.assign((list: unknown, el: unknown) => {
    if (!isTemporal(el) || !Array.isArray(list)) return feelinContains(list, el);
    return list.some((x) => equal(x, el) === true);
  }, { $args: ['list', 'element'] }),
};

const CONSTRUCTORS: Record<string, string> = { date: '__t_date', time: '__t_time', 'date and time': '__t_date_and_time', duration: '__t_duration' };
const MAY_BE_TEMPORAL = /\b(date|time|duration|now|today)\b|@"|last day of month/;

interface Node { name: string; from: number; to: number; children: Node[] }

function toNodes(expression: string, names: Record<string, unknown>): Node {
  const cursor = parseExpression(expression, names, undefined).cursor();
  const read = (): Node => {
    const node: Node = { name: cursor.name, from: cursor.from, to: cursor.to, children: [] };
    if (cursor.firstChild()) {
      do node.children.push(read()); while (cursor.nextSibling());
      cursor.parent();
    }
    return node;
  };
  return read();
}

/**
 * The expression and context to give feelin: unchanged when the expression cannot produce a
 * temporal value, else rewritten (see the header) with our functions added to the context.
 */
export function withTemporals(expression: string, context: Record<string, unknown>): { expression: string; context: Record<string, unknown> } {
  if (!MAY_BE_TEMPORAL.test(expression)) return { expression, context };
  const full = { ...temporalFunctions, ...context };
  return { expression: rewriteTemporal(expression, full), context: full };
}

/** Rewrites an expression so its temporal constructors and operators are ours (see the header). */
export function rewriteTemporal(expression: string, names: Record<string, unknown>): string {
  const src = expression;
  const text = (n: Node) => src.slice(n.from, n.to);
  const emit = (n: Node): string => {
    const c = n.children;
    const ctor = c[0] && (c[0].name === 'DateTimeConstructor' || c[0].name === 'VariableName') ? CONSTRUCTORS[text(c[0]).replace(/\s+/g, ' ')] : undefined;
    if ((n.name === 'DateTimeLiteral' || n.name === 'FunctionInvocation') && ctor && c[2]?.name === 'PositionalParameters') {
      return `${ctor}(${emit(c[2])})`;
    }
    if (n.name === 'DateTimeLiteral' && c[0]?.name === 'AtLiteral') return `__t_at(${text(c[0].children[0]!)})`;
    if (n.name === 'ArithmeticExpression' && c.length === 3 && /^[-+*/]$/.test(text(c[1]!))) {
      return `__t_op("${text(c[1]!)}", ${emit(c[0]!)}, ${emit(c[2]!)})`;
    }
    if (n.name === 'ArithmeticExpression' && c.length === 2 && text(c[0]!) === '-') return `__t_neg(${emit(c[1]!)})`;
    if (n.name === 'Comparison' && c.length === 3 && c[1]!.name === 'CompareOp') {
      return `__t_op("${text(c[1]!)}", ${emit(c[0]!)}, ${emit(c[2]!)})`;
    }
    if (n.name === 'Comparison' && c.length === 5 && c[1]!.name === 'between') return `__t_between(${emit(c[0]!)}, ${emit(c[2]!)}, ${emit(c[4]!)})`;
    if (n.name === 'Comparison' && c.length === 3 && c[1]!.name === 'in' && c[2]!.name === 'PositiveUnaryTest' && c[2]!.children[0]?.name === 'List') {
      return `__t_in_list(${emit(c[0]!)}, ${emit(c[2]!.children[0]!)})`;
    }
    if (n.name === 'FilterExpression' && c[2]?.name === 'Comparison') {
      // feelin filters item by item only when the filter is a comparison; ours is a call, so it
      // is compared with true (null and false both drop the item, as before)
      const inner = emit(c[2]);
      if (inner !== text(c[2])) return `${emit(c[0]!)}[(${inner}) = true]`;
    }
    let out = '';
    let at = n.from;
    for (const child of c) {
      out += src.slice(at, child.from) + emit(child);
      at = child.to;
    }
    return out + src.slice(at, n.to);
  };
  const root = toNodes(expression, names);
  const broken = (n: Node): boolean => n.name === '⚠' || n.children.some(broken);
  // an expression that does not parse is left for feelin to report
  return broken(root) ? expression : emit(root);
}

