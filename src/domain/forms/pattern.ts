/**
 * Form patterns (form-js `validate.pattern`) on the server, in linear time. JavaScript's
 * RegExp backtracks: a pattern such as `^(a+)+$` took the server 5.2 s on 28 characters, and
 * a form is deployed by staff, not by us. So the server tests a value with RE2's JavaScript
 * port (`re2js`, MIT), whose matching is linear in the pattern and the value, and never with
 * RegExp. A pattern is admitted (at deployment, forms/lint.ts, and again before every
 * evaluation: a form deployed before this check is refused, not run) when
 * - it is at most 300 characters;
 * - it compiles as a JavaScript RegExp (form-js tests it in the browser with RegExp, on the
 *   user's own machine only), and
 * - it compiles in RE2: no backreferences, no lookaround (RE2 refuses both).
 * `\uXXXX`, which JavaScript patterns use, is read as RE2's `\x{XXXX}`. As in form-js, the
 * pattern is searched for in the value (RegExp.test), not matched against all of it.
 */
import { RE2JS } from 're2js';

const MAX_PATTERN_CHARS = 300;
const COMPILED_MAX = 1_000;
const compiled = new Map<string, RE2JS>();

/** The pattern in RE2's syntax: `\uXXXX` as `\x{XXXX}`; every other escape as written. */
function re2Syntax(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const u = /^u([0-9a-fA-F]{4})/.exec(p.slice(i + 1));
    if (u) {
      out += `\\x{${u[1]!}}`;
      i += 5;
      continue;
    }
    out += c + (p[i + 1] ?? '');
    i++;
  }
  return out;
}

/** The pattern compiled by RE2 (kept), or why it is not admitted. */
function compile(pattern: string): RE2JS | string {
  const kept = compiled.get(pattern);
  if (kept) return kept;
  if (pattern.length > MAX_PATTERN_CHARS) return `mönstret är längre än ${MAX_PATTERN_CHARS} tecken`;
  try {
    new RegExp(pattern);
  } catch {
    return 'mönstret är inget giltigt reguljärt uttryck';
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(re2Syntax(pattern));
  } catch {
    if (/\\[1-9]|\\k</.test(pattern)) return 'mönstret använder bakåtreferenser';
    if (/\(\?<?[=!]/.test(pattern)) return 'mönstret använder lookahead eller lookbehind';
    return 'mönstret använder något som inte kan kontrolleras på linjär tid (RE2)';
  }
  if (compiled.size >= COMPILED_MAX) compiled.clear();
  compiled.set(pattern, re);
  return re;
}

/** Why a pattern is not admitted (Swedish, for the deployment's problems), or undefined when it is. */
export function patternProblem(pattern: string): string | undefined {
  const c = compile(pattern);
  return typeof c === 'string' ? c : undefined;
}

/** Tests a value against an admitted pattern (RE2, linear time); `undefined` when the pattern is not admitted (the caller refuses). */
export function testPattern(pattern: string, value: string): boolean | undefined {
  const c = compile(pattern);
  return typeof c === 'string' ? undefined : c.matcher(value).find();
}
