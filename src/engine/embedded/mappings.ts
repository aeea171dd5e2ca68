/**
 * Zeebe's input/output variable mappings (docs: components/concepts/variables,
 * "Input/output variable mappings" and "Nested variables in mappings"):
 * - mappings are evaluated one by one in model order, and a source sees the targets of the
 *   mappings before it;
 * - a target may be a path (`a.b.c`). An input mapping writes the whole nested object at that
 *   path (no merge with an existing variable); an output mapping writes only the leaf and
 *   merges it into the existing variable at every level, keeping its other properties. An
 *   existing value that is not a context makes that level null (FEEL's `context merge` of a
 *   non-context), and the mapped value is dropped — Zeebe's MappingResultBuilder does the same;
 * - a missing source variable, or no source at all, gives null; a source without `=` is a
 *   static string.
 */
import type { Mapping } from '../model.js';
import type { Run, Vars } from './run.js';

/** A nested level whose existing value was not a context: it ends as null. */
const POISON = Symbol('poison');
type Level = { [k: string]: unknown };

const isContext = (v: unknown): v is Level => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the value at a path prefix of a variable view (undefined when absent). */
function at(view: Vars, path: string[]): unknown {
  let v: unknown = view;
  for (const p of path) {
    if (!isContext(v)) return undefined;
    v = v[p];
  }
  return v;
}

/** Writes `value` at `path` into `doc`; `seed` gives the existing value of a level (outputs only). */
function put(doc: Level, path: string[], value: unknown, seed: (prefix: string[]) => unknown): void {
  let level = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const entry = level[key];
    if (entry === POISON) return;
    if (!isContext(entry)) {
      const existing = seed(path.slice(0, i + 1));
      if (existing !== undefined && existing !== null && !isContext(existing)) {
        level[key] = POISON;
        return;
      }
      // A deep copy: the existing value belongs to the scope's state and must not change here.
      level[key] = isContext(existing) ? structuredClone(existing) : {};
    }
    level = level[key] as Level;
  }
  level[path[path.length - 1]!] = value;
}

/** Replaces poison markers by null (a JSON document again). */
function finish(doc: Level): Vars {
  const out: Vars = {};
  for (const [k, v] of Object.entries(doc)) out[k] = v === POISON ? null : isContext(v) ? finish(v) : v;
  return out;
}

/**
 * Evaluates mappings in order in `scopeKey` and returns the resulting variables (top level).
 * `seed`, for output mappings, gives the existing value at a target prefix.
 */
function evaluate(run: Run, scopeKey: string, mappings: Mapping[], seed: ((prefix: string[]) => unknown) | undefined): Vars {
  const doc: Level = {};
  const lookup: Level = {};
  for (const m of mappings) {
    const path = m.target.split('.');
    const view = { ...run.state.visible(scopeKey), ...finish(lookup) };
    // No source (the modeler leaves it empty) maps null.
    const value = m.source === undefined || m.source === '' ? null : run.evalIn(scopeKey, m.source, 'IO_MAPPING_ERROR', seed ? 'complete' : 'activate', view);
    put(lookup, path, value, seed ? (p) => at(run.state.visible(scopeKey), p) : () => undefined);
    put(doc, path, value, seed ?? (() => undefined));
  }
  return finish(doc);
}

/** Input mappings: the local variables they create on the element (evaluated in its scope). */
export function inputVariables(run: Run, elementKey: string, mappings: Mapping[]): Vars {
  return evaluate(run, elementKey, mappings, undefined);
}

/**
 * Output mappings: the variables to merge into the flow scope, evaluated in the element's
 * scope (where the completion variables were set as locals). A nested target merges with the
 * value the flow scope sees at that path.
 */
export function outputVariables(run: Run, elementKey: string, flowScopeKey: string, mappings: Mapping[]): Vars {
  return evaluate(run, elementKey, mappings, (prefix) => at(run.state.visible(flowScopeKey), prefix));
}
