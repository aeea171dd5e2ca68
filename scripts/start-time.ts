/**
 * How long the production build takes to be ready (`npm run start-time`, after `npm run build`):
 * starts `node dist/server/src/main.js` (what `npm start` runs) on PGlite in a fresh data folder
 * and again on the same folder, each time measuring from the spawn until /api/v1/health answers
 * 200, and checks that the built web app is served. Prints both times; fails (exit 1) only if
 * the server does not come up, the health or the web app answer wrongly, or dist/ is missing.
 * Not a timed test: the figures are for the CI log and the README (target: under 3 s).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './crash/server.js';

const MAIN = 'dist/server/src/main.js';
const LIMIT_MS = 60_000;

/** Starts the build on `dataDir`, waits for health 200; returns ms to ready and the base URL, with a stop function. */
async function startOnce(dataDir: string): Promise<{ ms: number; base: string; stop(): Promise<void> }> {
  const port = await freePort();
  const t0 = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL; // PGlite
  const child = spawn(process.execPath, [MAIN], {
    env: { ...env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ROLE: 'all', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new Error('the server exited before it was ready');
    if (performance.now() - t0 > LIMIT_MS) {
      child.kill('SIGKILL');
      throw new Error(`not ready after ${LIMIT_MS} ms`);
    }
    const ok = await fetch(`${base}/api/v1/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const ms = performance.now() - t0;
  return {
    ms,
    base,
    stop: async () => {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
      if (!exited) child.kill('SIGKILL');
    },
  };
}

if (!existsSync(MAIN) || !existsSync('dist/web/index.html')) {
  console.error(`start-time: ${MAIN} or dist/web/index.html is missing: run npm run build first`);
  process.exit(1);
}
const dir = mkdtempSync(path.join(tmpdir(), 'kvh-start-'));
try {
  const first = await startOnce(dir);
  const page = await fetch(`${first.base}/inkorg`);
  const html = await page.text();
  if (page.status !== 200 || !html.includes('<div id="root"')) throw new Error(`the web app is not served from dist/web (${page.status})`);
  await first.stop();
  const second = await startOnce(dir);
  await second.stop();
  console.log(
    `production start (node ${MAIN}, PGlite): ready in ${(first.ms / 1000).toFixed(2)} s on a new data folder (database created and migrated), ${(second.ms / 1000).toFixed(2)} s on an existing one (target < 3 s)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
