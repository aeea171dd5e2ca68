/**
 * Migration: a task keeps the form version it was created with (issue 14 point 1). The inbox
 * projection records the version in force when the task is created; a form published later
 * applies to tasks created after it, while an open task is shown and checked against the form
 * its process step began with. Null: the task has no form, or its form is not in the database
 * (a form deployed to the engine only), and the form in force is used.
 */
import type { Knex } from 'knex';
import type { Migration } from './index.js';

async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('user_task', (t) => {
    t.bigInteger('form_version_id').references('id').inTable('form_version');
  });
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('user_task', (t) => {
    t.dropColumn('form_version_id');
  });
}

export const userTaskFormVersionMigration: Migration = { name: '20261203_59_user_task_form_version', up, down };
