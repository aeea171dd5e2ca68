/**
 * FEEL ranges and the range functions, exact for numbers as FEEL-Scala is (Scala BigDecimal):
 * `1/3 in (0.3333333333333333..1]` is true, `before(0.3333333333333333, 1/3)` true.
 * - A range literal with number bounds is a `NumRange` (`kvhRange`, source.ts): its bounds keep
 *   their FeelDecimal (number.ts) and `includes`, which feelin's `in` calls, compares exactly.
 * - The range functions compare numbers exactly where a FeelDecimal takes part and are
 *   feelin's otherwise (`before`, `after`, `meets`, `met by`, `overlaps`, `includes`), as
 *   listBuiltins.ts does for the list functions; feelin 8.2's own `during`, `starts`,
 *   `started by`, `finishes`, `finished by`, `coincides` fail on every call, and it has no
 *   DMN 1.3 `overlaps before` / `overlaps after`: those are ours (DMN 1.4, table 78, as
 *   FEEL-Scala implements them).
 */
import { evaluate, FeelFunction, FeelRange, isRange } from 'feelin';
import { feelinBuiltin } from './builtins.js';
import { compareNum, FeelDecimal, isNum, numOp, plain, type Num } from './number.js';

type R = FeelRange;

/** -1, 0 or 1: numbers exactly, anything else as feelin compares it; null when they do not compare. */
function cmp(a: unknown, b: unknown): number | null {
  if (isNum(a) && isNum(b)) return compareNum(a, b);
  const v = evaluate('if a < b then -1 else if a = b then 0 else if a > b then 1 else null', { a, b }).value;
  return typeof v === 'number' ? v : null;
}

const eq = (a: unknown, b: unknown) => cmp(a, b) === 0;
const incl = (r: R, side: 'start' | 'end') => r[`${side} included`];
const before0 = (c: number | null) => c !== null && c < 0;

/** A number range: feelin's, but `includes` (which feelin's `in` calls) compares exactly where a FeelDecimal takes part. */
class NumRange extends FeelRange {
  /** Whether the range includes a number or a range (a descending range turned round, as feelin); null for a null probe or an empty range. */
  override includes(value: unknown): boolean | null {
    if (!hasDecimal(this) && !hasDecimal(value)) return super.includes(value);
    if ((this.start === null && this.end === null) || value === null || value === undefined) return null;
    if (isRange(value)) return includesRange(this, value);
    if (!isNum(value)) return super.includes(value);
    let [lo, hi, loIn, hiIn] = [this.start as Num | null, this.end as Num | null, incl(this, 'start'), incl(this, 'end')];
    if (lo !== null && hi !== null && compareNum(lo, hi) > 0) [lo, hi, loIn, hiIn] = [hi, lo, hiIn, loIn];
    const s = lo === null ? 1 : compareNum(value, lo),
      e = hi === null ? -1 : compareNum(value, hi);
    return (loIn ? s >= 0 : s > 0) && (hiIn ? e <= 0 : e < 0);
  }

  /** `for i in [a..b]` as feelin's, on the doubles; a fraction never meets the end in feelin's loop, so it fails. */
  override map<T>(fn: (v: unknown) => T): T[] {
    const [start, end] = [this.start, this.end].map((v) => plain(v as unknown));
    if (![start, end].every((v) => v === null || Number.isInteger(v))) throw new Error('unsupported range operation: map');
    return new FeelRange({ start, end, 'start included': incl(this, 'start'), 'end included': incl(this, 'end'), valueType: 'number' }).map(fn);
  }
}

/** feelin's rangeIncludesRange, with exact comparisons. */
function includesRange(r: R, v: R): boolean {
  const s =
    r.start === null ? true : v.start !== null && ((c) => c !== null && (c < 0 || (c === 0 && (incl(r, 'start') || !incl(v, 'start')))))(cmp(r.start, v.start));
  const e = r.end === null ? true : v.end !== null && ((c) => c !== null && (c > 0 || (c === 0 && (incl(r, 'end') || !incl(v, 'end')))))(cmp(r.end, v.end));
  return s && e;
}

/**
 * `kvhRange(a, b, [, ])`, a range literal: a NumRange when the bounds are numbers (or one is
 * null), else feelin's range (which refuses bounds of different types).
 */
export function makeRange(a: unknown, b: unknown, open: boolean, close: boolean): unknown {
  const [start, end] = [a ?? null, b ?? null];
  if ((isNum(start) || isNum(end)) && (start === null || isNum(start)) && (end === null || isNum(end))) {
    return new NumRange({ start, end, 'start included': start !== null && open, 'end included': end !== null && close, valueType: 'number' });
  }
  return evaluate(`${open ? '[' : '('}a..b${close ? ']' : ')'}`, { a: plain(start), b: plain(end) }).value;
}

/** `for i in a..b` as FEEL-Scala: a, a ± 1, … while not past b; feelin's for anything but numbers. */
export function forRange(a: unknown, b: unknown): unknown {
  if (!isNum(a) || !isNum(b)) return evaluate('for i in a..b return i', { a: a ?? null, b: b ?? null }).value ?? null;
  const up = compareNum(a, b) <= 0;
  const out: Num[] = [];
  for (let v: Num = a; up ? compareNum(v, b) <= 0 : compareNum(v, b) >= 0; v = numOp('+', v, up ? 1 : -1)!) out.push(v);
  return out;
}

const hasDecimal = (v: unknown): boolean => v instanceof FeelDecimal || (isRange(v) && (hasDecimal(v.start) || hasDecimal(v.end)));

