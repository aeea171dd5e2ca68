/**
 * From an empty database to the organisation's own staff working (issue 15, "done when"): a
 * server of its own in production mode (NODE_ENV=production: no demo data, Secure cookie, the
 * first start), on a fresh data folder. The installer gives the one-time code (a wrong one is
 * refused), the organisation's top node and the first administrator; the administrator signs in,
 * imports the organisation and the people from CSV (people who will sign in through the
 * identity provider), adds two people with a password and gives them roles at a unit; the
 * medarbetare signs in and reports a lex Sarah at her unit, and the unit's enhetschef has the
 * case's first task in the inbox. Nothing is typed into a file or the database. Axe and a
 * screenshot on each page.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { inboxRow, logout, newSwedishPage, pageChecker, pickToday, sendReport, type Journey, type JourneyContext } from './support.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
const CODE = 'engangskod-fran-serverns-logg';
const PASSWORD = 'ett långt lösenord 2026';

async function signIn(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { level: 1, name: /^(Mina uppgifter|Processkarta|Organisation)$/ }).waitFor();
}

/** Adds a person with a password and one role at a node (Administration → Personer). */
async function addPerson(page: Page, username: string, name: string, role: string, node: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Personer' }).click();
  await page.getByRole('heading', { name: 'Personer', level: 1 }).waitFor();
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Namn', { exact: true }).fill(name);
  await page.locator('#person-password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Lägg till' }).click();
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Lägg till roll' }).click();
  await page.locator('#assignment-0-role').selectOption(role);
  await page.locator('#assignment-0-node').selectOption(node);
  await page.getByRole('button', { name: 'Spara rollerna' }).click();
  await page.getByText('Sparat').waitFor();
}

export function firstStartJourney({ browser, shots }: JourneyContext): Journey {
  let server: RunningServer | undefined;
  let base = '';
  let page: Page;
  let caseNumber = '';
  const check = pageChecker(shots, 'forstastart');
  return {
    name: 'forstastart',
    steps: [
      {
        name: 'an empty installation in production asks for the first start; a wrong code is refused, the right one makes the administrator',
        run: async () => {
          server = await startServer({ NODE_ENV: 'production', SETUP_TOKEN: CODE });
          base = server.url;
          page = await newSwedishPage(browser);
          await page.goto(base);
          await page.getByRole('heading', { level: 1, name: 'Första start' }).waitFor();
          await page.getByLabel(/^Engångskod/).fill('fel kod');
          await page.getByLabel(/^Organisationens översta nod/).fill('Socialnämnden i Exempelby');
          await page.getByLabel('Användarnamn').fill('it.admin');
          await page.getByLabel('Namn', { exact: true }).fill('Ida Installatör');
          await page.getByLabel(/^Lösenord/).fill(PASSWORD);
          await page.getByRole('button', { name: 'Skapa' }).click();
          await page.getByText('Fel engångskod').waitFor();
          await check(page, 'first-start');
          await page.getByLabel(/^Engångskod/).fill(CODE);
          await page.getByRole('button', { name: 'Skapa' }).click();
          await page.getByText('Klart. Logga in som it.admin.').waitFor();
          await page.getByRole('button', { name: 'Till inloggningen' }).click();
          await signIn(page, base, 'it.admin');
        },
      },
      {
        name: 'the administrator imports the organisation and the people from CSV',
        run: async () => {
          await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).click();
          await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Import och export' }).click();
          await page.getByRole('heading', { name: 'Import och export', level: 1 }).waitFor();
          const org = page.getByRole('region', { name: 'Organisationen' });
          await org.locator('input[type=file]').setInputFiles(path.join(FIXTURES, 'forstastart-organisation.csv'));
          await org.getByRole('button', { name: 'Importera' }).click();
          await org.getByText('4 nya, 0 ändrade, 0 oförändrade').waitFor();
          const people = page.getByRole('region', { name: 'Personer och roller' });
          await people.locator('input[type=file]').setInputFiles(path.join(FIXTURES, 'forstastart-people.csv'));
          await people.getByRole('button', { name: 'Importera' }).click();
          await people.getByText('3 nya, 0 ändrade, 0 oförändrade').waitFor();
          await check(page, 'import');
        },
      },
      {
        name: 'adds a medarbetare and an enhetschef with a password at Hemtjänst Norr',
        run: async () => {
          await addPerson(page, 'sara.lind', 'Sara Lind', 'medarbetare', 'hemtjanst-norr');
          await addPerson(page, 'erik.ek', 'Erik Ek', 'enhetschef', 'hemtjanst-norr');
          await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Personer' }).click();
          await page
            .getByRole('row', { name: /Erik Ek/ })
            .getByText('enhetschef – Hemtjänst Norr')
            .waitFor();
          await check(page, 'people');
          await logout(page);
        },
      },
      {
        name: 'the medarbetare signs in and reports a lex Sarah at her unit',
        run: async () => {
          await signIn(page, base, 'sara.lind');
          await page.getByRole('link', { name: 'Rapportera missförhållande (lex Sarah)' }).click();
          await page.locator('.fjs-form').waitFor();
          await page.getByLabel('Enhet där det hände').click();
          await page.locator('.fjs-dropdownlist-item', { hasText: 'Hemtjänst Norr' }).click();
          await pickToday(page, 'Datum då det hände');
          await page.getByLabel('Klockslag').fill('07:45');
          await page.getByLabel('Klockslag').press('Tab');
          await page.getByLabel('Var hände det?').fill('Hos brukaren');
          await page.getByLabel('Vad har hänt?').fill('Läkemedlen lämnades inte ut på morgonen.');
          await page.getByLabel('Vem eller vilka berörs?').fill('En brukare');
          caseNumber = await sendReport(page, 'LS');
          await check(page, 'receipt');
          await logout(page);
        },
      },
      {
        name: "the unit's enhetschef signs in and has the case's first task in the inbox",
        run: async () => {
          try {
            await signIn(page, base, 'erik.ek');
            await inboxRow(page, caseNumber, 'Vidta omedelbara åtgärder');
            await check(page, 'inbox');
            await page.close();
          } finally {
            await server?.stop();
          }
        },
      },
    ],
  };
}
