/**
 * Migration: CHECK constraints on the state, status and kind columns that had none (issue 13
 * point 3): the engine's runtime and history tables (instances, element instances, jobs, user
 * tasks, timers, subscriptions, incidents), the inbox, the organisation tree, lex Sarah's
 * notifications and the commands on their way to the engine (outbox) and applied by it. The
 * allowed values are the ones the code writes (src/engine/embedded, the Zeebe projection
 * src/engine/readModelWriter.ts, src/domain), the same unions src/db/tables.ts types them as.
 * Columns that already had a CHECK (the case core, the detail tables, outbox_command.state) keep it.
 * Not checked: engine_event_log.kind (an open set of event names for monitoring) and the Zeebe
 * exporter's value types and intents (Camunda's, not ours).
 *
 * On a database with data, up() first looks for rows that would break a constraint and, when
 * there are any, stops with the table, the column and the values it found (states only, never
 * personal data) before changing anything; each constraint is then added NOT VALID and validated,
 * so writers are not blocked while the existing rows are checked.
 */
import type { Knex } from 'knex';
import type { Migration } from './index.js';

const ENGINE_INSTANCE = ['ACTIVE', 'COMPLETED', 'TERMINATED'];
const ENGINE_ELEMENT = ['ACTIVE', 'WAITING', 'COMPLETED', 'TERMINATED'];
const ENGINE_USER_TASK = ['CREATED', 'COMPLETED', 'CANCELED'];
const ENGINE_INCIDENT = ['ACTIVE', 'RESOLVED'];
const INCIDENT_PHASE = ['activate', 'complete'];
const COMMAND_KINDS = [
  'startInstance',
  'cancelInstance',
  'publishMessage',
  'completeUserTask',
  'assignUserTask',
  'updateUserTask',
  'setVariables',
  'resolveIncident',
];

/** [table, column, allowed values, may be null]. */
export const STATE_CHECKS: [string, string, string[], boolean][] = [
  ['engine_instance', 'state', ENGINE_INSTANCE, false],
  ['engine_instance_hist', 'state', ENGINE_INSTANCE, false],
  ['engine_element', 'state', ENGINE_ELEMENT, false],
  ['engine_element_hist', 'state', ENGINE_ELEMENT, false],
  ['engine_job', 'state', ['ACTIVATABLE', 'ACTIVATED', 'COMPLETED', 'FAILED', 'ERROR_THROWN', 'CANCELED', 'OUTCOME', 'OUTCOME_FAILED'], false],
  ['engine_user_task', 'state', ENGINE_USER_TASK, false],
  ['engine_user_task_hist', 'state', ENGINE_USER_TASK, false],
  ['engine_timer', 'state', ['ACTIVE', 'FIRED', 'CANCELED'], false],
  ['engine_subscription', 'state', ['OPEN', 'CLOSED'], false],
  ['engine_incident', 'state', ENGINE_INCIDENT, false],
  ['engine_incident_hist', 'state', ENGINE_INCIDENT, false],
  ['engine_incident', 'phase', INCIDENT_PHASE, true],
  ['engine_incident_hist', 'phase', INCIDENT_PHASE, true],
  ['engine_command', 'kind', COMMAND_KINDS, false],
  ['user_task', 'state', ['open', 'completing', 'completed', 'canceled'], false],
  ['outbox_command', 'kind', COMMAND_KINDS, false],
  ['org_node', 'type', ['committee', 'administration', 'area', 'unit'], false],
  ['lex_sarah_notification', 'kind', ['ivo-report'], false],
];

const name = (table: string, column: string) => `${table}_${column}_check`;
const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(', ');
const condition = (column: string, values: string[], nullable: boolean) => `${nullable ? `${column} is null or ` : ''}${column} in (${list(values)})`;

/** The rows each constraint would refuse: "table.column: value (n rows)", empty when none. */
export async function stateViolations(knex: Knex): Promise<string[]> {
  const found: string[] = [];
  for (const [table, column, values, nullable] of STATE_CHECKS) {
    const r = await knex.raw<{ rows: { value: string | null; n: number }[] }>(
      `select ${column} as value, count(*)::int as n from ${table} where not (${condition(column, values, nullable)}) or (${column} is null and ${!nullable}) group by 1`,
    );
    for (const row of r.rows) found.push(`${table}.${column}: ${row.value ?? 'null'} (${row.n} rows)`);
  }
  return found;
}

async function up(knex: Knex): Promise<void> {
  const bad = await stateViolations(knex);
  if (bad.length) throw new Error(`20261202_41_state_checks: rows with states the code does not write; correct them first: ${bad.join('; ')}`);
  for (const [table, column, values, nullable] of STATE_CHECKS) {
    await knex.raw(`alter table ${table} add constraint ${name(table, column)} check (${condition(column, values, nullable)}) not valid`);
    await knex.raw(`alter table ${table} validate constraint ${name(table, column)}`);
  }
}

async function down(knex: Knex): Promise<void> {
  for (const [table, column] of STATE_CHECKS) await knex.raw(`alter table ${table} drop constraint if exists ${name(table, column)}`);
}

export const stateChecksMigration: Migration = { name: '20261202_41_state_checks', up, down };
