/**
 * Migration: how far the app has read the events our Camunda exporter wrote (one row per
 * partition), and the events it had to set aside. Only used with PROCESS_ENGINE=zeebe; the read model itself is the engine_*
 * tables, so monitoring queries the same tables on both engines.
 */
import type { Knex } from 'knex';
import type { Migration } from './index.js';

async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('zeebe_cursor', (t) => {
    t.integer('partition_id').primary();
    t.bigInteger('position').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  // Events that could not be projected after several tries: set aside (with the error) so the
  // rest of the log moves on; an operator looks at them. The event itself stays in the export table.
  await knex.schema.createTable('zeebe_dead_record', (t) => {
    t.integer('partition_id').notNullable();
    t.bigInteger('position').notNullable();
    t.text('value_type').notNullable();
    t.text('intent').notNullable();
    t.text('error').notNullable();
    t.timestamp('at', { useTz: true }).notNullable();
    t.primary(['partition_id', 'position']);
  });
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('zeebe_dead_record');
  await knex.schema.dropTable('zeebe_cursor');
}

export const zeebeCursorMigration: Migration = { name: '20261122_05_zeebe_cursor', up, down };
