/**
 * Migration: commands that must reach the engine (issue 12, point 2). `outbox_command` holds
 * each accepted command, written in the same transaction as the domain data and its audit row;
 * a dispatcher applies it with retry (src/domain/outbox). `engine_command` is the embedded
 * engine's record of the command ids it has applied, written in the same transaction as the
 * command's effect, so a command applied again after a crash returns its first result.
 */
import type { Migration } from './index.js';

export const outboxMigration: Migration = {
  name: '20261202_10_outbox',
  async up(knex) {
    await knex.schema.createTable('outbox_command', (t) => {
      t.text('id').primary();
      t.text('kind').notNullable();
      t.jsonb('command').notNullable();
      // what the domain does once the engine has applied it (or refused it): a handler name and its data
      t.text('follow_up');
      t.jsonb('follow_up_data');
      t.text('actor').notNullable();
      t.text('state').notNullable().defaultTo('pending');
      t.integer('attempts').notNullable().defaultTo(0);
      t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.timestamp('claimed_until', { useTz: true });
      t.jsonb('result');
      t.text('error');
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.timestamp('finished_at', { useTz: true });
    });
    await knex.raw("alter table outbox_command add constraint outbox_command_state check (state in ('pending', 'done', 'failed'))");
    // the dispatcher's claim: pending rows by due time (a partial index stays small)
    await knex.raw("create index outbox_command_due on outbox_command (next_attempt_at) where state = 'pending'");
    await knex.raw('create index outbox_command_finished on outbox_command (finished_at) where finished_at is not null');
    await knex.schema.createTable('engine_command', (t) => {
      t.text('id').primary();
      t.text('kind').notNullable();
      t.jsonb('result');
      t.timestamp('applied_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    });
  },
  async down(knex) {
    await knex.schema.dropTable('engine_command');
    await knex.schema.dropTable('outbox_command');
  },
};
