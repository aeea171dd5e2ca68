/**
 * Migration: lex Maria (DOMAIN.md §5.2; patientsäkerhetslagen 3 kap. 5 §, HSLF-FS 2017:40 and
 * 2017:41). One row per case and process instance, numbered `LM-<year>-<nnnn>`
 * (src/domain/caseNumbers.ts), holding what the patientsäkerhetsberättelse and the follow-up
 * need: the MAS's risk assessment (probability × consequence, allvarlig vårdskada or the risk
 * of one), the kind of investigation, the decision on anmälan to IVO with its target and the
 * date it was made, that the patient was informed, and the follow-up. What happened and to
 * whom stays in the process variables (personal data).
 */
import type { Migration } from './index.js';

export const lexMariaMigration: Migration = {
  name: '20261201_09_lex_maria',
  async up(knex) {
    await knex.schema.createTable('lex_maria_case', (t) => {
      t.increments('id').primary();
      t.text('case_number').notNullable().unique();
      t.integer('year').notNullable();
      t.integer('sequence').notNullable();
      t.text('process_instance_key').notNullable().unique();
      t.text('unit_id').notNullable().index();
      // a case started from another one (an avvikelse): its case number and instance
      t.text('source_case_number').index();
      t.text('source_process_instance_key');
      t.timestamp('occurred_at', { useTz: true });
      t.timestamp('reported_at', { useTz: true }).notNullable();
      t.integer('probability');
      t.integer('consequence');
      t.integer('risk_score');
      t.text('serious_harm');
      t.text('investigation_kind');
      t.boolean('report_to_ivo');
      t.timestamp('decided_at', { useTz: true });
      t.timestamp('ivo_report_due_at', { useTz: true });
      t.date('ivo_reported_on');
      t.text('ivo_reference');
      t.boolean('investigation_attached');
      t.boolean('patient_informed');
      t.date('patient_informed_on');
      t.text('patient_informed_how');
      t.timestamp('follow_up_at', { useTz: true });
      t.boolean('actions_effective');
      t.text('status').notNullable().defaultTo('open');
      t.timestamp('closed_at', { useTz: true });
      t.unique(['year', 'sequence']);
    });
    await knex.raw(`alter table lex_maria_case add constraint lex_maria_case_scale_check check (probability between 1 and 4 and consequence between 1 and 4)`);
    await knex.raw(`alter table lex_maria_case add constraint lex_maria_case_serious_harm_check check (serious_harm in ('vardskada', 'risk', 'nej'))`);
    await knex.raw(
      `alter table lex_maria_case add constraint lex_maria_case_investigation_check check (investigation_kind in ('handelseanalys', 'utredning'))`,
    );
    await knex.raw(`alter table lex_maria_case add constraint lex_maria_case_status_check check (status in ('open', 'closed'))`);
  },
  async down(knex) {
    await knex.schema.dropTable('lex_maria_case');
  },
};
