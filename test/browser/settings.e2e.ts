/**
 * Inställningar (issue 15.4): the enhetschef gives an e-mail address and asks for new tasks at
 * once; a medarbetare reports a lex Sarah; the e-mail about the enhetschef's new task arrives
 * at the SMTP server, links to the task page, and says nothing about the case; the link opens
 * the task.
 */
import type { Page } from 'playwright-core';
import { login, newSwedishPage, pageChecker, type Journey, type JourneyContext } from './support.js';
import { waitFor } from '../support/waits.js';

export function settingsJourney({ browser, base, shots, mail }: JourneyContext): Journey {
  let page: Page;
  const check = pageChecker(shots, 'settings');
  const description = 'Brukaren fick fel tabletter vid lunch.';
  return {
    name: 'settings',
    steps: [
      {
        name: 'the enhetschef gives an e-mail address and asks for new tasks at once',
        run: async () => {
          page = await newSwedishPage(browser);
          await login(page, base, 'enhetschef');
          await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Inställningar' }).click();
          await page.getByRole('heading', { name: 'Inställningar', level: 1 }).waitFor();
          await page.getByLabel('E-postadress').fill('inte-en-adress');
          await page.getByRole('button', { name: 'Spara' }).click();
          await page.getByText('Ange en e-postadress som namn@exempel.se').waitFor();
          await page.getByLabel('E-postadress').fill('erik@kvh.test');
          await page.getByText('Genast, ett meddelande per uppgift').click();
          await page.getByRole('button', { name: 'Spara' }).click();
          await page.getByText('Inställningarna är sparade.').waitFor();
          await check(page, 'saved');
        },
      },
      {
        name: 'a lex Sarah report gives the enhetschef a task, and its e-mail arrives with a link and nothing about the case',
        run: async () => {
          // the report through the API as the medarbetare (the report form has its own journey)
          const session = await page.request.post(`${base}/api/v1/session`, { data: { username: 'medarbetare', password: 'demo' } });
          const { csrfToken } = (await session.json()) as { csrfToken: string };
          const started = await page.request.post(`${base}/api/v1/process-instances`, {
            headers: { 'X-CSRF-Token': csrfToken },
            data: {
              processId: 'lex-sarah',
              variables: {
                unitId: 'hemtjanst-solrosen',
                occurredAt: '2027-03-25T08:15+01:00',
                location: 'Rum 7',
                description,
                affectedPersons: 'En brukare',
                immediateActionsTaken: 'Sjuksköterska kontaktades.',
              },
            },
          });
          if (started.status() !== 201) throw new Error(`the report answered ${started.status()}`);
          const message = await waitFor(
            'the e-mail to erik@kvh.test',
            async () => (await mail.messages()).find((m) => m.to.includes('erik@kvh.test') && m.subject === 'Ny uppgift: Vidta omedelbara åtgärder'),
            30_000,
          );
          for (const secret of [description, 'Rum 7', 'Solrosen']) if (message.raw.includes(secret)) throw new Error(`the e-mail names the case: ${secret}`);
          const link = /http:\/\/kvh\.test\/(#\/tasks\/\d+)/.exec(message.text);
          if (!link) throw new Error(`no task link in the e-mail: ${message.text}`);
          // the link's path opens the task for the signed-in enhetschef (the session: the page's own, as the enhetschef)
          await login(page, base, 'enhetschef');
          await page.goto(`${base}/${link[1]}`);
          await page.getByRole('heading', { name: 'Vidta omedelbara åtgärder', level: 1 }).waitFor();
          await check(page, 'task-from-mail');
          await page.close();
        },
      },
    ],
  };
}
