/**
 * The history benchmark (`npm run bench:history`; issue 12 point 4): do years of history slow
 * the product down? On one fresh PostgreSQL schema (BENCH_DATABASE_URL) with the whole product
 * wired (bootstrap: engine, workers, inbox projection, demo organisation), it measures three
 * things, first on the empty database, then with BENCH_OPEN_TASKS (100,000) open tasks, then
 * with BENCH_COMPLETED (1,000,000) completed instances in history as well (bench/seedHistory.ts):
 * - the inbox's first page for the enhetschef of Hemtjänst Solrosen (TaskService.list);
 * - a task completion end to end through the engine: an avvikelse started as a reporter would,
 *   its assessment completed through TaskService.complete (the engine command included);
 * - the instance list: the monitoring page's query (avvikelse instances waiting at
 *   Task_Assess, for the kvalitetsledare) and the unfiltered first page (admin, all states).
 * Medians of BENCH_ROUNDS (60) rounds (15 spanned less time than the load bursts of a shared machine); the table gives each phase's ratio to the empty one.
 * Not a test: it asserts nothing about speed. The schema is dropped at the end, unless
 * BENCH_SEEDED_SCHEMA names one to keep the seed in and reuse (see below and bench/README.md).
 */
import { randomBytes } from 'node:crypto';
import { bootstrap } from '../src/bootstrap.js';
import { ControlledClock } from '../src/clock.js';
import { loadConfig } from '../src/config/index.js';
import { createDb, type Db } from '../src/db/index.js';
import { createLogger } from '../src/logger.js';
import type { Services } from '../src/services.js';
import { analyze, seedCompleted, seedOpenTasks } from './seedHistory.js';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL must name a PostgreSQL database (a fresh schema is made in it)');
const OPEN = Number(process.env.BENCH_OPEN_TASKS ?? 100_000);
const COMPLETED = Number(process.env.BENCH_COMPLETED ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const REPORT = {
  unitId: 'hemtjanst-solrosen',
  area: 'sol',
  category: 'utebliven-insats',
  occurredAt: '2027-03-01T07:30:00+01:00',
  description: 'Morgonbesöket blev inte av.',
  immediateActionsTaken: 'Ringde in extrapersonal.',
};
const ASSESS = { immediateMeasures: 'Extrapersonal.', severity: '3', probability: '2', consequence: '2', analysis: 'Schemat saknade en rad.' };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(fn: () => Promise<unknown>, before?: () => Promise<void>): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i <= ROUNDS; i++) {
    await before?.();
    const t0 = performance.now();
    await fn();
    if (i > 0) out.push(performance.now() - t0); // the first round warms up
  }
  return median(out);
}

