/**
 * Sekretess between roles (issue 15 point 6) in Chromium: a medarbetare reports a lex Sarah and
 * follows it from the receipt to her case; the enhetschef and the utredare do their steps (through
 * the API, as the lex-sarah journey shows them in the UI), the socialchef decides it in the UI;
 * then the reporter opens her case again and sees her report and its status — not the
 * investigation, the assessment or the socialchef's reasoning, and no timeline — while the
 * socialchef sees them on the same page. axe-core checks and a screenshot on every page.
 */
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { LEX_SARAH_FORMS } from '../support/lexSarah.js';
import { inboxRow, login, logout, pageChecker, pickToday, sendReport, submitTask, type Journey, type JourneyContext, newSwedishPage } from './support.js';

/** An API session of `username` (its own browser context): the case's open tasks, and completing one. */
async function apiSession(browser: Browser, base: string, username: string) {
  const context = await browser.newContext();
  const api: APIRequestContext = context.request;
  const login = await api.post(`${base}/api/v1/session`, { data: { username, password: 'demo' } });
  if (login.status() !== 200) throw new Error(`login ${username}: ${login.status()}`);
  const headers = { 'X-CSRF-Token': ((await login.json()) as { csrfToken: string }).csrfToken };
  return {
    /** The key of the user's open task at `elementId` of the case, if there is one now. */
    async find(caseNumber: string, elementId: string): Promise<string | undefined> {
      const list = (await (await api.get(`${base}/api/v1/tasks?pageSize=200`)).json()) as {
        items: { key: string; caseNumber: string | null; elementId: string }[];
      };
      return list.items.find((t) => t.caseNumber === caseNumber && t.elementId === elementId)?.key;
    },
    async complete(key: string, elementId: string, variables: Record<string, unknown>): Promise<void> {
      const done = await api.post(`${base}/api/v1/tasks/${key}/completion`, { headers, data: { variables } });
      if (![202, 204].includes(done.status())) throw new Error(`${elementId}: ${done.status()} ${await done.text()}`);
    },
    close: () => context.close(),
  };
}

/**
 * The enhetschef's and the utredare's steps of the case, through the API (polling the inboxes
 * until the engine has created each task). When the governance journey ran before this one, new
 * reports run its version 2 of lex Sarah, which has one more step of the enhetschef's between
 * the two (Task_InformManager, with its one required field): it is done too when it comes.
 */
async function investigateThroughApi(browser: Browser, base: string, caseNumber: string): Promise<void> {
  const chef = await apiSession(browser, base, 'enhetschef');
  const utredare = await apiSession(browser, base, 'utredare');
  const wait = () => new Promise((r) => setTimeout(r, 250));
  try {
    let measures: string | undefined;
    for (let i = 0; i < 80 && !measures; i++) if (!(measures = await chef.find(caseNumber, 'Task_ImmediateMeasures'))) await wait();
    if (!measures) throw new Error(`enhetschef has no Task_ImmediateMeasures of ${caseNumber}`);
    await chef.complete(measures, 'Task_ImmediateMeasures', LEX_SARAH_FORMS.Task_ImmediateMeasures!);
    for (let i = 0; i < 80; i++) {
      const investigate = await utredare.find(caseNumber, 'Task_Investigate');
      if (investigate) return await utredare.complete(investigate, 'Task_Investigate', LEX_SARAH_FORMS.Task_Investigate!);
      const inform = await chef.find(caseNumber, 'Task_InformManager');
      if (inform) await chef.complete(inform, 'Task_InformManager', { informedNote: 'Muntligen vid morgonmötet.' });
      else await wait();
    }
    throw new Error(`utredare has no Task_Investigate of ${caseNumber}`);
  } finally {
    await chef.close();
    await utredare.close();
  }
}

