/**
 * Migration: the organisation administered in the browser (issue 15 point 1). A node can be
 * deactivated (never deleted while tasks or cases name it) and a unit can be run by an external
 * provider, under LOV (lagen om valfrihetssystem) or a contract; a person can be deactivated
 * (their sessions end, log-in is refused, history keeps their name).
 */
import type { Migration } from './index.js';

export const orgAdminMigration: Migration = {
  name: '20261204_80_org_admin',
  async up(knex) {
    await knex.schema.alterTable('org_node', (t) => {
      t.boolean('active').notNullable().defaultTo(true);
      t.text('provider');
    });
    await knex.raw(
      "alter table org_node add constraint org_node_provider_check check (provider is null or (provider in ('lov', 'contract') and type = 'unit'))",
    );
    await knex.raw("alter table org_node add constraint org_node_id_shape check (id ~ '^[a-z0-9][a-z0-9-]{0,62}$')");
    await knex.raw('alter table org_node add constraint org_node_name_shape check (length(name) between 1 and 200)');
    await knex.schema.alterTable('app_user', (t) => {
      t.boolean('active').notNullable().defaultTo(true);
    });
  },
  async down(knex) {
    await knex.schema.alterTable('app_user', (t) => {
      t.dropColumn('active');
    });
    await knex.raw('alter table org_node drop constraint org_node_id_shape');
    await knex.raw('alter table org_node drop constraint org_node_name_shape');
    await knex.raw('alter table org_node drop constraint org_node_provider_check');
    await knex.schema.alterTable('org_node', (t) => {
      t.dropColumn('provider');
      t.dropColumn('active');
    });
  },
};
