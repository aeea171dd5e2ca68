/**
 * A routine's adoption and review on the engine (issue 14 points 2 and 3): sending a version for
 * review starts bpmn/rutin-faststallelse.bpmn, whose task puts the adoption in the inboxes of
 * those who may adopt at the routine's decision level; adopting a version starts
 * bpmn/rutin-oversyn.bpmn for its review date. A task that has become stale — the adoption of a
 * version withdrawn from review or adopted another way, the review of a version a newer one
 * superseded — is withdrawn by cancelling its instance (an outbox command in the same
 * transaction as the change that made it stale).
 */
import { completerOf } from '../tasks/completer.js';
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import { engineTables as engine } from '../../engine/readModel.js';
import type { Outbox } from '../outbox/index.js';
import { OrgService, type User } from '../org/index.js';
import { adopterRoles, type DecisionLevel } from './policy.js';

/** The process that adopts a routine version (its adoption task is in the inbox). */
export const ADOPTION_PROCESS_ID = 'rutin-faststallelse';
/** The process that gives the owner the review task in time. */
export const REVIEW_PROCESS_ID = 'rutin-oversyn';
/** The adoption task's element. */
const ADOPTION_TASK = 'Task_Adopt';

type Executor = Db | Knex.Transaction;

/** The usernames who may adopt at the level (the adoption task's candidate users), by name. */
export async function adopters(db: Executor, level: DecisionLevel): Promise<string[]> {
  const rows = await db('active_role_assignment as ra')
    .join('app_user as u', 'u.id', 'ra.user_id')
    .whereIn('ra.role', adopterRoles(level))
    .distinct<{ username: string }[]>('u.username')
    .orderBy('u.username');
  return rows.map((r) => r.username);
}

/**
 * The keys of the running instances of `processId` about the routine: of the version `version`
 * (`eq`), or of the versions before it (`below`).
 */
export async function openInstances(db: Executor, processId: string, routineId: string, version: { eq: number } | { below: number }): Promise<string[]> {
  const q = engine
    .from(db, 'instance', 'i', 'running')
    .where({ 'i.process_id': processId, 'i.state': 'ACTIVE' })
    .joinRaw(engine.variable('rv', 'routineId', 'i.key', 'running'))
    .joinRaw(engine.variable('vv', 'version', 'i.key', 'running'))
    .whereRaw("rv.value #>> '{}' = ?", [routineId]);
  if ('eq' in version) q.whereRaw("(vv.value #>> '{}')::int = ?", [version.eq]);
  else q.whereRaw("(vv.value #>> '{}')::int < ?", [version.below]);
  const rows: { key: string | number }[] = await q.select('i.key');
  return rows.map((r) => String(r.key));
}

/** Withdraws stale tasks: cancels each instance (through the outbox, in the caller's transaction). */
export async function withdrawInstances(tx: Knex.Transaction, outbox: Pick<Outbox, 'enqueue'>, keys: string[], actor: string): Promise<void> {
  for (const processInstanceKey of keys) await outbox.enqueue(tx, { kind: 'cancelInstance', processInstanceKey }, actor);
}

/** Who completed the adoption task of the instance (tasks/completer.ts), as a user with roles; undefined if nobody did. */
export async function adopterOf(db: Db, clock: { now(): Date }, instanceKey: string): Promise<User | undefined> {
  const task: { key: string | number } | undefined = await db('user_task')
    .where({ process_instance_key: instanceKey, element_id: ADOPTION_TASK })
    .orderBy('created_at', 'desc')
    .first('key');
  if (!task) return undefined;
  const actor = await completerOf(db, String(task.key));
  const user: { id: number } | undefined = actor ? await db('app_user').where({ username: actor }).first('id') : undefined;
  return user ? new OrgService(db, { now: () => clock.now() }, 1).user(user.id) : undefined;
}
