/**
 * Migration: ärenden in huvudprocessen (myndighetsutövning → genomföra → följa upp → avsluta),
 * one row per case, numbered `AR-<year>-<nnnn>`, linked to the top-level process instance.
 * Holds what the deadlines and reports need — inflow, law, child or not, every deadline with the
 * rule it came from, decision, order, execution (and the ej verkställt report), follow-ups,
 * closing — never the client's identity or the texts (those stay in the process variables).
 */
import type { Migration } from './index.js';

export const careCasesMigration: Migration = {
  name: '20261201_12_care_cases',
  async up(knex) {
    await knex.schema.createTable('care_case', (t) => {
      t.increments('id').primary();
      t.text('case_number').notNullable().unique();
      t.integer('year').notNullable();
      t.integer('sequence').notNullable();
      t.text('process_instance_key').notNullable().unique();
      t.text('unit_id').notNullable().index();
      t.text('inflow').notNullable();
      t.text('law').notNullable();
      t.boolean('is_child').notNullable();
      t.timestamp('received_at', { useTz: true }).notNullable();
      t.timestamp('protection_due_at', { useTz: true });
      t.timestamp('preliminary_due_at', { useTz: true });
      t.text('preliminary_basis');
      t.boolean('investigation_opened');
      t.timestamp('investigation_opened_at', { useTz: true });
      t.timestamp('investigation_due_at', { useTz: true });
      t.text('investigation_deadline_kind');
      t.text('investigation_basis');
      t.timestamp('investigation_extended_at', { useTz: true });
      t.text('decision');
      t.timestamp('decided_at', { useTz: true });
      t.text('insats');
      t.timestamp('not_executed_deadline_at', { useTz: true });
      t.text('provider_unit_id');
      t.timestamp('ordered_at', { useTz: true });
      t.date('executed_on');
      t.timestamp('not_executed_at', { useTz: true });
      t.text('not_executed_quarter');
      t.date('not_executed_reported_on');
      t.date('next_follow_up_on');
      t.integer('follow_up_count').notNullable().defaultTo(0);
      t.text('last_goals_met');
      t.text('close_reason');
      t.text('status').notNullable().defaultTo('open');
      t.timestamp('closed_at', { useTz: true });
      t.unique(['year', 'sequence']);
    });
    await knex.raw(`alter table care_case add constraint care_case_inflow_check check (inflow in ('ansokan', 'anmalan', 'begaran-lss', 'ovrig-information'))`);
    await knex.raw(`alter table care_case add constraint care_case_law_check check (law in ('sol', 'lss'))`);
    await knex.raw(`alter table care_case add constraint care_case_decision_check check (decision in ('bifall', 'delvis', 'avslag', 'ingen-utredning'))`);
    await knex.raw(`alter table care_case add constraint care_case_status_check check (status in ('open', 'closed'))`);
  },
  async down(knex) {
    await knex.schema.dropTable('care_case');
  },
};
