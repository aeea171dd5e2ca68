/**
 * FEEL built-ins for feelin that make it agree with FEEL-Scala as Zeebe runs it (checked by the
 * FEEL differential, test/feel): Camunda's extensions that feelin lacks (docs: reference/feel/
 * builtin-functions, marked "Camunda Extension"), Zeebe's `cycle()`, and replacements where
 * feelin's built-in gives another value than FEEL-Scala. They are handed to feelin in the
 * evaluation context (context entries take precedence over feelin's built-ins).
 */
import { evaluate, FeelDuration, FeelFunction, isRange } from 'feelin';
import { FeelDecimal, fromDouble, isNum, numString } from './number.js';
import { listFunctions, union } from './listBuiltins.js';
import { numberFunctions } from './numberBuiltins.js';
import { rangeFunctions } from './ranges.js';

/** A FEEL evaluation failure raised inside a built-in (FEEL-Scala: a failed evaluation). */
export class FeelFailure extends Error {
  override name = 'FeelFailure';
}

type Fn = (...args: unknown[]) => unknown;
const f = (fn: Fn, params: string[]) => new FeelFunction((...a: unknown[]) => fn(...a.map((x) => x ?? null)), params);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isList = (v: unknown): v is unknown[] => Array.isArray(v);
const isCtx = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !isList(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Calls feelin's own built-in `name` with positional arguments (no overrides). */
export function feelinBuiltin(name: string, ...args: unknown[]): unknown {
  const vars = Object.fromEntries(args.map((a, i) => [`kvhArg${i}`, a]));
  return evaluate(`${name}(${args.map((_, i) => `kvhArg${i}`).join(', ')})`, vars).value ?? null;
}

const camundaExtensions: Record<string, FeelFunction> = {
  'is defined': f((v) => v !== null, ['value']),
  'get or else': f((v, d) => v ?? d, ['value', 'default']),
  assert: new FeelFunction(
    (...a: unknown[]) => {
      const [value, condition, cause] = a;
      if (condition !== true) throw new FeelFailure(`Assertion failure on evaluate the expression: ${isStr(cause) ? cause : 'The condition is not fulfilled'}`);
      return value ?? null;
    },
    ['value', 'condition', 'cause'],
  ),
  'is empty': f((l) => (isList(l) ? l.length === 0 : null), ['list']),
  partition: f((l, size) => (isList(l) && typeof size === 'number' && size > 0 ? chunks(l, size) : null), ['list', 'size']),
  extract: f((s, p) => (isStr(s) && isStr(p) ? [...s.matchAll(new RegExp(p, 'gu'))].map((m) => m[0]) : null), ['string', 'pattern']),
  // Java's String.trim: strips code points <= U+0020; isBlank: only whitespace.
  // FEEL-Scala's trim removes the control characters below the blank too.
  // eslint-disable-next-line no-control-regex
  trim: f((s) => (isStr(s) ? s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '') : null), ['string']),
  'is blank': f((s) => (isStr(s) ? /^\s*$/u.test(s) : null), ['string']),
  'to base64': f((s) => (isStr(s) ? Buffer.from(s, 'utf8').toString('base64') : null), ['value']),
  uuid: f(() => crypto.randomUUID(), []),
  'random number': f(() => Math.random(), []),
  'to json': f((v) => jsonText(v), ['value']),
  'from json': f(
    (s) => {
      if (!isStr(s)) return null;
      try {
        return JSON.parse(s);
      } catch {
        return null;
      }
    },
    ['value'],
  ),
  cycle: new FeelFunction((...a: unknown[]) => cycle(a), ['repetitions', 'interval']),
};

const replacements: Record<string, FeelFunction> = {
  // FEEL-Scala counts and cuts UTF-16 code units (Java strings), and fails past the end.
  'string length': f((s) => (isStr(s) ? s.length : null), ['string']),
  substring: new FeelFunction((s: unknown, start: unknown, length?: unknown) => substring(s, start, length), ['string', 'start position', 'length']),
  stddev: new FeelFunction(
    (...l: unknown[]) => {
      const list = l.length === 1 && isList(l[0]) ? l[0] : l;
      if (list.length === 1 && typeof list[0] === 'number') throw new FeelFailure('stddev of a single number: division by zero');
      const r = feelinBuiltin('stddev', list);
      return typeof r === 'number' ? fromDouble(r) : r; // FEEL-Scala: the double's BigDecimal (1.0)
    },
    ['...list'],
  ),
  'string join': new FeelFunction(
    (l: unknown, delimiter?: unknown, prefix?: unknown, suffix?: unknown) => {
      if (!isList(l) || !l.every((x) => x === null || isStr(x))) return null;
      const body = l.filter(isStr).join(isStr(delimiter) ? delimiter : '');
      return prefix === undefined ? body : `${isStr(prefix) ? prefix : ''}${body}${isStr(suffix) ? suffix : ''}`;
    },
    ['list', 'delimiter', 'prefix', 'suffix'],
  ),
  'get value': f(
    (c, key) => (isList(key) ? key.reduce<unknown>((v, k) => (isCtx(v) && isStr(k) ? (v[k] ?? null) : null), c) : feelinBuiltin('get value', c, key)),
    ['context', 'key'],
  ),
  'context put': f((c, key, value) => (isList(key) ? putPath(c, key, value) : feelinBuiltin('context put', c, key, value)), ['context', 'key', 'value']),
  matches: new FeelFunction((s: unknown, p: unknown, flags?: unknown) => regexCall('matches', s, p, [], flags), ['input', 'pattern', 'flags']),
  replace: new FeelFunction(
    (s: unknown, p: unknown, r: unknown, flags?: unknown) => regexCall('replace', s, p, [isStr(r) ? javaReplacement(r) : r], flags),
    ['input', 'pattern', 'replacement', 'flags'],
  ),
  // Java's split(regex, -1): an empty pattern splits between characters and keeps a trailing "".
  split: f((s, d) => (isStr(s) && d === '' ? [...s.split(''), ''] : feelinBuiltin('split', s, d)), ['string', 'delimiter']),
  string: f((v) => (isNum(v) ? numString(v) : isCtx(v) || (isList(v) && hasSpecial(v)) ? valueString(v) : feelinBuiltin('string', v)), ['from']),
  ...rangeFunctions,
  ...numberFunctions,
  ...listFunctions,
  union,
};

