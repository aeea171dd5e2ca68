/**
 * Migration tests: a database of its own migrated through part of the list (PGlite in memory,
 * or a schema of its own on the server, dropped after), to fill in an older shape and migrate on.
 */
import type { Knex } from 'knex';
import { createDb, type Db } from '../../src/db/index.js';
import type { Migration } from '../../src/db/migrations/index.js';
import { testDatabaseUrl } from '../../src/config/index.js';

/** A knex migration source over a given list. */
export const migrationSource = (list: Migration[]): Knex.MigrationSource<Migration> => ({
  getMigrations: async () => list,
  getMigrationName: (m) => m.name,
  getMigration: async (m) => m,
});

/** Runs `body` on a fresh database migrated through `list`; `schema` is the server schema (undefined on PGlite). */
export async function migratedThrough(kind: string, list: Migration[], body: (db: Db, schema: string | undefined) => Promise<void>): Promise<void> {
  const schema = kind === 'postgres' ? `mt_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}` : undefined;
  const db = kind === 'postgres' ? createDb({ url: testDatabaseUrl(), schema }) : createDb({});
  try {
    if (schema) await db.raw('create schema ??', [schema]);
    await db.migrate.latest({ migrationSource: migrationSource(list), schemaName: schema });
    await body(db, schema);
  } finally {
    if (schema) await db.raw('drop schema if exists ?? cascade', [schema]);
    await db.destroy();
  }
}
