/**
 * Migration: the process map as records (issue 14 point 3). Every process of the
 * ledningssystem has a record — bundled executable ones (seeded from the catalogue at start) and
 * descriptive ones a process owner creates or imports (a map with activities, owners and
 * routines, not run by the engine until it is marked executable). A record holds the process's
 * kind (lednings-, huvud- or stödprocess), its place in the hierarchy (the parent it is drawn
 * under), its owner role and process leader, its order among its siblings, and whether it is
 * executable. Its models are process versions (process_version); the record says where it sits.
 */
import type { Knex } from 'knex';
import type { Migration } from './index.js';

async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('process_record', (t) => {
    t.text('process_id').primary();
    t.text('name').notNullable();
    t.text('kind').notNullable();
    /** The process it is drawn under (a sub-process of that one); null: at the top of its kind. */
    t.text('parent_id').references('process_id').inTable('process_record');
    t.text('owner_role').notNullable();
    /** The process leader (processledare), if named. */
    t.text('leader_role');
    t.boolean('executable').notNullable();
    t.integer('position').notNullable().defaultTo(0);
    t.text('description').notNullable().defaultTo('');
    /** bundled: from bpmn/; created: drawn here; imported: from another tool's file. */
    t.text('origin').notNullable();
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['parent_id']);
  });
  await knex.raw("alter table process_record add constraint process_record_kind check (kind in ('ledning', 'huvud', 'stod'))");
  await knex.raw("alter table process_record add constraint process_record_origin check (origin in ('bundled', 'created', 'imported'))");
  await knex.raw('alter table process_record add constraint process_record_not_own_parent check (parent_id is null or parent_id <> process_id)');
  await knex.raw('alter table process_record add constraint process_record_position check (position >= 0)');
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('process_record');
}

export const processRecordsMigration: Migration = { name: '20261203_60_process_records', up, down };
