/**
 * FEEL for the embedded engine, through feelin (src/engine/feel/: made to agree with FEEL-Scala,
 * checked by the FEEL differential in test/feel). Expressions start with `=`; anything else is
 * a static string (as in Zeebe). `now()` and `today()` read the engine clock, so pinned
 * tests see pinned time. Results are converted to JSON values (temporals become ISO strings,
 * as Zeebe stores them).
 */
import { evaluateFeel } from '../feel/evaluate.js';
import { parseIsoDateTime } from './isoDateTime.js';

/** A FEEL evaluation failed; the engine turns this into an incident. */
export class FeelError extends Error {
  override name = 'FeelError';
}

/** Whether a model attribute is a FEEL expression (`=...`). */
export function isExpression(value: string | undefined): value is string {
  return typeof value === 'string' && value.trimStart().startsWith('=');
}

/** Converts a FEEL value to plain JSON (temporals to ISO strings, functions dropped). */
export function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value ?? null, (_k, v) => (typeof v === 'function' ? undefined : v)));
}

/** Evaluates `=expr` against variables, or returns a static value as is. Throws FeelError. */
export function evalValue(raw: string, variables: Record<string, unknown>, now: Date): unknown {
  return toJson(evalRaw(raw, variables, now));
}

/**
 * Evaluates a date attribute (due date, follow-up date) as Zeebe does: an ISO 8601 string or a
 * FEEL date-time value; null when empty. Throws FeelError otherwise (e.g. for the *string*
 * "…@Etc/UTC" that `string(now())` gives, which Zeebe refuses too).
 */
export function evalDate(raw: string, variables: Record<string, unknown>, now: Date): Date | null {
  const v = evalRaw(raw, variables, now);
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && v.constructor?.name === 'FeelDateTime') {
    const [local, zone] = String(v).split('@') as [string, string | undefined];
    const d = zone ? zonedToDate(local, zone) : new Date(/[zZ]|[+-]\d\d:\d\d$/.test(local) ? local : `${local}Z`);
    if (!Number.isNaN(d.getTime())) return d;
  }
  if (typeof v === 'string') {
    const d = parseIsoDateTime(v);
    if (d) return d;
    throw new FeelError(`Invalid date-time format '${v}' for expression '${raw.trimStart().slice(1)}'.`);
  }
  throw new FeelError(`Expected result of the expression '${raw}' to be a date-time, but was '${typeof v}'.`);
}

/**
 * Evaluates `=expr` to the raw FEEL value, exactly as the engine does (before JSON conversion),
 * or returns a static value as is. Throws FeelError. The FEEL differential compares this value.
 */
export function evalRaw(raw: string, variables: Record<string, unknown>, now: Date): unknown {
  if (!isExpression(raw)) return raw;
  try {
    return evaluateFeel(raw.trimStart().slice(1), variables, now);
  } catch (e) {
    throw new FeelError((e as Error).message);
  }
}

/** Evaluates and requires a non-null result of a kind (Zeebe: EXTRACT_VALUE_ERROR otherwise). */
export function evalTyped<T>(
  raw: string,
  variables: Record<string, unknown>,
  now: Date,
  kind: 'string' | 'number' | 'boolean' | 'array' | 'stringList',
): T {
  let v = evalValue(raw, variables, now);
  if (kind === 'stringList' && typeof v === 'string' && !isExpression(raw)) {
    v = v.split(',').map((s) => s.trim()).filter(Boolean);
  }
  const ok =
    kind === 'array' || kind === 'stringList'
      ? Array.isArray(v) && (kind === 'array' || v.every((x) => typeof x === 'string'))
      : typeof v === kind;
  if (!ok) {
    const got = v === null ? 'NULL' : Array.isArray(v) ? 'ARRAY' : typeof v;
    throw new FeelError(`Expected result of the expression '${raw}' to be '${kind.toUpperCase()}', but was '${got.toUpperCase()}'.`);
  }
  return v as T;
}

/** Evaluates a condition; a non-boolean result is an error (Zeebe: EXTRACT_VALUE_ERROR). */
export function evalCondition(raw: string, variables: Record<string, unknown>, now: Date): boolean {
  return evalTyped<boolean>(raw, variables, now, 'boolean');
}

/** A local date-time in an IANA zone (`2026-03-04T08:00:00`, `Europe/Stockholm`) as an instant. */
function zonedToDate(local: string, zone: string): Date {
  const guess = new Date(`${local}Z`);
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const p = Object.fromEntries(fmt.formatToParts(guess).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return new Date(guess.getTime() - (asUtc - guess.getTime()));
}

/** Evaluates `=expr` (or returns a static value) without converting the result: timers read FEEL temporals themselves. Throws FeelError. */
export function evalFeel(raw: string, variables: Record<string, unknown>, now: Date): unknown {
  return evalRaw(raw, variables, now);
}
