/**
 * The databases each database-backed suite runs on: always PGlite (in memory), and a
 * PostgreSQL server when TEST_DATABASE_URL (or DATABASE_URL) is set. In CI a missing server
 * is an error, not a skip.
 */
import { randomBytes } from 'node:crypto';
import { createDb, migrateLatest, type Db } from '../../src/db/index.js';
import { testDatabaseUrl } from '../../src/config/index.js';

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

/** A fresh, migrated database: PGlite in memory, or a new schema on the PostgreSQL server. */
export async function createTestDb(kind: DatabaseKind): Promise<TestDb> {
  if (kind === 'pglite') {
    const db = createDb({});
    await migrateLatest(db);
    return {
      kind,
      db,
      reopen: () => {
        throw new Error('PGlite is single-connection: use postgres for multi-process tests');
      },
      destroy: () => db.destroy(),
    };
  }
  const url = testDatabaseUrl();
  if (!url) throw new Error('no TEST_DATABASE_URL');
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const db = createDb({ url, schema });
  await migrateLatest(db, schema);
  const extra: Db[] = [];
  return {
    kind,
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
