/**
 * Crash suite (issue 12, point 3): our real server as a child process on a PostgreSQL database
 * of its own; walks of our real processes over HTTP with bounded concurrency (starts, e-service
 * submissions, task completions several steps deep, so that messages are published, called
 * processes start and timers fire) and, for the cycle timers and timer start events our processes
 * do not have, a model of the suite's own (crash/timers.ts); meanwhile the server is SIGKILLed at random moments while
 * requests are in flight and started again on the same database; a request that died with the
 * server is sent again with the same Idempotency-Key. At the end (after a bounded wait for the
 * engine to settle) every acknowledged command is compared with the final state: 0 lost, 0
 * duplicated, or the exit code is 1.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run crash-suite
 *
 * DATABASE_URL names a PostgreSQL *server* (any database on it to connect to); the suite creates
 * `crash_<random>` there and drops only that, also on failure. Settings: CRASH_SEED (replay a
 * run's kill schedule and choices), CRASH_INSTANCES (default 500), CRASH_MIN_KILLS (8),
 * CRASH_CONCURRENCY (48), CRASH_MAX_UPTIME_MS (40000: a kill comes 2 s to this long after a start), CRASH_LOAD_SECONDS (the cap on the walking phase, 420).
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import { distinct, failureKinds, runChecks, type CheckLine } from './crash/checks.js';
import { CrashClient, pause, type Command } from './crash/client.js';
import { nextStart, TASKS } from './crash/flows.js';
import { seededRng } from './rng.js';
import { killPointsHit, runKiller, type KillRecord } from './crash/killer.js';
import { freePort, ServerUnderTest } from './crash/server.js';
import { timerChecks, deployTimers, TIMER_PROCESS } from './crash/timers.js';
import { walk, type WalkResult } from './crash/walk.js';

const num = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]) : dflt);
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl || !/^postgres(ql)?:\/\//.test(serverUrl)) {
  console.error('crash-suite: set DATABASE_URL to a PostgreSQL server (postgres://…); the suite creates and drops its own database there');
  process.exit(2);
}
const seed = num('CRASH_SEED', randomBytes(4).readUInt32BE(0));
const TARGET_INSTANCES = num('CRASH_INSTANCES', 500);
const MIN_KILLS = num('CRASH_MIN_KILLS', 8);
const CONCURRENCY = num('CRASH_CONCURRENCY', 48);
const LOAD_CAP_MS = num('CRASH_LOAD_SECONDS', 420) * 1000;
const MAX_FLOWS = 3000;
const SETTLE_CAP_MS = 120_000;

const runId = randomBytes(3).toString('hex');
const dbName = `crash_${runId}`;
const dbUrl = (() => {
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const admin = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
let created = false;
let server: ServerUnderTest | undefined;
let db: Knex | undefined;

async function cleanup(): Promise<void> {
  await server?.stop().catch(() => undefined);
  await db?.destroy().catch(() => undefined);
  if (created) {
    await admin
      .raw(`drop database if exists ${dbName} with (force)`)
      .catch((e) => console.error(`crash-suite: could not drop ${dbName}: ${(e as Error).message}`));
    created = false;
  }
  await admin.destroy().catch(() => undefined);
  rmSync(`/tmp/${dbName}`, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => {
    void cleanup().then(() => process.exit(130));
  });

async function main(): Promise<number> {
  const t0 = Date.now();
  console.log(
    `crash-suite: seed ${seed} (replay with CRASH_SEED=${seed}); database ${dbName}; target ${TARGET_INSTANCES} instances, at least ${MIN_KILLS} kills, ${CONCURRENCY} walks at a time`,
  );
  await admin.raw(`create database ${dbName}`);
  created = true;
  db = knexFactory({ client: 'pg', connection: dbUrl, pool: { min: 0, max: 6 } });
  // ENGINE_POLL_MS 200 is the production default (a job or a due timer waits up to that long,
  // which is also the window a kill can land in while the engine fires timers)
  server = new ServerUnderTest(
    await freePort(),
    {
      DATABASE_URL: dbUrl,
      DATA_DIR: `/tmp/${dbName}`,
      LOG_LEVEL: 'warn',
      ENGINE_POLL_MS: '200',
      DEMO_DATA: 'true',
      NODE_ENV: 'development',
      PUBLIC_FORM_RATE_LIMIT_PER_MINUTE: '10000',
      CLOCK_START: '',
      TIMER_CYCLE_MIN_SECONDS: '1', // the suite's own cycles fire every second or three (crash/timers.ts)
    },
    { DEMO_DATA: 'false' },
  ); // the demo users exist after the first start; restarts skip re-checking them
  await server.start();
  const client = new CrashClient(server);
  for (const u of new Set(
    Object.values(TASKS)
      .map((t) => t.user)
      .concat(['medarbetare', 'enhetschef', 'handlaggare', 'kvalitetsledare']),
  ))
    await client.login(u);
  await deployTimers(server, client);

  const { walks, kills } = await load(db, server, client);
  console.log(
    `crash-suite: walking done after ${((Date.now() - t0) / 1000).toFixed(0)} s: ${walks.length} cases walked, ${walks.reduce((a, w) => a + w.steps, 0)} completions sent, ${walks.filter((w) => w.idleCapped).length} walks stopped idle`,
  );
  const waits = new Map<string, number>();
  for (const w of walks.filter((x) => x.idleCapped)) waits.set(`${w.flow}: ${w.waitingFor}`, (waits.get(`${w.flow}: ${w.waitingFor}`) ?? 0) + 1);
  for (const [w, n] of waits) console.log(`    ${n}× stopped idle, waiting for ${w}`);
  const settled = await settle(db);
  console.log(`crash-suite: engine ${settled ? 'settled' : `not settled after ${SETTLE_CAP_MS / 1000} s (checked as it is)`}`);
  const lines = [...(await runChecks(db, client.ledger)), ...(await timerChecks(db))];
  return report(db, client.ledger, kills, lines, t0);
}

/** The walking phase: walks until enough instances and kills (bounded), the killer alongside. */
async function load(db: Knex, server: ServerUnderTest, client: CrashClient): Promise<{ walks: WalkResult[]; kills: KillRecord[] }> {
  const flowRng = seededRng(seed ^ 0x9e3779b9);
  const started = Date.now();
  client.deadline = started + LOAD_CAP_MS + 30_000;
  let instances = 0;
  let flows = 0;
  let done = false;
  const kills: KillRecord[] = [];
  const enough = () =>
    done || (done = (instances >= TARGET_INSTANCES && kills.length >= MIN_KILLS) || Date.now() - started > LOAD_CAP_MS || flows >= MAX_FLOWS);
  const monitor = (async () => {
    while (!enough()) {
      instances = await ourInstances(db);
      await pause(1000);
    }
  })();
  const killer = runKiller(
    server,
    client,
    db,
    seededRng(seed),
    { minUptimeMs: 2000, maxUptimeMs: num('CRASH_MAX_UPTIME_MS', 40_000), maxKills: 60, timerEvery: 3 },
    enough,
    kills,
  );
  const walks: WalkResult[] = [];
  const walker = async () => {
    while (!enough()) walks.push(await walk(db, client, nextStart(flowRng, flows++, runId), flowRng, enough));
  };
  await Promise.all([...Array.from({ length: CONCURRENCY }, walker), monitor, killer]);
  return { walks, kills };
}

