/**
 * Migration: the first start in production (issue 15 point 1). One row, written by the first-start
 * request that created the root node and the first administrator: its primary key lets only one of
 * two concurrent requests win, and afterwards the endpoint answers 409.
 */
import type { Migration } from './index.js';

export const installationMigration: Migration = {
  name: '20261204_84_installation',
  async up(knex) {
    await knex.schema.createTable('installation', (t) => {
      t.smallint('id').primary();
      t.timestamp('set_up_at', { useTz: true }).notNullable();
      t.text('set_up_by').notNullable();
    });
    await knex.raw('alter table installation add constraint installation_one_row check (id = 1)');
  },
  async down(knex) {
    await knex.schema.dropTable('installation');
  },
};
