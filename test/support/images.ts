/**
 * Migrated starting points for the suites' databases, made once per test run (globalSetup.ts)
 * instead of once per suite:
 *
 * - PGlite: one database migrated from nothing, checkpointed and dumped as a data-folder
 *   tarball (PGlite's `dumpDataDir`); each suite's PGlite starts from it (`loadDataDir`). A
 *   fresh PGlite runs initdb in a second WASM instance and then every migration; loading the
 *   image is one instance and an untar.
 * - PostgreSQL: one template database, migrated from nothing; each suite gets
 *   `CREATE DATABASE … TEMPLATE` of it (a file copy on the server, a fraction of running the
 *   migrations) and drops it afterwards. A database rather than a schema because PostgreSQL
 *   has no way to copy a schema except replaying its DDL (which is what the migrations are),
 *   and a database per suite also keeps LISTEN/NOTIFY and advisory locks of the suites apart.
 *   Both are named after the TEST_DATABASE_URL database with a random suffix, and only those
 *   are ever dropped. Without the CREATEDB right the suites fall back to a migrated schema each.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createDb, migrateLatest, PGLITE_OPTIONS } from '../../src/db/index.js';

/** Migrates a fresh in-memory PGlite and writes its data folder to `file` (an uncompressed tar). */
export async function writePgliteImage(file: string): Promise<void> {
  const pglite = new PGlite(PGLITE_OPTIONS);
  const db = createDb({ pglite });
  try {
    await migrateLatest(db);
    // The suites' PGlite lives in memory and dies with its suite: nothing it writes needs to
    // survive a crash, so it is spared the work that makes a commit durable (a WAL flush per
    // commit, full page images after each checkpoint); in memory that work is copying in
    // PGlite's file-system emulation. Saved in the image's postgresql.auto.conf, so every clone
    // starts with them. The engine's durability is proven on PostgreSQL (the crash suite).
    for (const setting of ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off']) await db.raw(`alter system set ${setting}`);
    // a clean starting point: nothing for the clones to replay from the WAL
    await db.raw('checkpoint');
    const image = await pglite.dumpDataDir('none');
    writeFileSync(file, new Uint8Array(await image.arrayBuffer()));
  } finally {
    await db.destroy();
  }
}

/** The URL of another database on the same server as `url`. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A new database name on the server of `url`: its own database's name, `kind` and a random suffix. */
export function databaseName(url: string, kind: string): string {
  const base =
    decodeURIComponent(new URL(url).pathname.slice(1))
      .replace(/[^a-zA-Z0-9_]/g, '_')
      .slice(0, 40) || 'kvh';
  return `${base}_${kind}_${randomBytes(4).toString('hex')}`;
}

/**
 * Creates and migrates a template database beside the database of `url`; undefined when the
 * server refuses CREATE DATABASE (no CREATEDB right: suites then migrate a schema each).
 */
export async function createPostgresTemplate(url: string): Promise<string | undefined> {
  const name = databaseName(url, 'tpl');
  const admin = createDb({ url, poolMax: 1 });
  try {
    await admin.raw('create database ??', [name]);
  } catch (e) {
    if ((e as { code?: string }).code === '42501') return undefined;
    throw e;
  } finally {
    await admin.destroy();
  }
  const db = createDb({ url: databaseUrl(url, name), poolMax: 1 });
  try {
    await migrateLatest(db);
  } catch (e) {
    await db.destroy();
    await dropDatabase(url, name);
    throw e;
  }
  // no connection may stay open on a template while it is copied
  await db.destroy();
  return name;
}

/** Creates database `name` as a copy of `template` on the server of `url`. */
export async function cloneDatabase(url: string, template: string, name: string): Promise<void> {
  const admin = createDb({ url, poolMax: 1 });
  try {
    await admin.raw('create database ?? template ??', [name, template]);
  } finally {
    await admin.destroy();
  }
}

/** Drops database `name` (one this run created), closing what is still connected to it. */
export async function dropDatabase(url: string, name: string): Promise<void> {
  const admin = createDb({ url, poolMax: 1 });
  try {
    await admin.raw('drop database if exists ?? with (force)', [name]);
  } finally {
    await admin.destroy();
  }
}