async function until<T>(probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The three measures on the database as it is now. */
async function measure(s: Services): Promise<Record<string, number>> {
  const login = async (u: string) => (await s.org.login(u, 'demo')).user;
  const [chef, quality, admin] = [await login('enhetschef'), await login('kvalitetsledare'), await login('admin')];
  let taskKey = '';
  const openAssessment = async () => {
    const { key } = await s.engine.startInstance('avvikelse', REPORT);
    taskKey = await until(
      async () => (await s.engine.listUserTasks({ processInstanceKey: key, state: 'CREATED' })).find((t) => t.elementId === 'Task_Assess')?.key,
    );
  };
  return {
    inbox: await timed(() => s.tasks.list(chef, { state: 'open', page: 1, pageSize: 25, sort: 'due' })),
    completion: await timed(() => s.tasks.complete(chef, taskKey, ASSESS, {}), openAssessment),
    monitoring: await timed(() => s.instances.list(quality, { processId: 'avvikelse', elementId: 'Task_Assess', state: 'active', page: 1, pageSize: 25 })),
    allInstances: await timed(() => s.instances.list(admin, { page: 1, pageSize: 25 })),
  };
}

const clock = new ControlledClock(new Date('2027-03-01T09:00:00+01:00'));
const config = { ...loadConfig({ LOG_LEVEL: 'silent', ENGINE_POLL_MS: '20' }), demoData: true, annualCycleAutoStart: false };
const root = createDb({ url });
const log: string[] = [];
const step = (what: string) => {
  log.push(`${new Date().toISOString()} ${what}`);
  console.error(what);
};
const fresh = () => `bench_hist_${randomBytes(4).toString('hex')}`;

/** Bootstraps the whole product on `schema`, runs `fn`, and stops what bootstrap started. */
async function withProduct<T>(schema: string, fn: (s: Services, db: Db) => Promise<T>): Promise<T> {
  const db = createDb({ url, schema });
  try {
    const services = await bootstrap(config, db, clock, createLogger('silent'), schema);
    try {
      return await fn(services, db);
    } finally {
      await services.retentionSchedule.stop();
      await services.dispatcher.stop();
      await services.engine.stop();
    }
  } finally {
    await db.destroy();
  }
}

/** Whether `schema` already holds a finished seed of this size (bench_seed, written after seeding). */
async function seededAlready(schema: string): Promise<boolean> {
  const t = await root.raw('select to_regclass(?) as t', [`${schema}.bench_seed`]);
  if (!t.rows[0].t) return false;
  const row = await root.withSchema(schema).table('bench_seed').first();
  return Number(row?.open_tasks) === OPEN && Number(row?.completed) === COMPLETED;
}

/** Seeds the open tasks (measured after them when `measureOpen`), then the history. */
async function seedAndMeasure(s: Services, db: Db, measureOpen: boolean): Promise<Record<string, number> | undefined> {
  step(`seeding ${OPEN} open tasks`);
  let t0 = performance.now();
  await seedOpenTasks(db, clock.now(), OPEN);
  await analyze(db);
  step(`seeded open tasks in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const open = measureOpen ? await measure(s) : undefined;
  step(`seeding ${COMPLETED} completed instances`);
  t0 = performance.now();
  await seedCompleted(db, clock.now(), COMPLETED);
  await db.schema.createTable('bench_seed', (t) => {
    t.integer('open_tasks');
    t.integer('completed');
  });
  await db('bench_seed').insert({ open_tasks: OPEN, completed: COMPLETED });
  await analyze(db);
  step(`seeded history in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return open;
}

// BENCH_SEEDED_SCHEMA=name keeps the seeded data in that schema and reuses it on the next run
// (seeding a million instances takes a while): the empty phase then runs in a fresh schema of
// the same database in the same run, and the open-tasks-only phase is left out when reused.
const kept = process.env.BENCH_SEEDED_SCHEMA;
if (process.env.BENCH_SEED_ONLY === '1' && !kept) throw new Error('BENCH_SEED_ONLY=1 needs BENCH_SEEDED_SCHEMA (where the seed is kept)');
const schema = kept ?? fresh();
const emptySchema = kept ? fresh() : schema;
const reuse = kept ? await seededAlready(kept) : false;
let empty: Record<string, number> | undefined;
let open: Record<string, number> | undefined;
let full: Record<string, number> | undefined;
try {
  if (process.env.BENCH_SEED_ONLY !== '1') {
    await root.raw('create schema ??', [emptySchema]);
    step('empty: measuring');
    empty = await withProduct(emptySchema, (s) => measure(s));
  }
  if (!reuse && kept) {
    await root.raw('drop schema if exists ?? cascade', [kept]);
    await root.raw('create schema ??', [kept]);
  }
  if (reuse) step(`reusing the seed in ${kept}`);
  full = await withProduct(schema, async (s, db) => {
    if (!reuse) open = await seedAndMeasure(s, db, empty !== undefined);
    if (!empty) return undefined;
    step('seeded: measuring');
    return measure(s);
  });
} finally {
  const drop = [emptySchema !== schema ? emptySchema : undefined, kept || process.env.BENCH_KEEP_SCHEMA === '1' ? undefined : schema];
  for (const d of drop) if (d) await root.raw('drop schema if exists ?? cascade', [d]);
  if (!kept && process.env.BENCH_KEEP_SCHEMA === '1') console.error(`kept schema ${schema}`);
  await root.destroy();
}
if (empty && full) {
  const names: Record<string, string> = {
    inbox: 'inbox first page (enhetschef)',
    completion: 'task completion through the engine',
    monitoring: 'instance list: monitoring page (waiting at a step)',
    allInstances: 'instance list: all instances, first page (admin)',
  };
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(`history bench on PostgreSQL, ${ROUNDS} rounds (medians)${reuse ? `, seed reused from ${kept}` : ''}\n`);
  console.log(`| measure | empty | ${OPEN} open tasks | + ${COMPLETED} completed | ratio seeded/empty |`);
  console.log('| --- | --- | --- | --- | --- |');
  for (const k of Object.keys(names)) {
    const o = open ? `${ms(open[k]!)} (${(open[k]! / empty[k]!).toFixed(2)}×)` : '—';
    console.log(`| ${names[k]} | ${ms(empty[k]!)} | ${o} | ${ms(full[k]!)} | ${(full[k]! / empty[k]!).toFixed(2)}× |`);
  }
  console.log(`\n${log.join('\n')}`);
}
