/** Migration: the organisation tree, users, server-side sessions and role assignments. */
import type { Migration } from './index.js';

export const organisationMigration: Migration = {
  name: '20261122_02_organisation',
  async up(knex) {
    await knex.schema.createTable('org_node', (t) => {
      t.text('id').primary();
      t.text('name').notNullable();
      t.text('type').notNullable(); // committee | administration | area | unit
      t.text('parent_id').references('id').inTable('org_node');
    });
    await knex.schema.createTable('app_user', (t) => {
      t.increments('id').primary();
      t.text('username').notNullable().unique();
      t.text('display_name').notNullable();
      t.text('password_hash').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    });
    await knex.schema.createTable('user_session', (t) => {
      t.text('token_hash').primary();
      t.integer('user_id').notNullable().references('id').inTable('app_user').onDelete('CASCADE');
      t.timestamp('expires_at', { useTz: true }).notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
    });
    await knex.schema.createTable('role_assignment', (t) => {
      t.integer('user_id').notNullable().references('id').inTable('app_user').onDelete('CASCADE');
      t.text('role').notNullable();
      t.text('node_id').notNullable().references('id').inTable('org_node');
      t.primary(['user_id', 'role', 'node_id']);
    });
  },
  async down(knex) {
    for (const t of ['role_assignment', 'user_session', 'app_user', 'org_node']) await knex.schema.dropTableIfExists(t);
  },
};
