/**
 * Checks submitted variables against a form-js schema: required fields, types, lengths,
 * number ranges, allowed values; unknown keys are refused. Errors name the fields
 * (`variables.<key>`) and never echo the values (they may hold personal data).
 */
import { evaluate } from 'feelin';
import type { FieldError } from '../../errors.js';

interface Component {
  type: string;
  key?: string;
  /** form-js dynamiclist: the variable holding the list of items. */
  path?: string;
  label?: string;
  valuesKey?: string;
  values?: { value: unknown }[];
  components?: Component[];
  /** form-js: the field is hidden (and not required) while this FEEL expression is true. */
  conditional?: { hide?: string };
  validate?: { required?: boolean; minLength?: number; maxLength?: number; min?: number; max?: number; pattern?: string };
}

/** The input fields of a form (nested groups flattened). */
export function fields(schema: unknown): Component[] {
  const out: Component[] = [];
  const walk = (cs: Component[] | undefined) => {
    for (const c of cs ?? []) {
      // A dynamic list is one field (its path) holding items validated by its own components.
      if (c.type === 'dynamiclist' && c.path) {
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

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Validates `vars` against the form; `dynamicValues` supplies the allowed values of `valuesKey` fields. */
export function validateAgainstForm(schema: unknown, vars: Record<string, unknown>, dynamicValues: Record<string, unknown[]> = {}): FieldError[] {
  const errors: FieldError[] = [];
  const fs = fields(schema);
  const known = new Set(fs.map((f) => f.key));
  for (const k of Object.keys(vars)) if (!known.has(k)) errors.push({ field: `variables.${k}`, message: 'okänt fält' });
  for (const f of fs) {
    const key = f.key!;
    const v = vars[key];
    const field = `variables.${key}`;
    if (empty(v)) {
      if (f.validate?.required && !hidden(f, vars)) errors.push({ field, message: 'obligatoriskt fält' });
      continue;
    }
    if (f.type === 'dynamiclist') {
      errors.push(...listErrors(f, v, field, dynamicValues));
      continue;
    }
    const msg = checkType(f, v, dynamicValues);
    if (msg) errors.push({ field, message: msg });
  }
  return errors;
}

/** Errors of a dynamic list: each item is validated against the list's components (`variables.risks[0].description`). */
function listErrors(f: Component, v: unknown, field: string, dynamicValues: Record<string, unknown[]>): FieldError[] {
  if (!Array.isArray(v)) return [{ field, message: 'ska vara en lista' }];
  return v.flatMap((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return [{ field: `${field}[${i}]`, message: 'ska vara en rad med fält' }];
    return validateAgainstForm({ components: f.components }, item as Record<string, unknown>, dynamicValues)
      .map((e) => ({ ...e, field: `${field}[${i}].${e.field.replace(/^variables\./, '')}` }));
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
      if (val.maxLength !== undefined && v.length > val.maxLength) return `högst ${val.maxLength} tecken`;
      if (val.pattern && !new RegExp(val.pattern).test(v)) return 'har fel format';
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
      return v.every((x) => allowed(f, x, dynamicValues)) ? undefined : 'innehåller ett otillåtet värde';
    case 'select':
    case 'radio':
      return allowed(f, v, dynamicValues) ? undefined : 'otillåtet värde';
    default:
      return undefined;
  }
}

function allowed(f: Component, v: unknown, dynamicValues: Record<string, unknown[]>): boolean {
  if (f.valuesKey) return (dynamicValues[f.valuesKey] ?? []).includes(v);
  return (f.values ?? []).some((o) => o.value === v);
}
