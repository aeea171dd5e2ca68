/**
 * Migration: routines and other governing documents (DOMAIN.md §4, DESIGN.md §4) and their
 * links to process activities. A document has a kind, an owner role, who decided it and when,
 * the function that follows it up, when it is next reviewed, a version and a short text;
 * `routine_link` ties it to one or more activities (process id + element id).
 */
import type { Migration } from './index.js';

export const routinesMigration: Migration = {
  name: '20261201_13_routines',
  async up(knex) {
    await knex.schema.createTable('routine', (t) => {
      t.text('id').primary();
      t.text('title').notNullable();
      t.text('kind').notNullable();
      t.text('owner_role').notNullable();
      t.text('decided_by').notNullable();
      t.date('adopted_on').notNullable();
      t.date('next_review_on').notNullable();
      t.text('follow_up_by').notNullable();
      t.integer('version').notNullable().defaultTo(1);
      t.text('body').notNullable();
    });
    await knex.raw(
      `alter table routine add constraint routine_kind_check check (kind in ('policy', 'riktlinje', 'rutin', 'handbok', 'vagledande-bestammelser'))`,
    );
    await knex.schema.createTable('routine_link', (t) => {
      t.text('routine_id').notNullable().references('id').inTable('routine').onDelete('cascade');
      t.text('process_id').notNullable();
      t.text('element_id').notNullable();
      t.primary(['routine_id', 'process_id', 'element_id']);
      t.index(['process_id', 'element_id']);
    });
  },
  async down(knex) {
    await knex.schema.dropTable('routine_link');
    await knex.schema.dropTable('routine');
  },
};
