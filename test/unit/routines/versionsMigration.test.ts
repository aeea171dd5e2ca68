/**
 * Migration 20261203_55 (routine versions): a database migrated up to just before it, holding
 * routines in the old shape (plain text, one version), is migrated on: every routine is still
 * there, each has version 1 adopted with its text escaped into HTML, and the routine row's text
 * in force is that HTML; rolling back restores the old shape.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../../src/config/index.js';
import { createDb } from '../../../src/db/index.js';
import { migrations, type Migration } from '../../../src/db/migrations/index.js';
import { databaseKinds } from '../../support/databases.js';

const source = (list: Migration[]): Knex.MigrationSource<Migration> => ({
  getMigrations: async () => list,
  getMigrationName: (m) => m.name,
  getMigration: async (m) => m,
});
const BEFORE = migrations.slice(
  0,
  migrations.findIndex((m) => m.name === '20261203_55_routine_versions'),
);
const OLD = [
  {
    id: 'rutin-a',
    title: 'A',
    kind: 'rutin',
    owner_role: 'enhetschef',
    decided_by: 'Socialnämnden',
    adopted_on: '2026-02-17',
    next_review_on: '2027-02-16',
    follow_up_by: 'KL',
    version: 1,
    body: 'Om <b> & annat',
  },
  {
    id: 'handbok-b',
    title: 'B',
    kind: 'handbok',
    owner_role: 'mas',
    decided_by: 'Medicinskt ansvarig sjuksköterska',
    adopted_on: '2025-10-01',
    next_review_on: '2026-11-15',
    follow_up_by: 'MAS',
    version: 3,
    body: 'Text',
  },
];

describe.each(databaseKinds())('the routine versions migration on %s', (kind) => {
  it('turns every routine into version 1 adopted (its number kept) without losing a row, and rolls back', async () => {
    const schema = kind === 'postgres' ? `rv_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}` : undefined;
    const db = kind === 'postgres' ? createDb({ url: testDatabaseUrl(), schema }) : createDb({});
    try {
      if (schema) await db.raw('create schema ??', [schema]);
      await db.migrate.latest({ migrationSource: source(BEFORE), schemaName: schema });
      // the rows as they were before 55 (the table types are today's)
      await db.table('routine').insert(OLD as never);
      await db('routine_link').insert({ routine_id: 'rutin-a', process_id: 'lex-sarah', element_id: 'Task_Report' });
      await db.migrate.latest({ migrationSource: source(migrations), schemaName: schema });
      const routines = await db('routine').orderBy('id').select('id', 'version', 'body', 'decision_level');
      expect(routines).toEqual([
        { id: 'handbok-b', version: 3, body: '<p>Text</p>', decision_level: 'mas' },
        { id: 'rutin-a', version: 1, body: '<p>Om &lt;b&gt; &amp; annat</p>', decision_level: 'namnd' },
      ]);
      const versions = await db('routine_version').orderBy('routine_id').select('routine_id', 'number', 'state', 'adopted_by');
      expect(versions).toEqual([
        { routine_id: 'handbok-b', number: 3, state: 'adopted', adopted_by: 'Medicinskt ansvarig sjuksköterska' },
        { routine_id: 'rutin-a', number: 1, state: 'adopted', adopted_by: 'Socialnämnden' },
      ]);
      expect(await db('routine_link').select('routine_id', 'element_id')).toEqual([{ routine_id: 'rutin-a', element_id: 'Task_Report' }]);
      // the second latest() was one batch: 55–57; rolling it back leaves the routines in their old shape
      await db.migrate.rollback({ migrationSource: source(migrations), schemaName: schema }, false);
      expect(await db.schema.hasTable('routine_version')).toBe(false);
      expect(await db('routine').orderBy('id').pluck('id')).toEqual(['handbok-b', 'rutin-a']);
    } finally {
      if (schema) await db.raw('drop schema if exists ?? cascade', [schema]);
      await db.destroy();
    }
  });
});
