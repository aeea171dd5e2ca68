/**
 * The engine benchmark (`npm run bench`): the same models on the embedded engine on PGlite
 * (the reference), on PostgreSQL and — only when an organisation points it at its own licensed
 * cluster — on Camunda, in one run, reported as ratios to the embedded engine on PGlite. Not a
 * test: it asserts nothing about speed; it checks only that every instance ended correctly.
 *
 *   first the PostgreSQL server's raw commit rate (16 clients, one-row INSERT per transaction),
 *   whose eleventh is the bound for (a) (commitRate.ts);
 *   (a) a chain of 10 service tasks with FEEL input/output mappings: completed instances per
 *       second with a fixed number of instances in flight, the share of the bound, commits and
 *       round trips per instance (chain.ts, queryStats.ts);
 *   (b) lex Sarah through our HTTP API: time from a task's completion (204) until the next task
 *       is in the next person's inbox, median and p95.
 *
 * Needs BENCH_DATABASE_URL (a PostgreSQL server). Optional: BENCH_ZEEBE_REST_ADDRESS (an
 * existing Camunda 8 cluster with our exporter; nothing here starts one) and
 * BENCH_ZEEBE_EXPORT_DATABASE_URL (where its exporter writes; default BENCH_DATABASE_URL).
 * Settings: BENCH_SECONDS (20), BENCH_CONCURRENCY (16), BENCH_LEX_SARAH_CASES (10),
 * BENCH_COMMIT_SECONDS (5), BENCH_SKIP_LEX_SARAH (unset). See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { bootstrap } from '../src/bootstrap.js';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config/index.js';
import { createDb, migrateLatest, type Db } from '../src/db/index.js';
import { createEmbeddedEngine } from '../src/engine/embedded/index.js';
import type { ProcessEngine } from '../src/engine/port.js';
import { createZeebeEngine } from '../src/engine/zeebe/index.js';
import { createApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';
import pg from 'pg';
import { LEX_SARAH_FORMS, LEX_SARAH_REPORT } from '../test/support/lexSarah.js';
import { runChain, STEPS } from './chain.js';
import { rawCommitRate, rawPgliteCommitRate } from './commitRate.js';

const env = process.env;
const SECONDS = Number(env.BENCH_SECONDS ?? 20);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 16);
const CASES = Number(env.BENCH_LEX_SARAH_CASES ?? 10);
const COMMIT_SECONDS = Number(env.BENCH_COMMIT_SECONDS ?? 5);
/** Profiling runs may leave out (b); the bench itself always runs it. */
const SKIP_LEX_SARAH = env.BENCH_SKIP_LEX_SARAH === '1';
const pgUrl = env.BENCH_DATABASE_URL;
const zeebeRest = env.BENCH_ZEEBE_REST_ADDRESS;
const exportUrl = env.BENCH_ZEEBE_EXPORT_DATABASE_URL ?? pgUrl;
if (!pgUrl) {
  console.error('bench: set BENCH_DATABASE_URL to a PostgreSQL server (see bench/README.md)');
  process.exit(2);
}

type Setup = 'embedded+PGlite' | 'embedded+PostgreSQL' | 'Camunda';
const SETUPS: Setup[] = ['embedded+PGlite', 'embedded+PostgreSQL', ...(zeebeRest ? ['Camunda' as const] : [])];

/** A fresh database for one setup: PGlite in memory, or a database of its own on the server (created and dropped here). */
async function freshDb(setup: Setup): Promise<{ db: Db; schema?: string; url?: string; drop(): Promise<void> }> {
  if (setup === 'embedded+PGlite') {
    const db = createDb({});
    return { db, drop: () => db.destroy() };
  }
  // A database of its own, so that the server's commit count (pg_stat_database) is the bench's alone.
  const name = `bench_${randomBytes(4).toString('hex')}`;
  await admin(`create database "${name}"`);
  const url = databaseUrl(name);
  const db = createDb({ url });
  return {
    db,
    url,
    drop: async () => {
      await db.destroy();
      await admin(`drop database if exists "${name}" with (force)`);
    },
  };
}

