/**
 * Migration: the embedded engine's state. Every table is keyed by engine keys (bigint, one
 * sequence, handed out as strings). Instances of one call tree share `root_key`, and every
 * command locks the root instance row first, so a tree is changed by one command at a time.
 */
import type { Knex } from 'knex';
import type { Migration } from './index.js';

async function up(knex: Knex): Promise<void> {
  await knex.raw('create sequence engine_key_seq start 2251799813685249');
  await knex.schema.createTable('engine_definition', (t) => {
    t.bigInteger('key').primary();
    t.text('process_id').notNullable();
    t.integer('version').notNullable();
    t.text('name');
    t.text('resource_name').notNullable();
    t.text('checksum').notNullable();
    t.text('xml').notNullable();
    t.timestamp('deployed_at', { useTz: true }).notNullable();
    t.unique(['process_id', 'version']);
  });
  await knex.schema.createTable('engine_form', (t) => {
    t.bigInteger('key').primary();
    t.text('form_id').notNullable();
    t.integer('version').notNullable();
    t.text('checksum').notNullable();
    t.jsonb('schema').notNullable();
    t.unique(['form_id', 'version']);
  });
  await knex.schema.createTable('engine_instance', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('root_key').notNullable().index();
    t.bigInteger('definition_key').notNullable();
    t.text('process_id').notNullable();
    t.integer('version').notNullable();
    t.text('state').notNullable();
    t.bigInteger('parent_instance_key').index();
    t.bigInteger('parent_element_key');
    t.text('start_correlation_key');
    t.text('start_message_name');
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('ended_at', { useTz: true });
  });
  await knex.schema.createTable('engine_element', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('instance_key').notNullable().index();
    t.bigInteger('root_key').notNullable().index();
    t.text('element_id').notNullable();
    t.text('element_type').notNullable();
    t.bigInteger('scope_key').notNullable();
    t.text('state').notNullable();
    t.integer('loop_counter');
    t.jsonb('data');
    t.bigInteger('seq').notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('ended_at', { useTz: true });
  });
  await knex.schema.createTable('engine_variable', (t) => {
    t.bigInteger('scope_key').notNullable();
    t.text('name').notNullable();
    t.bigInteger('root_key').notNullable().index();
    t.jsonb('value');
    t.primary(['scope_key', 'name']);
  });
  await knex.schema.createTable('engine_job', (t) => {
    t.bigInteger('key').primary();
    t.text('type').notNullable();
    t.text('state').notNullable();
    t.bigInteger('instance_key').notNullable();
    t.bigInteger('root_key').notNullable().index();
    t.bigInteger('element_key').notNullable().index();
    t.text('element_id').notNullable();
    t.integer('retries').notNullable();
    t.jsonb('headers').notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.timestamp('deadline', { useTz: true });
    t.text('error_message');
    t.index(['type', 'state', 'due_at']);
  });
  await knex.schema.createTable('engine_user_task', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('instance_key').notNullable().index();
    t.bigInteger('root_key').notNullable();
    t.bigInteger('element_key').notNullable().index();
    t.text('element_id').notNullable();
    t.text('name');
    t.text('state').notNullable();
    t.text('assignee');
    t.jsonb('candidate_groups').notNullable();
    t.jsonb('candidate_users').notNullable();
    t.timestamp('due_date', { useTz: true });
    t.timestamp('follow_up_date', { useTz: true });
    t.integer('priority').notNullable();
    t.text('form_id');
    t.jsonb('headers').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('engine_timer', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('root_key').index();
    t.bigInteger('element_key');
    t.bigInteger('definition_key');
    t.text('element_id').notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable().index();
    t.integer('repetitions').notNullable();
    t.text('interval');
    t.text('state').notNullable();
  });
  await knex.schema.createTable('engine_subscription', (t) => {
    t.bigInteger('key').primary();
    t.text('message_name').notNullable();
    t.text('correlation_key').notNullable();
    t.bigInteger('root_key').notNullable().index();
    t.bigInteger('element_key').notNullable().index();
    t.bigInteger('instance_key').notNullable();
    t.text('process_id').notNullable();
    t.text('element_id').notNullable();
    t.text('state').notNullable();
    t.index(['message_name', 'correlation_key', 'state']);
  });
  await knex.schema.createTable('engine_message', (t) => {
    t.bigInteger('key').primary();
    t.text('name').notNullable();
    t.text('correlation_key').notNullable();
    t.text('message_id');
    t.jsonb('variables').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.jsonb('correlated').notNullable();
    t.index(['name', 'correlation_key']);
  });
  await knex.schema.createTable('engine_incident', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('instance_key').notNullable().index();
    t.bigInteger('root_key').notNullable();
    t.bigInteger('element_key').notNullable();
    t.text('element_id').notNullable();
    t.text('error_type').notNullable();
    t.text('error_message').notNullable();
    t.bigInteger('job_key');
    t.text('state').notNullable();
    /** What resolving retries: `activate` (input side) or `complete` (output side); job incidents retry the job. */
    t.text('phase');
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('engine_event_log', (t) => {
    t.bigIncrements('seq');
    t.timestamp('at', { useTz: true }).notNullable();
    t.bigInteger('instance_key');
    t.text('kind').notNullable();
    t.text('element_id');
    t.bigInteger('subject_key');
    t.jsonb('data');
  });
}

async function down(knex: Knex): Promise<void> {
  for (const t of [
    'engine_event_log',
    'engine_incident',
    'engine_message',
    'engine_subscription',
    'engine_timer',
    'engine_user_task',
    'engine_job',
    'engine_variable',
    'engine_element',
    'engine_instance',
    'engine_form',
    'engine_definition',
  ]) {
    await knex.schema.dropTableIfExists(t);
  }
  await knex.raw('drop sequence if exists engine_key_seq');
}

export const engineMigration: Migration = { name: '20261122_01_engine_state', up, down };
