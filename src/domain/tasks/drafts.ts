/**
 * Drafts of task forms: what one user has filled in so far on one task. A draft is unfinished
 * by nature, so its values are not validated against the form; only its keys must be the
 * form's fields (nothing else is stored under a task).
 */
import type { Knex } from 'knex';
import type { FieldError } from '../../errors.js';
import { fields, keyName, validateAgainstForm } from '../forms/validate.js';

export interface Draft {
  variables: Record<string, unknown>;
  savedAt: string;
}

/** The keys of `variables` that are not input fields of the form, as field errors. */
export function unknownDraftFields(schema: unknown, variables: Record<string, unknown>): FieldError[] {
  const known = new Set(fields(schema).map((f) => f.key));
  return Object.keys(variables)
    .filter((k) => !known.has(k))
    .map((k) => ({ field: `variables.${keyName(k)}`, message: 'finns inte i uppgiftens formulär' }));
}

/** The values of `variables` longer than the form admits (the validator's size errors only). */
export function oversizedDraftFields(schema: unknown, variables: Record<string, unknown>): FieldError[] {
  return validateAgainstForm(schema, variables).filter((e) => /^högst \d+ (tecken|rader)$/.test(e.message));
}

/** The user's draft of a task, if any. */
export async function findDraft(db: Knex, taskKey: string, username: string): Promise<Draft | undefined> {
  const r = await db('task_draft').where({ task_key: taskKey, username }).first();
  return r ? { variables: r.variables, savedAt: new Date(r.saved_at).toISOString() } : undefined;
}

/** Saves (replaces) the user's draft of a task. */
export async function saveDraft(db: Knex, taskKey: string, username: string, variables: Record<string, unknown>, at: Date): Promise<Draft> {
  await db('task_draft')
    .insert({ task_key: taskKey, username, variables: JSON.stringify(variables), saved_at: at })
    .onConflict(['task_key', 'username'])
    .merge(['variables', 'saved_at']);
  return { variables, savedAt: at.toISOString() };
}

/** Removes the user's draft of a task (or, without a user, every draft of it). */
export async function deleteDrafts(db: Knex, taskKey: string, username?: string): Promise<void> {
  await db('task_draft')
    .where({ task_key: taskKey, ...(username ? { username } : {}) })
    .delete();
}