/** BENCH_DATABASE_URL with another database name. */
function databaseUrl(name: string): string {
  const u = new URL(pgUrl!);
  u.pathname = `/${name}`;
  return u.toString();
}

/** One statement on BENCH_DATABASE_URL's database (creating and dropping the bench's own databases). */
async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

// ---- (a) a chain of 10 service tasks -------------------------------------------------------

async function chainEngine(setup: Setup, db: Db, schema: string | undefined): Promise<ProcessEngine> {
  await migrateLatest(db, schema);
  if (setup === 'Camunda') {
    return createZeebeEngine({ db, clock: systemClock, restAddress: zeebeRest!, exportDatabaseUrl: exportUrl!, pollMs: 20, skipHistory: true });
  }
  return createEmbeddedEngine({ db, clock: systemClock, pollMs: 20 });
}

/** `pg_stat_database.xact_commit` of the bench's database, as a cross-check of the engine's own count. */
async function xactCommits(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const r = await c.query('select xact_commit::bigint as n from pg_stat_database where datname = current_database()');
  await c.end();
  return Number(r.rows[0].n);
}

/** The server's own count of commits over a window, less what a quiet period of the same length shows. */
function serverCommitWindow(url: string, quietPerSecond: number) {
  let before = 0;
  let t0 = 0;
  const w = {
    perWindow: 0,
    start: async () => {
      before = await xactCommits(url);
      t0 = Date.now();
    },
    end: async () => {
      await new Promise((r) => setTimeout(r, 1_100)); // PostgreSQL 15 publishes a backend's counts at most once a second
      w.perWindow = (await xactCommits(url)) - before - quietPerSecond * ((Date.now() - t0) / 1000);
    },
  };
  return w;
}

/** Commits per second the server counts with the bench idle (other clients of the same database). */
async function quietCommitRate(url: string): Promise<number> {
  const a = await xactCommits(url);
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, 2_000));
  return ((await xactCommits(url)) - a) / ((Date.now() - t0) / 1000);
}

/** The chain on one setup: rate, commits per instance (engine's count and, on PostgreSQL, the server's). */
async function benchChain(setup: Setup) {
  const fresh = await freshDb(setup);
  const engine = await chainEngine(setup, fresh.db, fresh.schema);
  const server = fresh.url ? serverCommitWindow(fresh.url, await quietCommitRate(fresh.url)) : undefined;
  const r = await runChain(engine, fresh.db, { seconds: SECONDS, concurrency: CONCURRENCY, label: setup, window: server });
  await fresh.drop();
  return { ...r, serverCommitsPerInstance: server ? server.perWindow / r.completed : undefined };
}

// ---- (b) lex Sarah through the HTTP API -----------------------------------------------------

