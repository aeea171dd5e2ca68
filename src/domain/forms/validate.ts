/**
 * Checks submitted variables against a form-js schema: required fields, types, lengths,
 * number ranges, allowed values; unknown keys are refused. Errors name the fields
 * (`variables.<key>`, `variables.<path>[i].<key>` inside a dynamic list) and never echo the
 * values (they may hold personal data).
 */
import { evaluate } from 'feelin';
import type { FieldError } from '../../errors.js';
import { listMax, OTHER_TEXT_MAX, textMax } from './limits.js';
import { testPattern } from './pattern.js';

interface Component {
  type: string;
  key?: string;
  /** form-js `dynamiclist` (and group) components keep their items' values under this path. */
  path?: string;
  label?: string;
  valuesKey?: string;
  values?: { value: unknown }[];
  components?: Component[];
  /** form-js: the field is hidden (and not required) while this FEEL expression is true. */
  conditional?: { hide?: string };
  /** `required` on a dynamiclist (our convention; form-js ignores it) means at least one item. */
  validate?: { required?: boolean; minLength?: number; maxLength?: number; min?: number; max?: number; pattern?: string; maxItems?: number };
}

/** A dynamic list is one variable: a list of objects, each checked against the list's own components. */
const isList = (c: Component) => c.type === 'dynamiclist' && typeof c.path === 'string' && c.path.length > 0;

/** The input fields of a form (nested groups flattened; a dynamic list is one field keyed by its path). */
export function fields(schema: unknown): Component[] {
  const out: Component[] = [];
  const walk = (cs: Component[] | undefined) => {
    for (const c of cs ?? []) {
      if (isList(c)) {
        out.push({ ...c, key: c.path });
        continue;
      }
      if (c.key && !['text', 'button', 'spacer', 'separator', 'image', 'html'].includes(c.type)) out.push(c);
      walk(c.components);
    }
  };
  walk((schema as { components?: Component[] })?.components);
  return out;
}

/** An unknown key as an error names it: only when it looks like a field name (a key is input too). */
export const keyName = (k: string) => (/^[A-Za-z_][\w.-]{0,99}$/.test(k) ? k : '(okänt fält)');

/** Whether a value counts as not filled in. */
export const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Validates `vars` against the form; `dynamicValues` supplies the allowed values of `valuesKey` fields. */
export function validateAgainstForm(schema: unknown, vars: Record<string, unknown>, dynamicValues: Record<string, unknown[]> = {}): FieldError[] {
  return check(fields(schema), vars, vars, 'variables', dynamicValues);
}

function check(
  fs: Component[],
  vars: Record<string, unknown>,
  scope: Record<string, unknown>,
  prefix: string,
  dynamicValues: Record<string, unknown[]>,
): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set(fs.map((f) => f.key));
  for (const k of Object.keys(vars)) if (!known.has(k)) errors.push({ field: `${prefix}.${keyName(k)}`, message: 'okänt fält' });
  for (const f of fs) {
    const key = f.key!;
    const v = vars[key];
    const field = `${prefix}.${key}`;
    if (empty(v)) {
      if (f.validate?.required && !hidden(f, scope)) errors.push({ field, message: 'obligatoriskt fält' });
      continue;
    }
    if (isList(f)) {
      errors.push(...checkList(f, v, field, scope, dynamicValues));
      continue;
    }
    const msg = checkType(f, v, dynamicValues);
    if (msg) errors.push({ field, message: msg });
  }
  return errors;
}

/** Each item of a dynamic list is an object checked against the list's components. */
function checkList(f: Component, v: unknown, field: string, scope: Record<string, unknown>, dynamicValues: Record<string, unknown[]>): FieldError[] {
  if (!Array.isArray(v)) return [{ field, message: 'ska vara en lista' }];
  // checked before the items: a list far too long is refused without walking it
  if (v.length > listMax(f)) return [{ field, message: `högst ${listMax(f)} rader` }];
  const itemFields = fields({ components: f.components });
  return v.flatMap((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return [{ field: `${field}[${i}]`, message: 'ska vara ett objekt' }];
    const values = item as Record<string, unknown>;
    return check(itemFields, values, { ...scope, ...values }, `${field}[${i}]`, dynamicValues);
  });
}

/** Whether a field is hidden by its condition for these values (as form-js shows the form). */
function hidden(f: Component, vars: Record<string, unknown>): boolean {
  const hide = f.conditional?.hide?.trim();
  if (!hide) return false;
  try {
    return evaluate(hide.replace(/^=/, ''), vars).value === true;
  } catch {
    return false;
  }
}

function checkType(f: Component, v: unknown, dynamicValues: Record<string, unknown[]>): string | undefined {
  const val = f.validate ?? {};
  switch (f.type) {
    case 'textfield':
    case 'textarea':
    case 'datetime':
      if (typeof v !== 'string') return 'ska vara text';
      if (val.minLength !== undefined && v.length < val.minLength) return `minst ${val.minLength} tecken`;
      if (v.length > textMax(f)) return `högst ${textMax(f)} tecken`;
      if (val.pattern) return patternMessage(val.pattern, v);
      if (f.type === 'datetime' && Number.isNaN(Date.parse(v)) && !/^\d{4}-\d{2}-\d{2}/.test(v)) return 'ska vara ett datum';
      return undefined;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'ska vara ett tal';
      if (val.min !== undefined && v < val.min) return `minst ${val.min}`;
      if (val.max !== undefined && v > val.max) return `högst ${val.max}`;
      return undefined;
    case 'checkbox':
      return typeof v === 'boolean' ? undefined : 'ska vara sant eller falskt';
    case 'checklist':
    case 'taglist':
      if (!Array.isArray(v)) return 'ska vara en lista';
      if (new Set(v).size !== v.length) return 'har samma värde flera gånger';
      return v.every((x) => allowed(f, x, dynamicValues)) ? undefined : 'innehåller ett otillåtet värde';
    case 'select':
    case 'radio':
      return allowed(f, v, dynamicValues) ? undefined : 'otillåtet värde';
    default:
      // a type we do not know (none in our forms): a scalar, no structure
      if (typeof v === 'object') return 'ska vara ett enkelt värde';
      return typeof v === 'string' && v.length > OTHER_TEXT_MAX ? `högst ${OTHER_TEXT_MAX} tecken` : undefined;
  }
}

/** The pattern's verdict; a pattern outside the admitted subset (pattern.ts) refuses the value rather than run. */
function patternMessage(pattern: string, v: string): string | undefined {
  const ok = testPattern(pattern, v);
  if (ok === undefined) return 'formulärets mönster för fältet kan inte kontrolleras säkert; kontakta den som förvaltar formuläret';
  return ok ? undefined : 'har fel format';
}

function allowed(f: Component, v: unknown, dynamicValues: Record<string, unknown[]>): boolean {
  if (f.valuesKey) return (dynamicValues[f.valuesKey] ?? []).includes(v);
  return (f.values ?? []).some((o) => o.value === v);
}
