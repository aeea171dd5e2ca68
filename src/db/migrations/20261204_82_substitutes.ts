/**
 * Migration: substitutes (ersättare). From `valid_from` to `valid_to` (dates in Swedish time,
 * both included) `substitute_id` stands in for `user_id`: holds their role assignments, so sees
 * their inbox and may take their tasks.
 */
import type { Migration } from './index.js';

export const substitutesMigration: Migration = {
  name: '20261204_82_substitutes',
  async up(knex) {
    await knex.schema.createTable('substitute', (t) => {
      t.bigIncrements('id').primary();
      t.integer('user_id').notNullable().references('id').inTable('app_user').onDelete('cascade');
      t.integer('substitute_id').notNullable().references('id').inTable('app_user').onDelete('cascade');
      t.date('valid_from').notNullable();
      t.date('valid_to').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.index(['substitute_id', 'valid_from']);
      t.index(['user_id']);
    });
    await knex.raw('alter table substitute add constraint substitute_period check (valid_to >= valid_from)');
    await knex.raw('alter table substitute add constraint substitute_not_self check (user_id <> substitute_id)');
  },
  async down(knex) {
    await knex.schema.dropTable('substitute');
  },
};
