/**
 * Migration: åtgärder (actions), one row per action decided anywhere (avvikelse, synpunkt,
 * lex Maria, riskanalys, internkontroll …), run by the shared called process bpmn/atgard.bpmn.
 * Numbered `AT-<year>-<nnnn>` (ASCII, so it is safe in any URL or file name); linked to its own process instance and to the case it came from
 * (source_case_number), so reports can count actions per case, unit and owner, and overdue ones.
 */
import type { Migration } from './index.js';

export const actionsMigration: Migration = {
  name: '20261201_08_actions',
  async up(knex) {
    await knex.schema.createTable('action_item', (t) => {
      t.increments('id').primary();
      t.text('case_number').notNullable().unique();
      t.integer('year').notNullable();
      t.integer('sequence').notNullable();
      t.text('process_instance_key').notNullable().unique();
      t.text('source_case_number').index();
      t.text('unit_id').index();
      t.text('title').notNullable();
      t.text('owner_role').notNullable();
      t.date('due_on').notNullable();
      t.text('status').notNullable().defaultTo('open');
      t.timestamp('implemented_at', { useTz: true });
      t.date('effect_follow_up_on');
      t.text('effect');
      t.timestamp('closed_at', { useTz: true });
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.unique(['year', 'sequence']);
    });
    await knex.raw(`alter table action_item add constraint action_item_status_check check (status in ('open', 'implemented', 'not-implemented', 'closed'))`);
    await knex.raw(`alter table action_item add constraint action_item_effect_check check (effect in ('ja', 'delvis', 'nej'))`);
  },
  async down(knex) {
    await knex.schema.dropTable('action_item');
  },
};
