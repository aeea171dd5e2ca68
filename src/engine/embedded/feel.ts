/**
 * FEEL for the embedded engine, through feelin (src/engine/feel/: made to agree with FEEL-Scala,
 * checked by the FEEL differential in test/feel). Expressions start with `=`; anything else is
 * a static string (as in Zeebe). `now()` and `today()` read the engine clock, so pinned
 * tests see pinned time. Results are converted to JSON values (temporals become strings as
 * Zeebe stores them, see feel/zeebeValues.ts).
 */
import { evaluateFeel } from '../feel/evaluate.js';
import { zeebeDateTime, zeebeJson } from '../feel/zeebeValues.js';

/** A FEEL evaluation failed; the engine turns this into an incident. */
export class FeelError extends Error {
  override name = 'FeelError';
}

/** Whether a model attribute is a FEEL expression (`=...`). */
export function isExpression(value: string | undefined): value is string {
  return typeof value === 'string' && value.trimStart().startsWith('=');
}

/** Converts a FEEL value to plain JSON as Zeebe stores it (temporals as Zeebe's strings, functions dropped). */
function toJson(value: unknown): unknown {
  return zeebeJson(value);
}

/** Evaluates `=expr` against variables, or returns a static value as is. Throws FeelError. */
export function evalValue(raw: string, variables: Record<string, unknown>, now: Date): unknown {
  return toJson(evalRaw(raw, variables, now));
}

/**
 * Evaluates a date attribute (due date, follow-up date) as Zeebe does: a FEEL date-time or an ISO
 * 8601 string with an offset (`ZonedDateTime.parse`); null when null or empty. Throws FeelError
 * otherwise, e.g. for a FEEL `date` or the *string* "…@Etc/UTC" that `string(now())` gives.
 */
export function evalDate(raw: string, variables: Record<string, unknown>, now: Date): Date | null {
  const v = evalRaw(raw, variables, now);
  try {
    return zeebeDateTime(v, isExpression(raw) ? raw.trimStart().slice(1) : raw, true);
  } catch (e) {
    throw new FeelError((e as Error).message);
  }
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
export function evalTyped<T>(raw: string, variables: Record<string, unknown>, now: Date, kind: 'string' | 'number' | 'boolean' | 'array' | 'stringList'): T {
  let v = evalValue(raw, variables, now);
  if (kind === 'stringList' && typeof v === 'string' && !isExpression(raw)) {
    v = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  const ok = kind === 'array' || kind === 'stringList' ? Array.isArray(v) && (kind === 'array' || v.every((x) => typeof x === 'string')) : typeof v === kind;
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

/** Evaluates `=expr` (or returns a static value) without converting the result: timers read FEEL temporals themselves. Throws FeelError. */
export function evalFeel(raw: string, variables: Record<string, unknown>, now: Date): unknown {
  return evalRaw(raw, variables, now);
}
