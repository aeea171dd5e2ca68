/**
 * Claiming and completing a task: a medarbetare reports two avvikelser through Rapportera;
 * the enhetschef claims the first in Mina uppgifter with the keyboard only, sends its form
 * with a required field empty (the error is shown at that field), saves a draft, reloads and
 * gets the draft back, completes it, and then claims and hands back the second.
 */
import type { Page } from 'playwright-core';
import {
  chooseInFormSelect,
  inboxRow,
  login,
  logout,
  pageChecker,
  pickToday,
  sendReport,
  type Journey,
  type JourneyContext,
  newSwedishPage,
} from './support.js';

const TASK = 'Åtgärda direkt och bedöm';
const MEASURES = 'Vilka åtgärder har vidtagits direkt?';

/** Reports an avvikelse at Hemtjänst Solrosen through Rapportera; returns its case number. */
async function reportAvvikelse(page: Page, what: string): Promise<string> {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Rapportera' }).click();
  await page.getByRole('link', { name: 'Avvikelse', exact: true }).click();
  await page.locator('.fjs-form').waitFor();
  await chooseInFormSelect(page, 'Enhet där det hände', 'Hemtjänst Solrosen');
  await page.getByLabel('Socialtjänst (SoL)').check();
  await chooseInFormSelect(page, 'Vad gäller det?', 'Fall');
  await pickToday(page, 'Datum då det hände');
  await page.getByLabel('Klockslag').fill('09:30');
  await page.getByLabel('Klockslag').press('Tab');
  await page.getByLabel('Vad har hänt?').fill(what);
  return sendReport(page, 'AV');
}

/** Presses Tab until the focus is on the element with this accessible label (at most 150 times). */
async function tabTo(page: Page, label: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
    if (focused === label) return;
  }
  throw new Error(`Tab never reached "${label}"`);
}

export function claimTaskJourney({ browser, base, shots }: JourneyContext): Journey {
  let page: Page;
  const cases: string[] = [];
  const check = pageChecker(shots, 'claim-task');
  const measures = () => page.getByLabel(MEASURES);
  return {
    name: 'claim-task',
    steps: [
      {
        name: 'a medarbetare reports two avvikelser through Rapportera',
        run: async () => {
          page = await newSwedishPage(browser);
          await login(page, base, 'medarbetare');
          cases.push(await reportAvvikelse(page, 'Brukaren föll i badrummet.'));
          await check(page, 'receipt');
          cases.push(await reportAvvikelse(page, 'Brukaren föll i hallen.'));
          await logout(page);
        },
      },
      {
        name: 'the enhetschef claims the first with the keyboard only; the row then says "du"',
        run: async () => {
          await login(page, base, 'enhetschef');
          const row = await inboxRow(page, cases[0]!, TASK);
          await check(page, 'inbox');
          const claim = `Ta uppgiften: ${TASK} ${cases[0]}`;
          await page.getByRole('heading', { name: 'Mina uppgifter' }).focus();
          await tabTo(page, claim);
          await page.keyboard.press('Enter');
          await page.getByRole('status').getByText(`Du har tagit uppgiften ${TASK}.`).waitFor();
          await row.getByRole('cell', { name: 'du', exact: true }).waitFor();
          await row.getByRole('button', { name: `Lämna tillbaka: ${TASK} ${cases[0]}` }).waitFor();
          await check(page, 'inbox-claimed');
        },
      },
      {
        name: 'Skicka with a required field empty shows the error at that field',
        run: async () => {
          await (await inboxRow(page, cases[0]!, TASK)).getByRole('link', { name: TASK }).click();
          await page.locator('.fjs-form').waitFor();
          await page.getByRole('button', { name: 'Skicka' }).click();
          const field = page.locator('.fjs-form-field', { has: measures() });
          await field.locator('.fjs-form-field-error', { hasText: 'Fältet måste fyllas i.' }).waitFor();
          await page.getByRole('alert').getByText('Formuläret är inte korrekt ifyllt').waitFor();
          await check(page, 'task-errors');
        },
      },
      {
        name: 'a saved draft comes back after reloading',
        run: async () => {
          await measures().fill('Brukaren fick hjälp upp och larmet kontrollerades.');
          await page.getByRole('button', { name: 'Spara utkast' }).click();
          await page
            .getByRole('alert')
            .getByText(/^Utkastet sparades/)
            .waitFor();
          await page.reload();
          await page.locator('.fjs-form').waitFor();
          await page.getByText(/^Utkast från .* är inläst\.$/).waitFor();
          const value = await measures().inputValue();
          if (value !== 'Brukaren fick hjälp upp och larmet kontrollerades.') throw new Error(`the draft came back as "${value}"`);
          await check(page, 'task-draft');
        },
      },
      {
        name: 'filled in, the task is completed',
        run: async () => {
          await page.getByLabel(/^3 – Annan avvikelse/).check();
          await chooseInFormSelect(page, 'Sannolikhet att det händer igen', '2 – Liten');
          await chooseInFormSelect(page, 'Konsekvens om det händer', '2 – Liten');
          await page.getByLabel('Varför hände det?').fill('Mattan i badrummet låg löst.');
          // The server checks the form again: a completion that reaches it without a required
          // answer (here the request is changed on its way) comes back with the error at that field.
          const completion = '**/api/v1/tasks/*/completion';
          await page.route(completion, async (route) => {
            const body = route.request().postDataJSON() as { variables: Record<string, unknown> };
            delete body.variables.analysis;
            await route.continue({ postData: JSON.stringify(body) });
          });
          await page.getByRole('button', { name: 'Skicka' }).click();
          await page.getByText('Servern godtog inte formuläret:').waitFor();
          const serverError = page.locator('.fjs-form-field', { has: page.getByLabel('Varför hände det?') }).locator('.fjs-form-field-error');
          await serverError.getByText('obligatoriskt fält').waitFor();
          await check(page, 'task-server-error');
          await page.unroute(completion);
          await page.getByRole('button', { name: 'Skicka' }).click();
          await page.getByText('Uppgiften är slutförd.').waitFor();
          await page.locator('main tbody').waitFor();
          if (await page.locator('tbody tr', { hasText: cases[0]! }).filter({ hasText: TASK }).count())
            throw new Error('the completed task is still in the inbox');
          await check(page, 'inbox-done');
        },
      },
      {
        name: 'the second task can be claimed and handed back',
        run: async () => {
          const row = await inboxRow(page, cases[1]!, TASK);
          await row.getByRole('button', { name: `Ta uppgiften: ${TASK} ${cases[1]}` }).click();
          await row.getByRole('cell', { name: 'du', exact: true }).waitFor();
          await row.getByRole('button', { name: `Lämna tillbaka: ${TASK} ${cases[1]}` }).click();
          await page.getByRole('status').getByText(`Uppgiften ${TASK} är lämnad tillbaka.`).waitFor();
          await row.getByRole('button', { name: `Ta uppgiften: ${TASK} ${cases[1]}` }).waitFor();
          if (await row.getByRole('cell', { name: 'du', exact: true }).count()) throw new Error('the handed-back task still says "du"');
          await check(page, 'inbox-unclaimed');
          await page.close();
        },
      },
    ],
  };
}
