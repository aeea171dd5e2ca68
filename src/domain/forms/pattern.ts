/**
 * Form patterns (form-js `validate.pattern`) without catastrophic backtracking. JavaScript's
 * RegExp backtracks: a pattern such as `^(a+)+$` took the server 5.2 s on 28 characters, and
 * a form is deployed by staff, not by us. Until a linear-time engine is a dependency (RE2's
 * JavaScript port `re2js` would do; see the README's "Forms"), a pattern is admitted only when
 * it is in a subset whose backtracking is bounded, checked here at deployment (forms/lint.ts)
 * and again before every evaluation (a form deployed before this check is refused, not run):
 *
 * - at most 300 characters, and it compiles as a JavaScript RegExp;
 * - no backreferences (`\1`, `\k<name>`) and no lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`);
 * - no quantified group that itself holds a quantifier or an alternation (`(a+)+`,
 *   `(a|ab)*`, `(\w+\s?)*`: star height one, the exponential cases);
 * - at most two unbounded quantifiers (`*`, `+`, `{n,}`) in the whole pattern, so that the
 *   polynomial cases (`.*a.*b.*c`) stay within n² on a field's bounded length.
 *
 * The string tested is the field's value, itself capped by the field's maximum length
 * (limits.ts), so the worst case is a few million steps.
 */

const MAX_PATTERN_CHARS = 300;
const MAX_UNBOUNDED = 2;

/** Why a pattern is not admitted (Swedish, for the deployment's problems), or undefined when it is. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_CHARS) return `mönstret är längre än ${MAX_PATTERN_CHARS} tecken`;
  try {
    new RegExp(pattern);
  } catch {
    return 'mönstret är inget giltigt reguljärt uttryck';
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'mönstret använder bakåtreferenser';
  if (/\(\?<?[=!]/.test(pattern)) return 'mönstret använder lookahead eller lookbehind';
  return structureProblem(pattern);
}

interface Group { quantified: boolean; inner: boolean }

/** Walks the pattern once: groups that hold quantifiers or alternation, and unbounded quantifiers. */
function structureProblem(p: string): string | undefined {
  const open: Group[] = [];
  const closed: Group[] = [];
  let unbounded = 0;
  let inClass = false;
  let last: 'atom' | 'group' | 'none' = 'none';
  let lastGroup: Group | undefined;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') { i++; last = 'atom'; continue; }
    if (inClass) { if (c === ']') { inClass = false; last = 'atom'; } continue; }
    if (c === '[') { inClass = true; continue; }
    if (c === '(') { open.push({ quantified: false, inner: false }); if (p[i + 1] === '?') i += p[i + 2] === '<' ? 2 : 1; last = 'none'; continue; }
    if (c === ')') { lastGroup = open.pop(); if (lastGroup) closed.push(lastGroup); last = 'group'; continue; }
    if (c === '|') { markInner(open); last = 'none'; continue; }
    const q = quantifier(p, i);
    if (!q) { last = 'atom'; continue; }
    i = q.end;
    if (p[i + 1] === '?') i++; // lazy: the same backtracking
    if (q.unbounded) unbounded++;
    if (q.repeats && last === 'group' && lastGroup?.inner) return 'mönstret upprepar en grupp som själv har upprepning eller alternativ (t.ex. (a+)+)';
    markInner(open);
    last = 'none';
  }
  if (unbounded > MAX_UNBOUNDED) return `mönstret har fler än ${MAX_UNBOUNDED} obegränsade upprepningar (*, + eller {n,})`;
  return undefined;
}

/** A quantifier or alternation inside the open groups makes each of them "inner". */
function markInner(open: Group[]): void {
  for (const g of open) g.inner = true;
}

/** The quantifier starting at `i`, if any: where it ends, whether it repeats more than once, whether it is unbounded. */
function quantifier(p: string, i: number): { end: number; repeats: boolean; unbounded: boolean } | undefined {
  const c = p[i];
  if (c === '*' || c === '+') return { end: i, repeats: true, unbounded: true };
  if (c === '?') return { end: i, repeats: false, unbounded: false };
  if (c !== '{') return undefined;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
  if (!m) return undefined;
  const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
  return { end: i + m[0].length - 1, repeats: max > 1, unbounded: max === Infinity };
}

/** Tests a value against an admitted pattern; `undefined` when the pattern is not admitted (the caller refuses). */
export function testPattern(pattern: string, value: string): boolean | undefined {
  if (patternProblem(pattern)) return undefined;
  return new RegExp(pattern).test(value);
}
