/**
 * Runs the browser tests against the real server in Debian's Chromium (never a downloaded
 * browser). Prints one line per step and a closing `N passed, N failed`.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { eServiceSteps } from './eService.e2e.js';
import { lexSarahSteps } from './lexSarah.e2e.js';
import { startServer } from './server.js';

const SHOTS = 'test-results';
mkdirSync(SHOTS, { recursive: true });

const server = await startServer();
const health = (await (await fetch(`${server.url}/api/v1/health`)).json()) as { engine: string; database: string };
console.log(`server: engine ${health.engine}, database ${health.database}`);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let passed = 0;
let failed = 0;
try {
  // Each journey's steps depend on the ones before; a failed step ends its journey.
  for (const journey of [lexSarahSteps(browser, server.url, SHOTS), eServiceSteps(browser, server.url, SHOTS)]) {
    for (const step of journey) {
      try {
        await step.run();
        passed++;
        console.log(`  ✓ ${step.name}`);
      } catch (e) {
        failed++;
        console.log(`  ✗ ${step.name}: ${(e as Error).message.split('\n')[0]}`);
        for (const ctx of browser.contexts()) for (const p of ctx.pages()) await p.screenshot({ path: `${SHOTS}/failure-${passed + failed}.png` }).catch(() => {});
        break;
      }
    }
  }
  console.log(`screenshots: ${SHOTS}/`);
} finally {
  await browser.close();
  await server.stop();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
