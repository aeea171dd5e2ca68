/**
 * Shared pieces of the browser journeys: steps, accessibility checks (axe-core), numbered
 * full-page screenshots, logging in and out, and waiting for tasks (the engine creates them
 * asynchronously: on Camunda up to a second or so later, so everything here polls).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { SmtpSink } from '../support/smtpSink.js';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Step {
  name: string;
  run(): Promise<void>;
}

/**
 * What the browser refused under the server's Content Security Policy, on any journey's page
 * (Chromium reports each refusal as a console error): the runner fails when there is any.
 */
export const cspViolations: string[] = [];

/** Every journey's page: a Swedish user in Stockholm (form-js's date fields follow the browser's locale). */
export async function newSwedishPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ reducedMotion: 'reduce', locale: 'sv-SE', timezoneId: 'Europe/Stockholm', viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text().slice(0, 300)}`);
  });
  return page;
}

/** A journey: named steps that depend on the ones before (a failed step ends the journey). */
export interface Journey {
  name: string;
  steps: Step[];
}

/** What every journey gets from the runner. */
export interface JourneyContext {
  browser: Browser;
  base: string;
  shots: string;
  /** The SMTP server the app sends its e-mail to (test/support/smtpSink.ts): the journeys read what it got. */
  mail: SmtpSink;
}

/** Fails when axe finds serious or critical violations on the page. */
async function checkA11y(page: Page, where: string): Promise<void> {
  // evaluated through the DevTools protocol, not as an inline <script>: the page's CSP refuses those
  // what is checked is the page at rest: a notification still fading in has no contrast yet
  await page.evaluate(() => Promise.all(document.getAnimations().map((an) => an.finished.catch(() => undefined))));
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axeSource}\n;window.axe = axe;`);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length)
    throw new Error(
      `axe on ${where}: ${bad.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}: ${JSON.stringify(v.nodes.map((n) => (n as { target?: unknown }).target))})`).join(', ')}`,
    );
}

/**
 * Checks a page for a journey: axe, then a full-page screenshot `<shots>/<journey>-<nn>-<page>.png`
 * (numbered in the order taken, so the folder reads as the journey).
 */
export function pageChecker(shots: string, journey: string): (page: Page, name: string, opts?: { a11y?: boolean }) => Promise<void> {
  let n = 0;
  return async (page, name, { a11y = true } = {}) => {
    if (a11y) await checkA11y(page, `${journey}/${name}`);
    n++;
    await page.screenshot({ path: path.join(shots, `${journey}-${String(n).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
}

/**
 * Polls `check` every 250 ms for up to `ms`, reloading the page in between and waiting for
 * `ready` (by default the inbox's table body: its rows are loaded after the heading).
 */
export async function pollWithReload(page: Page, check: () => Promise<boolean>, what: string, opts: { ms?: number; ready?: string } = {}): Promise<void> {
  const { ms = 20_000, ready = 'main tbody' } = opts;
  const deadline = Date.now() + ms;
  await page.locator(ready).first().waitFor();
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what} did not appear within ${ms / 1000} s`);
    await page.waitForTimeout(250);
    await page.reload();
    await page.locator(ready).first().waitFor();
  }
}

export async function login(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill('demo');
  await page.getByRole('button', { name: 'Logga in' }).click();
  // process owners land on the Processkarta, everyone else on Mina uppgifter
  await page.getByRole('heading', { level: 1, name: /^(Mina uppgifter|Processkarta)$/ }).waitFor();
}

/** Goes to Mina uppgifter through the menu, unless already there. */
async function gotoInbox(page: Page): Promise<void> {
  if (await page.getByRole('heading', { level: 1, name: 'Mina uppgifter' }).count()) return;
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: /^Mina uppgifter/ })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Mina uppgifter' }).waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.getByRole('heading', { name: 'Logga in' }).waitFor();
}

/** Picks today's date in a form-js date field (its flatpickr input is read-only to typing). */
export async function pickToday(page: Page, label: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.locator('.flatpickr-calendar.open .flatpickr-day.today').click();
}

/** Chooses an option in a form-js select (a dropdown list, not a native select). */
export async function chooseInFormSelect(page: Page, label: string, option: string): Promise<void> {
  // a searchable select opens from its input; one without search from its display (its input is hidden)
  const field = page.locator('.fjs-form-field', { has: page.locator('label', { hasText: label }) });
  await field.locator('input.fjs-input, .fjs-select-display').first().click();
  await page.locator('.fjs-dropdownlist-item', { hasText: option }).first().click();
}

/** The inbox row of the task with this case number (waiting for the engine to create it). */
export async function inboxRow(page: Page, caseNumber: string, taskName: string): Promise<Locator> {
  const row = page.locator('tbody tr', { hasText: caseNumber }).filter({ has: page.getByRole('link', { name: taskName, exact: true }) });
  await gotoInbox(page);
  await pollWithReload(page, async () => (await row.count()) > 0, `task ${taskName} of ${caseNumber}`);
  return row;
}

/** Opens the task with this name from the inbox (waiting for the engine to create it). */
export async function openTask(page: Page, name: string | RegExp): Promise<void> {
  const link = page.getByRole('link', { name });
  await gotoInbox(page);
  await pollWithReload(page, async () => (await link.count()) > 0, `task ${String(name)}`);
  // A click can land while the inbox re-renders its rows (seen once in CI: the page stayed on the
  // inbox with the task listed); click again until the task's route is open.
  for (let attempt = 1; !/#\/tasks\//.test(page.url()); attempt++) {
    await link.first().click();
    const until = Date.now() + 5_000;
    while (!/#\/tasks\//.test(page.url()) && Date.now() < until) await page.waitForTimeout(100);
    if (attempt === 3 && !/#\/tasks\//.test(page.url())) throw new Error(`the task ${String(name)} did not open`);
  }
  await page.locator('.fjs-form').waitFor();
}

/** Presses Skicka on a task and waits for the inbox's confirmation. */
export async function submitTask(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Skicka' }).click();
  await page.getByText('Uppgiften är slutförd.').waitFor();
}

/** Sends a start form and returns the case number from the receipt (waits up to ~10 s for it). */
export async function sendReport(page: Page, series: string): Promise<string> {
  await page.getByRole('button', { name: 'Skicka' }).click();
  await page.getByRole('heading', { name: 'Din rapport är mottagen' }).waitFor();
  const receipt = page.locator('#receipt');
  await receipt.getByText(new RegExp(`^Ärendenummer: ${series}-\\d{4}-\\d+$`)).waitFor({ timeout: 10_000 });
  return ((await receipt.textContent()) ?? '').replace('Ärendenummer: ', '');
}
