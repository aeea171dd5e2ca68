/**
 * The range relation functions whose feelin versions fail on every call in feelin 8.2
 * (`during`, `starts`, `started by`, `finishes`, `finished by`, `coincides`), and the DMN 1.3
 * `overlaps before` / `overlaps after` that FEEL-Scala still has. Semantics from the DMN 1.4
 * specification, table 78 (range functions), as FEEL-Scala implements them.
 */
import { evaluate, FeelFunction, isRange } from 'feelin';
import type { FeelRange } from 'feelin';

type R = FeelRange;

/** -1, 0 or 1 as feelin compares a and b; null when they do not compare. */
function cmp(a: unknown, b: unknown): number | null {
  const v = evaluate('if a < b then -1 else if a = b then 0 else if a > b then 1 else null', { a, b }).value;
  return typeof v === 'number' ? v : null;
}

const eq = (a: unknown, b: unknown) => cmp(a, b) === 0;
const incl = (r: R, side: 'start' | 'end') => r[`${side} included`];

/** r1 starts where r2 starts and ends no later (both bounds with their inclusion). */
function startsRange(r1: R, r2: R): boolean {
  const end = cmp(r1.end, r2.end);
  return eq(r1.start, r2.start) && incl(r1, 'start') === incl(r2, 'start')
    && end !== null && (end < 0 || (end === 0 && (!incl(r1, 'end') || incl(r2, 'end'))));
}

function finishesRange(r1: R, r2: R): boolean {
  const start = cmp(r1.start, r2.start);
  return eq(r1.end, r2.end) && incl(r1, 'end') === incl(r2, 'end')
    && start !== null && (start > 0 || (start === 0 && (!incl(r1, 'start') || incl(r2, 'start'))));
}

function overlapsBefore(r1: R, r2: R): boolean {
  const s = cmp(r1.start, r2.start), es = cmp(r1.end, r2.start), e = cmp(r1.end, r2.end);
  if (s === null || es === null || e === null) return false;
  return (s < 0 || (s === 0 && incl(r1, 'start') && !incl(r2, 'start')))
    && (es > 0 || (es === 0 && incl(r1, 'end') && incl(r2, 'start')))
    && (e < 0 || (e === 0 && (!incl(r1, 'end') || incl(r2, 'end'))));
}

function includes(range: R, value: unknown): unknown {
  return evaluate('includes(r, v)', { r: range, v: value }).value ?? null;
}

/** A range function over (point | range, point | range); null for a null argument. */
function rel(params: [string, string], body: (a: unknown, b: unknown) => unknown): FeelFunction {
  return new FeelFunction((a: unknown, b: unknown) => (a == null || b == null ? null : body(a, b)), params);
}

/** The range functions by FEEL name. */
export const rangeFunctions: Record<string, FeelFunction> = {
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
