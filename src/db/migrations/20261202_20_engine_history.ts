/**
 * Migration: the engine's history, and an index for every lookup of the runtime tables.
 *
 * The runtime tables (engine_instance, engine_element, …) hold only call trees that are still
 * running. When a root instance ends, its whole tree moves in the same transaction to the
 * `*_hist` tables below (history.ts): instances, element instances, the variables as they
 * ended, incidents, user tasks and the event log. Reads that must see both go through the
 * `*_all` views (UNION ALL of runtime and history, so each side keeps its own indexes).
 * Retention (gallring, 20261202_21) deletes history trees by root and ended time.
 */
import type { Knex } from 'knex';
import type { Migration } from './index.js';

/** The columns each view shows, and history.ts copies; named once so runtime and history agree. */
export const HISTORY_COLUMNS = {
  instance: [
    'key',
    'root_key',
    'definition_key',
    'process_id',
    'version',
    'state',
    'parent_instance_key',
    'parent_element_key',
    'start_correlation_key',
    'start_message_name',
    'started_at',
    'ended_at',
  ],
  element: ['key', 'instance_key', 'root_key', 'element_id', 'element_type', 'scope_key', 'state', 'loop_counter', 'data', 'seq', 'started_at', 'ended_at'],
  variable: ['scope_key', 'name', 'root_key', 'value'],
  incident: ['key', 'instance_key', 'root_key', 'element_key', 'element_id', 'error_type', 'error_message', 'job_key', 'state', 'phase', 'created_at'],
  user_task: [
    'key',
    'instance_key',
    'root_key',
    'element_key',
    'element_id',
    'name',
    'state',
    'assignee',
    'candidate_groups',
    'candidate_users',
    'due_date',
    'follow_up_date',
    'priority',
    'form_id',
    'headers',
    'created_at',
  ],
} as const;

