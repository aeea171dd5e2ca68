/**
 * Migration: `engine_instance.rev`, the revision of a call tree, on its root row. Every command
 * on a tree raises it by one in its write statement (writeBuffer.ts), so an engine that kept the
 * tree in memory after its last command (treeCache.ts) can tell, from the row it locks first,
 * whether anyone changed the tree since: the same revision means the kept rows are the rows.
 */
import type { Knex } from 'knex';
import type { Migration } from './index.js';

async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table engine_instance add column rev bigint not null default 0');
}

async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table engine_instance drop column rev');
}

export const engineInstanceRevMigration: Migration = { name: '20261202_36_engine_instance_rev', up, down };