/** feelin's before(a, b) (points or ranges), with exact comparisons. */
function before(a: unknown, b: unknown): boolean {
  if (isRange(a) && isRange(b)) {
    const c = cmp(a.end, b.start);
    return before0(c) || (c === 0 && (!incl(a, 'end') || !incl(b, 'start')));
  }
  if (isRange(a)) {
    const c = cmp(a.end, b);
    return before0(c) || (c === 0 && !incl(a, 'end'));
  }
  if (isRange(b)) {
    const c = cmp(b.start, a);
    return (c !== null && c > 0) || (c === 0 && !incl(b, 'start'));
  }
  return before0(cmp(a, b));
}

const meets = (a: R, b: R) => cmp(a.end, b.start) === 0 && incl(a, 'end') === true && incl(b, 'start') === true;

/** feelin's range function `name`, computed by `exact` when a FeelDecimal takes part. */
function feelinOr(name: string, params: [string, string], exact: (a: unknown, b: unknown) => unknown, ranges: 0 | 1 | 2): FeelFunction {
  return new FeelFunction((x: unknown, y: unknown) => {
    const [a, b] = [x ?? null, y ?? null];
    const typed = ranges === 0 || (ranges === 1 ? isRange(a) : isRange(a) && isRange(b));
    return typed && a !== null && b !== null && (hasDecimal(a) || hasDecimal(b)) ? exact(a, b) : feelinBuiltin(name, a, b);
  }, params);
}

/** r1 starts where r2 starts and ends no later (both bounds with their inclusion). */
function startsRange(r1: R, r2: R): boolean {
  const end = cmp(r1.end, r2.end);
  return eq(r1.start, r2.start) && incl(r1, 'start') === incl(r2, 'start') && end !== null && (end < 0 || (end === 0 && (!incl(r1, 'end') || incl(r2, 'end'))));
}

function finishesRange(r1: R, r2: R): boolean {
  const start = cmp(r1.start, r2.start);
  return (
    eq(r1.end, r2.end) && incl(r1, 'end') === incl(r2, 'end') && start !== null && (start > 0 || (start === 0 && (!incl(r1, 'start') || incl(r2, 'start'))))
  );
}

function overlapsBefore(r1: R, r2: R): boolean {
  const s = cmp(r1.start, r2.start),
    es = cmp(r1.end, r2.start),
    e = cmp(r1.end, r2.end);
  if (s === null || es === null || e === null) return false;
  return (
    (s < 0 || (s === 0 && incl(r1, 'start') && !incl(r2, 'start'))) &&
    (es > 0 || (es === 0 && incl(r1, 'end') && incl(r2, 'start'))) &&
    (e < 0 || (e === 0 && (!incl(r1, 'end') || incl(r2, 'end'))))
  );
}

/** includes(range, point | range): exact where a FeelDecimal takes part, else feelin's. */
function includes(range: R, value: unknown): unknown {
  if (range instanceof NumRange) return range.includes(value);
  if (isRange(value) && hasDecimal(value)) return includesRange(range, value);
  return feelinBuiltin('includes', range, value);
}

/** A range function over (point | range, point | range); null for a null argument. */
function rel(params: [string, string], body: (a: unknown, b: unknown) => unknown): FeelFunction {
  return new FeelFunction((a: unknown, b: unknown) => (a == null || b == null ? null : body(a, b)), params);
}

/** The range functions by FEEL name. */
export const rangeFunctions: Record<string, FeelFunction> = {
  before: feelinOr('before', ['a', 'b'], before, 0),
  after: feelinOr('after', ['a', 'b'], (a, b) => before(b, a), 0),
  meets: feelinOr('meets', ['range1', 'range2'], (a, b) => meets(a as R, b as R), 2),
  'met by': feelinOr('met by', ['range1', 'range2'], (a, b) => meets(b as R, a as R), 2),
  overlaps: feelinOr('overlaps', ['range1', 'range2'], (a, b) => !before(a, b) && !before(b, a), 2),
  includes: feelinOr('includes', ['range', 'value'], (a, b) => includes(a as R, b), 1),
  starts: rel(['point', 'range'], (a, b) => {
    if (!isRange(b)) return null;
    return isRange(a) ? startsRange(a, b) : eq(a, b.start) && incl(b, 'start');
  }),
  'started by': rel(['range', 'point'], (a, b) => {
    if (!isRange(a)) return null;
    return isRange(b) ? startsRange(b, a) : eq(b, a.start) && incl(a, 'start');
  }),
  finishes: rel(['point', 'range'], (a, b) => {
    if (!isRange(b)) return null;
    return isRange(a) ? finishesRange(a, b) : eq(a, b.end) && incl(b, 'end');
  }),
  'finished by': rel(['range', 'point'], (a, b) => {
    if (!isRange(a)) return null;
    return isRange(b) ? finishesRange(b, a) : eq(b, a.end) && incl(a, 'end');
  }),
  during: rel(['point', 'range'], (a, b) => (isRange(b) ? includes(b, a) : null)),
  coincides: rel(['point1', 'point2'], (a, b) => {
    if (isRange(a) && isRange(b)) return eq(a.start, b.start) && eq(a.end, b.end) && incl(a, 'start') === incl(b, 'start') && incl(a, 'end') === incl(b, 'end');
    if (isRange(a) || isRange(b)) return null;
    const c = cmp(a, b);
    return c === null ? null : c === 0;
  }),
  'overlaps before': rel(['range1', 'range2'], (a, b) => (isRange(a) && isRange(b) ? overlapsBefore(a, b) : null)),
  'overlaps after': rel(['range1', 'range2'], (a, b) => (isRange(a) && isRange(b) ? overlapsBefore(b, a) : null)),
};