async function historyTables(knex: Knex): Promise<void> {
  await knex.schema.createTable('engine_instance_hist', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('root_key').notNullable().index();
    t.bigInteger('definition_key').notNullable();
    t.text('process_id').notNullable();
    t.integer('version').notNullable();
    t.text('state').notNullable();
    t.bigInteger('parent_instance_key').index();
    t.bigInteger('parent_element_key');
    t.text('start_correlation_key');
    t.text('start_message_name');
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('ended_at', { useTz: true }).notNullable();
    t.index(['process_id', 'started_at']);
  });
  await knex.schema.createTable('engine_element_hist', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('instance_key').notNullable().index();
    t.bigInteger('root_key').notNullable().index();
    t.text('element_id').notNullable();
    t.text('element_type').notNullable();
    t.bigInteger('scope_key').notNullable();
    t.text('state').notNullable();
    t.integer('loop_counter');
    t.jsonb('data');
    t.bigInteger('seq').notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('ended_at', { useTz: true });
  });
  await knex.schema.createTable('engine_variable_hist', (t) => {
    t.bigInteger('scope_key').notNullable();
    t.text('name').notNullable();
    t.bigInteger('root_key').notNullable().index();
    t.jsonb('value');
    t.primary(['scope_key', 'name']);
  });
  await knex.schema.createTable('engine_incident_hist', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('instance_key').notNullable().index();
    t.bigInteger('root_key').notNullable().index();
    t.bigInteger('element_key').notNullable();
    t.text('element_id').notNullable();
    t.text('error_type').notNullable();
    t.text('error_message').notNullable();
    t.bigInteger('job_key');
    t.text('state').notNullable();
    t.text('phase');
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('engine_user_task_hist', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('instance_key').notNullable().index();
    t.bigInteger('root_key').notNullable().index();
    t.bigInteger('element_key').notNullable();
    t.text('element_id').notNullable();
    t.text('name');
    t.text('state').notNullable();
    t.text('assignee');
    t.jsonb('candidate_groups').notNullable();
    t.jsonb('candidate_users').notNullable();
    t.timestamp('due_date', { useTz: true });
    t.timestamp('follow_up_date', { useTz: true });
    t.integer('priority').notNullable();
    t.text('form_id');
    t.jsonb('headers').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('engine_event_log_hist', (t) => {
    t.bigInteger('seq').primary();
    t.bigInteger('root_key').notNullable().index();
    t.timestamp('at', { useTz: true }).notNullable();
    t.bigInteger('instance_key');
    t.text('kind').notNullable();
    t.text('element_id');
    t.bigInteger('subject_key');
    t.jsonb('data');
  });
  // Retention finds ended roots of a process by ended time; the instance list sorts by start.
  await knex.raw('create index engine_instance_hist_root_ended on engine_instance_hist (process_id, ended_at) where key = root_key');
  await knex.raw('create index engine_instance_hist_started on engine_instance_hist (started_at desc, key desc)');
}

async function views(knex: Knex): Promise<void> {
  for (const [name, cols] of Object.entries(HISTORY_COLUMNS)) {
    const list = cols.join(', ');
    await knex.raw(`create view engine_${name}_all as select ${list} from engine_${name} union all select ${list} from engine_${name}_hist`);
  }
}

/** Indexes for the runtime lookups that had none (element completion, timers, subscriptions, the event log). */
async function runtimeIndexes(knex: Knex): Promise<void> {
  const ix = [
    // closeWaits on every element completion: by owner element and open state
    "create index engine_timer_element on engine_timer (element_key) where state = 'ACTIVE'",
    "create index engine_incident_element on engine_incident (element_key) where state = 'ACTIVE'",
    'create index engine_incident_root on engine_incident (root_key)',
    'create index engine_user_task_root on engine_user_task (root_key)',
    "create index engine_subscription_open on engine_subscription (element_key) where state = 'OPEN'",
    // the due-timer poll reads only active timers
    "create index engine_timer_due_active on engine_timer (due_at) where state = 'ACTIVE'",
    // loading a tree reads its active elements only
    "create index engine_element_root_active on engine_element (root_key) where state in ('ACTIVE', 'WAITING')",
    // monitoring: instances waiting at an element; the instance list by start time
    "create index engine_element_waiting on engine_element (element_id, instance_key) where state = 'ACTIVE'",
    'create index engine_instance_started on engine_instance (started_at desc, key desc)',
    'create index engine_instance_process_state on engine_instance (process_id, state)',
    'create index engine_instance_start_key on engine_instance (process_id, start_correlation_key) where start_correlation_key is not null',
    // moving a tree's event log to history; the expired-message sweep
    'create index engine_event_log_instance on engine_event_log (instance_key)',
    'create index engine_message_expires on engine_message (expires_at)',
    // the inbox: open tasks by unit, assignee and due date; an instance's tasks
    "create index user_task_open_due on user_task (due_date, priority desc, key desc) where state = 'open'",
    "create index user_task_open_assignee on user_task (assignee) where state = 'open'",
    'create index user_task_process_state on user_task (process_id, state)',
  ];
  for (const sql of ix) await knex.raw(sql);
}

async function up(knex: Knex): Promise<void> {
  await historyTables(knex);
  await views(knex);
  await runtimeIndexes(knex);
}

async function down(knex: Knex): Promise<void> {
  for (const name of Object.keys(HISTORY_COLUMNS)) await knex.raw(`drop view if exists engine_${name}_all`);
  for (const t of [
    'engine_event_log_hist',
    'engine_user_task_hist',
    'engine_incident_hist',
    'engine_variable_hist',
    'engine_element_hist',
    'engine_instance_hist',
  ]) {
    await knex.schema.dropTableIfExists(t);
  }
  for (const i of [
    'engine_timer_element',
    'engine_incident_element',
    'engine_incident_root',
    'engine_user_task_root',
    'engine_subscription_open',
    'engine_timer_due_active',
    'engine_element_root_active',
    'engine_element_waiting',
    'engine_instance_started',
    'engine_instance_process_state',
    'engine_instance_start_key',
    'engine_event_log_instance',
    'engine_message_expires',
    'user_task_open_due',
    'user_task_open_assignee',
    'user_task_process_state',
  ]) {
    await knex.raw(`drop index if exists ${i}`);
  }
}

export const engineHistoryMigration: Migration = { name: '20261202_20_engine_history', up, down };
