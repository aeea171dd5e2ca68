/**
 * Migration: the public e-service is idempotent by a client-generated submission id (issue 15
 * point 4). One row per accepted submission: the id (unique), the receipt that keys its case
 * (the message's correlation key and id) and the outbox command that starts the case; a repeat
 * of the id is answered with the same receipt and starts nothing. No content of the submission.
 */
import type { Migration } from './index.js';

export const publicSubmissionsMigration: Migration = {
  name: '20261204_72_public_submissions',
  async up(knex) {
    await knex.schema.createTable('public_submission', (t) => {
      // text, as the other ids here (the outbox's); the API accepts only a UUID
      t.text('submission_id').primary();
      t.text('receipt').notNullable().unique();
      t.text('command_id').notNullable();
      t.timestamp('received_at', { useTz: true }).notNullable().index();
    });
  },
  async down(knex) {
    await knex.schema.dropTableIfExists('public_submission');
  },
};
