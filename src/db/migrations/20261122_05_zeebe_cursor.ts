/**
 * Migration: how far the app has read the events our Camunda exporter wrote (one row per
 * partition). Only used with PROCESS_ENGINE=zeebe; the read model itself is the engine_*
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
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('zeebe_cursor');
}

export const zeebeCursorMigration: Migration = { name: '20261122_05_zeebe_cursor', up, down };
