/**
 * Helpers the rewritten expressions call (source.ts), with FEEL-Scala's results: comparisons
 * are null unless both sides are of one comparable type; `=` of a list with a non-list is null;
 * `x between a and b` is `x >= a and x <= b`; `if` needs `true`; `some`/`every` are three-valued.
 * Numbers are FEEL numbers (number.ts): plain JS numbers or FeelDecimals, compared by value
 * (1.50 = 1.5), in `in` too (`membership`, with the ranges of ranges.ts: `1/3 in
 * (0.3333333333333333)` is false, as in FEEL-Scala); a FeelDecimal reaches feelin (and the
 * temporal helpers) only as its double.
 */
import { FeelFailure } from './builtins.js';
import { compareNum, FeelDecimal, fromDouble, isNum, numOp, parseNum, plain, plainDeep, type Num } from './number.js';
import * as temporal from './temporalOps.js';
import { forRange, makeRange } from './ranges.js';
import { evaluate, FeelDate, FeelDateTime, FeelDuration, FeelFunction, FeelTime, isRange } from 'feelin';

/** The FEEL type name a comparison cares about; null for types that do not compare with < >. */
function comparableType(v: unknown): string | null {
  if (isNum(v)) return 'number';
  if (typeof v === 'string') return 'string';
  if (v instanceof FeelDate) return 'date';
  if (v instanceof FeelTime) return 'time';
  if (v instanceof FeelDateTime) return 'date time';
  if (v instanceof FeelDuration) return v.yearsMonths ? 'years months' : 'days time';
  return null;
}

function compare(op: string, x: unknown, y: unknown): boolean | null {
  if (isNum(x) && isNum(y)) {
    const c = compareNum(x, y);
    return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
  }
  const a = plain(x),
    b = plain(y);
  const ours = temporal.compare(op, a, b); // FEEL-Scala's temporal rules (temporalOps.ts)
  if (ours !== undefined) return ours;
  if (Array.isArray(a) || Array.isArray(b)) throw new FeelFailure(`lists do not compare with ${op}`);
  const t = comparableType(a);
  if (t === null || t !== comparableType(b)) return null;
  if (t === 'number' || t === 'string') {
    const x = a as number | string,
      y = b as number | string;
    return op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
  }
  const v = evaluate(`a ${op} b`, { a, b }).value;
  return typeof v === 'boolean' ? v : null;
}

const PRIMITIVE = new Set(['number', 'string', 'boolean']);

function equals(op: string, x: unknown, y: unknown): boolean | null {
  if ((x instanceof FeelDecimal || y instanceof FeelDecimal) && isNum(x) && isNum(y)) return (compareNum(x, y) === 0) === (op === '=');
  const a = plain(x),
    b = plain(y);
  const t = temporal.compare(op, a, b);
  if (t !== undefined) return t;
  if (a !== null && b !== null && Array.isArray(a) !== Array.isArray(b)) return null;
  // Fast path (filters compare per item): same primitive type, or null against anything.
  if (
    (PRIMITIVE.has(typeof a) && typeof a === typeof b) ||
    (a === null && (b === null || PRIMITIVE.has(typeof b))) ||
    (b === null && PRIMITIVE.has(typeof a))
  ) {
    return op === '=' ? a === b : a !== b;
  }
  const v = evaluate(`a ${op} b`, { a, b }).value;
  return typeof v === 'boolean' ? v : null;
}

/** `a op b` for the arithmetic operators: numbers in decimal, everything else as feelin does. */
function arith(op: string, x: unknown, y: unknown): unknown {
  if (isNum(x) && isNum(y)) {
    if (op !== '**') return numOp(op, x, y);
    const k = plain(y);
    const p = Number.isInteger(k) && Math.abs(k) <= 64 ? power(x, k) : fromDouble(Math.pow(plain(x), k));
    if (p === null || Number.isNaN(p)) throw new FeelFailure(`${String(x)} ** ${String(y)} is not a number`);
    return p;
  }
  const a = plain(x),
    b = plain(y);
  const t = temporal.arithmetic(op, a, b);
  if (t !== undefined) return t;
  return evaluate(`a ${op} b`, { a, b }).value ?? null;
}

/** BigDecimal.pow(k, DECIMAL128) for a whole k: 1.0 ** 2 is 1.00. */
function power(a: Num, k: number): Num | null {
  let r: Num | null = 1;
  for (let i = 0; i < Math.abs(k) && r !== null; i++) r = numOp('*', r, a);
  return k < 0 && r !== null ? numOp('/', 1, r) : r;
}