/** Every function our FEEL layer adds to or replaces in feelin, by FEEL name. */
export const builtins: Record<string, FeelFunction> = { ...camundaExtensions, ...replacements };

function chunks(l: unknown[], size: number): unknown[][] {
  const out: unknown[][] = [];
  for (let i = 0; i < l.length; i += size) out.push(l.slice(i, i + size));
  return out;
}

function substring(s: unknown, start: unknown, length: unknown): unknown {
  if (!isStr(s) || typeof start !== 'number' || (length !== undefined && length !== null && typeof length !== 'number')) return null;
  if (start === 0) return '';
  const from = start > 0 ? start - 1 : s.length + start;
  if (from > s.length || from < 0) throw new FeelFailure(`substring: start position ${start} out of range`);
  return typeof length === 'number' ? s.slice(from, Math.min(s.length, from + length)) : s.slice(from);
}

/** A FEEL value as JSON data: temporals as their ISO strings, functions left out. */
function jsonText(v: unknown): string {
  if (isList(v)) return `[${v.map(jsonText).join(',')}]`;
  if (isCtx(v))
    return `{${Object.entries(v)
      .filter(([, x]) => typeof x !== 'function')
      .map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`)
      .join(',')}}`;
  if (isNum(v)) return numString(v); // as FEEL-Scala writes numbers (BigDecimal.toString: 1.50, 2.0E+2)
  if (v === null || isStr(v) || typeof v === 'boolean') return JSON.stringify(v);
  return JSON.stringify(String(v));
}

function putPath(c: unknown, keys: unknown[], value: unknown): unknown {
  if (!isCtx(c) || keys.length === 0 || !keys.every(isStr)) return null;
  const [k, ...rest] = keys;
  return { ...c, [k!]: rest.length ? putPath(isCtx(c[k!]) ? c[k!] : {}, rest, value) : value };
}

/** Whether a list holds a context or a FeelDecimal, which feelin's string() does not write as FEEL-Scala. */
const hasSpecial = (l: unknown[]): boolean => l.some((x) => isCtx(x) || x instanceof FeelDecimal || (isList(x) && hasSpecial(x)));

/** string() of a context (and of a list holding one) as FEEL-Scala writes it: `{a:1, b:"x"}`. */
function valueString(v: unknown): string {
  if (isCtx(v))
    return `{${Object.entries(v)
      .filter(([, x]) => typeof x !== 'function')
      .map(([k, x]) => `${k}:${valueString(x)}`)
      .join(', ')}}`;
  if (isList(v)) return `[${v.map(valueString).join(', ')}]`;
  if (isNum(v)) return numString(v);
  return isStr(v) ? `"${v}"` : String(feelinBuiltin('string', v));
}

/**
 * Calls feelin's regex built-in with a Java pattern: leading inline flags (`(?i)`) become
 * flags, as JavaScript has no inline flags.
 */
function regexCall(name: string, s: unknown, p: unknown, rest: unknown[], flags: unknown): unknown {
  let pattern = p;
  let f = isStr(flags) ? flags : '';
  const inline = isStr(p) ? /^\(\?([imsx]+)\)/.exec(p) : null;
  if (inline && isStr(p)) {
    pattern = p.slice(inline[0].length);
    f += inline[1];
  }
  return f ? feelinBuiltin(name, s, pattern, ...rest, f) : feelinBuiltin(name, s, pattern, ...rest);
}

/** A Java regex replacement (`\$` a literal dollar, `$1` a group) in JavaScript's syntax. */
function javaReplacement(r: string): string {
  let out = '';
  for (let i = 0; i < r.length; i++) {
    const ch = r[i]!;
    if (ch === '\\' && i + 1 < r.length) {
      const next = r[++i]!;
      out += next === '$' ? '$$' : next;
    } else out += ch;
  }
  return out;
}

/** Zeebe's cycle(): an ISO 8601 repeating interval ("R3/PT1H", or "R/PT1H" without a count). */
function cycle(a: unknown[]): unknown {
  const [first, second] = a.length < 2 || a[1] === undefined ? [null, a[0]] : [a[0], a[1]];
  if (!(second instanceof FeelDuration) || isRange(second)) return null;
  const interval = String(second);
  if (first === null || first === undefined) return `R/${interval}`;
  return typeof first === 'number' ? `R${Math.trunc(first)}/${interval.toUpperCase()}` : null;
}
