/**
 * The inbox in the browser (`npm run bench:web`): the same 10,000 visible and 10,000 other
 * open tasks as `bench:inbox`, in the database of the real server (src/main.ts, on a PGlite
 * data folder, or on PostgreSQL in a fresh schema when BENCH_DATABASE_URL is set), and
 * Chromium signed in as the enhetschef. Measures BENCH_WEB_ROUNDS (10) loads of `#/` until
 * the first page of the table is in the document (its first task link then checked to be
 * clickable), by the page's own clock from the start of navigation. References in the same
 * run: the login page, and the inbox of someone with no tasks (mas). Not a test: it reports
 * ratios and asserts only that the page is full.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { ControlledClock } from '../src/clock.js';
import { createDb, migrateLatest, type Db } from '../src/db/index.js';
import { ensureDemoData } from '../src/domain/org/demo.js';
import { OrgService } from '../src/domain/org/index.js';
import { startServer } from '../test/browser/server.js';
import { login } from '../test/browser/support.js';
import { seedInbox } from './inboxSeed.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/chromium.js';

const VISIBLE = Number(process.env.BENCH_INBOX_TASKS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_WEB_ROUNDS ?? 10);
const pgUrl = process.env.BENCH_DATABASE_URL;

/** What marks a page as rendered; the init script notes when each first appears. */
const MARKS = { inbox: 'main tbody a[href^="#/tasks/"]', empty: 'main tbody td[colspan]', login: '#username' } as const;
type Mark = keyof typeof MARKS;

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! };
};

async function seed(db: Db, schema?: string): Promise<void> {
  const clock = new ControlledClock(new Date());
  await migrateLatest(db, schema);
  await ensureDemoData(new OrgService(db, clock, 8), 'demo');
  await seedInbox(db, clock, VISIBLE);
}

/** Loads `hash` ROUNDS times (after one warm-up) and returns when `mark` appeared, in ms from navigation start. */
async function measure(ctx: BrowserContext, url: string, mark: Mark): Promise<number[]> {
  const page = await ctx.newPage();
  const out: number[] = [];
  for (let i = 0; i <= ROUNDS; i++) {
    await page.goto('about:blank');
    await page.goto(url);
    const first = page.locator(MARKS[mark]).first();
    await first.click({ trial: true }); // visible, stable, enabled and receiving the click
    const at = await page.evaluate((k) => (window as unknown as { __kvhSeen: Record<string, number> }).__kvhSeen[k] ?? NaN, mark);
    if (i > 0) out.push(at);
  }
  if (mark === 'inbox' && (await page.locator('main tbody tr').count()) !== 25) throw new Error('the first page is not full');
  await page.close();
  return out;
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  const ctx = await browser.newContext();
  await ctx.addInitScript((marks: Record<string, string>) => {
    const seen: Record<string, number> = {};
    (window as unknown as { __kvhSeen: Record<string, number> }).__kvhSeen = seen;
    new MutationObserver(() => {
      for (const [k, sel] of Object.entries(marks)) if (!(k in seen) && document.querySelector(sel)) seen[k] = performance.now();
    }).observe(document, { childList: true, subtree: true });
  }, MARKS);
  return ctx;
}

async function run(name: string, env: Record<string, string>, browser: Browser): Promise<string[]> {
  const server = await startServer(env);
  try {
    const anonymous = await newContext(browser);
    const login_ = await measure(anonymous, `${server.url}/#/login`, 'login');
    const chef = await newContext(browser);
    await login(await chef.newPage(), server.url, 'enhetschef');
    const inbox = await measure(chef, `${server.url}/#/`, 'inbox');
    const mas = await newContext(browser);
    await login(await mas.newPage(), server.url, 'mas');
    const empty = await measure(mas, `${server.url}/#/`, 'empty');
    for (const c of [anonymous, chef, mas]) await c.close();
    const ref = stats(login_).median;
    const row = (what: string, ms: number[]) => {
      const s = stats(ms);
      return `| ${name} | ${what} | ${s.median.toFixed(0)} ms (${(s.median / ref).toFixed(2)}×) | ${s.p95.toFixed(0)} ms (${(s.p95 / ref).toFixed(2)}×) |`;
    };
    return [row(`inbox, first page of ${VISIBLE}`, inbox), row('reference: empty inbox (mas)', empty), row('reference: login page', login_)];
  } finally {
    await server.stop();
  }
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: CHROMIUM_ARGS,
});
const lines = ['| Database | Page | median (× login page) | p95 (× login page median) |', '| --- | --- | --- | --- |'];
try {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kvh-bench-web-'));
  const db = createDb({ dataDir });
  await seed(db);
  await db.destroy();
  lines.push(...(await run('PGlite', { DATA_DIR: dataDir }, browser)));
  rmSync(dataDir, { recursive: true, force: true });
  if (pgUrl) {
    const schema = `bench_web_${randomBytes(4).toString('hex')}`;
    const admin = createDb({ url: pgUrl });
    await admin.raw('create schema ??', [schema]);
    const db = createDb({ url: pgUrl, schema });
    try {
      await seed(db, schema);
      await db.destroy();
      // the server has no schema setting; the connection's search_path puts it in the fresh schema
      const url = new URL(pgUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      lines.push(...(await run('PostgreSQL', { DATABASE_URL: url.toString() }, browser)));
    } finally {
      await admin.raw('drop schema ?? cascade', [schema]);
      await admin.destroy();
    }
  }
} finally {
  await browser.close();
}
console.log(`inbox in Chromium with ${VISIBLE} visible and ${VISIBLE} other open tasks, ${ROUNDS} loads each (ms from navigation start)\n${lines.join('\n')}`);
