/**
 * Migration: failed log-ins, for the sliding-window throttle per account and per client address
 * (issue 15 point 3). In the database so that several app processes share the count. A row is
 * the attempted username (as typed; lower-cased), the client address and the time; the service
 * deletes rows older than a day as it writes, and an account's rows on its successful log-in.
 */
import type { Migration } from './index.js';

export const loginFailuresMigration: Migration = {
  name: '20261204_71_login_failures',
  async up(knex) {
    await knex.schema.createTable('login_failure', (t) => {
      t.bigIncrements('id').primary();
      t.text('username').notNullable();
      t.text('address').notNullable();
      t.timestamp('at', { useTz: true }).notNullable();
      t.index(['username', 'at']);
      t.index(['address', 'at']);
      t.index(['at']);
    });
  },
  async down(knex) {
    await knex.schema.dropTableIfExists('login_failure');
  },
};
