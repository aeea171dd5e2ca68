/**
 * Migration: drafts of task forms (issue 5): what a user has filled in so far, one draft per
 * task and user, kept until they complete the task or throw the draft away. The values may hold
 * personal data like the process variables they become; they are removed on completion.
 */
import type { Migration } from './index.js';

export const taskDraftsMigration: Migration = {
  name: '20261201_14_task_drafts',
  async up(knex) {
    await knex.schema.createTable('task_draft', (t) => {
      t.text('task_key').notNullable();
      t.text('username').notNullable();
      t.jsonb('variables').notNullable();
      t.timestamp('saved_at', { useTz: true }).notNullable();
      t.primary(['task_key', 'username']);
    });
  },
  async down(knex) {
    await knex.schema.dropTable('task_draft');
  },
};
