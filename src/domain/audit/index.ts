/** The audit log: who read or changed what, when. Ids only, never payloads. */
import type { Knex } from 'knex';
import { requestAddress } from './context.js';

/**
 * Writes one audit row (in the caller's transaction when given) with the request's client
 * address (context.ts); `detail` holds ids and counts, never what a client's case says. The
 * database fills the row's instance, case number and unit from its subject (migration 20261204_96)
 * and refuses to change or delete it (20261204_97).
 */
export async function audit(
  db: Knex | Knex.Transaction,
  at: Date,
  actor: string,
  action: string,
  subjectType: string,
  subjectKey: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  await db('audit_log').insert({
    at,
    actor,
    action,
    subject_type: subjectType,
    subject_key: subjectKey,
    address: requestAddress() ?? null,
    ...(detail ? { detail: JSON.stringify(detail) } : {}),
  });
}
