/**
 * What a form-js schema must be before it is saved as a version (issue 14 point 1): an object
 * whose `id` is the form's id, with a list of components of the types the task page renders
 * and the validator checks (validate.ts), each input field with a key of its own, and nothing
 * the deployment check refuses (lint.ts: patterns, lengths, list sizes). Messages in Swedish,
 * naming a field by its key or id, never quoting anything else from the document.
 */
import type { FieldError } from '../../errors.js';
import { formProblems, nameOf as nameBy, type Component } from './lint.js';

/** The component types a form may have: what our task page renders and validate.ts checks. */
const TYPES = new Set([
  'textfield',
  'textarea',
  'number',
  'checkbox',
  'checklist',
  'radio',
  'select',
  'taglist',
  'datetime',
  'text',
  'spacer',
  'separator',
  'group',
  'dynamiclist',
]);
/** Types without a value of their own. */
const DISPLAY = new Set(['text', 'spacer', 'separator', 'group', 'dynamiclist']);
/** The most components one form may have, and how deep groups and lists may nest. */
const MAX_COMPONENTS = 500;
const MAX_DEPTH = 8;
const KEY = /^[A-Za-z_][\w.-]{0,99}$/;
/** A form's id: what a user task's formId may be, and a safe path segment. */
export const FORM_ID = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;

const nameOf = (c: Component) => nameBy(c, KEY);

/** The problems of a schema saved as form `formId`, as field errors (`schema`, `schema.components`); empty when it may be saved. */
export function schemaProblems(formId: string, schema: unknown): FieldError[] {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return [{ field: 'schema', message: 'ska vara ett form-js-schema (ett objekt)' }];
  const s = schema as { id?: unknown; components?: unknown };
  const errors: FieldError[] = [];
  if (s.id !== formId) errors.push({ field: 'schema.id', message: 'ska vara formulärets id' });
  if (!Array.isArray(s.components)) return [...errors, { field: 'schema.components', message: 'ska vara en lista med fält' }];
  let count = 0;
  // a dynamic list's items have keys of their own (each item is an object of them)
  const walk = (cs: unknown[], depth: number, keys: Set<string>) => {
    for (const raw of cs) {
      count += 1;
      if (typeof raw !== 'object' || raw === null) {
        errors.push({ field: 'schema.components', message: 'ett fält ska vara ett objekt' });
        continue;
      }
      const c = raw as Component;
      if (typeof c.type !== 'string' || !TYPES.has(c.type)) {
        errors.push({ field: 'schema.components', message: `${nameOf(c)}: fälttypen stöds inte` });
        continue;
      }
      const key = c.type === 'dynamiclist' ? c.path : c.key;
      if (!DISPLAY.has(c.type) || c.type === 'dynamiclist') {
        if (typeof key !== 'string' || !KEY.test(key)) errors.push({ field: 'schema.components', message: `${nameOf(c)}: nyckeln saknas eller är ogiltig` });
        else if (keys.has(key)) errors.push({ field: 'schema.components', message: `${nameOf(c)}: nyckeln används redan i formuläret` });
        else keys.add(key);
      }
      if (c.components !== undefined) {
        if (!Array.isArray(c.components)) errors.push({ field: 'schema.components', message: `${nameOf(c)}: components ska vara en lista` });
        else if (depth >= MAX_DEPTH) errors.push({ field: 'schema.components', message: `${nameOf(c)}: fälten är nästlade för djupt` });
        else walk(c.components as unknown[], depth + 1, c.type === 'dynamiclist' ? new Set() : keys);
      }
    }
  };
  walk(s.components, 1, new Set());
  if (count > MAX_COMPONENTS) errors.push({ field: 'schema.components', message: `högst ${MAX_COMPONENTS} fält` });
  errors.push(...formProblems(schema).map((message) => ({ field: 'schema.components', message })));
  return errors.slice(0, 100);
}

/** The title a bundled form gets: its first heading without template expressions, else its id. */
export function titleOf(formId: string, schema: unknown): string {
  const cs = (schema as { components?: { type?: unknown; text?: unknown }[] } | null)?.components ?? [];
  for (const c of cs) {
    if (c?.type !== 'text' || typeof c.text !== 'string') continue;
    const heading = /^#{1,6}\s+(.+)$/m.exec(c.text)?.[1]?.trim();
    // a heading filled in from the task's variables ({{title}}) names no form
    if (heading && !heading.includes('{{')) return heading.slice(0, 200);
  }
  return formId;
}
