/**
 * The migrations run from nothing (the suites' databases start from what globalSetup migrated
 * once, test/support/images.ts: this proves the path production takes, on every database).
 */
import { describe, expect, it } from 'vitest';
import { createDb, migrateLatest } from '../../src/db/index.js';
import { migrations } from '../../src/db/migrations/index.js';
import { testDatabaseUrl } from '../../src/config/index.js';
import { createTestDb, databaseKinds } from '../support/databases.js';

describe.each(databaseKinds())('database on %s', (kind) => {
  it('migrates from nothing: every migration, in order, then answers a query', async () => {
    // given an empty database: a fresh PGlite, or a new schema on the server
    const schema = kind === 'postgres' ? `m_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}` : undefined;
    const db = kind === 'postgres' ? createDb({ url: testDatabaseUrl(), schema }) : createDb({});
    try {
      // when it is migrated as at a start
      await migrateLatest(db, schema);
      // then every migration ran once, in the order of the list
      const ran = await db('knex_migrations').orderBy('id').pluck('name');
      expect(ran).toEqual(migrations.map((m) => m.name));
      // and migrating again changes nothing
      await migrateLatest(db, schema);
      expect(Number((await db('knex_migrations').count({ n: '*' }).first())?.n)).toBe(migrations.length);
      expect(Number((await db.raw('select 1 + 1 as two')).rows[0].two)).toBe(2);
    } finally {
      if (schema) await db.raw('drop schema if exists ?? cascade', [schema]);
      await db.destroy();
    }
  });

  it('gives each suite a migrated database of its own', async () => {
    const a = await createTestDb(kind);
    const b = await createTestDb(kind);
    try {
      expect(await a.db('knex_migrations').orderBy('id').pluck('name')).toEqual(migrations.map((m) => m.name));
      await a.db('org_node').insert({ id: 'only-in-a', name: 'A', type: 'unit' });
      expect(await b.db('org_node').where({ id: 'only-in-a' }).first()).toBeUndefined();
      // a delete's count, on either client (createDb's PGlite client answers it as pg does)
      expect(await b.db('org_node').where({ id: 'only-in-a' }).delete()).toBe(0);
      expect(await a.db('org_node').where({ id: 'only-in-a' }).delete()).toBe(1);
    } finally {
      await a.destroy();
      await b.destroy();
    }
  });
});
