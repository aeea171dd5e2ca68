/**
 * Lex Sarah through the real UI in Chromium: a medarbetare reports from the home page, the
 * enhetschef sees and completes the task beside its form, the utredare investigates, the
 * socialchef assesses it as allvarligt, and the IVO task appears in the utredare's inbox.
 * axe-core checks the login, inbox, task and report pages.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource: string = require('node:fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Step { name: string; run(): Promise<void> }

/** Fails when axe finds serious or critical violations on the page. */
export async function checkA11y(page: Page, where: string): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) throw new Error(`axe on ${where}: ${bad.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(', ')}`);
}

export async function login(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill('demo');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Mina uppgifter' }).waitFor();
}

async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.getByRole('heading', { name: 'Logga in' }).waitFor();
}

/** Picks today's date in a form-js date field (its flatpickr input is read-only to typing). */
async function pickToday(page: Page, label: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.locator('.flatpickr-calendar.open .flatpickr-day.today').click();
}

/** Opens the task with this name from the inbox (waiting for the engine to create it). */
async function openTask(page: Page, name: string | RegExp): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const link = page.getByRole('link', { name });
    if (await link.count()) {
      await link.first().click();
      await page.locator('.fjs-form').waitFor();
      return;
    }
    await page.waitForTimeout(250);
    await page.reload();
    await page.getByRole('heading', { name: 'Mina uppgifter' }).waitFor();
  }
  throw new Error(`task ${String(name)} did not appear in the inbox`);
}

async function submitTask(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Skicka' }).click();
  await page.getByText('Uppgiften är slutförd.').waitFor();
}

/** The scenario as named steps (the runner reports each). */
export function lexSarahSteps(browser: Browser, base: string, shots: string): Step[] {
  let page: Page;
  return [
    { name: 'login page is accessible and the medarbetare logs in', run: async () => {
      page = await browser.newPage();
      await page.goto(`${base}/#/login`);
      await page.getByRole('heading', { name: 'Logga in' }).waitFor();
      await checkA11y(page, 'login');
      await login(page, base, 'medarbetare');
      await checkA11y(page, 'inbox');
    } },
    { name: 'medarbetare reports a lex Sarah from the home page', run: async () => {
      await page.getByRole('link', { name: 'Rapportera missförhållande (lex Sarah)' }).click();
      await page.locator('.fjs-form').waitFor();
      await page.getByLabel('Enhet där det hände').click();
      await page.locator('.fjs-dropdownlist-item', { hasText: 'Hemtjänst Solrosen' }).click();
      await pickToday(page, 'Datum då det hände');
      await page.getByLabel('Klockslag').fill('10:15');
      await page.getByLabel('Klockslag').press('Tab');
      await page.getByLabel('Var hände det?').fill('Rum 3');
      await page.getByLabel('Vad har hänt?').fill('Brukaren fick inte sin kvällsmedicin.');
      await page.getByLabel('Vem eller vilka berörs?').fill('En brukare i hemtjänsten');
      await checkA11y(page, 'report form');
      await page.getByRole('button', { name: 'Skicka' }).click();
      await page.getByRole('heading', { name: 'Din rapport är mottagen' }).waitFor();
      await logout(page);
    } },
    { name: 'enhetschef sees the task in the inbox and completes the immediate measures', run: async () => {
      await login(page, base, 'enhetschef');
      await openTask(page, 'Vidta omedelbara åtgärder');
      // the routine for this step is beside the form
      await page.getByRole('complementary', { name: 'Om ärendet' }).getByRole('link', { name: /lex Sarah/ }).waitFor();
      await checkA11y(page, 'task');
      await page.getByLabel('Vilka åtgärder har vidtagits för att avhjälpa eller undanröja missförhållandet?').fill('Rutinen för signering gicks igenom.');
      await pickToday(page, 'Datum då åtgärderna vidtogs');
      await page.getByLabel('Den enskildes säkerhet är tryggad').check();
      await submitTask(page);
      await logout(page);
    } },
    { name: 'utredare registers and investigates', run: async () => {
      await login(page, base, 'utredare');
      await openTask(page, 'Registrera och utred');
      await page.getByLabel('Nämndens ordförande och förvaltningschefen är informerade').check();
      await page.getByLabel('Vad har hänt?').fill('Kvällsmedicinen gavs inte.');
      await page.getByLabel('Varför hände det?').fill('Signeringslistan saknades.');
      await page.getByLabel('Den enskildes (eller företrädarens) syn på det som hänt').fill('Brukaren är orolig.');
      await page.getByLabel('Beskriv orsaker och bidragande faktorer').fill('Rutinen följdes inte.');
      await page.getByLabel('Hur kan det förhindras att det händer igen?').fill('Ny signeringsrutin.');
      await page.getByLabel('Vidtagna åtgärder').fill('Signeringslista införd.');
      await submitTask(page);
      await logout(page);
    } },
    { name: 'socialchef assesses it as allvarligt', run: async () => {
      await login(page, base, 'socialchef');
      await openTask(page, 'Bedöm rapporten');
      await page.getByLabel('Allvarligt missförhållande eller påtaglig risk för ett allvarligt missförhållande').check();
      await page.getByLabel('Motivering').fill('Påtaglig risk för allvarlig skada.');
      await submitTask(page);
      await logout(page);
    } },
    { name: 'the IVO task is in the utredare\'s inbox and the diagram shows where the case is', run: async () => {
      await login(page, base, 'utredare');
      await openTask(page, /IVO/);
      await page.getByRole('link', { name: 'Visa processen' }).click();
      await page.locator('#diagram svg .djs-element').first().waitFor();
      const marked = await page.locator('.active-marker').count();
      if (marked < 1) throw new Error('no active element is marked in the diagram');
      await page.screenshot({ path: `${shots}/instance.png` });
    } },
  ];
}
