/**
 * Deviations back to the process (issue 14 point 5) through the real UI: a medarbetare reports an
 * avvikelse at Hemtjänst Solrosen and, in the form's "Var hände det?" (WherePicker), names the
 * process and the step where it happened (lex Sarah, "Vidta omedelbara åtgärder"); the enhetschef
 * of the unit opens the process page and sees the step's count on the diagram go up by one for a
 * period that holds today, and no count for a period before it. axe and a screenshot on every page.
 */
import type { Page } from 'playwright-core';
import { chooseInFormSelect, login, logout, newSwedishPage, pageChecker, pickToday, sendReport, type Journey, type JourneyContext } from './support.js';

const PROCESS = 'lex-sarah';
const STEP = 'Task_ImmediateMeasures';

/** Today in Stockholm as the date inputs take it (YYYY-MM-DD). */
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** Opens the process page and sets the overlay's period; the total line shows once the counts are read. */
async function processPage(page: Page, base: string, from: string, to: string): Promise<void> {
  await page.goto(`${base}/#/processer/${PROCESS}`);
  await page.locator(`.diagram .djs-element[data-element-id="${STEP}"]`).first().waitFor();
  await page.getByLabel('Från').fill(from);
  await page.getByLabel('Till').fill(to);
  await page
    .locator('#deviations-total')
    .getByText(/^Under perioden:/)
    .waitFor();
}

/** The step's badge on the diagram (0 when it has none). */
async function stepCount(page: Page): Promise<number> {
  const badge = page.getByTestId(`deviations-${STEP}`);
  return (await badge.count()) ? Number(await badge.textContent()) : 0;
}

export function deviationsJourney({ browser, base, shots }: JourneyContext): Journey {
  let page: Page;
  let before = 0;
  const check = pageChecker(shots, 'deviations');
  return {
    name: 'deviations',
    steps: [
      {
        name: "the unit's enhetschef reads the step's count on the process page before the report",
        run: async () => {
          page = await newSwedishPage(browser);
          await login(page, base, 'enhetschef');
          await processPage(page, base, today(), today());
          before = await stepCount(page);
          await logout(page);
        },
      },
      {
        name: 'a medarbetare reports an avvikelse and names the process and the step where it happened',
        run: async () => {
          await login(page, base, 'medarbetare');
          await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Rapportera' }).click();
          await page.getByRole('link', { name: 'Avvikelse', exact: true }).click();
          await page.locator('.fjs-form').waitFor();
          await chooseInFormSelect(page, 'Enhet där det hände', 'Hemtjänst Solrosen');
          await page.getByLabel('Socialtjänst (SoL)').check();
          await chooseInFormSelect(page, 'Vad gäller det?', 'Fall');
          await pickToday(page, 'Datum då det hände');
          await page.getByLabel('Klockslag').fill('00:00');
          await page.getByLabel('Klockslag').press('Tab');
          await page.getByLabel('Vad har hänt?').fill('De omedelbara åtgärderna dröjde.');
          // where it happened: the process, then one of its steps (loaded when the process is chosen)
          await page.getByLabel('Process', { exact: true }).selectOption(PROCESS);
          await page.locator('#where-activity:not([disabled])').waitFor();
          await page.getByLabel('Steg i processen').selectOption(STEP);
          await check(page, 'where');
          await sendReport(page, 'AV');
          await logout(page);
        },
      },
      {
        name: 'the enhetschef sees the step’s count one up for a period with today, and none for a period before',
        run: async () => {
          await login(page, base, 'enhetschef');
          await processPage(page, base, today(), today());
          const badge = page.getByTestId(`deviations-${STEP}`);
          await badge.getByText(String(before + 1), { exact: true }).waitFor();
          await check(page, 'overlay');
          await page.getByLabel('Från').fill('2020-01-01');
          await page.getByLabel('Till').fill('2020-12-31');
          await page
            .locator('#deviations-total')
            .getByText(/^Under perioden: 0 avvikelser/)
            .waitFor();
          if ((await stepCount(page)) !== 0) throw new Error('the step has a count for a period before the report');
          await check(page, 'overlay-earlier');
          await logout(page);
          await page.close();
        },
      },
    ],
  };
}
