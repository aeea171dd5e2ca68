/**
 * The Processkarta drawn like the customer's, and drilling into it: the kvalitetsledare opens
 * the map (ledningsprocesser on top, the huvudprocess as its four steps in order, stödprocesser
 * beneath, the action process drawn inside lex Sarah rather than beside it), drills into lex
 * Sarah's activities and an activity's routine, which opens; then the process diagram: the step
 * where the lex Sarah journey's case waits (Anmäl till IVO) has a count badge; colouring by
 * overdue share marks the steps; clicking the step shows its routines beside it.
 * Runs after the lex Sarah journey, which leaves a case at that step.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { login, pageChecker, pollWithReload, type Journey, type JourneyContext, newSwedishPage } from './support.js';

const STEP = 'Task_ReportToIvo';
const ROUTINE = 'Anmälan till IVO och information till nämnden (lex Sarah)';

export function processMapJourney({ browser, base, shots }: JourneyContext): Journey {
  let page: Page;
  const check = pageChecker(shots, 'process');
  return {
    name: 'process',
    steps: [
      {
        name: 'a process owner lands on the Processkarta: three bands, the huvudprocess as its steps in order, called processes inside their callers',
        run: async () => {
          page = await newSwedishPage(browser);
          await login(page, base, 'kvalitetsledare');
          // a process owner (kvalitetsledare owns synpunktshantering, among others) lands on the Processkarta
          await page.getByRole('heading', { name: 'Processkarta', level: 1 }).waitFor({ timeout: 5_000 });
          await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Processkarta' }).click();
          await page.getByRole('heading', { name: 'Processkarta', level: 1 }).waitFor();
          const bands = page.locator('.pmap > section h2');
          const names = await bands.allTextContents();
          if (names.join('|') !== 'Ledningsprocesser|Huvudprocesser|Stödprocesser') throw new Error(`the bands are ${names.join(', ')}`);
          const steps = await page
            .getByRole('list', { name: /stegen i ordning/ })
            .locator(':scope > li .pmap-step-link')
            .allTextContents();
          if (steps.join('|') !== 'Myndighetsutövning|Genomföra insatser|Följa upp|Avsluta ärende') throw new Error(`the chain is ${steps.join(' → ')}`);
          // Åtgärd is only called: drawn inside lex Sarah, not in the stödprocesser's own row
          const sarahBox = page.locator('.pmap-stod .pmap-row > .pmap-box', {
            has: page.getByRole('link', { name: 'Visa aktiviteter och rutiner i Lex Sarah' }),
          });
          await sarahBox
            .getByRole('list', { name: 'Processer inom Lex Sarah' })
            .getByRole('link', { name: /Åtgärd/ })
            .waitFor();
          const topLevel = await page.locator('.pmap-stod .pmap-row > .pmap-box > a').allTextContents();
          if (topLevel.includes('Åtgärd')) throw new Error('Åtgärd is drawn beside the processes that call it');
          for (const box of await page.locator('.pmap-row > .pmap-box').all()) {
            if (!(await box.locator('.pmap-owner').first().textContent())?.startsWith('Processägare')) throw new Error('a process without its owner');
          }
          await check(page, 'map');
        },
      },
      {
        name: 'a click drills into lex Sarah: its activities in order with who performs them; an activity shows its routine, which opens',
        run: async () => {
          await page.getByRole('link', { name: 'Visa aktiviteter och rutiner i Lex Sarah' }).click();
          await page.getByRole('heading', { name: 'Lex Sarah', level: 2 }).waitFor();
          await page.getByRole('navigation', { name: 'Var i processkartan' }).getByText('Stödprocesser').waitFor();
          const activities = page.locator('.pmap-activities > li > .linkish');
          const names = await activities.allTextContents();
          if (names.indexOf('Vidta omedelbara åtgärder') > names.indexOf('Anmäl till IVO'))
            throw new Error(`the activities are out of order: ${names.join(', ')}`);
          await page.getByRole('button', { name: 'Anmäl till IVO', exact: true }).click();
          const routines = page.getByRole('region', { name: 'Rutiner för Anmäl till IVO' });
          await routines.getByRole('link', { name: ROUTINE }).waitFor();
          await check(page, 'drill');
          await routines.getByRole('link', { name: ROUTINE }).click();
          await page.getByRole('heading', { name: ROUTINE, level: 1 }).waitFor();
          await check(page, 'drill-routine');
          // back on the map, the drilled-in process and step are where they were (the address keeps them)
          await page.goBack();
          await page.getByRole('region', { name: 'Rutiner för Anmäl till IVO' }).waitFor();
          await page.getByRole('link', { name: 'Öppna processdiagrammet för Lex Sarah' }).click();
        },
      },
      {
        name: 'the lex Sarah process shows a count badge at the step with a waiting case',
        run: async () => {
          await page.locator('.diagram svg .djs-element').first().waitFor();
          const badge = page.locator(`.djs-overlays[data-container-id="${STEP}"] .ov-count`);
          await pollWithReload(page, async () => (await badge.count()) > 0, `the count badge at ${STEP}`, { ready: '.diagram svg .djs-element' });
          if (Number(await badge.first().textContent()) < 1) throw new Error('the badge counts no case');
          await check(page, 'diagram');
        },
      },
      {
        name: '"Färga stegen efter andel försenade" colours the steps',
        run: async () => {
          await page.getByLabel('Färga stegen efter andel försenade').check();
          await page.locator('.djs-element[class*="share-"]').first().waitFor();
          await check(page, 'coloured');
          await page.getByLabel('Färga stegen efter andel försenade').uncheck();
        },
      },
      {
        name: 'clicking the step in the diagram shows its routines, and the routine opens',
        run: async () => {
          await page.locator(`.diagram [data-element-id="${STEP}"]`).first().click();
          const aside = page.getByRole('complementary', { name: 'Anmäl till IVO' });
          await aside.waitFor();
          await aside.getByRole('link', { name: ROUTINE }).waitFor();
          await check(page, 'step');
          await aside.getByRole('link', { name: ROUTINE }).click();
          await page.getByRole('heading', { name: ROUTINE, level: 1 }).waitFor();
          await check(page, 'routine');
        },
      },
      {
        name: 'the quality lead imports a drawing tool’s BPMN file as a new descriptive process and drills into it (lanes name who performs each activity)',
        run: async () => {
          await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Processkarta' }).click();
          await page.getByRole('heading', { name: 'Beskriv en ny process', level: 2 }).waitFor();
          await page.getByLabel('Processens namn').fill('Kvalitetsråd i hemtjänsten');
          await page.getByLabel('Processägare', { exact: true }).fill('kvalitetsledare');
          await page.locator('.pmap-form input[type="file"]').setInputFiles(path.join(import.meta.dirname, '../api/fixtures/import-2c8.bpmn'));
          await page.getByText('Vald fil: import-2c8.bpmn').first().waitFor();
          await page.getByRole('button', { name: 'Skapa processen' }).click();
          await page.getByRole('heading', { name: 'Kvalitetsråd i hemtjänsten', level: 2 }).waitFor();
          await page.getByRole('button', { name: 'Håll kvalitetsrådet' }).waitFor();
          if (!(await page.locator('.pmap-activities > li', { hasText: 'Håll kvalitetsrådet' }).textContent())?.includes('kvalitetsombud')) {
            throw new Error('the lane does not name who holds the meeting');
          }
          await page.locator('.pmap-stod .pmap-descriptive', { hasText: 'Kvalitetsråd i hemtjänsten' }).waitFor();
          await check(page, 'imported');
          await page.close();
        },
      },
    ],
  };
}
