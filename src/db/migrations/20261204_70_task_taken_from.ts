/**
 * Migration: a claimed task taken over by a manager says whose it was (issue 15 point 1).
 * `user_task.taken_from` is the previous assignee when someone else took the task from them
 * (cleared at the next ordinary assignment); the previous assignee sees it on the task and in
 * their task counts (`takenFromMe`), and the audit row `take-over` names them in its detail.
 */
import type { Migration } from './index.js';

export const taskTakenFromMigration: Migration = {
  name: '20261204_70_task_taken_from',
  async up(knex) {
    await knex.schema.alterTable('user_task', (t) => {
      t.text('taken_from');
      t.index(['taken_from', 'state']);
    });
  },
  async down(knex) {
    await knex.schema.alterTable('user_task', (t) => {
      t.dropIndex(['taken_from', 'state']);
      t.dropColumn('taken_from');
    });
  },
};
