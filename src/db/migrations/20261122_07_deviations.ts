/**
 * Migration: avvikelser (DOMAIN.md §5.3; Tyresö's three levels of severity). One row per
 * report and process instance, numbered `AV-<year>-<nnnn>` (src/domain/caseNumbers.ts), with
 * what reports need: area, category, severity, probability × consequence, the route taken
 * (lex Sarah, MAS, none), the follow-up. The text of the report stays in the process variables.
 */
import type { Migration } from './index.js';

export const deviationsMigration: Migration = {
  name: '20261122_07_deviations',
  async up(knex) {
    await knex.schema.createTable('deviation', (t) => {
      t.increments('id').primary();
      t.text('case_number').notNullable().unique();
      t.integer('year').notNullable();
      t.integer('sequence').notNullable();
      t.text('process_instance_key').notNullable().unique();
      t.text('unit_id').notNullable().index();
      t.text('area').notNullable();
      t.text('category').notNullable();
      t.timestamp('occurred_at', { useTz: true }).notNullable();
      t.timestamp('reported_at', { useTz: true }).notNullable();
      t.integer('severity');
      t.integer('probability');
      t.integer('consequence');
      t.integer('risk_score');
      t.text('route');
      t.date('actions_due_on');
      t.boolean('actions_effective');
      t.text('status').notNullable().defaultTo('open');
      t.timestamp('closed_at', { useTz: true });
      t.unique(['year', 'sequence']);
    });
    await knex.raw(`alter table deviation add constraint deviation_area_check check (area in ('sol', 'lss', 'hsl'))`);
    await knex.raw(`alter table deviation add constraint deviation_severity_check check (severity between 1 and 3)`);
    await knex.raw(`alter table deviation add constraint deviation_route_check check (route in ('lex-sarah', 'mas', 'none'))`);
  },
  async down(knex) {
    await knex.schema.dropTable('deviation');
  },
};
