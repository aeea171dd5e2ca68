/** Migration: läst och förstått (issue 14 point 4): one row per user and adopted version they confirmed reading. */
import type { Migration } from './index.js';

export const routineReadsMigration: Migration = {
  name: '20261203_57_routine_reads',
  async up(knex) {
    await knex.schema.createTable('routine_read', (t) => {
      t.text('routine_id').notNullable();
      t.integer('number').notNullable();
      t.integer('user_id').notNullable().references('id').inTable('app_user').onDelete('cascade');
      t.timestamp('read_at', { useTz: true }).notNullable();
      t.primary(['routine_id', 'number', 'user_id']);
      t.foreign(['routine_id', 'number']).references(['routine_id', 'number']).inTable('routine_version').onDelete('cascade');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('routine_read');
  },
};
