/**
 * The public e-service in Chromium: a citizen, without logging in, first sends an empty form
 * (the errors are shown at the fields), then an anonymous klagomål, and gets a receipt; what
 * was written is not in the address. The enhetschef of the unit then has the triage task.
 * axe-core checks the form and the receipt.
 */
import type { Browser, Page } from 'playwright-core';
import { checkA11y, login, type Step } from './lexSarah.e2e.js';

export function eServiceSteps(browser: Browser, base: string, shots: string): Step[] {
  let page: Page;
  const secret = 'Personalen kom inte på tisdagen';
  return [
    { name: 'a citizen opens the e-service without logging in; an empty form shows its errors at the fields', run: async () => {
      page = await browser.newPage();
      await page.goto(`${base}/#/login`);
      await page.getByRole('link', { name: /synpunkt eller ett klagomål/ }).click();
      await page.getByRole('heading', { name: 'Lämna en synpunkt eller ett klagomål' }).waitFor();
      await checkA11y(page, 'e-service form');
      await page.getByRole('button', { name: 'Skicka' }).click();
      await page.getByText('Välj vilken verksamhet det gäller.').waitFor();
      await page.getByText('Skriv vad det gäller.').waitFor();
    } },
    { name: 'an anonymous klagomål gets a receipt number, and nothing written is in the address', run: async () => {
      await page.getByLabel('Vilken verksamhet gäller det?').selectOption({ label: 'Hemtjänst Solrosen' });
      await page.getByLabel('Berätta vad det gäller').fill(secret);
      await page.getByLabel(/Jag vill vara anonym/).check();
      await page.getByRole('button', { name: 'Skicka' }).click();
      await page.getByRole('heading', { name: 'Tack!' }).waitFor();
      const receipt = await page.locator('#receipt').textContent();
      if (!/^[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(receipt ?? '')) throw new Error(`unexpected receipt ${receipt}`);
      if (decodeURIComponent(page.url()).includes('tisdagen')) throw new Error('the text is in the address');
      await checkA11y(page, 'e-service receipt');
      await page.screenshot({ path: `${shots}/e-service-receipt.png` });
    } },
    { name: "the enhetschef has the complaint's triage task in the inbox", run: async () => {
      await login(page, base, 'enhetschef');
      for (let i = 0; i < 40 && !(await page.getByRole('link', { name: 'Bedöm och fördela' }).count()); i++) {
        await page.waitForTimeout(250);
        await page.reload();
        await page.getByRole('heading', { name: 'Mina uppgifter' }).waitFor();
      }
      await page.getByRole('link', { name: 'Bedöm och fördela' }).first().click();
      await page.locator('.fjs-form').waitFor();
      await page.getByText('Gäller det min enhet?').waitFor();
      await page.screenshot({ path: `${shots}/synpunkt-triage.png` });
      await page.getByRole('link', { name: 'Visa processen' }).click();
      await page.locator('#diagram .djs-element.active-marker').first().waitFor();
      await page.screenshot({ path: `${shots}/synpunkt-instance.png` });
      await page.close();
    } },
  ];
}
