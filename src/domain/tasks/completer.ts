/**
 * Who completed a user task, for the steps that act on it afterwards (the adoption of a process
 * or routine version records its adopter). The task's `complete` audit row is written when the
 * engine has accepted the completion (the outbox's follow-up, issue 15 point 5), which on
 * PostgreSQL may commit after the job that follows the task already runs in another process or
 * connection; the outbox command that carried the completion was committed before the engine saw
 * it, so it answers then. (Finished commands are kept a day; by then the audit row is there.)
 */
import type { Db } from '../../db/index.js';

/** The username that completed task `taskKey`, or undefined when nobody has. */
export async function completerOf(db: Db, taskKey: string): Promise<string | undefined> {
  const audited = await db('audit_log').where({ action: 'complete', subject_type: 'task', subject_key: taskKey }).orderBy('at', 'desc').first('actor');
  if (audited) return audited.actor;
  const sent = await db('outbox_command')
    .where({ kind: 'completeUserTask' })
    .whereNot({ state: 'failed' })
    .whereRaw("follow_up_data->>'taskKey' = ?", [taskKey])
    .orderBy('created_at', 'desc')
    .first('actor');
  return sent?.actor;
}
