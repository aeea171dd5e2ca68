/**
 * Migration 20261202_41 (state checks): the database refuses a state, status or kind the code
 * does not write, on every column the migration checks; and a database that already holds such
 * a row is not migrated on: the migration stops first and says where.
 */
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/db/migrations/index.js';
import { STATE_CHECKS, stateViolations } from '../../src/db/migrations/20261202_41_state_checks.js';
import { databaseKinds } from '../support/databases.js';
import { migratedThrough, migrationSource } from '../support/migrations.js';

const source = migrationSource;
const BEFORE = migrations.slice(
  0,
  migrations.findIndex((m) => m.name === '20261202_41_state_checks'),
);

const withDb = migratedThrough;

const at = new Date('2026-12-01T08:00:00Z');
const task = {
  key: '1',
  process_instance_key: '2',
  process_id: 'p',
  element_id: 'Task',
  candidate_groups: '[]',
  candidate_users: '[]',
  priority: 50,
  created_at: at,
};
const instance = { key: '10', root_key: '10', definition_key: '1', process_id: 'p', version: 1, started_at: at };

describe.each(databaseKinds())('state checks on %s', (kind) => {
  it('refuses a state the code does not write, and takes the ones it does', () =>
    withDb(kind, migrations, async (db) => {
      // given a migrated database, when rows are written with states the code writes, then they are taken
      await db('user_task').insert({ ...task, state: 'open' });
      await db('engine_instance').insert({ ...instance, state: 'ACTIVE' });
      await db('org_node').insert({ id: 'n', name: 'N', type: 'unit' });
      // and a state the code never writes is refused, on insert and on update
      await expect(db('user_task').insert({ ...task, key: '3', state: 'done' as 'open' })).rejects.toThrow(/user_task_state_check/);
      await expect(
        db('user_task')
          .where({ key: '1' })
          .update({ state: 'OPEN' as 'open' }),
      ).rejects.toThrow(/user_task_state_check/);
      await expect(
        db('engine_instance')
          .where({ key: '10' })
          .update({ state: 'CANCELED' as 'ACTIVE' }),
      ).rejects.toThrow(/engine_instance_state_check/);
      await expect(db('org_node').insert({ id: 'm', name: 'M', type: 'team' as 'unit' })).rejects.toThrow(/org_node_type_check/);
      await expect(
        db('engine_incident').insert({
          key: '20',
          instance_key: '10',
          root_key: '10',
          element_key: '11',
          element_id: 'x',
          error_type: 'IO_MAPPING_ERROR',
          error_message: '',
          state: 'ACTIVE',
          phase: 'output' as 'complete',
          created_at: at,
        }),
      ).rejects.toThrow(/engine_incident_phase_check/);
      // and every checked column has its constraint
      const names = (await db.raw<{ rows: { conname: string }[] }>("select conname from pg_constraint where contype = 'c'")).rows.map((r) => r.conname);
      for (const [table, column] of STATE_CHECKS) expect(names).toContain(`${table}_${column}_check`);
    }));

  it('stops before changing anything when a row already holds such a state, and says where', () =>
    withDb(kind, BEFORE, async (db, schema) => {
      // given a database from before the checks with one inbox row in a state the code does not write
      await db('user_task').insert({ ...task, state: 'open' });
      await db('user_task').insert({ ...task, key: '3', state: 'in-progress' as 'open' });
      // when it is migrated on, then the migration refuses and names the table, column and value
      expect(await stateViolations(db)).toEqual(['user_task.state: in-progress (1 rows)']);
      await expect(db.migrate.latest({ migrationSource: source(migrations), schemaName: schema })).rejects.toThrow(/user_task\.state: in-progress \(1 rows\)/);
      // and once the row is corrected it migrates
      await db('user_task').where({ key: '3' }).update({ state: 'open' });
      await db.migrate.latest({ migrationSource: source(migrations), schemaName: schema });
      await expect(
        db('user_task')
          .where({ key: '3' })
          .update({ state: 'in-progress' as 'open' }),
      ).rejects.toThrow(/user_task_state_check/);
    }));
});
