/**
 * Reading a routine from the diagram: the kvalitetsledare opens Processkarta (three groups,
 * each card with version and owner), then lex Sarah; the step where the lex Sarah journey's
 * case waits (Anmäl till IVO) has a count badge; colouring by overdue share marks the steps;
 * clicking the step in the diagram shows its routines beside it, and the routine opens.
 * Runs after the lex Sarah journey, which leaves a case at that step.
 */
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
        name: 'a process owner lands on the Processkarta: three groups, each card with version and owner',
        run: async () => {
          page = await newSwedishPage(browser);
          await login(page, base, 'kvalitetsledare');
          // a process owner (kvalitetsledare owns synpunktshantering, among others) lands on the Processkarta
          await page.getByRole('heading', { name: 'Processkarta', level: 1 }).waitFor({ timeout: 5_000 });
          await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Processkarta' }).click();
          await page.getByRole('heading', { name: 'Processkarta', level: 1 }).waitFor();
          for (const group of ['Ledningsprocesser', 'Huvudprocesser', 'Stödprocesser']) await page.getByRole('heading', { name: group, level: 2 }).waitFor();
          const cards = page.locator('.process-cards > li');
          const n = await cards.count();
          if (n < 3) throw new Error(`only ${n} process cards`);
          for (let i = 0; i < n; i++) {
            const facts = cards.nth(i).locator('dt');
            for (const term of ['Processägare', 'Version']) {
              if (!(await facts.filter({ hasText: term }).count())) throw new Error(`card ${i + 1} has no ${term}`);
            }
          }
          await check(page, 'map');
        },
      },
      {
        name: 'the lex Sarah process shows a count badge at the step with a waiting case',
        run: async () => {
          await page.getByRole('link', { name: 'Lex Sarah', exact: true }).click();
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
          await page.close();
        },
      },
    ],
  };
}
