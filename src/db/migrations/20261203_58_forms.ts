/**
 * Migration: forms under version control (issue 14 point 1). A form (`form`: its form-js id and
 * title) has versions 1..n (`form_version`), each a form-js schema: a draft while its author
 * works on it, published when it is in force, superseded when a later one is published. At
 * most one draft and one published version per form. A published (or superseded) version
 * never changes: a trigger refuses an update of its schema, number or form, and a way back to
 * draft — the database says no even to code that forgets.
 */
import type { Knex } from 'knex';
import type { Migration } from './index.js';

async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('form', (t) => {
    /** The form-js schema's `id`, which a user task's `zeebe:formDefinition formId` names. */
    t.text('form_id').primary();
    t.text('title').notNullable();
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
  await knex.raw("alter table form add constraint form_id_shape check (form_id ~ '^[A-Za-z][A-Za-z0-9_-]{0,99}$')");
  await knex.schema.createTable('form_version', (t) => {
    t.bigIncrements('id').primary();
    t.text('form_id').notNullable().references('form_id').inTable('form').onDelete('CASCADE');
    t.integer('number').notNullable();
    t.text('state').notNullable().defaultTo('draft');
    /** The form-js JSON as it was saved (text: jsonb would reorder its keys). */
    t.text('schema').notNullable();
    /** sha256 of the schema: the bundled forms' start-up step compares it, not the text. */
    t.text('checksum').notNullable();
    t.text('author').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.text('published_by');
    t.timestamp('published_at', { useTz: true });
    t.unique(['form_id', 'number']);
  });
  await knex.raw("alter table form_version add constraint form_version_state check (state in ('draft', 'published', 'superseded'))");
  await knex.raw('alter table form_version add constraint form_version_number check (number > 0)');
  await knex.raw(`alter table form_version add constraint form_version_publication check (state = 'draft'
    or (published_by is not null and published_at is not null))`);
  await knex.raw("create unique index form_version_one_draft on form_version (form_id) where state = 'draft'");
  await knex.raw("create unique index form_version_one_published on form_version (form_id) where state = 'published'");
  await knex.raw(`
    create function form_version_immutable() returns trigger language plpgsql as $$
    begin
      if old.state in ('published', 'superseded') and (
        new.schema is distinct from old.schema or new.checksum is distinct from old.checksum
        or new.form_id is distinct from old.form_id or new.number is distinct from old.number
        or new.published_by is distinct from old.published_by or new.published_at is distinct from old.published_at
        or new.state = 'draft' or (old.state = 'superseded' and new.state <> 'superseded')) then
        raise exception 'form version % of % is published and cannot be changed', old.number, old.form_id using errcode = 'check_violation';
      end if;
      return new;
    end $$`);
  await knex.raw('create trigger form_version_immutable before update on form_version for each row execute function form_version_immutable()');
}

async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger form_version_immutable on form_version');
  await knex.raw('drop function form_version_immutable()');
  await knex.schema.dropTable('form_version');
  await knex.schema.dropTable('form');
}

export const formsMigration: Migration = { name: '20261203_58_forms', up, down };
