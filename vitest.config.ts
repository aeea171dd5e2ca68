import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // the suites, and the web app's component tests beside their components (web/src/**/*.test.tsx)
    include: ['test/**/*.test.ts', 'web/src/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Migrates once per run: a PGlite image and a PostgreSQL template database each suite starts from.
    globalSetup: ['test/support/globalSetup.ts'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    isolate: false,
    // Suites on Camunda share one broker and its (pinned) clock: one test file at a time then.
    fileParallelism: !process.env.TEST_ZEEBE_REST_ADDRESS,
    reporters: ['default'],
  },
});
