/**
 * Lex Sarah through the real UI in Chromium: a medarbetare looks at the Rapportera chooser and
 * reports from the home page (the receipt has the case number), the enhetschef sees and
 * completes the task beside its form and routine, the utredare investigates, the socialchef
 * assesses it as allvarligt, and the IVO task appears in the utredare's inbox; its "Visa
 * processen" shows the case. axe-core checks and a screenshot on every page.
 */
import type { Page } from 'playwright-core';
import { login, logout, openTask, pageChecker, pickToday, sendReport, submitTask, type Journey, type JourneyContext, newSwedishPage } from './support.js';

/** The scenario as named steps (the runner reports each). */
export function lexSarahJourney({ browser, base, shots }: JourneyContext): Journey {
  let page: Page;
  let caseNumber = '';
  const check = pageChecker(shots, 'lex-sarah');
  return {
    name: 'lex-sarah',
    steps: [
      {
        name: 'login page is accessible and the medarbetare logs in',
        run: async () => {
          page = await newSwedishPage(browser);
          await page.goto(`${base}/#/login`);
          await page.getByRole('heading', { name: 'Logga in' }).waitFor();
          await check(page, 'login');
          await login(page, base, 'medarbetare');
          await page.locator('main tbody').waitFor();
          await check(page, 'inbox');
        },
      },
      {
        name: 'the Rapportera chooser lists what can be reported',
        run: async () => {
          await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Rapportera' }).click();
          await page.getByRole('heading', { name: 'Rapportera', exact: true }).waitFor();
          for (const what of ['Missförhållande (lex Sarah)', 'Avvikelse', 'Vårdskada (lex Maria)', 'Synpunkt eller klagomål'])
            await page.getByRole('link', { name: what, exact: true }).waitFor();
          await check(page, 'report-chooser');
          await page.getByRole('link', { name: 'Mina uppgifter' }).first().click();
          await page.getByRole('heading', { name: 'Mina uppgifter' }).waitFor();
        },
      },
      {
        name: 'medarbetare reports a lex Sarah from the home page and gets a case number',
        run: async () => {
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
          await check(page, 'report-form');
          caseNumber = await sendReport(page, 'LS');
          await check(page, 'receipt');
          await logout(page);
        },
      },
      {
        name: 'enhetschef sees the task in the inbox and completes the immediate measures',
        run: async () => {
          await login(page, base, 'enhetschef');
          await openTask(page, 'Vidta omedelbara åtgärder');
          // the routine for this step is beside the form
          await page
            .getByRole('complementary', { name: 'Om ärendet' })
            .getByRole('link', { name: /lex Sarah/ })
            .waitFor();
          await check(page, 'task');
          await page.getByLabel('Vilka åtgärder har vidtagits för att avhjälpa eller undanröja missförhållandet?').fill('Rutinen för signering gicks igenom.');
          await pickToday(page, 'Datum då åtgärderna vidtogs');
          await page.getByLabel('Den enskildes säkerhet är tryggad').check();
          await submitTask(page);
          await logout(page);
        },
      },
      {
        name: 'utredare registers and investigates',
        run: async () => {
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
        },
      },
      {
        name: 'socialchef assesses it as allvarligt',
        run: async () => {
          await login(page, base, 'socialchef');
          await openTask(page, 'Bedöm rapporten');
          await page.getByLabel('Allvarligt missförhållande eller påtaglig risk för ett allvarligt missförhållande').check();
          await page.getByLabel('Motivering').fill('Påtaglig risk för allvarlig skada.');
          await submitTask(page);
          await logout(page);
        },
      },
      {
        name: "the IVO task is in the utredare's inbox and its instance page shows where the case is",
        run: async () => {
          await login(page, base, 'utredare');
          await openTask(page, /IVO/);
          await page.getByRole('link', { name: 'Visa processen' }).click();
          await page.getByRole('heading', { name: `Ärende ${caseNumber}` }).waitFor();
          await page.locator('#diagram .djs-element.active-marker').first().waitFor();
          await check(page, 'instance');
          await page.close();
        },
      },
    ],
  };
}
