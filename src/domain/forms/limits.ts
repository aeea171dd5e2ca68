/**
 * The size of what a form admits (issue 13, point 7): every text has a maximum length, every
 * list a maximum number of items, so the largest legitimate submission of any form is known
 * and the HTTP body limit is set above it (src/http/bodyLimits.ts; a test computes it over
 * bpmn/forms). Chosen as follows:
 *
 * - a text field's own `validate.maxLength`, else 1,000 characters for a textfield and 10,000
 *   for a textarea (our forms say 40–8,000 where they say anything);
 * - a date field: 40 characters (an ISO date-time with a zone id is under 40);
 * - a dynamic list (`dynamiclist`): `validate.maxItems` (our convention, like `required`),
 *   else 50 items, never more than 100. One completion of "Besluta åtgärder" with 3,000
 *   actions started 3,000 called processes in one engine command and took the server down; 50
 *   actions is more than any one decision in the forms' guidance, and each becomes its own
 *   process instance with tasks;
 * - a checklist or taglist: no more items than it has options, each at most once;
 * - a field of another type (none in our forms): a scalar, text at most 1,000 characters.
 */

interface Sized {
  type: string;
  validate?: { maxLength?: number; maxItems?: number };
}

/** A text field's maximum length when the form says none. */
const DEFAULT_TEXT_MAX: Record<string, number> = { textfield: 1_000, textarea: 10_000, datetime: 40 };
/** Characters of a value of a field type we do not know. */
export const OTHER_TEXT_MAX = 1_000;
/** A dynamic list's items when the form says none, and the most a form may say. */
export const DEFAULT_LIST_MAX = 50;
export const LIST_MAX_CEILING = 100;

/** The maximum length of a text field's value. */
export function textMax(f: Sized): number {
  const own = f.validate?.maxLength;
  const dflt = DEFAULT_TEXT_MAX[f.type] ?? OTHER_TEXT_MAX;
  // a date's own maxLength cannot raise it; a text's may (up to what it says)
  return typeof own === 'number' && own >= 0 ? (f.type === 'datetime' ? Math.min(own, dflt) : own) : dflt;
}

/** The maximum number of items of a dynamic list. */
export function listMax(f: Sized): number {
  const own = f.validate?.maxItems;
  return typeof own === 'number' && own >= 0 ? Math.min(own, LIST_MAX_CEILING) : DEFAULT_LIST_MAX;
}
