/**
 * The public e-service in Chromium: a citizen, without logging in, first sends an empty form
 * (the errors are shown at the fields), then an anonymous klagomål, and gets a receipt; what
 * was written is not in the address. The page has the personal-data notice (GDPR art. 13) and a
 * link to the accessibility statement, which opens. The enhetschef of the unit then has the
 * triage task. axe-core checks and a screenshot on every page.
 */
import type { Page } from 'playwright-core';
import { login, openTask, pageChecker, type Journey, type JourneyContext, newSwedishPage } from './support.js';

export function eServiceJourney({ browser, base, shots }: JourneyContext): Journey {
  let page: Page;
  const secret = 'Personalen kom inte på tisdagen';
  const check = pageChecker(shots, 'e-service');
  return {
    name: 'e-service',
    steps: [
      {
        name: 'a citizen opens the e-service without logging in; an empty form shows its errors at the fields',
        run: async () => {
          page = await newSwedishPage(browser);
          await page.goto(`${base}/#/login`);
          await page.getByRole('link', { name: /synpunkt eller ett klagomål/ }).click();
          await page.getByRole('heading', { name: 'Lämna en synpunkt eller ett klagomål' }).waitFor();
          await check(page, 'form');
          // the personal-data notice: the controller (the nämnd at the top of the tree), purpose, basis, retention, rights, the DPO
          const notice = page.getByRole('region', { name: 'Så behandlar vi dina personuppgifter' });
          await notice.getByText(/Socialnämnden i .* är personuppgiftsansvarig/).waitFor();
          for (const term of ['Ändamål', 'Rättslig grund', 'Hur länge uppgifterna sparas', 'Dina rättigheter', 'Dataskyddsombud'])
            await notice.getByText(term, { exact: true }).waitFor();
          await notice.getByRole('link', { name: 'Tillgänglighetsredogörelse för e-tjänsten' }).click();
          await page.getByRole('heading', { level: 1, name: 'Tillgänglighetsredogörelse' }).waitFor();
          await page.getByRole('heading', { name: 'Rapportera brister' }).waitFor();
          await check(page, 'accessibility-statement');
          await page.getByRole('link', { name: 'Tillbaka till e-tjänsten' }).click();
          await page.getByRole('heading', { name: 'Lämna en synpunkt eller ett klagomål' }).waitFor();
          await page.getByRole('button', { name: 'Skicka' }).click();
          await page.getByText('Välj vilken verksamhet det gäller.').waitFor();
          await page.getByText('Skriv vad det gäller.').waitFor();
          await check(page, 'form-errors');
        },
      },
      {
        name: 'an anonymous klagomål gets a receipt number, and nothing written is in the address',
        run: async () => {
          await page.getByLabel('Vilken verksamhet gäller det?').selectOption({ label: 'Hemtjänst Solrosen' });
          await page.getByLabel('Berätta vad det gäller').fill(secret);
          await page.getByLabel(/Jag vill vara anonym/).check();
          const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/public/synpunkter'));
          await page.getByRole('button', { name: 'Skicka' }).click();
          await page.getByRole('heading', { name: 'Tack!' }).waitFor();
          const receipt = await page.locator('#receipt').textContent();
          if (!/^[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(receipt ?? '')) throw new Error(`unexpected receipt ${receipt}`);
          // the form sent its submission id; the same submission again (a double click) gets the same receipt
          const body = (await sent).postDataJSON() as { submissionId?: string };
          if (!/^[0-9a-f-]{36}$/.test(body.submissionId ?? '')) throw new Error('the form sent no submission id');
          const again = (await (await page.request.post(`${base}/api/v1/public/synpunkter`, { data: body })).json()) as { receipt?: string };
          if (again.receipt !== receipt) throw new Error('a repeated submission got another receipt');
          if (decodeURIComponent(page.url()).includes('tisdagen')) throw new Error('the text is in the address');
          await check(page, 'receipt');
        },
      },
      {
        name: "the enhetschef has the complaint's triage task in the inbox",
        run: async () => {
          await login(page, base, 'enhetschef');
          await openTask(page, 'Bedöm och fördela');
          await page.getByText('Gäller det min enhet?').waitFor();
          await check(page, 'triage-task');
          await page.getByRole('link', { name: 'Visa processen' }).click();
          await page.locator('#diagram .djs-element.active-marker').first().waitFor();
          await check(page, 'instance');
          await page.close();
        },
      },
    ],
  };
}
