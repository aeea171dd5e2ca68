/**
 * Migration: idempotency keys of command requests (issue 12, point 2). A key is scoped to the
 * user (`user:<id>`) or, for the public e-service, to the key alone (`public`); it remembers a
 * hash of the request and the outbox command the request was accepted as, so a repeat answers
 * from that command and does nothing again. Written in the request's own transaction.
 */
import type { Migration } from './index.js';

export const idempotencyKeysMigration: Migration = {
  name: '20261202_11_idempotency_keys',
  async up(knex) {
    await knex.schema.createTable('idempotency_key', (t) => {
      t.text('scope').notNullable();
      t.text('key').notNullable();
      t.text('request_hash').notNullable();
      t.text('command_id').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('expires_at', { useTz: true }).notNullable().index();
      t.primary(['scope', 'key']);
    });
  },
  async down(knex) {
    await knex.schema.dropTable('idempotency_key');
  },
};