/** A signed-in HTTP client (cookie session) against the real server. */
async function client(base: string, username: string) {
  const r = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = ((await r.json()) as { csrfToken: string }).csrfToken;
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

type Client = Awaited<ReturnType<typeof client>>;

/** Polls the inbox until the instance's task at `elementId` is there; returns it. */
async function inboxTask(c: Client, instanceKey: string, elementId: string): Promise<{ key: string }> {
  const end = Date.now() + 30_000;
  for (;;) {
    const r = await c('GET', '/api/v1/tasks?pageSize=200');
    const t = r.body.items.find((x: { processInstanceKey: string; elementId: string }) => x.processInstanceKey === instanceKey && x.elementId === elementId);
    if (t) return t;
    if (Date.now() > end) throw new Error(`task ${elementId} did not appear`);
    await new Promise((res) => setTimeout(res, 5));
  }
}

/** Latencies (ms) from each completion to the next task in the inbox, over CASES reports. */
async function benchLexSarah(setup: Setup): Promise<number[]> {
  const fresh = await freshDb(setup);
  const zeebe =
    setup === 'Camunda' ? { PROCESS_ENGINE: 'zeebe', ZEEBE_REST_ADDRESS: zeebeRest!, ZEEBE_EXPORT_DATABASE_URL: exportUrl!, ZEEBE_SKIP_HISTORY: 'true' } : {};
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', ENGINE_POLL_MS: '20', ...zeebe }), demoData: true };
  const services = await bootstrap(config, fresh.db, systemClock, createLogger('silent'), fresh.schema);
  const server = createApp(services).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const users = Object.fromEntries(
    await Promise.all(['medarbetare', 'enhetschef', 'utredare', 'socialchef'].map(async (u) => [u, await client(base, u)] as const)),
  );
  const now = new Date().toISOString().slice(0, 16) + 'Z';
  const steps: [string, string, string][] = [
    ['enhetschef', 'Task_ImmediateMeasures', 'utredare'],
    ['utredare', 'Task_Investigate', 'socialchef'],
    ['socialchef', 'Task_Assess', 'utredare'],
  ];
  const next: Record<string, string> = { Task_ImmediateMeasures: 'Task_Investigate', Task_Investigate: 'Task_Assess', Task_Assess: 'Task_ReportToIvo' };
  const latencies: number[] = [];
  for (let i = 0; i < CASES; i++) {
    const started = await users.medarbetare!('POST', '/api/v1/process-instances', {
      processId: 'lex-sarah',
      variables: { ...LEX_SARAH_REPORT, occurredAt: now },
    });
    if (started.status !== 201) throw new Error(`${setup}: report refused (${started.status})`);
    const key = started.body.key as string;
    let task = await inboxTask(users.enhetschef!, key, 'Task_ImmediateMeasures');
    for (const [who, elementId, nextWho] of steps) {
      const variables = elementId === 'Task_ImmediateMeasures' ? { ...LEX_SARAH_FORMS[elementId], measuresTakenAt: now } : LEX_SARAH_FORMS[elementId];
      const r = await users[who]!('POST', `/api/v1/tasks/${task.key}/completion`, { variables });
      if (r.status !== 204) throw new Error(`${setup}: completing ${elementId} gave ${r.status}`);
      const t0 = performance.now();
      task = await inboxTask(users[nextWho]!, key, next[elementId]!);
      latencies.push(performance.now() - t0);
    }
  }
  server.close();
  await services.engine.stop();
  await fresh.drop();
  return latencies;
}

// ---- the run --------------------------------------------------------------------------------

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};

process.stderr.write(`bench: PostgreSQL raw commit rate, 16 clients, one-row insert per transaction, ${COMMIT_SECONDS} s …\n`);
const probe = `bench_${randomBytes(4).toString('hex')}`;
const commitRate = await rawCommitRate(pgUrl, probe, COMMIT_SECONDS, 16).finally(async () => {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`drop schema if exists "${probe}" cascade`);
  await c.end();
});
// The fewest commits a durable 10-task chain needs: the start, then one per task completion.
const bound = commitRate / (STEPS + 1);
process.stderr.write(`bench: PGlite raw commit rate, 16 loops on its one connection, ${COMMIT_SECONDS} s …\n`);
const pgliteCommitRate = await rawPgliteCommitRate(COMMIT_SECONDS, 16);
const pgliteBound = pgliteCommitRate / (STEPS + 1);

