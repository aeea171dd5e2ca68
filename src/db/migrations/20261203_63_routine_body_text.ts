/**
 * Migration: the routine register searches plain text, not HTML (issue 14 point 4; a search for
 * `strong` matched every routine with bold text). `routine.body_text` is the text of the version
 * in force; the service writes it with the body (routines/html.ts htmlText). Today's rows get it
 * from their HTML here: tags become spaces and the entities the sanitiser writes are decoded.
 */
import type { Migration } from './index.js';

export const routineBodyTextMigration: Migration = {
  name: '20261203_63_routine_body_text',
  async up(knex) {
    await knex.schema.alterTable('routine', (t) => {
      t.text('body_text').notNullable().defaultTo('');
    });
    await knex.raw(`update routine set body_text = trim(
      replace(replace(replace(replace(replace(replace(
        regexp_replace(body, '<[^>]*>', ' ', 'g'),
        '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&nbsp;', ' '), '&amp;', '&'))`);
  },
  async down(knex) {
    await knex.schema.alterTable('routine', (t) => {
      t.dropColumn('body_text');
    });
  },
};
