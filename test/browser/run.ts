/**
 * Runs the browser journeys against the real server in Debian's Chromium (never a downloaded
 * browser). Prints one line per step and a closing `N passed, N failed`; screenshots go to
 * BROWSER_SHOTS (default test-results/browser), whose absolute path is printed.
 * `tsx test/browser/run.ts lex-sarah process` runs only the named journeys.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { adminJourney } from './admin.e2e.js';
import { claimTaskJourney } from './claimTask.e2e.js';
import { deviationsJourney } from './deviations.e2e.js';
import { eServiceJourney } from './eService.e2e.js';
import { governanceJourney } from './governance.e2e.js';
import { formsJourney } from './forms.e2e.js';
import { firstStartJourney } from './firstStart.e2e.js';
import { instanceJourney } from './instance.e2e.js';
import { languageJourney } from './language.e2e.js';
import { lexSarahJourney } from './lexSarah.e2e.js';
import { loggkontrollJourney } from './loggkontroll.e2e.js';
import { processMapJourney } from './processMap.e2e.js';
import { routinesJourney } from './routines.e2e.js';
import { sekretessJourney } from './sekretess.e2e.js';
import { settingsJourney } from './settings.e2e.js';
import { startServer } from './server.js';
import { cspViolations, type Journey, type JourneyContext } from './support.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.js';
import { startSmtpSink } from '../support/smtpSink.js';

// In this order: the process and instance journeys read the cases the earlier ones leave open.
const JOURNEYS: ((ctx: JourneyContext) => Journey)[] = [
  lexSarahJourney,
  claimTaskJourney,
  eServiceJourney,
  processMapJourney,
  instanceJourney,
  languageJourney,
  governanceJourney,
  routinesJourney,
  formsJourney,
  // last: their cases (an avvikelse, a lex Sarah) are more open cases at Hemtjänst Solrosen, which no journey before them expects
  deviationsJourney,
  settingsJourney,
  // last: its lex Sarah is one more open case at Hemtjänst Solrosen
  sekretessJourney,
  // last: the nodes and people it adds are more units in every list
  adminJourney,
  // last: the MAS reviews the reads of two more lex Sarah cases (one at Linden) it reports and reads
  loggkontrollJourney,
  // a server of its own (production mode, an empty database): in any place; last, as it starts one more server
  firstStartJourney,
];

const SHOTS = path.resolve(process.env.BROWSER_SHOTS ?? 'test-results/browser');
rmSync(SHOTS, { recursive: true, force: true });
mkdirSync(SHOTS, { recursive: true });
const only = process.argv.slice(2);

// the app's e-mail goes to a real SMTP server of its own (scripts/smtp-sink.ts)
const mail = await startSmtpSink();
const server = await startServer({ SMTP_URL: mail.url, MAIL_POLL_MS: '100', PUBLIC_BASE_URL: 'http://kvh.test' });
const health = (await (await fetch(`${server.url}/api/v1/health`)).json()) as { engine: string; database: string };
console.log(`server: engine ${health.engine}, database ${health.database}`);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: CHROMIUM_ARGS,
});
let passed = 0;
let failed = 0;
try {
  for (const make of JOURNEYS) {
    const journey = make({ browser, base: server.url, shots: SHOTS, mail });
    if (only.length && !only.includes(journey.name)) continue;
    console.log(`${journey.name}:`);
    // Each journey's steps depend on the ones before; a failed step ends its journey.
    for (const step of journey.steps) {
      try {
        await step.run();
        passed++;
        console.log(`  ✓ ${step.name}`);
      } catch (e) {
        failed++;
        // eslint-disable-next-line no-control-regex -- terminal colour codes
        const lines = (e as Error).message.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
        // Playwright's call log names the locator it waited for
        console.log(`  ✗ ${step.name}: ${lines[0]} ${lines.find((l) => l.includes('waiting for')) ?? ''}`);
        for (const ctx of browser.contexts())
          for (const [i, p] of ctx.pages().entries())
            await p.screenshot({ path: path.join(SHOTS, `${journey.name}-failure-${i}.png`), fullPage: true }).catch(() => {});
        break;
      }
    }
    for (const ctx of browser.contexts()) await ctx.close();
  }
  console.log(`screenshots: ${SHOTS}`);
  // the CSP is strict (src/http/security.ts): the pages must pass it, every journey's page
  console.log(`csp: ${cspViolations.length} violations`);
  for (const v of [...new Set(cspViolations)].slice(0, 20)) console.log(`  ✗ ${v}`);
  if (cspViolations.length) failed++;
} finally {
  await browser.close();
  await server.stop();
  await mail.stop();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
