/**
 * FEEL's number built-ins computed as FEEL-Scala computes them (BigDecimal, number.ts), for plain
 * JS numbers and FeelDecimals alike: the scale is kept (`abs(-1.50)` is 1.50, `sum([1.0, 2])`
 * 3.0, `decimal(1, 2)` 1.00), rounding is BigDecimal.setScale's, means are DECIMAL128 quotients,
 * and functions FEEL-Scala computes in doubles (sqrt, exp, log, stddev) give BigDecimal.valueOf
 * of the double (`sqrt(4)` is 2.0). Each was checked against FEEL-Scala 1.21 (test/feel).
 */
import { FeelFunction } from 'feelin';
import { FeelFailure, feelinBuiltin } from './builtins.js';
import { compareNum, fromDouble, isNum, isWhole, numOp, parseNum, plain, setScale, type Num, type Rounding } from './number.js';

const isStr = (v: unknown): v is string => typeof v === 'string';

/** The list a list function was given: one list argument, or the arguments themselves. */
const listOf = (args: unknown[]): unknown[] => (args.length === 1 && Array.isArray(args[0]) ? args[0] : args);

/** Applies `fn` to a non-empty list of numbers; null otherwise. */
function numbers(args: unknown[], fn: (xs: Num[]) => unknown): unknown {
  const list = listOf(args);
  return list.length > 0 && list.every(isNum) ? fn(list) : null;
}

const total = (xs: Num[]): Num | null => xs.reduce<Num | null>((s, x) => (s === null ? null : numOp('+', s, x)), 0);

function extreme(args: unknown[], which: 'min' | 'max'): unknown {
  const list = listOf(args);
  if (list.length > 0 && list.every(isStr)) return [...list].sort()[which === 'min' ? 0 : list.length - 1];
  if (list.length > 0 && list.every(isNum)) {
    return list.reduce((best, x) => ((which === 'min' ? compareNum(x, best) < 0 : compareNum(x, best) > 0) ? x : best));
  }
  return feelinBuiltin(
    which,
    list.map((x) => plain(x)),
  );
}

function median(xs: Num[]): Num | null {
  const sorted = [...xs].sort(compareNum);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid]!;
  const sum = numOp('+', sorted[mid - 1]!, sorted[mid]!);
  return sum === null ? null : numOp('/', sum, 2);
}

/** A built-in `name(n, scale)` as BigDecimal.setScale(scale, mode); the scale defaults to 0 when optional. */
function scaled(name: string, mode: Rounding, scaleOptional: boolean): FeelFunction {
  return new FeelFunction(
    (n: unknown, scale?: unknown) => {
      const sc = scale ?? (scaleOptional ? 0 : undefined);
      if (isNum(n) && isNum(sc) && isWhole(sc)) return setScale(n, plain(sc), mode);
      return scale === undefined ? feelinBuiltin(name, plain(n ?? null)) : feelinBuiltin(name, plain(n ?? null), plain(scale ?? null));
    },
    ['n', 'scale'],
  );
}

/** A function of one number that FEEL-Scala computes on the double (a whole result keeps ".0"). */
function viaDouble(name: string, fail?: (x: number) => string | null): FeelFunction {
  return new FeelFunction(
    (x: unknown) => {
      const d = plain(x ?? null);
      const why = typeof d === 'number' && fail ? fail(d) : null;
      if (why) throw new FeelFailure(why);
      const r = feelinBuiltin(name, d);
      return typeof r === 'number' ? fromDouble(r) : r;
    },
    ['number'],
  );
}

/** FEEL-Scala's number(from, grouping, decimal): BigDecimal of the text, its scale kept ("1.50" is 1.50). */
function number(from: unknown, g?: unknown, d?: unknown): unknown {
  // FEEL-Scala: a string with blanks around it or an empty string is no number.
  if (isStr(from) && (from.trim() !== from || from === '')) return null;
  const args = g === undefined && d === undefined ? [plain(from ?? null)] : [plain(from ?? null), g ?? null, d ?? null];
  const v = feelinBuiltin('number', ...args);
  if (typeof v !== 'number' || !isStr(from)) return v;
  let text = from;
  if (isStr(g) && g !== '') text = text.split(g).join('');
  if (isStr(d) && d !== '') text = text.split(d).join('.');
  return parseNum(text) ?? v;
}

/** The number built-ins by FEEL name (over feelin's). */
export const numberFunctions: Record<string, FeelFunction> = {
  number: new FeelFunction(number, ['from', 'grouping separator', 'decimal separator']),
  min: new FeelFunction((...l: unknown[]) => extreme(l, 'min'), ['...list']),
  max: new FeelFunction((...l: unknown[]) => extreme(l, 'max'), ['...list']),
  sum: new FeelFunction((...l: unknown[]) => numbers(l, total), ['...list']),
  mean: new FeelFunction(
    (...l: unknown[]) =>
      numbers(l, (xs) => {
        const s = total(xs);
        return s === null ? null : numOp('/', s, xs.length);
      }),
    ['...list'],
  ),
  product: new FeelFunction((...l: unknown[]) => numbers(l, (xs) => xs.reduce<Num | null>((p, x) => (p === null ? null : numOp('*', p, x)), 1)), ['...list']),
  median: new FeelFunction((...l: unknown[]) => numbers(l, median), ['...list']),
  abs: new FeelFunction((x: unknown) => (isNum(x) ? (compareNum(x, 0) < 0 ? numOp('-', 0, x) : x) : feelinBuiltin('abs', x ?? null)), ['n']),
  modulo: new FeelFunction(
    (a: unknown, b: unknown) => {
      if (!isNum(a) || !isNum(b)) return null;
      // FEEL-Scala fails (a Java ArithmeticException) where feelin gives null.
      if (compareNum(b, 0) === 0) throw new FeelFailure('modulo by zero');
      return numOp('modulo', a, b);
    },
    ['dividend', 'divisor'],
  ),
  decimal: scaled('decimal', 'half-even', false),
  floor: scaled('floor', 'floor', true),
  ceiling: scaled('ceiling', 'ceiling', true),
  'round up': scaled('round up', 'up', false),
  'round down': scaled('round down', 'down', false),
  'round half up': scaled('round half up', 'half-up', false),
  'round half down': scaled('round half down', 'half-down', false),
  sqrt: viaDouble('sqrt'),
  exp: viaDouble('exp'),
  log: viaDouble('log', (x) => (x <= 0 ? `log(${x}) is not a number` : null)),
};
