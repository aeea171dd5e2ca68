/**
 * Migration: `engine_event_log_all`, the event log of running and of ended trees, as the other
 * `engine_*_all` views (20261202_20) show runtime and history together. An ended tree's log
 * rows move to `engine_event_log_hist` in the command that ends it (history.ts), so whoever
 * counts what happened (tests, the concurrency and crash suites) reads this view, not a union
 * of its own. The runtime log has no root_key; the view shows the columns both sides have.
 */
import type { Knex } from 'knex';
import type { Migration } from './index.js';

const COLUMNS = 'seq, at, instance_key, kind, element_id, subject_key, data';

async function up(knex: Knex): Promise<void> {
  await knex.raw(`create view engine_event_log_all as select ${COLUMNS} from engine_event_log union all select ${COLUMNS} from engine_event_log_hist`);
}

async function down(knex: Knex): Promise<void> {
  await knex.raw('drop view if exists engine_event_log_all');
}

export const eventLogAllMigration: Migration = { name: '20261202_31_event_log_all', up, down };
