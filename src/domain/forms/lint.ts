/**
 * Checks a form before it is deployed (ProcessService.deploy): what the validator would refuse
 * to run, or could not bound, is refused at the door instead — a pattern outside the admitted
 * subset (pattern.ts), a text's maximum length above 20,000 characters, a list's maximum
 * above LIST_MAX_CEILING. Messages in Swedish, naming the field by its key or id, never by
 * anything else from the document.
 */
import { LIST_MAX_CEILING } from './limits.js';
import { patternProblem } from './pattern.js';

/** The most characters a form may allow in one text field. */
const TEXT_MAX_CEILING = 20_000;

/** A form-js component as the checks read it (every property unknown until checked). */
export interface Component {
  type?: unknown;
  key?: unknown;
  path?: unknown;
  id?: unknown;
  components?: unknown;
  validate?: { pattern?: unknown; maxLength?: unknown; maxItems?: unknown };
}

/** How a message names a component: by its key, path or id when that is a `valid` name, else "ett fält" (never quoting arbitrary input). */
export const nameOf = (c: Component, valid: RegExp = /^[\w.-]{1,100}$/) => {
  const n = [c.key, c.path, c.id].find((x): x is string => typeof x === 'string' && valid.test(x));
  return n ? `fältet ${n}` : 'ett fält';
};

/** The problems of one form-js schema (empty when it may be deployed). */
export function formProblems(schema: unknown): string[] {
  const problems: string[] = [];
  const walk = (cs: unknown, depth: number) => {
    if (!Array.isArray(cs) || depth > 8) return;
    for (const c of cs as Component[]) {
      if (typeof c !== 'object' || c === null) continue;
      problems.push(...componentProblems(c).map((p) => `${nameOf(c)}: ${p}`));
      walk(c.components, depth + 1);
    }
  };
  walk((schema as { components?: unknown } | null)?.components, 0);
  return problems;
}

function componentProblems(c: Component): string[] {
  const v = c.validate ?? {};
  const out: string[] = [];
  if (v.pattern !== undefined) {
    const p = typeof v.pattern === 'string' ? patternProblem(v.pattern) : 'mönstret ska vara text';
    if (p) out.push(p);
  }
  if (v.maxLength !== undefined && !(typeof v.maxLength === 'number' && v.maxLength >= 0 && v.maxLength <= TEXT_MAX_CEILING)) {
    out.push(`maxLength ska vara ett tal mellan 0 och ${TEXT_MAX_CEILING}`);
  }
  if (v.maxItems !== undefined && !(typeof v.maxItems === 'number' && v.maxItems >= 1 && v.maxItems <= LIST_MAX_CEILING)) {
    out.push(`maxItems ska vara ett tal mellan 1 och ${LIST_MAX_CEILING}`);
  }
  return out;
}

/** The problems of the forms among resources to deploy, as field errors (`resources.<name>`); unreadable JSON is left to the engine's check. */
export function deployedFormProblems(resources: { name: string; content: string }[]): { field: string; message: string }[] {
  return resources
    .filter((r) => r.name.endsWith('.form'))
    .flatMap((r) => {
      let schema: unknown;
      try {
        schema = JSON.parse(r.content);
      } catch {
        return [];
      }
      return formProblems(schema).map((message) => ({ field: `resources.${r.name}`, message }));
    });
}
