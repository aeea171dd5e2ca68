/**
 * A form in the browser (issue 14 point 1): a process owner (the kvalitetsledare) opens
 * Formulär from the menu, creates a form, adds a text field in form-js's editor by dragging it
 * from the palette onto the canvas, names it in the properties panel, saves the draft, previews
 * it, publishes it, and finds it in the list as published. axe on every page, screenshots.
 */
import type { Page } from 'playwright-core';
import { login, pageChecker, type Journey, type JourneyContext, newSwedishPage } from './support.js';

const TITLE = 'Uppföljning i kvalitetsrådet';
const FORM_ID = 'uppfoljning-i-kvalitetsradet';
const LABEL = 'Vad beslutade kvalitetsrådet?';

export function formsJourney({ browser, base, shots }: JourneyContext): Journey {
  let page: Page;
  const check = pageChecker(shots, 'forms');
  return {
    name: 'forms',
    steps: [
      {
        name: 'a process owner opens Formulär from the menu: the bundled forms are listed, published',
        run: async () => {
          page = await newSwedishPage(browser);
          await login(page, base, 'kvalitetsledare');
          await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Formulär' }).click();
          await page.getByRole('heading', { name: 'Formulär', level: 1 }).waitFor();
          await page.getByRole('link', { name: 'Rapport om missförhållande (lex Sarah)' }).waitFor();
          await check(page, 'list');
        },
      },
      {
        name: 'creates a form: it opens in the editor as an empty draft',
        run: async () => {
          await page.getByLabel('Rubrik').fill(TITLE);
          if ((await page.getByLabel('Formulärets id').inputValue()) !== FORM_ID) throw new Error('the id is not proposed from the title');
          await page.getByRole('button', { name: 'Skapa och öppna i redigeraren' }).click();
          await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
          await page.getByText('Du redigerar utkastet, version 1').waitFor();
          await page.locator('.fjs-palette-field[data-field-type="textfield"]').waitFor();
          await check(page, 'editor-empty');
        },
      },
      {
        name: 'drags a text field from the palette onto the canvas and names it in the properties panel',
        run: async () => {
          const source = page.locator('.fjs-palette-field[data-field-type="textfield"]');
          const target = page.locator('.fjs-form-container .fjs-drop-container-vertical').first();
          // dragula follows the mouse: press, move in steps, release over the canvas
          const from = (await source.boundingBox())!;
          const to = (await target.boundingBox())!;
          await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
          await page.mouse.down();
          await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2, { steps: 3 });
          await page.mouse.move(to.x + to.width / 2, to.y + 20, { steps: 10 });
          await page.mouse.up();
          // the new field on the canvas, selected (the editor selects a dropped field; a click would toggle it off)
          const field = page.locator('.fjs-form-container .fjs-children .fjs-element').first();
          await field.waitFor();
          if (!(await field.evaluate((el) => el.classList.contains('fjs-editor-selected')))) await field.click();
          const panel = page.locator('.fjs-properties-panel');
          // the palette and the panel speak Swedish (i18n/formEditor.ts)
          await page.locator('.fjs-palette-group-title', { hasText: 'Inmatning' }).waitFor();
          await panel.locator('.bio-properties-panel-header-type').getByText('Textfält').waitFor();
          await panel.locator('[data-group-id="group-general"] .bio-properties-panel-group-header-title').getByText('Allmänt').waitFor();
          // the "General" section holds the label; the panel may show it folded
          const labelInput = panel.locator('[data-entry-id="label"] .cm-content');
          if (!(await labelInput.isVisible())) await panel.locator('[data-group-id="group-general"] .bio-properties-panel-group-header').click();
          await panel.locator('[data-entry-id="label"]').getByText('Fältets etikett').waitFor();
          await labelInput.click();
          await page.keyboard.press('ControlOrMeta+A');
          await page.keyboard.type(LABEL);
          await page.locator('.fjs-form-container').getByText(LABEL).waitFor();
          await check(page, 'editor-field');
        },
      },
      {
        name: 'saves the draft and previews it as the task page will show it',
        run: async () => {
          await page.getByRole('button', { name: 'Spara utkast' }).click();
          await page.getByText('Utkastet är sparat (version 1).').waitFor();
          await page.getByRole('button', { name: 'Förhandsgranska' }).click();
          await page.getByRole('heading', { name: 'Förhandsgranskning', level: 2 }).waitFor();
          await page.locator('.form-preview .fjs-form').getByLabel(LABEL).waitFor();
          await check(page, 'preview');
        },
      },
      {
        name: 'publishes it; the list shows it published',
        run: async () => {
          await page.getByRole('button', { name: 'Publicera' }).click();
          await page.getByText('Version 1 är publicerad och gäller för nya uppgifter.').waitFor();
          await check(page, 'published');
          await page.getByRole('link', { name: 'Alla formulär' }).click();
          const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: TITLE }) });
          await row.getByText('Publicerad').waitFor();
          await row.getByText('version 1').first().waitFor();
          await check(page, 'listed');
        },
      },
    ],
  };
}
