/**
 * Migration: the årshjul (DOMAIN.md §5.7). `annual_duty` is the configurable list of
 * recurring duties (who, where, how often, deadline rule); `annual_cycle` is one row per year
 * whose cycle was started (one process instance per year); `annual_duty_occurrence` is each
 * occurrence of a duty in a year, numbered `AH-<year>-<nnnn>`, with the outcome when done.
 */
import type { Migration } from './index.js';

export const annualCycleMigration: Migration = {
  name: '20261201_10_annual_cycle',
  async up(knex) {
    await knex.schema.createTable('annual_duty', (t) => {
      t.text('id').primary();
      t.text('title').notNullable();
      t.text('description').notNullable().defaultTo('');
      t.text('role').notNullable();
      t.text('node_id').notNullable().references('id').inTable('org_node');
      t.text('recurrence').notNullable();
      t.integer('day_of_month').notNullable();
      t.integer('month');
      t.integer('deadline_workdays');
      t.integer('deadline_month');
      t.integer('deadline_day');
      t.boolean('active').notNullable().defaultTo(true);
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    });
    await knex.raw(`alter table annual_duty add constraint annual_duty_recurrence_check check (recurrence in ('monthly', 'quarterly', 'tertial', 'yearly'))`);
    await knex.raw(`alter table annual_duty add constraint annual_duty_day_check check (day_of_month between 1 and 31)`);
    await knex.raw(
      `alter table annual_duty add constraint annual_duty_month_check check ((recurrence = 'yearly') = (month is not null) and (month is null or month between 1 and 12))`,
    );
    // Exactly one deadline rule: N arbetsdagar, or a fixed day and month.
    await knex.raw(`alter table annual_duty add constraint annual_duty_deadline_check check (
      (deadline_workdays is not null and deadline_workdays between 0 and 120 and deadline_month is null and deadline_day is null)
      or (deadline_workdays is null and deadline_month between 1 and 12 and deadline_day between 1 and 31))`);

    await knex.schema.createTable('annual_cycle', (t) => {
      t.integer('year').primary();
      t.text('process_instance_key').notNullable().unique();
      t.timestamp('planned_at', { useTz: true }).notNullable();
      t.timestamp('completed_at', { useTz: true });
    });

    await knex.schema.createTable('annual_duty_occurrence', (t) => {
      t.increments('id').primary();
      t.text('case_number').notNullable().unique();
      t.integer('year').notNullable().references('year').inTable('annual_cycle');
      t.integer('sequence').notNullable();
      t.text('duty_id').notNullable().references('id').inTable('annual_duty');
      t.integer('period').notNullable();
      t.text('title').notNullable();
      t.text('role').notNullable();
      t.text('node_id').notNullable().index();
      t.timestamp('due_at', { useTz: true }).notNullable();
      t.timestamp('deadline_at', { useTz: true }).notNullable();
      // The year's arshjul instance, and the occurrence's own task instance once it is done.
      t.text('process_instance_key').notNullable().index();
      t.text('task_instance_key');
      t.text('status').notNullable().defaultTo('planned');
      t.timestamp('completed_at', { useTz: true });
      t.text('outcome');
      t.text('done_summary');
      t.text('comment');
      t.unique(['duty_id', 'year', 'period']);
      t.unique(['year', 'sequence']);
    });
    await knex.raw(`alter table annual_duty_occurrence add constraint annual_duty_occurrence_status_check check (status in ('planned', 'skipped', 'done'))`);
    await knex.raw(`alter table annual_duty_occurrence add constraint annual_duty_occurrence_outcome_check check (outcome in ('ok', 'brister'))`);
  },
  async down(knex) {
    for (const t of ['annual_duty_occurrence', 'annual_cycle', 'annual_duty']) await knex.schema.dropTableIfExists(t);
  },
};
