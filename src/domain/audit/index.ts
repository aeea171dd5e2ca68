/** The audit log: who read or changed what, when. Ids only, never payloads. */
import type { Knex } from 'knex';

/** Writes one audit row (in the caller's transaction when given). */
export async function audit(db: Knex | Knex.Transaction, at: Date, actor: string, action: string, subjectType: string, subjectKey: string): Promise<void> {
  await db('audit_log').insert({ at, actor, action, subject_type: subjectType, subject_key: subjectKey });
}
