/** The audit log: who read or changed what, when. Ids only, never payloads. */
import type { Knex } from 'knex';

/**
 * Writes one audit row (in the caller's transaction when given); `detail` holds ids, counts and
 * addresses, never what a client's case says.
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
    ...(detail ? { detail: JSON.stringify(detail) } : {}),
  });
}
