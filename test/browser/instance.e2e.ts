/**
 * A manager opens a case: the enhetschef from a task's "Visa processen", the socialchef from
 * the process page's list of cases at a step. The instance page has the heading "Ärende
 * <case number>", the diagram marks the current step and the path taken, and the history
 * lists what happened. Runs after the journeys that leave open cases.
 */
import type { Page } from 'playwright-core';
import { login, logout, openTask, pageChecker, type Journey, type JourneyContext, newSwedishPage } from './support.js';

/** Checks the instance page that is open: heading, markers, history; returns the case number. */
async function checkInstancePage(page: Page): Promise<string> {
  const heading = page.getByRole('heading', { level: 1, name: /^Ärende [A-Z]+-\d{4}-\d+$/ });
  await heading.waitFor();
  await page.locator('#diagram .djs-element.active-marker').first().waitFor();
  await page.locator('#diagram .djs-element.path-marker').first().waitFor();
  const history = page.getByRole('region', { name: 'Historik' }).getByRole('listitem');
  if ((await history.count()) < 2) throw new Error(`the history has ${await history.count()} entries`);
  return ((await heading.textContent()) ?? '').replace('Ärende ', '');
}

export function instanceJourney({ browser, base, shots }: JourneyContext): Journey {
  let page: Page;
  const check = pageChecker(shots, 'instance');
  return { name: 'instance', steps: [
    { name: 'the enhetschef opens a case from a task\'s "Visa processen"', run: async () => {
      page = await newSwedishPage(browser);
      await login(page, base, 'enhetschef');
      await openTask(page, /Åtgärda direkt och bedöm|Bedöm och fördela|Vidta omedelbara åtgärder/);
      const caseNumber = await page.getByRole('complementary', { name: 'Om ärendet' }).locator('dd').first().textContent();
      await page.getByRole('link', { name: 'Visa processen' }).click();
      const shown = await checkInstancePage(page);
      if (shown !== caseNumber) throw new Error(`the task was ${caseNumber}, the instance page shows ${shown}`);
      await check(page, 'from-task');
      await logout(page);
    } },
    { name: 'the socialchef opens a case from the cases at a step of the process page', run: async () => {
      await login(page, base, 'socialchef');
      await page.goto(`${base}/#/processer/lex-sarah`);
      await page.getByRole('heading', { name: 'Steg i processen' }).waitFor();
      await page.getByRole('button', { name: 'Anmäl till IVO', exact: true }).click();
      const aside = page.getByRole('complementary', { name: 'Anmäl till IVO' });
      const link = aside.getByRole('list').getByRole('link', { name: /^LS-\d{4}-\d+$/ }).first();
      await link.waitFor({ timeout: 15_000 });
      const caseNumber = await link.textContent();
      await check(page, 'process-step');
      await link.click();
      const shown = await checkInstancePage(page);
      if (shown !== caseNumber) throw new Error(`the list had ${caseNumber}, the instance page shows ${shown}`);
      await check(page, 'from-process');
      await page.close();
    } },
  ] };
}
