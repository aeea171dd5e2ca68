/** Comparison of typed values (test/feel/README.md: deep equality, numbers also by double). */
import type { Typed } from './typed.js';

/** Whether two typed values are the same FEEL value by the README's rule. */
export function sameTyped(a: Typed | undefined, b: Typed | undefined): boolean {
  if (!a || !b || a.type !== b.type) return false;
  switch (a.type) {
    case 'failure':
    case 'null':
    case 'function':
      return true;
    case 'number':
      return a.value === b.value || Number(a.value) === Number(b.value);
    case 'list': {
      const x = a.value as Typed[],
        y = b.value as Typed[];
      return x.length === y.length && x.every((v, i) => sameTyped(v, y[i]));
    }
    case 'context': {
      const x = a.value as Record<string, Typed>,
        y = b.value as Record<string, Typed>;
      const kx = Object.keys(x),
        ky = Object.keys(y);
      return kx.length === ky.length && kx.every((k) => k in y && sameTyped(x[k], y[k]));
    }
    case 'range':
      return (
        a.startIncluded === b.startIncluded &&
        a.endIncluded === b.endIncluded &&
        sameTyped(a.start as Typed, b.start as Typed) &&
        sameTyped(a.end as Typed, b.end as Typed)
      );
    default:
      return a.value === b.value;
  }
}

/** A typed value in one short line, for reports. */
export function show(t: Typed | undefined): string {
  if (!t) return '(none)';
  switch (t.type) {
    case 'null':
    case 'function':
      return t.type;
    case 'failure':
      return `failure(${String(t.message).slice(0, 80)})`;
    case 'list':
      return `[${(t.value as Typed[]).map(show).join(', ')}]`;
    case 'context':
      return `{${Object.entries(t.value as Record<string, Typed>)
        .map(([k, v]) => `${k}: ${show(v)}`)
        .join(', ')}}`;
    case 'range':
      return `${t.startIncluded ? '[' : '('}${show(t.start as Typed)}..${show(t.end as Typed)}${t.endIncluded ? ']' : ')'}`;
    case 'string':
      return JSON.stringify(t.value);
    default:
      return `${t.type}:${String(t.value)}`;
  }
}
