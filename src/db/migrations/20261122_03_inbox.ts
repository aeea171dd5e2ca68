/** Migration: the inbox (user tasks projected from the engine) and the audit log. */
import type { Migration } from './index.js';

export const inboxMigration: Migration = {
  name: '20261122_03_inbox',
  async up(knex) {
    await knex.schema.createTable('user_task', (t) => {
      t.text('key').primary();
      t.text('process_instance_key').notNullable().index();
      t.text('process_id').notNullable();
      t.text('element_id').notNullable();
      t.text('name');
      t.text('state').notNullable(); // open | completing | completed | canceled
      t.text('assignee');
      t.jsonb('candidate_groups').notNullable();
      t.jsonb('candidate_users').notNullable();
      t.timestamp('due_date', { useTz: true });
      t.timestamp('follow_up_date', { useTz: true });
      t.integer('priority').notNullable();
      t.text('form_id');
      t.text('unit_id').index();
      t.text('case_number');
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('completed_at', { useTz: true });
      t.index(['state', 'unit_id']);
    });
    await knex.schema.createTable('process_instance_ref', (t) => {
      t.text('key').primary();
      t.text('process_id').notNullable();
      t.text('unit_id').index();
      t.integer('started_by');
      t.timestamp('started_at', { useTz: true }).notNullable();
    });
    await knex.schema.createTable('audit_log', (t) => {
      t.bigIncrements('id').primary();
      t.timestamp('at', { useTz: true }).notNullable();
      t.text('actor').notNullable();
      t.text('action').notNullable();
      t.text('subject_type').notNullable();
      t.text('subject_key').notNullable();
      t.index(['subject_type', 'subject_key']);
    });
  },
  async down(knex) {
    for (const t of ['audit_log', 'process_instance_ref', 'user_task']) await knex.schema.dropTableIfExists(t);
  },
};
