/**
 * Migration: indexes in the order the lists read (issue 12 point 4), so that a first page is
 * read along an index and stops after it, however many rows lie behind it:
 * - the inbox (TaskService.list): open tasks — `open` and `completing`, both shown — in each
 *   of its three sorts (due date, priority, newest), key last as the tie-break;
 * - the instance list (instanceList.ts): newest first within a process, on the runtime and
 *   the history side (the unfiltered order has its indexes since 20261202_20), ended instances
 *   still in the runtime tables (children of running trees), and active element instances at
 *   an element by the time they started (the monitoring page's "waiting since" order).
 */
import type { Knex } from 'knex';
import type { Migration } from './index.js';

const OPEN = "state in ('open', 'completing')";
const INDEXES: [string, string][] = [
  ['user_task_inbox_due', `user_task (due_date asc nulls last, priority desc, key desc) where ${OPEN}`],
  ['user_task_inbox_priority', `user_task (priority desc, due_date asc nulls last, key desc) where ${OPEN}`],
  ['user_task_inbox_created', `user_task (created_at desc, key desc) where ${OPEN}`],
  ['engine_instance_process_started', 'engine_instance (process_id, started_at desc, key desc)'],
  ['engine_instance_ended_started', "engine_instance (started_at desc, key desc) where state <> 'ACTIVE'"],
  ['engine_instance_hist_process_started', 'engine_instance_hist (process_id, started_at desc, key desc)'],
  ['engine_element_waiting_since', "engine_element (element_id, started_at, instance_key) where state = 'ACTIVE'"],
];

async function up(knex: Knex): Promise<void> {
  for (const [name, on] of INDEXES) await knex.raw(`create index if not exists ${name} on ${on}`);
}

async function down(knex: Knex): Promise<void> {
  for (const [name] of INDEXES) await knex.raw(`drop index if exists ${name}`);
}

export const listIndexesMigration: Migration = { name: '20261202_30_list_indexes', up, down };
