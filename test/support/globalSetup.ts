/**
 * vitest globalSetup: migrates once per run and hands the suites the result (images.ts) — a
 * PGlite data-folder image in a temporary file and, with TEST_DATABASE_URL, a migrated template
 * database. Both are removed when the run ends. A migration that fails fails the whole run here.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { testDatabaseUrl } from '../../src/config/index.js';
import { createPostgresTemplate, dropDatabase, writePgliteImage } from './images.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the migrated PGlite data-folder image (uncompressed tar). */
    pgliteImage: string;
    /** Name of the migrated template database on the TEST_DATABASE_URL server ('' = none). */
    postgresTemplate: string;
  }
}

/** Makes the images; returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const file = path.join(os.tmpdir(), `kvh-pglite-${process.pid}-${randomBytes(4).toString('hex')}.tar`);
  const url = testDatabaseUrl();
  const [, template] = await Promise.all([writePgliteImage(file), url ? createPostgresTemplate(url) : undefined]);
  project.provide('pgliteImage', file);
  project.provide('postgresTemplate', template ?? '');
  return async () => {
    rmSync(file, { force: true });
    if (url && template) await dropDatabase(url, template);
  };
}
