/**
 * Migration: process versions under document control (issue 14 point 2). A process has
 * versions 1..n, each draft → review → adopted → published (and superseded when a later one
 * is published); the adoption record (who, in which role, at which decision level, the date
 * and the decision's reference) and the engine definition it became once published are
 * columns of the version. Reviewers (named users and their verdict) and comments (with replies)
 * are their own tables. At most one version of a process is open (draft or review) and at most
 * one is published.
 */
import type { Knex } from 'knex';
import type { Migration } from './index.js';

const STATES = ['draft', 'review', 'adopted', 'published', 'superseded'];
const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(', ');

async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('process_version', (t) => {
    t.bigIncrements('id').primary();
    t.text('process_id').notNullable();
    t.integer('number').notNullable();
    t.text('state').notNullable().defaultTo('draft');
    t.text('xml').notNullable();
    /** The version this one was drafted from (null: the first, or an imported file). */
    t.integer('based_on');
    t.text('author').notNullable();
    t.text('change_note').notNullable().defaultTo('');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.timestamp('submitted_at', { useTz: true });
    /** The adoption process's instance (faststallelse.bpmn) while and after it is reviewed. */
    t.text('review_instance_key');
    t.text('adopted_by');
    t.text('adopted_role');
    /** The decision level (an org node type: committee, administration, area) and who decided (e.g. Socialnämnden). */
    t.text('decision_level');
    t.text('decided_by');
    t.date('decision_date');
    t.text('decision_reference');
    t.timestamp('adopted_at', { useTz: true });
    t.text('definition_key');
    t.integer('deployed_version');
    t.timestamp('published_at', { useTz: true });
    t.unique(['process_id', 'number']);
  });
  await knex.raw(`alter table process_version add constraint process_version_state check (state in (${list(STATES)}))`);
  await knex.raw('alter table process_version add constraint process_version_number check (number > 0)');
  // an adopted version has its whole adoption record; a published one its engine definition
  await knex.raw(`alter table process_version add constraint process_version_adoption check (state in ('draft', 'review')
    or (adopted_by is not null and adopted_role is not null and decision_level is not null and decision_date is not null and adopted_at is not null))`);
  await knex.raw(`alter table process_version add constraint process_version_published check (state not in ('published', 'superseded')
    or (definition_key is not null and published_at is not null))`);
  await knex.raw("create unique index process_version_one_open on process_version (process_id) where state in ('draft', 'review')");
  await knex.raw("create unique index process_version_one_published on process_version (process_id) where state = 'published'");
  await knex.schema.createTable('process_version_reviewer', (t) => {
    t.bigInteger('version_id').notNullable().references('id').inTable('process_version').onDelete('CASCADE');
    t.text('username').notNullable();
    t.text('verdict');
    t.timestamp('decided_at', { useTz: true });
    t.primary(['version_id', 'username']);
  });
  await knex.raw(
    "alter table process_version_reviewer add constraint process_version_reviewer_verdict check (verdict is null or verdict in ('approved', 'changes'))",
  );
  await knex.schema.createTable('process_version_comment', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('version_id').notNullable().references('id').inTable('process_version').onDelete('CASCADE').index();
    t.text('author').notNullable();
    t.text('text').notNullable();
    t.bigInteger('reply_to').references('id').inTable('process_version_comment');
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('process_version_comment');
  await knex.schema.dropTable('process_version_reviewer');
  await knex.schema.dropTable('process_version');
}

export const processVersionsMigration: Migration = { name: '20261203_50_process_versions', up, down };
