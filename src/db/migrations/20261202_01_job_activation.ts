/**
 * Migration: job activations and durable outcomes; pending message correlations.
 * - engine_job.activation: a fresh token per activation; a completion or failure is accepted
 *   only from the activation that holds it (a timed-out or re-activated job has another).
 * - engine_job.outcome / outcome_attempts / outcome_error: a handler's outcome that could not
 *   be applied (a listener or the database failed) is kept on the job (state OUTCOME) and
 *   applied later by any process, so the handler does not run again.
 * - engine_message.pending: the open subscriptions a publish found, still to be correlated.
 * - Indexes for the one wake-up query (due jobs and timers across all types).
 */
import type { Knex } from 'knex';
import type { Migration } from './index.js';

async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('engine_job', (t) => {
    t.text('activation');
    t.jsonb('outcome');
    t.integer('outcome_attempts').notNullable().defaultTo(0);
    t.text('outcome_error');
    t.index(['state', 'due_at'], 'engine_job_state_due');
  });
  await knex.schema.alterTable('engine_timer', (t) => t.index(['state', 'due_at'], 'engine_timer_state_due'));
  await knex.schema.alterTable('engine_message', (t) => t.jsonb('pending'));
  await knex.raw('create index engine_message_pending on engine_message (key) where pending is not null');
}

async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists engine_message_pending');
  await knex.schema.alterTable('engine_message', (t) => t.dropColumn('pending'));
  await knex.schema.alterTable('engine_timer', (t) => t.dropIndex(['state', 'due_at'], 'engine_timer_state_due'));
  await knex.schema.alterTable('engine_job', (t) => {
    t.dropIndex(['state', 'due_at'], 'engine_job_state_due');
    for (const c of ['activation', 'outcome', 'outcome_attempts', 'outcome_error']) t.dropColumn(c);
  });
}

export const jobActivationMigration: Migration = { name: '20261202_01_job_activation', up, down };
