/**
 * Helpers the rewritten expressions call (source.ts), with FEEL-Scala's results: comparisons
 * are null unless both sides are of one comparable type; `=` of a list with a non-list is null;
 * `x between a and b` is `x >= a and x <= b`; `if` needs `true`; `some`/`every` are three-valued.
 */
import { FeelFailure } from './builtins.js';
import { decimalOp } from './decimal.js';
import * as temporal from './temporalOps.js';
import { evaluate, FeelDate, FeelDateTime, FeelDuration, FeelFunction, FeelTime } from 'feelin';

/** The FEEL type name a comparison cares about; null for types that do not compare with < >. */
function comparableType(v: unknown): string | null {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (v instanceof FeelDate) return 'date';
  if (v instanceof FeelTime) return 'time';
  if (v instanceof FeelDateTime) return 'date time';
  if (v instanceof FeelDuration) return v.yearsMonths ? 'years months' : 'days time';
  return null;
}

function compare(op: string, a: unknown, b: unknown): boolean | null {
  const ours = temporal.compare(op, a, b); // FEEL-Scala's temporal rules (temporalOps.ts)
  if (ours !== undefined) return ours;
  if (Array.isArray(a) || Array.isArray(b)) throw new FeelFailure(`lists do not compare with ${op}`);
  const t = comparableType(a);
  if (t === null || t !== comparableType(b)) return null;
  if (t === 'number' || t === 'string') {
    const x = a as number | string, y = b as number | string;
    return op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
  }
  const v = evaluate(`a ${op} b`, { a, b }).value;
  return typeof v === 'boolean' ? v : null;
}

const PRIMITIVE = new Set(['number', 'string', 'boolean']);

function equals(op: string, a: unknown, b: unknown): boolean | null {
  const t = temporal.compare(op, a, b);
  if (t !== undefined) return t;
  if (a !== null && b !== null && Array.isArray(a) !== Array.isArray(b)) return null;
  // Fast path (filters compare per item): same primitive type, or null against anything.
  if ((PRIMITIVE.has(typeof a) && typeof a === typeof b) || (a === null && (b === null || PRIMITIVE.has(typeof b))) || (b === null && PRIMITIVE.has(typeof a))) {
    return op === '=' ? a === b : a !== b;
  }
  const v = evaluate(`a ${op} b`, { a, b }).value;
  return typeof v === 'boolean' ? v : null;
}

/** `a op b` for the arithmetic operators: numbers in decimal, everything else as feelin does. */
function arith(op: string, a: unknown, b: unknown): unknown {
  const t = temporal.arithmetic(op, a, b);
  if (t !== undefined) return t;
  if (typeof a === 'number' && typeof b === 'number') {
    if (op !== '**') return decimalOp(op, a, b);
    const p = Number.isInteger(b) && Math.abs(b) <= 64 ? power(a, b) : Math.pow(a, b);
    if (p === null || Number.isNaN(p)) throw new FeelFailure(`${a} ** ${b} is not a number`);
    return p;
  }
  return evaluate(`a ${op} b`, { a, b }).value ?? null;
}

function power(a: number, k: number): number | null {
  let r = 1;
  for (let i = 0; i < Math.abs(k); i++) r = decimalOp('*', r, a) ?? NaN;
  return k < 0 ? decimalOp('/', 1, r) : r;
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
  kvhBetween: new FeelFunction((x: unknown, lo: unknown, hi: unknown) => temporal.between(x ?? null, lo ?? null, hi ?? null) ?? and3(compare('>=', x, lo), compare('<=', x, hi)), ['x', 'lo', 'hi']),
  // FEEL-Scala: a filter on a context (not a list) is null.
  kvhFilterTarget: new FeelFunction((t: unknown) => (typeof t === 'object' && t !== null && Object.getPrototypeOf(t) === Object.prototype ? null : t ?? null), ['t']),
  kvhArith: new FeelFunction((op: string, a: unknown, b: unknown) => arith(op, a ?? null, b ?? null), ['op', 'a', 'b']),
  kvhInTarget: new FeelFunction((v: unknown) => v ?? [], ['v']),
  kvhIsTrue: new FeelFunction((v: unknown) => v === true, ['v']),
  kvhSome: new FeelFunction((l: unknown) => threeValued(l, true), ['l']),
  kvhEvery: new FeelFunction((l: unknown) => threeValued(l, false), ['l']),
};
