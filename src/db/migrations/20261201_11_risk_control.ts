/**
 * Migration: riskanalys and internkontroll (DOMAIN.md §5.5–§5.6).
 * - `risk_matrix`: the configured matrix (one active row): size 4 or 5, the highest score that is
 *   green and the highest that is yellow (above: red). Seeded 4×4, green 1–3, yellow 4–8, red 9–16.
 * - `risk_analysis` (RA-år-nummer) with its `risk` rows: probability × consequence, score and
 *   colour from the matrix in force, causes, whether it goes to the internkontrollplan, and where
 *   an open gap was carried over from (a risk or a control deviation of the previous year).
 * - `control_plan` (IK-år-nummer, adopted by the nämnd), its `control_point`s and one
 *   `control_result` per occurrence of each point (period, when it opens, due date, ok/deviation).
 */
import type { Migration } from './index.js';

export const riskControlMigration: Migration = {
  name: '20261201_11_risk_control',
  async up(knex) {
    await knex.schema.createTable('risk_matrix', (t) => {
      t.increments('id').primary();
      t.integer('size').notNullable();
      t.integer('green_max').notNullable();
      t.integer('yellow_max').notNullable();
      t.boolean('active').notNullable().defaultTo(true);
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    });
    await knex.raw(`alter table risk_matrix add constraint risk_matrix_size_check check (size in (4, 5))`);
    await knex.raw(
      `alter table risk_matrix add constraint risk_matrix_thresholds_check check (green_max >= 1 and yellow_max > green_max and yellow_max < size * size)`,
    );
    await knex.raw(`create unique index risk_matrix_one_active on risk_matrix (active) where active`);
    await knex('risk_matrix').insert({ size: 4, green_max: 3, yellow_max: 8, active: true });

    await knex.schema.createTable('risk_analysis', (t) => {
      t.increments('id').primary();
      t.text('case_number').notNullable().unique();
      t.integer('year').notNullable();
      t.integer('sequence').notNullable();
      t.text('process_instance_key').notNullable().unique();
      t.text('unit_id').notNullable().index();
      t.text('occasion').notNullable();
      t.text('subject').notNullable();
      t.integer('matrix_id').references('risk_matrix.id');
      t.text('status').notNullable().defaultTo('open');
      t.timestamp('registered_at', { useTz: true }).notNullable();
      t.timestamp('assessed_at', { useTz: true });
      t.timestamp('decided_at', { useTz: true });
      t.timestamp('closed_at', { useTz: true });
      t.unique(['year', 'sequence']);
    });
    await knex.raw(`alter table risk_analysis add constraint risk_analysis_occasion_check check (occasion in ('planned-change', 'yearly-vor'))`);
    await knex.raw(`alter table risk_analysis add constraint risk_analysis_status_check check (status in ('open', 'assessed', 'decided', 'closed'))`);

    await knex.schema.createTable('control_plan', (t) => {
      t.increments('id').primary();
      t.text('case_number').notNullable().unique();
      t.integer('year').notNullable();
      t.integer('sequence').notNullable();
      t.integer('plan_year').notNullable().index();
      t.text('process_instance_key').notNullable().unique();
      t.text('unit_id').notNullable();
      t.text('status').notNullable().defaultTo('draft');
      t.text('adopted_by');
      t.date('adopted_on');
      t.text('decision_paragraph');
      t.timestamp('report_due_at', { useTz: true });
      t.timestamp('reported_at', { useTz: true });
      t.unique(['year', 'sequence']);
    });
    await knex.raw(`alter table control_plan add constraint control_plan_status_check check (status in ('draft', 'adopted', 'reported'))`);

    await knex.schema.createTable('risk', (t) => {
      t.increments('id').primary();
      t.integer('analysis_id').notNullable().references('risk_analysis.id').onDelete('CASCADE').index();
      t.integer('position').notNullable();
      t.text('description').notNullable();
      t.integer('probability').notNullable();
      t.integer('consequence').notNullable();
      t.integer('score').notNullable();
      t.text('colour').notNullable();
      t.text('causes');
      t.boolean('for_internal_control').notNullable().defaultTo(false);
      t.text('status').notNullable().defaultTo('open');
      t.integer('carried_over_from').references('risk.id');
      t.timestamp('resolved_at', { useTz: true });
      t.unique(['analysis_id', 'position']);
    });
    await knex.raw(`alter table risk add constraint risk_colour_check check (colour in ('green', 'yellow', 'red'))`);
    await knex.raw(`alter table risk add constraint risk_status_check check (status in ('open', 'accepted', 'resolved', 'carried-over'))`);

    await knex.schema.createTable('control_point', (t) => {
      t.increments('id').primary();
      t.integer('plan_id').notNullable().references('control_plan.id').onDelete('CASCADE').index();
      t.integer('position').notNullable();
      t.text('what').notNullable();
      t.text('how').notNullable();
      t.text('frequency').notNullable();
      t.text('documentation').notNullable();
      t.text('role').notNullable();
      t.text('unit_id').notNullable();
      t.integer('risk_id').references('risk.id');
      t.unique(['plan_id', 'position']);
    });
    await knex.raw(`alter table control_point add constraint control_point_frequency_check check (frequency in ('monthly', 'quarterly', 'tertial', 'yearly'))`);

    await knex.schema.createTable('control_result', (t) => {
      t.increments('id').primary();
      t.integer('point_id').notNullable().references('control_point.id').onDelete('CASCADE').index();
      t.text('period').notNullable();
      t.timestamp('opens_at', { useTz: true }).notNullable();
      t.timestamp('due_at', { useTz: true }).notNullable();
      t.text('result');
      t.text('comment');
      t.timestamp('recorded_at', { useTz: true });
      t.timestamp('resolved_at', { useTz: true });
      t.unique(['point_id', 'period']);
    });
    await knex.raw(`alter table control_result add constraint control_result_result_check check (result in ('ok', 'deviation'))`);

    // A carried-over gap points at the control deviation it came from.
    await knex.schema.alterTable('risk', (t) => {
      t.integer('carried_over_from_result').references('control_result.id');
    });
  },
  async down(knex) {
    await knex.schema.alterTable('risk', (t) => {
      t.dropColumn('carried_over_from_result');
    });
    for (const table of ['control_result', 'control_point', 'risk', 'control_plan', 'risk_analysis', 'risk_matrix']) await knex.schema.dropTable(table);
  },
};