/**
 * `x in tests` as feelin's membership test (its compareIn): a test that matches wins, else an
 * incomparable range or test function makes it null; one value that does not compare is not
 * equal. Numbers compare exactly; everything else as feelin compares it.
 */
export function membership(x: unknown, tests: unknown): boolean | null {
  if (tests === null || tests === undefined) return null;
  let unknown = false;
  for (const test of Array.isArray(tests) ? tests : [tests]) {
    let r = matches(test, x ?? null);
    if (r === null && !isRange(test) && typeof test !== 'function') r = false;
    if (r === true) return true;
    if (r === null) unknown = true;
  }
  return unknown ? null : false;
}

function matches(test: unknown, x: unknown): boolean | null {
  if (typeof test === 'function') return test(x) as boolean | null;
  if (isRange(test)) return test.includes(x);
  if (isNum(test) && isNum(x)) return compareNum(test, x) === 0;
  if ((typeof test === 'string' || typeof test === 'boolean') && typeof test === typeof x) return test === x;
  const v = evaluate('a = b', { a: plainDeep(test), b: plainDeep(x) }).value;
  return typeof v === 'boolean' ? v : null;
}

/** The unary test `= b` / `!= b` (feelin: a test function), exact for numbers. */
function equalTest(op: string, b: unknown): (a: unknown) => boolean | null {
  return (a) => {
    if (isNum(a) && isNum(b)) return (compareNum(a, b) === 0) === (op === '=');
    const v = evaluate(`a ${op} b`, { a: plainDeep(a), b: plainDeep(b) }).value;
    return typeof v === 'boolean' ? v : null;
  };
}

function threeValued(list: unknown, decisive: boolean): boolean | null {
  if (!Array.isArray(list)) return null;
  if (list.some((x) => x === decisive)) return decisive;
  return list.every((x) => x === !decisive) ? !decisive : null;
}

const and3 = (a: boolean | null, b: boolean | null) => (a === false || b === false ? false : a === true && b === true ? true : null);

/** The helper functions by the names the rewrite uses. */
export const operators: Record<string, FeelFunction> = {
  kvhCompare: new FeelFunction((op: string, a: unknown, b: unknown) => compare(op, a ?? null, b ?? null), ['op', 'a', 'b']),
  kvhEquals: new FeelFunction((op: string, a: unknown, b: unknown) => equals(op, a ?? null, b ?? null), ['op', 'a', 'b']),
  kvhBetween: new FeelFunction(
    (x: unknown, lo: unknown, hi: unknown) => temporal.between(x ?? null, lo ?? null, hi ?? null) ?? and3(compare('>=', x, lo), compare('<=', x, hi)),
    ['x', 'lo', 'hi'],
  ),
  // FEEL-Scala: a filter on a context (not a list) is null.
  kvhFilterTarget: new FeelFunction(
    (t: unknown) => (typeof t === 'object' && t !== null && Object.getPrototypeOf(t) === Object.prototype ? null : (t ?? null)),
    ['t'],
  ),
  kvhArith: new FeelFunction((op: string, a: unknown, b: unknown) => arith(op, a ?? null, b ?? null), ['op', 'a', 'b']),
  kvhNeg: new FeelFunction((v: unknown) => (isNum(v) ? numOp('-', 0, v) : (evaluate('-a', { a: v ?? null }).value ?? null)), ['v']),
  kvhNum: new FeelFunction((text: string) => parseNum(text), ['text']),
  // a list index or a bound of a `for` range: feelin reads these itself, as doubles
  kvhPlain: new FeelFunction((v: unknown) => plainDeep(v ?? null), ['v']),
  kvhIsNumber: new FeelFunction((v: unknown) => isNum(v), ['v']),
  kvhInTarget: new FeelFunction((v: unknown) => v ?? [], ['v']),
  kvhIn: new FeelFunction((x: unknown, tests: unknown) => membership(x ?? null, tests ?? null), ['x', 'tests']),
  kvhRange: new FeelFunction((a: unknown, b: unknown, open: boolean, close: boolean) => makeRange(a, b, open, close), ['a', 'b', 'open', 'close']),
  kvhForRange: new FeelFunction((a: unknown, b: unknown) => forRange(a, b), ['a', 'b']),
  kvhEqualTest: new FeelFunction((op: string, b: unknown) => equalTest(op, b ?? null), ['op', 'b']),
  kvhIsTrue: new FeelFunction((v: unknown) => v === true, ['v']),
  kvhSome: new FeelFunction((l: unknown) => threeValued(l, true), ['l']),
  kvhEvery: new FeelFunction((l: unknown) => threeValued(l, false), ['l']),
};
