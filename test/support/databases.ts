/**
 * The databases each database-backed suite runs on: always PGlite (in memory), and a
 * PostgreSQL server when TEST_DATABASE_URL (or DATABASE_URL) is set. In CI a missing server
 * is an error, not a skip. Each suite's database starts from what globalSetup migrated once
 * for the run (images.ts); run outside vitest's globalSetup, it is migrated here as before.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { createDb, migrateLatest, PGLITE_OPTIONS, type Db } from '../../src/db/index.js';
import { testDatabaseUrl } from '../../src/config/index.js';
import { cloneDatabase, databaseName, databaseUrl, dropDatabase } from './images.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface TestDb {
  kind: DatabaseKind;
  db: Db;
  /** Opens a second, independent connection pool on the same database (multi-process tests). */
  reopen(): Db;
  destroy(): Promise<void>;
}

/** Which databases to run on. */
export function databaseKinds(): DatabaseKind[] {
  const url = testDatabaseUrl();
  if (!url && process.env.CI === 'true') {
    throw new Error('CI=true but no TEST_DATABASE_URL: the PostgreSQL suites must run in CI');
  }
  return url ? ['pglite', 'postgres'] : ['pglite'];
}

/** What globalSetup provided ('' when run without it). */
function provided(key: 'pgliteImage' | 'postgresTemplate'): string {
  try {
    return inject(key) ?? '';
  } catch {
    return '';
  }
}

// read once per worker process; every PGlite of the process starts from the same bytes
let image: Promise<Blob | undefined> | undefined;
function pgliteImage(): Promise<Blob | undefined> {
  const file = provided('pgliteImage');
  image ??= file ? readFile(file).then((b) => new Blob([b])) : Promise.resolve(undefined);
  return image;
}

/** A fresh, migrated database: PGlite in memory, or a new database (or schema) on the PostgreSQL server. */
export async function createTestDb(kind: DatabaseKind): Promise<TestDb> {
  if (kind === 'pglite') return createPglite();
  const url = testDatabaseUrl();
  if (!url) throw new Error('no TEST_DATABASE_URL');
  const template = provided('postgresTemplate');
  return template ? createFromTemplate(url, template) : createSchema(url);
}

async function createPglite(): Promise<TestDb> {
  const loadDataDir = await pgliteImage();
  const db = loadDataDir ? createDb({ pglite: new PGlite({ ...PGLITE_OPTIONS, loadDataDir }) }) : createDb({});
  if (!loadDataDir) await migrateLatest(db);
  return {
    kind: 'pglite',
    db,
    reopen: () => {
      throw new Error('PGlite is single-connection: use postgres for multi-process tests');
    },
    destroy: () => db.destroy(),
  };
}

/** A database of its own, copied from the run's migrated template; dropped by destroy. */
async function createFromTemplate(url: string, template: string): Promise<TestDb> {
  const name = databaseName(url, 's');
  await cloneDatabase(url, template, name);
  const own = databaseUrl(url, name);
  const pools = [createDb({ url: own })];
  return {
    kind: 'postgres',
    db: pools[0]!,
    reopen: () => {
      const other = createDb({ url: own });
      pools.push(other);
      return other;
    },
    destroy: async () => {
      await Promise.all(pools.map((d) => d.destroy()));
      await dropDatabase(url, name);
    },
  };
}

/** A schema of its own in the TEST_DATABASE_URL database, migrated from nothing; dropped by destroy. */
async function createSchema(url: string): Promise<TestDb> {
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const db = createDb({ url, schema });
  await migrateLatest(db, schema);
  const extra: Db[] = [];
  return {
    kind: 'postgres',
    db,
    reopen: () => {
      const other = createDb({ url, schema });
      extra.push(other);
      return other;
    },
    destroy: async () => {
      await Promise.all(extra.map((d) => d.destroy()));
      await db.raw('drop schema if exists ?? cascade', [schema]);
      await db.destroy();
    },
  };
}
