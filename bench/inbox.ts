/**
 * The inbox benchmark (`npm run bench:inbox`; issue 5 point 10): 10,000 open tasks the
 * enhetschef of Hemtjänst Solrosen may work on and 10,000 of other units that she may not,
 * on PGlite and on PostgreSQL (BENCH_DATABASE_URL, optional). Measures the first page (25,
 * earliest due first) and the navigation counts through TaskService — authorisation, filters
 * and paging in SQL — as median and p95 of BENCH_INBOX_ROUNDS (30) rounds, and reports them as
 * ratios to the reference in the same run: one page of the same table with no authorisation
 * at all (the floor). Not a test: it asserts only that the page is full and the count is right.
 */
import { randomBytes } from 'node:crypto';
import { ControlledClock } from '../src/clock.js';
import { createDb, migrateLatest, type Db } from '../src/db/index.js';
import { ensureDemoData } from '../src/domain/org/demo.js';
import { OrgService } from '../src/domain/org/index.js';
import { DefinitionModels } from '../src/domain/processes/models.js';
import { TaskService } from '../src/domain/tasks/index.js';
import type { ProcessEngine } from '../src/engine/port.js';
import { seedInbox } from './inboxSeed.js';

const VISIBLE = Number(process.env.BENCH_INBOX_TASKS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_INBOX_ROUNDS ?? 30);
const clock = new ControlledClock(new Date('2027-03-01T09:00:00+01:00'));

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! };
};

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm
  const out: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function run(name: string, db: Db, schema?: string): Promise<string[]> {
  await migrateLatest(db, schema);
  const org = new OrgService(db, clock, 8);
  await ensureDemoData(org, 'demo');
  await seedInbox(db, clock, VISIBLE);
  const engine = {} as ProcessEngine;
  const tasks = new TaskService(db, engine, clock, org, new DefinitionModels(engine));
  const { user } = await org.login('enhetschef', 'demo');
  const page = await tasks.list(user, { state: 'open', page: 1, pageSize: 25, sort: 'due' });
  if (page.items.length !== 25 || page.total !== VISIBLE) throw new Error(`unexpected inbox: ${page.items.length} items, total ${page.total}`);
  const floor = stats(await time(() => db('user_task').where({ state: 'open' }).orderBy('due_date').limit(25)));
  const first = stats(await time(() => tasks.list(user, { state: 'open', page: 1, pageSize: 25, sort: 'due' })));
  const counts = stats(await time(() => tasks.counts(user)));
  const r = (x: number) => `${x.toFixed(1)} ms (${(x / floor.median).toFixed(1)}×)`;
  return [
    `| ${name} | first page | ${r(first.median)} | ${r(first.p95)} |`,
    `| ${name} | counts | ${r(counts.median)} | ${r(counts.p95)} |`,
    `| ${name} | reference: a page with no authorisation | ${floor.median.toFixed(1)} ms (1×) | ${floor.p95.toFixed(1)} ms |`,
  ];
}

const lines = ['| Database | Query | median (× reference) | p95 (× reference median) |', '| --- | --- | --- | --- |'];
const pglite = createDb({});
lines.push(...(await run('PGlite', pglite)));
await pglite.destroy();
if (process.env.BENCH_DATABASE_URL) {
  const schema = `bench_inbox_${randomBytes(4).toString('hex')}`;
  const admin = createDb({ url: process.env.BENCH_DATABASE_URL });
  await admin.raw(`create schema ${schema}`);
  const pg = createDb({ url: process.env.BENCH_DATABASE_URL, schema });
  try {
    lines.push(...(await run('PostgreSQL', pg, schema)));
  } finally {
    await pg.destroy();
    await admin.raw(`drop schema ${schema} cascade`);
    await admin.destroy();
  }
}
console.log(`inbox with ${VISIBLE} visible and ${VISIBLE} other open tasks, ${ROUNDS} rounds\n${lines.join('\n')}`);
