/**
 * Fuzz suite (issue 13, point 7): our real server as a child process on 127.0.0.1 (PGlite in a
 * temporary directory, demo organisation), and requests generated from the OpenAPI document it
 * serves (`/api/v1/openapi.json`: every operation, every parameter; whatever the document
 * becomes, the suite reads it at run time) — well-formed and malformed (NUL bytes, lone
 * surrogates, huge strings and numbers, wrong types, deep nesting, huge arrays and objects,
 * bad JSON, wrong content types, bad encodings in paths and queries, no or a bogus session),
 * signed in as the demo organisation's users, with real ids (tasks, instances, processes,
 * routines, commands) and variables shaped by the tasks' own forms. Fails on any 5xx, on a
 * request that gets no answer within 30 s, or when the server is not healthy at the end;
 * prints `fuzz: N requests, M routes, K × 5xx`.
 *
 *   npm run fuzz
 *
 * Settings: FUZZ_REQUESTS (at least this many, default 10000), FUZZ_SECONDS (the cap on the
 * sending phase, default 240: fewer requests than asked by then fails), FUZZ_CONCURRENCY (8),
 * FUZZ_SEED (replay a run's choices).
 */
import { randomBytes } from 'node:crypto';
import SwaggerParser from '@apidevtools/swagger-parser';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { freePort, ServerUnderTest } from './crash/server.js';
import { buildRequest, operations, type FuzzRequest, type Operation } from './fuzz/cases.js';
import { FuzzClient, seedPools } from './fuzz/client.js';
import { seededRng } from './rng.js';

const num = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]) : dflt);
const TARGET = num('FUZZ_REQUESTS', 10_000);
const CAP_MS = num('FUZZ_SECONDS', 240) * 1000;
const CONCURRENCY = num('FUZZ_CONCURRENCY', 8);
const seed = num('FUZZ_SEED', randomBytes(4).readUInt32BE(0));
const dataDir = `/tmp/kvh-fuzz-${randomBytes(3).toString('hex')}`;
// the demo organisation's users (README, "Quick start"): every role, at several places
const USERS = ['medarbetare', 'enhetschef', 'verksamhetschef', 'socialchef', 'utredare', 'kvalitetsledare', 'mas', 'handlaggare', 'admin'];

interface Failure {
  req: FuzzRequest;
  status: number | 'no answer';
  detail: string;
}

async function main(): Promise<number> {
  const t0 = Date.now();
  console.log(
    `fuzz: seed ${seed} (replay with FUZZ_SEED=${seed}); at least ${TARGET} requests, ${CONCURRENCY} at a time, sending capped at ${CAP_MS / 1000} s`,
  );
  const server = new ServerUnderTest(await freePort(), {
    DATABASE_URL: '',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'true',
    NODE_ENV: 'development',
    CLOCK_START: '',
    // a command request waits this long for the engine, then answers 202: the fuzz does not wait for its engine
    PUBLIC_FORM_RATE_LIMIT_PER_MINUTE: '10000',
    ENGINE_POLL_MS: '200',
    OUTBOX_DISPATCH_WAIT_MS: '100',
  });
  let code = 1;
  try {
    await server.start();
    console.log(`fuzz: server ready after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    code = await fuzz(server);
    return code;
  } finally {
    await server.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    // the server's log is kept when the run failed (its 500s are logged with their error id)
    if (code === 0) rmSync(path.dirname(server.logFile), { recursive: true, force: true });
    else console.log(`fuzz: server log: ${server.logFile}`);
  }
}

async function fuzz(server: ServerUnderTest): Promise<number> {
  const client = new FuzzClient(`${server.url}/api/v1`);
  // the bodies' and answers' schemas are components: $refs resolved in place, as the generator reads them inline
  const doc = (await SwaggerParser.dereference(await client.json('/openapi.json'))) as unknown as Parameters<typeof operations>[0];
  const ops = operations(doc);
  for (const u of USERS) await client.login(u);
  const rng = seededRng(seed);
  const pools = await seedPools(client, USERS, rng);
  console.log(
    `fuzz: ${ops.length} routes in the document; pools: ${pools.tasks.length} tasks, ${pools.instanceKeys.length} instances, ${pools.processIds.length} processes, ${pools.routineIds.length} routines`,
  );
  const failures: Failure[] = [];
  const statuses = new Map<number, number>();
  const perRoute = new Map<string, number>();
  const msPerRoute = new Map<string, number>();
  let sent = 0;
  let next = 0;
  const start = Date.now();
  const stopAt = start + CAP_MS;
  const worker = async () => {
    while (sent < TARGET && Date.now() < stopAt) {
      const op = ops[next++ % ops.length]!; // round robin: every route as often as the others
      const req = buildRequest(rng, op, pools);
      const n = ++sent;
      const t = Date.now();
      const res = await client.send(req);
      msPerRoute.set(routeName(op), (msPerRoute.get(routeName(op)) ?? 0) + Date.now() - t);
      if (res.status === 'no answer' || res.status >= 500) failures.push({ req, status: res.status, detail: res.detail });
      if (typeof res.status === 'number') statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      perRoute.set(routeName(op), (perRoute.get(routeName(op)) ?? 0) + 1);
      if (n % 2_500 === 0) {
        await seedPools(client, USERS, rng, pools);
        console.log(`fuzz: ${n} sent (${((Date.now() - start) / 1000).toFixed(0)} s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const healthy = await client.healthy();
  const slowest = [...msPerRoute.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.log(`fuzz: slowest routes (mean ms): ${slowest.map(([r, ms]) => `${r} ${(ms / (perRoute.get(r) ?? 1)).toFixed(0)}`).join(', ')}`);
  return report(sent, perRoute, statuses, failures, healthy, Date.now() - start);
}

const routeName = (op: Operation) => `${op.method} ${op.path}`;

function report(sent: number, perRoute: Map<string, number>, statuses: Map<number, number>, failures: Failure[], healthy: boolean, ms: number): number {
  const fives = failures.filter((f) => f.status !== 'no answer').length;
  const silent = failures.length - fives;
  console.log(
    `fuzz: statuses: ${[...statuses.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')}`,
  );
  console.log(
    `fuzz: per route: ${[...perRoute.values()].reduce((a, b) => Math.min(a, b), Infinity)}–${[...perRoute.values()].reduce((a, b) => Math.max(a, b), 0)} requests each`,
  );
  const kinds = new Map<string, number>();
  for (const f of failures) {
    const k = `${f.status} ${routeName(f.req.op)} [${f.req.kind}] ${f.detail}`;
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  for (const [k, n] of [...kinds.entries()].slice(0, 30)) console.log(`    ${n}× ${k}`);
  for (const f of failures.slice(0, 5))
    console.log(`      e.g. ${f.req.method} ${f.req.url.slice(0, 200)} as ${f.req.user ?? 'nobody'}: ${(f.req.body ?? '').slice(0, 200)}`);
  console.log(
    `fuzz: ${sent} requests, ${perRoute.size} routes, ${fives} × 5xx${silent ? `, ${silent} without an answer` : ''} (${(ms / 1000).toFixed(0)} s); server ${healthy ? 'healthy' : 'NOT healthy'} at the end`,
  );
  const short = sent < TARGET;
  if (short) console.log(`fuzz: FAILED: only ${sent} of ${TARGET} requests within ${CAP_MS / 1000} s`);
  return failures.length || short || !healthy ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`fuzz: error: ${(e as Error).stack ?? String(e)}`);
}
process.exit(code);
