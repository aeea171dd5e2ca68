/**
 * Loggkontroll (issue 15 point 5) in Chromium: a medarbetare reports two lex Sarah cases (through
 * the API), one at her own unit and one at another, and reads both in the UI; the enhetschef reads
 * the case at her unit. Then the MAS opens Loggkontroll, filters by the medarbetare and finds her
 * reads, opens the view of reads outside one's own unit and finds the read at the other unit (and
 * not the one at her own), and exports the CSV. axe-core checks and a screenshot on every page.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { LEX_SARAH_REPORT } from '../support/lexSarah.js';
import { login, logout, newSwedishPage, pageChecker, type Journey, type JourneyContext } from './support.js';

/** Starts a lex Sarah report at `unitId` as `username` through the API; returns the instance key. */
async function reportThroughApi(browser: Browser, base: string, username: string, unitId: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const api = context.request;
    const session = await api.post(`${base}/api/v1/session`, { data: { username, password: 'demo' } });
    if (session.status() !== 200) throw new Error(`login ${username}: ${session.status()}`);
    const headers = { 'X-CSRF-Token': ((await session.json()) as { csrfToken: string }).csrfToken };
    const started = await api.post(`${base}/api/v1/process-instances`, {
      headers,
      data: { processId: 'lex-sarah', variables: { ...LEX_SARAH_REPORT, unitId } },
    });
    if (started.status() !== 201) throw new Error(`start: ${started.status()} ${await started.text()}`);
    return ((await started.json()) as { key: string }).key;
  } finally {
    await context.close();
  }
}

/** Opens a case's page (the instance page) and waits for its heading. */
async function readCase(page: Page, base: string, key: string): Promise<void> {
  await page.goto(`${base}/#/instances/${key}`);
  await page.getByRole('heading', { level: 1, name: /^Ärende / }).waitFor();
}

export function loggkontrollJourney({ browser, base, shots }: JourneyContext): Journey {
  let page: Page;
  let ownKey = '';
  let otherKey = '';
  const check = pageChecker(shots, 'loggkontroll');
  const rows = () => page.getByRole('table', { name: 'Loggrader' }).locator('tbody tr');
  return {
    name: 'loggkontroll',
    steps: [
      {
        name: 'a medarbetare reads her two reports, one at her own unit and one at Linden; the enhetschef reads the one at her unit',
        run: async () => {
          ownKey = await reportThroughApi(browser, base, 'medarbetare', 'hemtjanst-solrosen');
          otherKey = await reportThroughApi(browser, base, 'medarbetare', 'vobo-linden');
          page = await newSwedishPage(browser);
          await login(page, base, 'medarbetare');
          await readCase(page, base, ownKey);
          await readCase(page, base, otherKey);
          await check(page, 'medarbetare-case');
          await logout(page);
          await login(page, base, 'enhetschef');
          await readCase(page, base, ownKey);
          await logout(page);
        },
      },
      {
        name: 'the MAS opens Loggkontroll from the menu, filters by the medarbetare and finds her reads',
        run: async () => {
          await login(page, base, 'mas');
          await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Loggkontroll' }).click();
          await page.getByRole('heading', { level: 1, name: 'Loggkontroll' }).waitFor();
          await page.getByLabel('Person (användarnamn)').fill('medarbetare');
          await page.getByRole('button', { name: 'Visa' }).click();
          await rows().filter({ hasText: 'Vård- och omsorgsboendet Linden' }).filter({ hasText: 'Läste' }).first().waitFor();
          await rows().filter({ hasText: 'Hemtjänst Solrosen' }).filter({ hasText: 'Läste' }).first().waitFor();
          // only her rows: nobody else's name in the table
          if (await rows().filter({ hasText: 'Erik Enhetschef' }).count()) throw new Error('the person filter shows the enhetschef');
          await check(page, 'filtered');
        },
      },
      {
        name: 'opens the view of reads outside one’s own unit: the read at Linden, not the one at her own unit',
        run: async () => {
          await page.getByRole('tab', { name: 'Läsningar utanför egen enhet' }).click();
          await rows().filter({ hasText: 'Vård- och omsorgsboendet Linden' }).first().waitFor();
          if (await rows().filter({ hasText: 'Hemtjänst Solrosen' }).count()) throw new Error('a read at her own unit is shown as outside it');
          await check(page, 'outside-unit');
        },
      },
      {
        name: 'exports the view as CSV: the file holds her read at Linden',
        run: async () => {
          const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exportera CSV' }).click()]);
          const file = await download.path();
          const csv = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
          const lines = csv.trim().split('\r\n');
          if (!lines[0]?.startsWith('tid;person;namn;handling')) throw new Error(`unexpected CSV header: ${lines[0]}`);
          if (!lines.slice(1).some((l) => l.includes(';medarbetare;') && l.includes('vobo-linden'))) throw new Error('the export lacks the read at Linden');
          if (lines.slice(1).some((l) => l.includes('hemtjanst-solrosen'))) throw new Error('the export holds reads at her own unit');
          await page.getByRole('tab', { name: 'Många ärenden på kort tid' }).click();
          await page.getByText(/Personer som har läst minst 10 olika ärenden/).waitFor();
          await check(page, 'bursts');
        },
      },
    ],
  };
}
