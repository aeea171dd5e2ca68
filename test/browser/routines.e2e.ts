/**
 * A routine from Word to the staff (issue 14 points 2 and 4): the kvalitetsledare creates a
 * routine from the register (owner enhetschef, adopted at the unit level, reviewed monthly),
 * imports a Word document into its draft, links it to a step of lex Sarah and sends it for review;
 * the enhetschef (the adopting level) adopts it from the inbox; its review date draws near — the
 * server is restarted on the same data with the clock two days on (CLOCK_START, the config's
 * pinned clock: the engine's overdue timers fire at once after a restart) — and the owner gets
 * the review task in the inbox; a medarbetare confirms reading it and the enhetschef sees the
 * unread count go down.
 *
 * Runs on servers of its own (the clock is pinned per server), not on the runner's. Everything is
 * done in the browser, the routine created from the register's "Ny rutin" form.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { Page } from 'playwright-core';
import { newDataDir, startServer, type RunningServer } from './server.js';
import { login, logout, newSwedishPage, openTask, pageChecker, pollWithReload, submitTask, type Journey, type JourneyContext } from './support.js';

const TITLE = 'Rutin för munvård';
/** Thursday 3 December 2026, 09:00 in Stockholm; the review reminder is due 30 days before the review date. */
const START = '2026-12-03T09:00:00+01:00';
/** Two days on: past the reminder of a routine with a one-month review interval (4 December, 08:00). */
const LATER = '2026-12-05T09:00:00+01:00';

/** A small Word document: a heading, a paragraph and a bulleted list. */
async function wordFile(): Promise<string> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(TITLE)] }),
          new Paragraph({ children: [new TextRun('Munvård ges morgon och kväll.')] }),
          new Paragraph({ bullet: { level: 0 }, children: [new TextRun('Borsta tänderna')] }),
          new Paragraph({ bullet: { level: 0 }, children: [new TextRun('Kontrollera munhålan')] }),
        ],
      },
    ],
  });
  const file = path.join(tmpdir(), `kvh-rutin-${process.pid}.docx`);
  writeFileSync(file, await Packer.toBuffer(doc));
  return file;
}

