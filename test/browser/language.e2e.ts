/** The language switch in the header: English on the inbox ("My tasks"), then Svenska again. */
import type { Page } from 'playwright-core';
import { login, pageChecker, type Journey, type JourneyContext, newSwedishPage } from './support.js';

export function languageJourney({ browser, base, shots }: JourneyContext): Journey {
  let page: Page;
  const check = pageChecker(shots, 'language');
  return {
    name: 'language',
    steps: [
      {
        name: 'switching to English in the header shows "My tasks"',
        run: async () => {
          page = await newSwedishPage(browser);
          await login(page, base, 'medarbetare');
          await page.getByLabel('Språk').selectOption('en');
          await page.getByRole('heading', { name: 'My tasks', level: 1 }).waitFor();
          await page
            .getByRole('navigation', { name: 'Main menu' })
            .getByRole('link', { name: /^My tasks/ })
            .waitFor();
          const lang = await page.evaluate(() => document.documentElement.lang);
          if (lang !== 'en') throw new Error(`html lang is "${lang}"`);
          await check(page, 'english');
        },
      },
      {
        name: 'and back to Svenska',
        run: async () => {
          await page.getByLabel('Language').selectOption('sv');
          await page.getByRole('heading', { name: 'Mina uppgifter', level: 1 }).waitFor();
          const lang = await page.evaluate(() => document.documentElement.lang);
          if (lang !== 'sv') throw new Error(`html lang is "${lang}"`);
          await check(page, 'swedish');
          await page.close();
        },
      },
    ],
  };
}
