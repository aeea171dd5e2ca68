/**
 * History: the runtime tables hold only running call trees. In every command's transaction:
 * - when the root instance has ended (completed or terminated), the whole tree moves to the
 *   `*_hist` tables after the event log is written and the listeners ran: instances, element
 *   instances (join tokens are dropped), the variables of its instances as they ended,
 *   incidents, user tasks and its event log; its jobs, timers and subscriptions are deleted.
 *   One statement, so the move is all or nothing with the command.
 * - otherwise, rows the engine no longer needs are deleted in the command's last write
 *   (writeBuffer.ts TIDY): completed and cancelled jobs, fired and cancelled timers, closed
 *   subscriptions, and the variables of scopes that have ended (Zeebe drops a scope's
 *   variables when it ends). Ended element instances, resolved incidents and finished user
 *   tasks stay until the tree ends: monitoring shows them.
 * Reads that must see both sides use the `*_all` views (migration 20261202_20).
 */
import type { Knex } from 'knex';
import { prepared } from './prepared.js';
import { EngineConflict, EngineNotFound } from '../port.js';
import { HISTORY_COLUMNS } from '../../db/migrations/20261202_20_engine_history.js';
import type { Run } from './run.js';

const cols = (name: keyof typeof HISTORY_COLUMNS, prefix = '') => HISTORY_COLUMNS[name].map((c) => prefix + c).join(', ');

/**
 * Moves the tree to history when its root has ended. (A running tree dropped what it no longer
 * needs in the command's last write, writeBuffer.ts TIDY, see the module comment.)
 */
export async function afterCommand(tx: Knex.Transaction, run: Run): Promise<void> {
  const root = run.state.instances.get(run.state.rootKey);
  if (!root) return; // a fresh tree that started nothing
  if (root.state !== 'ACTIVE') return archiveTree(tx, run.state.rootKey, run.now);
}

/** Moves an ended tree from the runtime tables to history, in one statement. */
async function archiveTree(tx: Knex.Transaction, rootKey: string, now: Date): Promise<void> {
  const move = (name: keyof typeof HISTORY_COLUMNS, where = '') => `
    ${name}_moved as (delete from engine_${name} where root_key = :root returning ${cols(name)}),
    ${name}_kept as (insert into engine_${name}_hist (${cols(name)}) select ${cols(name)} from ${name}_moved ${where})`;
  const instanceCols = cols('instance').replace('ended_at', 'coalesce(ended_at, :now) as ended_at');
  await prepared(
    tx,
    'archive_tree',
    `
    with instance_moved as (delete from engine_instance where root_key = :root returning ${cols('instance')}),
         instance_kept as (insert into engine_instance_hist (${cols('instance')}) select ${instanceCols} from instance_moved),
         ${move('element', "where element_type <> 'joinToken'")},
         ${move('variable', 'where scope_key in (select key from instance_moved)')},
         ${move('incident')},
         ${move('user_task')},
         jobs as (delete from engine_job where root_key = :root),
         timers as (delete from engine_timer where root_key = :root),
         subscriptions as (delete from engine_subscription where root_key = :root),
         log_moved as (delete from engine_event_log where instance_key in (select key from instance_moved)
                       returning seq, at, instance_key, kind, element_id, subject_key, data),
         log_kept as (insert into engine_event_log_hist (seq, root_key, at, instance_key, kind, element_id, subject_key, data)
                      select seq, :root, at, instance_key, kind, element_id, subject_key, data from log_moved)
    select 1`,
    { root: rootKey, now },
  );
}

/**
 * The error for a key that is not (or no longer) in a runtime table: a user task of an ended
 * tree is a conflict (it was completed or cancelled), as it was before trees moved to history.
 */
export async function missingRow(db: Knex, table: string, key: string): Promise<Error> {
  const what = `${table.replace('engine_', '').replace('_', ' ')} ${key}`;
  if (table === 'engine_user_task') {
    const ended = await db('engine_user_task_hist').where({ key }).first('state');
    if (ended) return new EngineConflict(`${what} is ${String(ended.state).toLowerCase()}`);
  }
  return new EngineNotFound(`${what} not found`);
}
