/**
 * FEEL evaluation as Zeebe does it with FEEL-Scala, on feelin: the expression is rewritten
 * (source.ts) and evaluated with our built-ins (builtins.ts) and operator helpers
 * (operators.ts). As in FEEL-Scala 1.17+, an expression that cannot be evaluated in part
 * (a missing variable, a wrong argument type, an unknown function) gives null, not a failure;
 * only a parse error or a failing built-in (`assert`, …) fails the evaluation.
 */
import * as feelin from 'feelin';
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

/**
 * Names an expression can reach only by writing them: a function, an operator helper or the
 * clock whose first word is not in the expression's text cannot be called, or parsed as part of
 * a name, there. lezer-feel's parser builds a prefix table of every name in the context on each
 * parse, so leaving these out saves most of a parse (bench/profile.ts: a fifth of the engine's
 * time went to it with all 90 names in every context).
 */
interface Named {
  name: string;
  word: string;
  value: unknown;
}
const named = (o: Record<string, unknown>): Named[] =>
  Object.entries(o).map(([name, value]) => ({ name, word: /[\p{L}\p{N}_]+/u.exec(name)?.[0] ?? name, value }));
const FUNCTIONS = named(functions);
const OPERATORS = named(operators);
const CLOCK_WORDS = ['now', 'today'] as const;

/** Adds to `into` the entries of `list` whose first word occurs in `text`; returns `into`. */
function reachable(list: Named[], text: string, into: Record<string, unknown>): Record<string, unknown> {
  for (const n of list) if (text.includes(n.word)) into[n.name] = n.value;
  return into;
}

/**
 * An expression prepared for a shape of its scope (the names, and the keys of context values,
 * which the parser reads): the rewrite (source.ts), the names the rewritten source reaches
 * besides the scope's, and feelin's compiled expression (parsed and built once,
 * `compileExpression`, patches/feelin+8.2.0.patch), so a repeated evaluation neither rewrites
 * nor parses. At most PREPARED_MAX are kept (the least recently used goes first); a shape
 * longer than SHAPE_MAX characters is not kept.
 */
interface Prepared {
  source: string;
  renamed: Map<string, string>;
  /** Functions the rewritten source names, under the scope (the scope wins). */
  functions: Record<string, unknown>;
  /** Operator helpers the rewritten source calls, over the scope. */
  operators: Record<string, unknown>;
  /** Whether it is kept in the cache: only a kept one is compiled (on its first evaluation). */
  kept: boolean;
  compiled?: (context: Record<string, unknown>) => unknown;
}
const prepared = new Map<string, Prepared>();
/**
 * Our patch's compile API; undefined when the patch was not applied (an install that skipped
 * npm's postinstall): then every evaluation parses as before.
 */
const compileExpression = (
  feelin as { compileExpression?: (source: string, context: Record<string, unknown>) => (context: Record<string, unknown>) => unknown }
).compileExpression;
const PREPARED_MAX = 2_000;
const SHAPE_MAX = 4_000;

/** Per expression text: the functions and clock words its text can reach (keyed by the text alone). */
const reachableByText = new Map<string, { functions: Record<string, unknown>; clock: (typeof CLOCK_WORDS)[number][] }>();

function textReach(expression: string) {
  let r = reachableByText.get(expression);
  if (!r) {
    if (reachableByText.size >= PREPARED_MAX) reachableByText.clear();
    r = { functions: reachable(FUNCTIONS, expression, {}), clock: CLOCK_WORDS.filter((w) => expression.includes(w)) };
    reachableByText.set(expression, r);
  }
  return r;
}

/** The names and nested context keys of `v`, or undefined when longer than the budget. */
function shapeOf(v: unknown, budget: { left: number }): string | undefined {
  if (Array.isArray(v)) {
    let out = '[';
    for (const x of v) {
      const s = shapeOf(x, budget);
      if (s === undefined) return undefined;
      out += `${s},`;
    }
    return `${out}]`;
  }
  if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return typeof v === 'function' ? 'f' : '';
  let out = '{';
  for (const [k, x] of Object.entries(v)) {
    budget.left -= k.length + 2;
    if (budget.left < 0) return undefined;
    const s = shapeOf(x, budget);
    if (s === undefined) return undefined;
    out += `${k}\u0000${s}\u0001`;
  }
  return `${out}}`;
}

/** Rewrites `expression` for a scope and finds the names its rewritten source reaches. */
function prepare(expression: string, scope: Record<string, unknown>): Prepared {
  const r = rewrite(expression, scope);
  // The rewrite calls operator helpers (and may name functions) the original did not.
  return { source: r.source, renamed: r.renamed, functions: reachable(FUNCTIONS, r.source, {}), operators: reachable(OPERATORS, r.source, {}), kept: false };
}

/** `prepare(expression, scope)`, from the cache when a scope of the same shape was seen (and kept there). */
function preparedFor(expression: string, scope: Record<string, unknown>): Prepared {
  const shape = shapeOf(scope, { left: SHAPE_MAX });
  const key = shape === undefined ? undefined : `${expression}\u0002${shape}`;
  const kept = key === undefined ? undefined : prepared.get(key);
  if (kept) {
    // Most recently used last.
    prepared.delete(key!);
    prepared.set(key!, kept);
    return kept;
  }
  const p = prepare(expression, scope);
  if (key !== undefined) {
    if (prepared.size >= PREPARED_MAX) prepared.delete(prepared.keys().next().value!);
    prepared.set(key, p);
    p.kept = true;
  }
  return p;
}

/** The evaluation context: the source's functions, the scope over them, its operator helpers over both, renamed variables. */
function contextFor(p: Prepared, scope: Record<string, unknown>): Record<string, unknown> {
  const context = Object.assign({}, p.functions, scope, p.operators);
  for (const [from, to] of p.renamed) {
    context[to] = scope[from];
    context[from] = functions[from as keyof typeof functions] ?? undefined;
    if (context[from] === undefined) delete context[from];
  }
  return context;
}

/** Evaluates a FEEL expression (no leading `=`) to its raw feelin value. Throws FeelEvaluationFailure. */
export function evaluateFeel(expression: string, variables: Record<string, unknown>, now: Date): unknown {
  const iso = now.toISOString();
  const clock: Record<(typeof CLOCK_WORDS)[number], unknown> = {
    // Zeebe's now() is a zoned date-time in UTC: string(now()) = "2026-03-02T08:00:00@Etc/UTC".
    now: () => dateAndTime(iso.replace(/(\.000)?Z$/, '@Etc/UTC')),
    today: () => date(iso.slice(0, 10)),
  };
  // As before the filter: functions, then the clock, then the variables over both.
  const reach = textReach(expression);
  const scope: Record<string, unknown> = { ...reach.functions };
  for (const w of reach.clock) scope[w] = clock[w];
  Object.assign(scope, numbersIn(variables) as Record<string, unknown>);
  let p: Prepared;
  let context: Record<string, unknown>;
  try {
    p = preparedFor(expression, scope);
    context = contextFor(p, scope);
    // A kept expression is parsed and built once; one not kept is evaluated as it is.
    if (p.kept && !p.compiled && compileExpression) p.compiled = compileExpression(p.source, context);
  } catch (e) {
    throw new FeelEvaluationFailure(`failed to parse expression '${expression}': ${(e as Error).message}`);
  }
  try {
    return (p.compiled ? p.compiled(context) : evaluate(p.source, context).value) ?? null;
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
