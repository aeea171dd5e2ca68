/**
 * Migration: synpunkter och klagomål (DOMAIN.md §5.4). One row per feedback item and process
 * instance, numbered `SY-<year>-<nnnn>` per year (src/domain/caseNumbers.ts). Only what reports and
 * dashboards need is a column; the sender's text and contact details stay in the case's
 * process variables (personal data, read through the audited instance endpoints).
 */
import type { Migration } from './index.js';

export const feedbackMigration: Migration = {
  name: '20261122_06_feedback',
  async up(knex) {
    // Case-number counters for every series (SY, and the records of the processes to come).
    await knex.schema.createTable('case_number_sequence', (t) => {
      t.text('series').notNullable();
      t.integer('year').notNullable();
      t.integer('last_value').notNullable();
      t.primary(['series', 'year']);
    });
    await knex.schema.createTable('feedback_item', (t) => {
      t.increments('id').primary();
      t.text('case_number').notNullable().unique();
      t.integer('year').notNullable();
      t.integer('sequence').notNullable();
      t.text('process_instance_key').notNullable().unique();
      t.text('unit_id').notNullable().index();
      t.text('kind').notNullable();
      t.text('channel').notNullable();
      t.text('sender_type').notNullable();
      t.boolean('anonymous').notNullable();
      t.text('status').notNullable().defaultTo('open');
      t.timestamp('received_at', { useTz: true }).notNullable();
      t.timestamp('feedback_due_at', { useTz: true }).notNullable();
      t.integer('forwarded_count').notNullable().defaultTo(0);
      /** The receipt the e-service gave the sender (null when registered by staff). */
      t.text('receipt').unique();
      t.boolean('is_deviation');
      t.timestamp('feedback_given_at', { useTz: true });
      t.timestamp('escalated_at', { useTz: true });
      t.timestamp('closed_at', { useTz: true });
      t.unique(['year', 'sequence']);
    });
    // A lex Sarah case started from a synpunkt remembers where it came from.
    await knex.schema.alterTable('lex_sarah_case', (t) => {
      t.text('source_case_number').index();
    });
    await knex.raw(`alter table feedback_item add constraint feedback_item_kind_check check (kind in ('klagomal', 'synpunkt', 'berom'))`);
    await knex.raw(`alter table feedback_item add constraint feedback_item_status_check check (status in ('open', 'closed'))`);
  },
  async down(knex) {
    await knex.schema.alterTable('lex_sarah_case', (t) => {
      t.dropColumn('source_case_number');
    });
    await knex.schema.dropTable('feedback_item');
    await knex.schema.dropTable('case_number_sequence');
  },
};
