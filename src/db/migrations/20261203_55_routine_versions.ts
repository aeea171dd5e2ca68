/**
 * Migration: routines under document control (issue 14 point 4). A routine gets a decision level,
 * a valid-from date and a review interval; its texts move into `routine_version` (draft → review →
 * adopted → superseded, body as sanitised HTML). Today's rows become version 1, adopted, with their
 * text escaped into one paragraph, so no row is lost and the routes that read `routine` answer as
 * before: `routine` keeps the version in force (its number, body, decision and dates), a cache the
 * service updates in the adoption's transaction. An adopted or superseded version is immutable: a
 * trigger refuses changing its text, note or decision, moving it back, and deleting it.
 * Named reviewers and their comments belong to a version.
 */
import type { Migration } from './index.js';

const KINDS = `'rutin', 'riktlinje', 'instruktion', 'checklista', 'policy', 'handbok', 'vagledande-bestammelser'`;
const LEVELS = `'namnd', 'forvaltning', 'verksamhet', 'enhet', 'mas'`;

export const routineVersionsMigration: Migration = {
  name: '20261203_55_routine_versions',
  async up(knex) {
    await knex.raw('alter table routine drop constraint routine_kind_check');
    await knex.raw(`alter table routine add constraint routine_kind_check check (kind in (${KINDS}))`);
    await knex.schema.alterTable('routine', (t) => {
      t.text('decision_level').notNullable().defaultTo('verksamhet');
      t.date('valid_from');
      t.integer('review_interval_months').notNullable().defaultTo(12);
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    });
    // a routine that was never adopted has no decision yet
    for (const c of ['decided_by', 'adopted_on', 'next_review_on']) await knex.raw(`alter table routine alter column ${c} drop not null`);
    await knex.raw(`alter table routine add constraint routine_level_check check (decision_level in (${LEVELS}))`);
    await knex.raw('alter table routine add constraint routine_interval_check check (review_interval_months between 1 and 60)');
    // the decision level of today's rows, from who decided them (DOMAIN.md §4)
    await knex.raw(`update routine set valid_from = adopted_on, decision_level = case
      when decided_by ilike '%nämnd%' then 'namnd' when decided_by ilike '%sjuksköterska%' then 'mas'
      when decided_by ilike 'förvaltningschef%' then 'forvaltning' else 'verksamhet' end`);

    await knex.schema.createTable('routine_version', (t) => {
      t.text('routine_id').notNullable().references('id').inTable('routine').onDelete('cascade');
      t.integer('number').notNullable();
      t.text('state').notNullable();
      t.text('body_html').notNullable();
      t.text('change_note').notNullable().defaultTo('');
      t.text('author').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.text('adopted_by');
      t.text('adopted_role');
      t.date('adopted_on');
      t.text('decision_ref');
      t.primary(['routine_id', 'number']);
    });
    await knex.raw(`alter table routine_version add constraint routine_version_state_check check (state in ('draft', 'review', 'adopted', 'superseded'))`);
    await knex.raw(
      `alter table routine_version add constraint routine_version_adopted_check check (state in ('draft', 'review') or (adopted_by is not null and adopted_on is not null))`,
    );
    // at most one open draft (or review) per routine
    await knex.raw(`create unique index routine_version_one_open on routine_version (routine_id) where state in ('draft', 'review')`);
    await knex.raw(`insert into routine_version (routine_id, number, state, body_html, change_note, author, adopted_by, adopted_role, adopted_on, decision_ref)
      select id, version, 'adopted', '<p>' || replace(replace(replace(body, '&', '&amp;'), '<', '&lt;'), '>', '&gt;') || '</p>',
        'Första versionen', 'system', decided_by, decided_by, adopted_on, null from routine`);
    // the cached text in force is the version's HTML too
    await knex.raw('update routine r set body = v.body_html from routine_version v where v.routine_id = r.id and v.number = r.version');
    await knex.raw(`create function routine_version_immutable() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          if old.state in ('adopted', 'superseded') then raise exception 'routine_version_immutable'; end if;
          return old;
        end if;
        if old.state in ('adopted', 'superseded') and (
          new.body_html is distinct from old.body_html or new.change_note is distinct from old.change_note
          or new.author is distinct from old.author or new.adopted_by is distinct from old.adopted_by
          or new.adopted_role is distinct from old.adopted_role or new.adopted_on is distinct from old.adopted_on
          or new.decision_ref is distinct from old.decision_ref or new.number is distinct from old.number
          or new.routine_id is distinct from old.routine_id
          or not (new.state = old.state or (old.state = 'adopted' and new.state = 'superseded'))) then
          raise exception 'routine_version_immutable';
        end if;
        return new;
      end $$`);
    await knex.raw(
      `create trigger routine_version_immutable before update or delete on routine_version for each row execute function routine_version_immutable()`,
    );

    await knex.schema.createTable('routine_reviewer', (t) => {
      t.text('routine_id').notNullable();
      t.integer('number').notNullable();
      t.text('username').notNullable();
      t.primary(['routine_id', 'number', 'username']);
      t.foreign(['routine_id', 'number']).references(['routine_id', 'number']).inTable('routine_version').onDelete('cascade');
    });
    await knex.schema.createTable('routine_comment', (t) => {
      t.increments('id').primary();
      t.text('routine_id').notNullable();
      t.integer('number').notNullable();
      t.text('author').notNullable();
      t.text('body').notNullable();
      t.timestamp('at', { useTz: true }).notNullable();
      t.foreign(['routine_id', 'number']).references(['routine_id', 'number']).inTable('routine_version').onDelete('cascade');
      t.index(['routine_id', 'number']);
    });
  },
  async down(knex) {
    await knex.schema.dropTable('routine_comment');
    await knex.schema.dropTable('routine_reviewer');
    await knex.raw('drop trigger routine_version_immutable on routine_version');
    await knex.schema.dropTable('routine_version');
    await knex.raw('drop function routine_version_immutable()');
    await knex.raw('alter table routine drop constraint routine_level_check');
    await knex.raw('alter table routine drop constraint routine_interval_check');
    await knex.schema.alterTable('routine', (t) => {
      t.dropColumns('decision_level', 'valid_from', 'review_interval_months', 'created_at');
    });
    await knex.raw('alter table routine drop constraint routine_kind_check');
    await knex.raw(
      `alter table routine add constraint routine_kind_check check (kind in ('policy', 'riktlinje', 'rutin', 'handbok', 'vagledande-bestammelser'))`,
    );
  },
};