export function routinesJourney({ browser, shots }: JourneyContext): Journey {
  let page: Page;
  let server: RunningServer;
  let base: string;
  let id: string;
  const dataDir = newDataDir();
  const check = pageChecker(shots, 'routines');
  /** This journey's server, stopped with the runner even when a step fails (the runner knows only its own). */
  const start = async (clock: string) => {
    server = await startServer({ CLOCK_START: clock }, dataDir);
    const s = server;
    process.once('exit', () => s.kill());
    base = server.url;
  };
  const unreadCount = async () => {
    await page.goto(`${base}/#/routines/${encodeURIComponent(id)}`);
    const line = page.getByText(/av \d+ vid dina enheter har inte bekräftat/);
    await line.waitFor();
    return Number(/^(\d+)/.exec((await line.textContent()) ?? '')?.[1]);
  };
  let unreadBefore = 0;
  return {
    name: 'routines',
    steps: [
      {
        name: 'the kvalitetsledare creates a routine from the register: a title is needed, then the editor opens on its draft',
        run: async () => {
          await start(START);
          page = await newSwedishPage(browser);
          await login(page, base, 'kvalitetsledare');
          await page.goto(`${base}/#/rutiner`);
          await page.getByRole('link', { name: 'Ny rutin' }).click();
          await page.getByRole('heading', { name: 'Ny rutin', level: 1 }).waitFor();
          const submit = page.getByRole('button', { name: 'Skapa rutinen' });
          await page.getByLabel('Ansvarig roll').selectOption('enhetschef');
          // no title yet: the form cannot be sent
          if (!(await submit.isDisabled())) throw new Error('a routine with no title could be sent');
          await page.getByLabel('Titel').fill(TITLE);
          await page.getByLabel('Typ', { exact: true }).selectOption('rutin');
          await page.getByLabel('Fastställs på nivå').selectOption('enhet');
          await page.getByLabel(/Översyn var/).fill('1');
          await check(page, 'new-routine');
          await submit.click();
          await page.getByRole('heading', { name: 'Redigera rutin', level: 1 }).waitFor();
          id = decodeURIComponent(/#\/rutiner\/([^/]+)\/redigera/.exec(page.url())?.[1] ?? '');
          if (!id) throw new Error(`no routine id in ${page.url()}`);
        },
      },
      {
        name: 'imports a Word document into the new routine’s draft',
        run: async () => {
          await page.locator('input[type="file"]').setInputFiles(await wordFile());
          await page.getByRole('status').getByText('Word-dokumentet är importerat.').waitFor();
          const editor = page.locator('.routine-editor');
          await editor.locator('h1', { hasText: TITLE }).waitFor();
          await editor.locator('li', { hasText: 'Borsta tänderna' }).waitFor();
          await check(page, 'imported');
        },
      },
      {
        name: 'links it to a step of lex Sarah and sends it for review',
        run: async () => {
          await page.getByLabel('Process', { exact: true }).selectOption('lex-sarah');
          const step = page.getByLabel('Steg i processen');
          await page.locator('#where-activity:not([disabled])').waitFor();
          await step.selectOption('Task_ImmediateMeasures');
          await page.getByRole('button', { name: 'Koppla till steget' }).click();
          await page.getByRole('status').getByText('Rutinen är kopplad till steget.').waitFor();
          await page.locator('.routine-links').getByText('lex-sarah · Task_ImmediateMeasures').waitFor();
          await page.getByLabel('Granskare (användarnamn)').fill('mas');
          await page.getByRole('button', { name: 'Skicka på granskning' }).click();
          await page.getByRole('status').getByText('Utkastet är skickat på granskning.').waitFor();
          await check(page, 'in-review');
          await logout(page);
        },
      },
      {
        name: 'the enhetschef (the adopting level) adopts it from the inbox',
        run: async () => {
          await login(page, base, 'enhetschef');
          await openTask(page, 'Fastställ rutinen');
          await page.getByText(`Fastställ ${TITLE}`).waitFor();
          await check(page, 'adoption-task');
          await page.getByLabel('Fastställs', { exact: true }).check();
          await page.getByLabel(/Beslutets referens/).fill('EC 2026/41');
          await submitTask(page);
          await page.goto(`${base}/#/routines/${encodeURIComponent(id)}`);
          // the worker records the adoption a moment after the task: the routine page shows the decision then
          await pollWithReload(page, async () => (await page.getByText(/Beslutad av Erik Enhetschef/).count()) > 0, 'the adoption', { ready: 'main h1' });
          await page.getByRole('heading', { name: 'Används i dessa steg', level: 2 }).waitFor();
          unreadBefore = await unreadCount();
          await check(page, 'adopted');
          await logout(page);
        },
      },
      {
        name: 'two days on (restart, clock later): the owner has the review task in the inbox',
        run: async () => {
          await page.close();
          await server.stop();
          await start(LATER);
          page = await newSwedishPage(browser);
          await login(page, base, 'enhetschef');
          await openTask(page, 'Se över rutinen');
          await page.getByText(TITLE).first().waitFor();
          await check(page, 'review-task');
          await logout(page);
        },
      },
      {
        name: 'a medarbetare confirms reading it, and the enhetschef sees one fewer unread',
        run: async () => {
          await login(page, base, 'medarbetare');
          await page.goto(`${base}/#/routines/${encodeURIComponent(id)}`);
          await page.getByRole('button', { name: 'Jag har läst och förstått' }).click();
          await page.getByText('Du har bekräftat att du läst versionen').first().waitFor();
          await check(page, 'read-confirmed');
          await logout(page);
          await login(page, base, 'enhetschef');
          const after = await unreadCount();
          if (after !== unreadBefore - 1) throw new Error(`unread ${unreadBefore} → ${after}, expected one fewer`);
          await check(page, 'unread-count');
          await server.stop();
        },
      },
    ],
  };
}
