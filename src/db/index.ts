/**
 * Database access: knex over a PostgreSQL server (DATABASE_URL) or PGlite (PostgreSQL in
 * WASM) in a data folder. The same migrations and SQL serve both.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes, type PGliteOptions } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import { migrations } from './migrations/index.js';
export type * from './tables.js';

export type Db = Knex;

// int8 (bigint) columns come back as strings (Zeebe-style keys) from both drivers (PGlite would
// give a BigInt); numeric counts as numbers. tables.ts types them so.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => v);
/** Options every PGlite gets (tests that open one themselves pass them too). */
export const PGLITE_OPTIONS: PGliteOptions = { parsers: { [pgliteTypes.INT8]: (v: string) => v } };

export interface DbOptions {
  /** postgres:// URL; unset = PGlite. */
  url?: string;
  /** PGlite data folder; unset with no url = in memory. */
  dataDir?: string;
  /** PostgreSQL schema to use (tests isolate each file in its own schema). */
  schema?: string;
  /** Pool size for a PostgreSQL server. */
  poolMax?: number;
  /**
   * An open PGlite to use (no url): tests start each suite's from one migrated data-folder
   * image (PGlite's `loadDataDir`) instead of running initdb and the migrations again.
   */
  pglite?: PGlite;
}

/**
 * knex-pglite names a response's command after knex's method, so a `delete()` (method `del`)
 * reaches knex's postgres dialect as command `DEL`, not `DELETE`, and comes back as the raw
 * result (truthy even when nothing was removed) instead of the count pg gives.
 */
class PgLiteClient extends (ClientPgLite as unknown as new (config: Knex.Config) => { processResponse(obj: { method?: string }, runner: unknown): unknown }) {
  override processResponse(obj: { method?: string }, runner: unknown): unknown {
    return super.processResponse(obj.method === 'del' ? { ...obj, method: 'delete' } : obj, runner);
  }
}

/** Opens a knex instance for the given options. Does not migrate. */
export function createDb(opts: DbOptions): Db {
  if (opts.url) {
    return knexFactory({
      client: 'pg',
      connection: opts.url,
      searchPath: opts.schema ? [opts.schema] : undefined,
      pool: { min: 0, max: opts.poolMax ?? 10 },
    });
  }
  let dataDir: string | undefined;
  if (!opts.pglite && opts.dataDir) {
    dataDir = path.resolve(opts.dataDir, 'pglite');
    mkdirSync(dataDir, { recursive: true });
  }
  const pglite = opts.pglite ?? new PGlite({ ...PGLITE_OPTIONS, dataDir });
  // knex-pglite takes an open PGlite as its connection (not a knex connection type)
  const connection: Record<string, unknown> = { pglite };
  return knexFactory({ client: PgLiteClient as unknown as typeof Knex.Client, dialect: 'postgres', connection });
}

/** The static migration source: the list in migrations/index.ts, applied in order. */
const migrationSource: Knex.MigrationSource<(typeof migrations)[number]> = {
  getMigrations: async () => migrations,
  getMigrationName: (m) => m.name,
  getMigration: async (m) => m,
};

/** Brings the schema up to date. Safe to call on every start. */
export async function migrateLatest(db: Db, schema?: string): Promise<void> {
  if (schema) await db.raw('create schema if not exists ??', [schema]);
  await db.migrate.latest({ migrationSource, schemaName: schema });
}

/** Whether the database is a PostgreSQL server (true) or PGlite (false). */
export function isServer(db: Db): boolean {
  return (db.client as { config: Knex.Config }).config.client === 'pg';
}

/**
 * A `date` column as `YYYY-MM-DD`, or undefined when null: pg gives a Date at local midnight,
 * PGlite may give a string.
 */
export function dateColumn(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${v.getFullYear()}-${p(v.getMonth() + 1)}-${p(v.getDate())}`;
  }
  return (typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 10);
}
