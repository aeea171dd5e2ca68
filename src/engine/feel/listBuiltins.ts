/**
 * feelin's list built-ins that compare items (`list contains`, `index of`, `distinct values`,
 * `union`, `duplicate values`) compare numbers as doubles, so a FeelDecimal (number.ts) would
 * equal its nearest double (`list contains([1/3], 0.3333333333333333)` true; FEEL-Scala: false).
 * Where a FeelDecimal takes part, these compare numbers exactly, by value (1.0 equals 1), and keep
 * the first item of equal ones, as FEEL-Scala does (`distinct values([1, 1.0, 1.50, 1.5])` is
 * [1, 1.50]); otherwise feelin's own built-in runs, as before.
 */
import { FeelFunction } from 'feelin';
import { feelinBuiltin } from './builtins.js';
import { compareNum, FeelDecimal, isNum, plainDeep } from './number.js';

const hasDecimal = (v: unknown): boolean => v instanceof FeelDecimal || (Array.isArray(v) && v.some(hasDecimal));

/** FEEL equality of two items: numbers exactly, anything else as feelin compares it. */
function same(a: unknown, b: unknown): boolean {
  if (isNum(a) && isNum(b)) return compareNum(a, b) === 0;
  if (isNum(a) || isNum(b)) return false;
  return feelinBuiltin('list contains', [plainDeep(a)], plainDeep(b)) === true;
}

const distinct = (l: unknown[]) => l.filter((x, i) => l.findIndex((y) => same(x, y)) === i);

/** A list built-in computed by `exact` when a FeelDecimal takes part, else feelin's. */
function listFn(name: string, params: string[], exact: (...args: unknown[]) => unknown, lists = 1): FeelFunction {
  return new FeelFunction((...raw: unknown[]) => {
    const args = raw.map((x) => x ?? null);
    const valid = args.slice(0, lists).every(Array.isArray);
    return valid && args.some(hasDecimal) ? exact(...args) : feelinBuiltin(name, ...args.map(plainDeep));
  }, params);
}

/** The exact list built-ins by FEEL name (over feelin's). */
export const listFunctions: Record<string, FeelFunction> = {
  'list contains': listFn('list contains', ['list', 'element'], (l, e) => (l as unknown[]).some((x) => same(x, e))),
  'index of': listFn('index of', ['list', 'match'], (l, m) => (l as unknown[]).flatMap((x, i) => (same(x, m) ? [i + 1] : []))),
  'distinct values': listFn('distinct values', ['list'], (l) => distinct(l as unknown[])),
  // FEEL-Scala's duplicate values (feelin has none): the first of each value that occurs twice or more.
  'duplicate values': new FeelFunction((l: unknown) => (Array.isArray(l) ? distinct(l).filter((x) => l.filter((y) => same(x, y)).length > 1) : null), ['list']),
};

/** union(...lists), exact as the others; feelin's when no FeelDecimal takes part. */
export const union = new FeelFunction(
  (...raw: unknown[]) => {
    const lists = raw.map((x) => x ?? null);
    if (!lists.every(Array.isArray) || !lists.some(hasDecimal)) return feelinBuiltin('union', ...lists.map(plainDeep));
    return distinct((lists as unknown[][]).flat());
  },
  ['...lists'],
);
