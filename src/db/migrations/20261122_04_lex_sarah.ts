/**
 * Migration: lex Sarah case records. A case row per process instance (case number
 * `LS-<year>-<nnnn>`, numbered per year from a counter row), and the notifications recorded
 * for it (the nämnd informed of an IVO report).
 */
import type { Migration } from './index.js';

export const lexSarahMigration: Migration = {
  name: '20261122_04_lex_sarah',
  async up(knex) {
    await knex.schema.createTable('lex_sarah_case_sequence', (t) => {
      t.integer('year').primary();
      t.integer('last_value').notNullable();
    });
    await knex.schema.createTable('lex_sarah_case', (t) => {
      t.increments('id').primary();
      t.text('case_number').notNullable().unique();
      t.integer('year').notNullable();
      t.integer('sequence').notNullable();
      t.text('process_instance_key').notNullable().unique();
      t.text('unit_id').notNullable().index();
      t.text('status').notNullable().defaultTo('open');
      t.timestamp('reported_at', { useTz: true }).notNullable();
      t.text('assessment');
      t.timestamp('decided_at', { useTz: true });
      t.timestamp('ivo_report_due_at', { useTz: true });
      t.date('ivo_reported_on');
      t.boolean('investigation_attached');
      t.timestamp('investigation_due_at', { useTz: true });
      t.timestamp('follow_up_at', { useTz: true });
      t.timestamp('closed_at', { useTz: true });
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.unique(['year', 'sequence']);
    });
    await knex.raw(`alter table lex_sarah_case add constraint lex_sarah_case_status_check check (status in ('open', 'closed'))`);
    await knex.raw(
      `alter table lex_sarah_case add constraint lex_sarah_case_assessment_check
         check (assessment is null or assessment in ('ej-missforhallande', 'missforhallande', 'allvarligt'))`,
    );
    await knex.schema.createTable('lex_sarah_notification', (t) => {
      t.increments('id').primary();
      t.integer('case_id').notNullable().references('id').inTable('lex_sarah_case').onDelete('CASCADE');
      t.text('kind').notNullable();
      t.text('recipient_role').notNullable();
      t.text('unit_id').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.unique(['case_id', 'kind']);
    });
  },
  async down(knex) {
    await knex.schema.dropTableIfExists('lex_sarah_notification');
    await knex.schema.dropTableIfExists('lex_sarah_case');
    await knex.schema.dropTableIfExists('lex_sarah_case_sequence');
  },
};