export function sekretessJourney({ browser, base, shots }: JourneyContext): Journey {
  let page: Page;
  let caseNumber = '';
  let caseUrl = '';
  const motivation = 'Påtaglig risk för allvarlig skada, enligt socialchefens bedömning.';
  const check = pageChecker(shots, 'sekretess');
  const groupsNote = () => page.locator('#field-groups');
  return {
    name: 'sekretess',
    steps: [
      {
        name: 'a medarbetare reports a lex Sarah and follows it from the receipt to her case',
        run: async () => {
          page = await newSwedishPage(browser);
          await login(page, base, 'medarbetare');
          await page.getByRole('link', { name: 'Rapportera missförhållande (lex Sarah)' }).click();
          await page.locator('.fjs-form').waitFor();
          await page.getByLabel('Enhet där det hände').click();
          await page.locator('.fjs-dropdownlist-item', { hasText: 'Hemtjänst Solrosen' }).click();
          await pickToday(page, 'Datum då det hände');
          await page.getByLabel('Klockslag').fill('08:30');
          await page.getByLabel('Klockslag').press('Tab');
          await page.getByLabel('Var hände det?').fill('Köket');
          await page.getByLabel('Vad har hänt?').fill('Brukaren fick vänta på hjälp i två timmar.');
          await page.getByLabel('Vem eller vilka berörs?').fill('En brukare');
          caseNumber = await sendReport(page, 'LS');
          await page.getByRole('link', { name: 'Följ rapporten' }).click();
          await page.getByRole('heading', { level: 1, name: `Ärende ${caseNumber}` }).waitFor();
          caseUrl = page.url();
          await groupsNote().getByText('rapporten, status').waitFor();
          await page.getByText('Brukaren fick vänta på hjälp i två timmar.').waitFor();
          await check(page, 'reporter-before');
          await logout(page);
        },
      },
      {
        name: 'the enhetschef and the utredare do their steps, the socialchef decides the case in the UI',
        run: async () => {
          await investigateThroughApi(browser, base, caseNumber);
          await login(page, base, 'socialchef');
          const row = await inboxRow(page, caseNumber, 'Bedöm rapporten');
          await row.getByRole('link', { name: 'Bedöm rapporten', exact: true }).click();
          await page.locator('.fjs-form').waitFor();
          await page.getByLabel('Allvarligt missförhållande eller påtaglig risk för ett allvarligt missförhållande').check();
          await page.getByLabel('Motivering').fill(motivation);
          await submitTask(page);
        },
      },
      {
        name: "the socialchef's case page shows the assessment and the timeline",
        run: async () => {
          await page.goto(caseUrl);
          await page.getByRole('heading', { level: 1, name: `Ärende ${caseNumber}` }).waitFor();
          // the decision is in the case (the engine has moved on past it)
          for (let i = 0; i < 40 && !(await page.getByText(motivation).count()); i++) {
            await page.waitForTimeout(250);
            await page.reload();
            await page.getByRole('heading', { level: 1, name: `Ärende ${caseNumber}` }).waitFor();
          }
          await page.getByText(motivation).waitFor();
          await groupsNote().getByText('utredning och bedömning').waitFor();
          await page.getByRole('region', { name: 'Historik' }).getByText('Bedöm rapporten').first().waitFor();
          await check(page, 'socialchef');
          await logout(page);
        },
      },
      {
        name: 'the reporter opens her case again: her report and its status, not the assessment or the timeline',
        run: async () => {
          await login(page, base, 'medarbetare');
          await page.goto(caseUrl);
          await page.getByRole('heading', { level: 1, name: `Ärende ${caseNumber}` }).waitFor();
          await page.getByText('Brukaren fick vänta på hjälp i två timmar.').waitFor();
          await groupsNote().getByText('rapporten, status').waitFor();
          // the case's data and its timeline (the diagram names every step of the model, for everyone)
          const data = (await page.getByRole('region', { name: 'Uppgifter i ärendet' }).textContent()) ?? '';
          for (const hidden of [
            motivation,
            'allvarligt',
            LEX_SARAH_FORMS.Task_Investigate!.whyItHappened as string,
            LEX_SARAH_FORMS.Task_ImmediateMeasures!.immediateMeasures as string,
          ])
            if (data.includes(hidden)) throw new Error(`the reporter sees "${hidden}"`);
          if (await page.getByRole('region', { name: 'Historik' }).getByRole('listitem').count()) throw new Error('the reporter sees the timeline');
          if (await page.locator('#diagram .djs-element.path-marker, #diagram .djs-element.active-marker').count())
            throw new Error('the diagram marks where the case went');
          await check(page, 'reporter-after');
          await page.close();
        },
      },
    ],
  };
}
