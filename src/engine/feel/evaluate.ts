/**
 * FEEL evaluation as Zeebe does it with FEEL-Scala, on feelin: the expression is rewritten
 * (source.ts) and evaluated with our built-ins (builtins.ts) and operator helpers
 * (operators.ts). As in FEEL-Scala 1.17+, an expression that cannot be evaluated in part
 * (a missing variable, a wrong argument type, an unknown function) gives null, not a failure;
 * only a parse error or a failing built-in (`assert`, …) fails the evaluation.
 */
import { date, dateAndTime, evaluate } from 'feelin';
import { builtins, FeelFailure } from './builtins.js';
import { fromVariable } from './number.js';
import { operators } from './operators.js';
import { rewrite } from './source.js';
import { temporalBuiltins } from './temporal.js';

/** Why an evaluation failed: the expression does not parse, or a built-in failed. */
export class FeelEvaluationFailure extends Error {
  override name = 'FeelEvaluationFailure';
}

/** Our built-ins, the temporal ones (temporal.ts) over the others. */
const functions = { ...builtins, ...temporalBuiltins(builtins) };

/** Evaluates a FEEL expression (no leading `=`) to its raw feelin value. Throws FeelEvaluationFailure. */
export function evaluateFeel(expression: string, variables: Record<string, unknown>, now: Date): unknown {
  const iso = now.toISOString();
  const clock = {
    // Zeebe's now() is a zoned date-time in UTC: string(now()) = "2026-03-02T08:00:00@Etc/UTC".
    now: () => dateAndTime(iso.replace(/(\.000)?Z$/, '@Etc/UTC')),
    today: () => date(iso.slice(0, 10)),
  };
  const scope: Record<string, unknown> = { ...functions, ...clock, ...(numbersIn(variables) as Record<string, unknown>) };
  let source: string;
  let context: Record<string, unknown>;
  try {
    const r = rewrite(expression, scope);
    source = r.source;
    context = { ...scope, ...operators };
    for (const [from, to] of r.renamed) {
      context[to] = scope[from];
      context[from] = functions[from] ?? undefined;
      if (context[from] === undefined) delete context[from];
    }
  } catch (e) {
    throw new FeelEvaluationFailure(`failed to parse expression '${expression}': ${(e as Error).message}`);
  }
  try {
    return evaluate(source, context).value ?? null;
  } catch (e) {
    if (e instanceof FeelFailure) throw new FeelEvaluationFailure(`failed to evaluate expression '${expression}': ${e.message}`);
    throw new FeelEvaluationFailure(`failed to parse expression '${expression}': ${(e as Error).message}`);
  }
}

/** A variable's value with its numbers as FEEL-Scala reads them from Zeebe (number.ts fromVariable); unchanged lists and objects are kept as they are. */
function numbersIn(v: unknown): unknown {
  if (typeof v === 'number') return fromVariable(v);
  if (Array.isArray(v)) {
    let copy: unknown[] | undefined;
    v.forEach((x, i) => {
      const y = numbersIn(x);
      if (y !== x) (copy ??= [...v])[i] = y;
    });
    return copy ?? v;
  }
  if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return v;
  let copy: Record<string, unknown> | undefined;
  for (const [k, x] of Object.entries(v)) {
    const y = numbersIn(x);
    if (y !== x) (copy ??= { ...(v as Record<string, unknown>) })[k] = y;
  }
  return copy ?? v;
}