/** Instances of our processes (runtime and history), not the suite's own timer process. */
async function ourInstances(db: Knex): Promise<number> {
  return Number((await db('engine_instance_all').whereNot({ process_id: TIMER_PROCESS }).count({ n: '*' }))[0]!.n);
}

/** Waits (polling, capped) until no job is waiting or running, no timer is due and no outbox command is pending. */
async function settle(db: Knex): Promise<boolean> {
  const end = Date.now() + SETTLE_CAP_MS;
  let quiet = 0;
  while (Date.now() < end) {
    const jobs = Number((await db('engine_job').whereIn('state', ['ACTIVATABLE', 'ACTIVATED']).count({ n: '*' }))[0]!.n);
    const timers = Number((await db('engine_timer').where('state', 'ACTIVE').where('due_at', '<=', db.raw('now()')).count({ n: '*' }))[0]!.n);
    const commands = Number((await db('outbox_command').where('state', 'pending').count({ n: '*' }))[0]!.n);
    quiet = jobs + timers + commands === 0 ? quiet + 1 : 0;
    if (quiet >= 3) return true;
    await pause(500);
  }
  return false;
}

/** Prints the figures and the checks; returns the exit code. */
async function report(db: Knex, ledger: Command[], kills: KillRecord[], lines: CheckLine[], t0: number): Promise<number> {
  const instances = await ourInstances(db);
  const timerInstances = Number((await db('engine_instance_all').where({ process_id: TIMER_PROCESS }).count({ n: '*' }))[0]!.n);
  const byProcess = await db('engine_instance')
    .groupBy('process_id')
    .orderBy('process_id')
    .select<{ process_id: string; n: number }[]>('process_id', db.raw('count(*)::int as n'));
  console.log(`crash-suite: instances by process: ${byProcess.map((r) => `${r.process_id} ${r.n}`).join(', ')}`);
  printCommands(ledger);
  const hit = killPointsHit(kills);
  console.log(
    `crash-suite: kill points hit (kills with such work in flight): ${Object.entries(hit)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  const lost = distinct(lines.flatMap((l) => l.lost));
  const duplicated = distinct(lines.flatMap((l) => l.duplicated));
  for (const l of lines) {
    const verdict = l.lost.length + l.duplicated.length === 0 ? 'ok' : 'FAILED';
    console.log(`crash-suite: check ${verdict}: ${l.name}: ${l.checked} checked, ${l.lost.length} lost, ${l.duplicated.length} duplicated`);
    for (const [k, n] of failureKinds([...l.lost.map((x) => `lost: ${x}`), ...l.duplicated.map((x) => `duplicated: ${x}`)])) console.log(`    ${n}× ${k}`);
    for (const d of [...l.lost.map((x) => `lost: ${x}`), ...l.duplicated.map((x) => `duplicated: ${x}`)].slice(0, 8)) console.log(`      e.g. ${d}`);
  }
  const ackd = ledger.filter((c) => c.outcome === 'ack' || c.outcome === 'ack-409').length;
  const fmt = (n: number) => n.toLocaleString('en-US');
  const lowKills = kills.length < MIN_KILLS;
  console.log(
    `crash-suite: seed ${seed}, ${fmt(instances)} instances of our processes (and ${fmt(timerInstances)} timer starts of ${TIMER_PROCESS}), ${kills.length} kills, ${fmt(ackd)} acknowledged commands, ${fmt(lost)} lost, ${fmt(duplicated)} duplicated (distinct tasks, instances and commands; ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  );
  if (instances < TARGET_INSTANCES || lowKills)
    console.log(`crash-suite: FAILED: fewer than ${TARGET_INSTANCES} instances or ${MIN_KILLS} kills within the time cap`);
  return lost + duplicated > 0 || instances < TARGET_INSTANCES || lowKills ? 1 : 0;
}

function printCommands(ledger: Command[]): void {
  const groups = new Map<string, Record<string, number>>();
  for (const c of ledger) {
    const k = c.kind;
    const g = groups.get(k) ?? { sent: 0, ack: 0, 'ack-409': 0, refused: 0, 'gave-up': 0, retried: 0 };
    g.sent!++;
    g[c.outcome]!++;
    if (c.attempts > 1) g.retried!++;
    groups.set(k, g);
  }
  for (const [k, g] of groups)
    console.log(
      `crash-suite: ${k}: ${Object.entries(g)
        .map(([n, v]) => `${v} ${n}`)
        .join(', ')}`,
    );
  const refused = new Map<string, number>();
  for (const c of ledger.filter((x) => x.outcome === 'refused' || x.outcome === 'gave-up')) {
    const k = `${c.kind} ${c.processId}${c.elementId ? `/${c.elementId}` : ''} → ${c.outcome} ${c.status ?? ''} ${c.attempts > 1 ? '(after a retry) ' : ''}${c.problem ?? ''}`;
    refused.set(k, (refused.get(k) ?? 0) + 1);
  }
  for (const [k, n] of refused) console.log(`    ${n}× ${k}`);
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`crash-suite: error: ${(e as Error).stack ?? String(e)}`);
  if (server) console.error(`crash-suite: server log: ${server.logFile}`);
} finally {
  await cleanup();
}
process.exit(code);
