/**
 * Administration (issue 15.1): the administrator builds a small part of the organisation (an
 * area and a unit run under contract), adds a person and gives them a role at the new unit,
 * imports the organisation and people from CSV (the fixtures of the API suite), and sees the
 * imported people in the list. Axe and a screenshot on each page.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { login, newSwedishPage, pageChecker, type Journey, type JourneyContext } from './support.js';

const FIXTURES = path.resolve(import.meta.dirname, '../api/fixtures');

export function adminJourney({ browser, base, shots }: JourneyContext): Journey {
  let page: Page;
  const check = pageChecker(shots, 'admin');
  return {
    name: 'admin',
    steps: [
      {
        name: 'the administrator builds a small organisation: an area and a unit under contract',
        run: async () => {
          page = await newSwedishPage(browser);
          await login(page, base, 'admin');
          await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).click();
          await page.getByRole('heading', { name: 'Organisation', level: 1 }).waitFor();
          await page.getByLabel('Namn').fill('Socialpsykiatri');
          await page.getByLabel('Nivå').selectOption('area');
          await page.getByLabel('Ligger under').selectOption('socialforvaltningen');
          await page.getByRole('button', { name: 'Lägg till' }).click();
          await page.getByText('Socialpsykiatri är tillagd').waitFor();
          await page.getByLabel('Namn').fill('Boendestöd Ljuset');
          await page.getByLabel('Nivå').selectOption('unit');
          await page.getByLabel('Ligger under').selectOption('socialpsykiatri');
          await page.getByLabel('Utförare').selectOption('contract');
          await page.getByRole('button', { name: 'Lägg till' }).click();
          await page.getByText('Boendestöd Ljuset är tillagd').waitFor();
          await page.getByRole('list', { name: 'Organisationsträdet' }).getByText('Extern utförare (avtal)').waitFor();
          await check(page, 'organisation');
        },
      },
      {
        name: 'adds a person and gives her a role at the new unit',
        run: async () => {
          await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Personer' }).click();
          await page.getByRole('heading', { name: 'Personer', level: 1 }).waitFor();
          await page.getByLabel('Användarnamn').fill('petra.psyk');
          await page.getByLabel('Namn', { exact: true }).fill('Petra Psykiatri');
          await page.getByLabel('E-post').fill('petra@kvh.test');
          await page.getByRole('button', { name: 'Lägg till' }).click();
          await page.getByRole('link', { name: 'Petra Psykiatri' }).click();
          await page.getByRole('heading', { name: 'Petra Psykiatri', level: 1 }).waitFor();
          await page.getByRole('button', { name: 'Lägg till roll' }).click();
          await page.locator('#assignment-0-role').selectOption('enhetschef');
          await page.locator('#assignment-0-node').selectOption('boendestod-ljuset');
          await page.getByRole('button', { name: 'Spara rollerna' }).click();
          await page.getByText('Sparat').waitFor();
          await check(page, 'person');
          await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Personer' }).click();
          await page
            .getByRole('row', { name: /Petra Psykiatri/ })
            .getByText('enhetschef – Boendestöd Ljuset')
            .waitFor();
        },
      },
      {
        name: 'imports the organisation and people from CSV and sees them in the list',
        run: async () => {
          await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Import och export' }).click();
          await page.getByRole('heading', { name: 'Import och export', level: 1 }).waitFor();
          const org = page.getByRole('region', { name: 'Organisationen' });
          await org.locator('input[type=file]').setInputFiles(path.join(FIXTURES, 'admin-organisation.csv'));
          await org.getByRole('button', { name: 'Importera' }).click();
          await org.getByText('4 nya, 0 ändrade, 0 oförändrade').waitFor();
          const people = page.getByRole('region', { name: 'Personer och roller' });
          await people.locator('input[type=file]').setInputFiles(path.join(FIXTURES, 'admin-people.csv'));
          await people.getByRole('button', { name: 'Importera' }).click();
          await people.getByText('3 nya, 0 ändrade, 0 oförändrade').waitFor();
          await check(page, 'import');
          await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Personer' }).click();
          await page.getByRole('link', { name: 'Lisa Larsson' }).waitFor();
          await page
            .getByRole('row', { name: /Omar Olsson/ })
            .getByText('medarbetare – Hemtjänst Omsorgsbolaget AB; LOV')
            .waitFor();
          await check(page, 'people');
          await page.close();
        },
      },
    ],
  };
}