type Result = Awaited<ReturnType<typeof benchChain>> & { median: number; p95: number };
const results: Record<Setup, Result> = {} as never;
for (const setup of SETUPS) {
  process.stderr.write(`bench: ${setup}: (a) chain of ${STEPS} service tasks, ${CONCURRENCY} in flight, ${SECONDS} s …\n`);
  const chain = await benchChain(setup);
  process.stderr.write(
    `bench: ${setup}: ${chain.rate.toFixed(1)}/s, ${chain.commitsPerInstance.toFixed(1)} commits, ${chain.roundTripsPerInstance.toFixed(0)} round trips per instance\n`,
  );
  let lat = [Number.NaN];
  if (!SKIP_LEX_SARAH) {
    process.stderr.write(`bench: ${setup}: (b) lex Sarah through the HTTP API, ${CASES} reports …\n`);
    lat = await benchLexSarah(setup);
  }
  results[setup] = { ...chain, median: quantile(lat, 0.5), p95: quantile(lat, 0.95) };
}

const ref = results['embedded+PGlite'];
const cell = (v: number, r: number, digits: number) => `${v.toFixed(digits)} (${(v / r).toFixed(2)}×)`;
const pct = (v: number) => `${((100 * v) / bound).toFixed(1)} %`;
const rows: [string, (s: Setup) => string][] = [
  ['(a) chain of 10 service tasks: completed instances/s, 16 in flight (higher is better)', (s) => cell(results[s].rate, ref.rate, 1)],
  [`(a) … as a share of the bound (${bound.toFixed(0)}/s = raw commit rate ÷ ${STEPS + 1}; target ≥ 25 % on PostgreSQL)`, (s) => pct(results[s].rate)],
  [
    `(a) … as a share of the database's own bound (its raw commit rate ÷ ${STEPS + 1}: PostgreSQL ${bound.toFixed(0)}/s, PGlite ${pgliteBound.toFixed(0)}/s)`,
    (s) => (s === 'embedded+PGlite' ? `${((100 * results[s].rate) / pgliteBound).toFixed(1)} %` : pct(results[s].rate)),
  ],
  ['(a) … CPU of the bench process per completed instance, ms (the engine; on PGlite the database too)', (s) => results[s].cpuMsPerInstance.toFixed(1)],
  ["(a) … commits per completed instance, engine's own COMMITs (target ≤ 15)", (s) => results[s].commitsPerInstance.toFixed(1)],
  [
    "(a) … commits per completed instance, server's xact_commit Δ of the bench's own database (PostgreSQL only; read-only transactions included)",
    (s) => results[s].serverCommitsPerInstance?.toFixed(1) ?? '–',
  ],
  [
    '(a) … of those, reads the engine sent outside a transaction (each one a read-only transaction the server counts)',
    (s) => results[s].autocommitReadsPerInstance.toFixed(1),
  ],
  ['(a) … database round trips per completed instance', (s) => results[s].roundTripsPerInstance.toFixed(0)],
  ['(b) lex Sarah via HTTP: completion → next task in inbox, median ms (lower is better)', (s) => cell(results[s].median, ref.median, 0)],
  ['(b) lex Sarah via HTTP: completion → next task in inbox, p95 ms (lower is better)', (s) => cell(results[s].p95, ref.p95, 0)],
];
console.log(`\nEngine benchmark — ${new Date().toISOString()} — ratios (×) are to the embedded engine on PGlite in this run`);
console.log(
  `PostgreSQL raw commit rate: ${commitRate.toFixed(0)} commits/s (16 clients, one-row INSERT per transaction, ${COMMIT_SECONDS} s); bound for the chain: ${bound.toFixed(0)} instances/s`,
);
console.log(
  `PGlite raw commit rate: ${pgliteCommitRate.toFixed(0)} commits/s (in memory, 16 loops on its one connection, one-row INSERT per transaction); its bound for the chain: ${pgliteBound.toFixed(0)} instances/s (target of issue 12: 100/s)`,
);
console.log(`| measure | ${SETUPS.join(' | ')} |`);
console.log(`|---|${SETUPS.map(() => '---').join('|')}|`);
for (const [name, f] of rows) console.log(`| ${name} | ${SETUPS.map(f).join(' | ')} |`);
process.exit(0);
