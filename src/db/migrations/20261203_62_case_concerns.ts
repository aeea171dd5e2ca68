/**
 * Migration: deviations back to the process (issue 14 point 5). A case may name the process and
 * the activity where it happened (`concerns_process_id`, `concerns_element_id`; both optional,
 * an activity only with its process), chosen by the reporter from the process map; the process
 * page counts the cases per activity over a period, so the index leads with the process.
 */
import type { Migration } from './index.js';

export const caseConcernsMigration: Migration = {
  name: '20261203_62_case_concerns',
  async up(knex) {
    await knex.schema.alterTable('case', (t) => {
      t.text('concerns_process_id');
      t.text('concerns_element_id');
    });
    await knex.raw('alter table "case" add constraint case_concerns_check check (concerns_element_id is null or concerns_process_id is not null)');
    await knex.raw('create index case_concerns_idx on "case" (concerns_process_id, type, opened_at) where concerns_process_id is not null');
  },
  async down(knex) {
    await knex.raw('drop index if exists case_concerns_idx');
    await knex.raw('alter table "case" drop constraint case_concerns_check');
    await knex.schema.alterTable('case', (t) => {
      t.dropColumn('concerns_element_id');
      t.dropColumn('concerns_process_id');
    });
  },
};
