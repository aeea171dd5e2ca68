/**
 * A manager opens a case: the enhetschef from a task's "Visa processen", the socialchef from
 * the process page's list of cases at a step. The instance page has the heading "Ärende
 * <case number>", the diagram marks the current step and the path taken, and the history
 * lists what happened. Runs after the journeys that leave open cases. Last, an admin retries
 * an incident from the instance page (a test-only model, fixtures/incident.bpmn, deployed and
 * started through the API).
 */
import { readFileSync } from 'node:fs';
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
  return {
    name: 'instance',
    steps: [
      {
        name: 'the enhetschef opens a case from a task\'s "Visa processen"',
        run: async () => {
          page = await newSwedishPage(browser);
          await login(page, base, 'enhetschef');
          await openTask(page, /Åtgärda direkt och bedöm|Bedöm och fördela|Vidta omedelbara åtgärder/);
          const caseNumber = await page.getByRole('complementary', { name: 'Om ärendet' }).locator('dd').first().textContent();
          await page.getByRole('link', { name: 'Visa processen' }).click();
          const shown = await checkInstancePage(page);
          if (shown !== caseNumber) throw new Error(`the task was ${caseNumber}, the instance page shows ${shown}`);
          await check(page, 'from-task');
          await logout(page);
        },
      },
      {
        name: 'the socialchef opens a case from the cases at a step of the process page',
        run: async () => {
          await login(page, base, 'socialchef');
          await page.goto(`${base}/#/processer/lex-sarah`);
          await page.getByRole('heading', { name: 'Steg i processen' }).waitFor();
          await page.getByRole('button', { name: 'Anmäl till IVO', exact: true }).click();
          const aside = page.getByRole('complementary', { name: 'Anmäl till IVO' });
          const link = aside
            .getByRole('list')
            .getByRole('link', { name: /^LS-\d{4}-\d+$/ })
            .first();
          await link.waitFor({ timeout: 15_000 });
          const caseNumber = await link.textContent();
          await check(page, 'process-step');
          await link.click();
          const shown = await checkInstancePage(page);
          if (shown !== caseNumber) throw new Error(`the list had ${caseNumber}, the instance page shows ${shown}`);
          await check(page, 'from-process');
          await page.close();
        },
      },
      {
        name: 'an admin sees an incident on the instance page and retries it',
        run: async () => {
          page = await newSwedishPage(browser);
          await login(page, base, 'admin');
          const content = readFileSync(new URL('./fixtures/incident.bpmn', import.meta.url), 'utf8');
          // the session's CSRF token, as the web app sends it (changing requests need it)
          const headers = { 'X-CSRF-Token': ((await (await page.request.get(`${base}/api/v1/me`)).json()) as { csrfToken: string }).csrfToken };
          const deployed = await page.request.post(`${base}/api/v1/deployments`, { headers, data: { resources: [{ name: 'e2e-incident.bpmn', content }] } });
          if (deployed.status() !== 201) throw new Error(`deploy: ${deployed.status()} ${await deployed.text()}`);
          const sent = await page.request.post(`${base}/api/v1/messages`, { headers, data: { name: 'kvh-e2e-incident-start' } });
          if (sent.status() !== 201) throw new Error(`message: ${sent.status()} ${await sent.text()}`);
          let key: string | undefined;
          for (let i = 0; i < 80 && !key; i++) {
            const list = (await (await page.request.get(`${base}/api/v1/process-instances?processId=e2e-incident&state=active`)).json()) as {
              items: { key: string }[];
            };
            key = list.items[0]?.key;
            if (!key) await page.waitForTimeout(250);
          }
          if (!key) throw new Error('the test instance did not start');
          // the incident comes from the engine a moment after the instance starts
          for (let i = 0; i < 40; i++) {
            await page.goto(`${base}/#/instances/${key}`);
            await page.getByRole('heading', { name: 'Incidenter' }).waitFor();
            if (await page.getByRole('button', { name: 'Försök igen' }).count()) break;
            await page.waitForTimeout(250);
          }
          await page.locator('#diagram .djs-element.incident-marker').first().waitFor();
          await check(page, 'incident');
          await page.getByRole('button', { name: 'Försök igen' }).click();
          await page.getByText('Incidenten är löst och steget körs igen.').waitFor();
          await check(page, 'incident-retried');
          await page.close();
        },
      },
    ],
  };
}
