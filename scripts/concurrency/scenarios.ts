/**
 * The concurrency suite's scenarios. Each sends its commands, spread over the processes that
 * take requests (two engine processes, or the two API processes of the compose shape), waits
 * (bounded) for the engine to finish, and counts from the engine's tables what must be zero.
 * Firings are counted from the event log: a timer that fired twice for one due time fired
 * twice. Ended call trees are in history (engine/embedded/history.ts),
 * so counts read runtime and history together (the `*_all` views, `eventLog`).
 */
import { systemClock } from '../../src/clock.js';
import type { Db } from '../../src/db/index.js';
import { createEmbeddedEngine } from '../../src/engine/embedded/index.js';
import { configureLint } from '../../src/engine/lint/settings.js';
import { callModels, cycleModel, dateModel, jobModel, loopModel, messageModel, timerStartModels, userModel } from './models.js';

/** An engine process: `call` sends it a command and answers with its outcome. */
export interface Node {
  name: string;
  call(op: string, ...args: unknown[]): Promise<{ ok: boolean; value?: unknown; error?: string }>;
}

/** What one scenario counted. */
export interface Result {
  name: string;
  instances: number;
  doubleFirings: number;
  lostCorrelations: number;
  doubleCorrelations: number;
  duplicateCompletions: number;
  lost: number;
  note?: string;
}

/** `nodes`: the processes the scenario sends its commands to, in turn (at least two). */
type Scenario = (db: Db, nodes: Node[]) => Promise<Result>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const result = (name: string, instances: number, counts: Partial<Result> = {}): Result => ({
  name,
  instances,
  doubleFirings: 0,
  lostCorrelations: 0,
  doubleCorrelations: 0,
  duplicateCompletions: 0,
  lost: 0,
  ...counts,
});

async function deploy(db: Db, xml: string[]): Promise<void> {
  // the suite's cycles fire every second on purpose (lint's minimum is for real models)
  configureLint({ minTimerCycleSeconds: 1 });
  await createEmbeddedEngine({ db, clock: systemClock }).deploy(xml.map((content, i) => ({ name: `conc-${Date.now()}-${i}.bpmn`, content })));
}

/** Runs `fn` for 0..n-1, at most `width` at a time. */
async function pool(n: number, width: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

/** The event log of running and of ended trees (history keeps the rows of ended ones). */
function eventLog(db: Db) {
  return db('engine_event_log_all as ev');
}

/** Starts n instances, alternating between the processes; returns their keys. */
async function startMany(nodes: Node[], processId: string, n: number, vars: (i: number) => Record<string, unknown> = () => ({})): Promise<string[]> {
  const keys: string[] = [];
  await pool(n, 8, async (i) => {
    const r = await nodes[i % nodes.length]!.call('start', processId, vars(i));
    if (!r.ok) throw new Error(`start ${processId}: ${r.error}`);
    keys[i] = (r.value as { key: string }).key;
  });
  return keys;
}

/** Waits until `done` holds, at most `ms`. */
async function until(ms: number, done: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && !(await done())) await sleep(200);
}

async function activeCount(db: Db, keys: string[]): Promise<number> {
  return Number((await db('engine_instance').whereIn('key', keys).where({ state: 'ACTIVE' }).count({ n: '*' }))[0]!.n);
}

/**
 * Firings of a timer for a due time it had already fired for (each firing logs the due time it
 * fired for). Two firings closer than the interval are not a double firing by themselves: a
 * cycle that fired late is due again one interval after its *previous* due time (time.ts).
 */
async function doubleFirings(db: Db, timerKeys: string[]): Promise<number> {
  const rows = await eventLog(db)
    .where({ kind: 'timer.fired' })
    .whereIn('subject_key', timerKeys)
    .groupBy('subject_key', db.raw("data->>'due'"))
    .havingRaw('count(*) > 1')
    .select('subject_key', db.raw('count(*)::int as n'));
  return rows.reduce((s, r) => s + Number(r.n) - 1, 0);
}

/** Jobs whose handler ran more than once, and jobs completed more than once. */
async function jobDuplicates(db: Db, type: string): Promise<{ invocations: number; completions: number }> {
  const inv = await db('conc_invocation').where({ job_type: type }).groupBy('job_key').havingRaw('count(*) > 1').select('job_key');
  // finished jobs are deleted (history.ts): the jobs are those the handlers saw
  const jobs = db('conc_invocation').where({ job_type: type }).distinct('job_key');
  const done = await eventLog(db)
    .where({ kind: 'job.completed' })
    .whereIn('subject_key', jobs)
    .groupBy('subject_key')
    .havingRaw('count(*) > 1')
    .select('subject_key');
  return { invocations: inv.length, completions: done.length };
}

const cycles: Scenario = async (db, nodes) => {
  await deploy(db, [cycleModel]);
  const keys = await startMany(nodes, 'conc-cycle', 40);
  // the timers are deleted with their tree when it ends: note them while the instances wait
  await until(10_000, async () => Number((await db('engine_timer').whereIn('root_key', keys).count({ n: '*' }))[0]!.n) >= keys.length);
  const timers = (await db('engine_timer').whereIn('root_key', keys).select('key')).map((t) => String(t.key));
  await sleep(6_500);
  await pool(keys.length, 8, async (i) => {
    await nodes[i % nodes.length]!.call('cancel', keys[i]);
  });
  const fired = Number((await eventLog(db).where({ kind: 'timer.fired' }).whereIn('subject_key', timers).count({ n: '*' }))[0]!.n);
  const dup = await jobDuplicates(db, 'conc-tick');
  return result('cycle timers (R/PT1S on 40 waiting tasks, 6.5 s)', keys.length, {
    doubleFirings: await doubleFirings(db, timers),
    duplicateCompletions: dup.invocations + dup.completions,
    lost: timers.length < keys.length || fired < keys.length ? 1 : 0,
    note: `${timers.length} timers, ${fired} firings`,
  });
};

const dates: Scenario = async (db, nodes) => {
  await deploy(db, [dateModel]);
  const due = new Date(Date.now() + 2_000).toISOString();
  const keys = await startMany(nodes, 'conc-date', 40, () => ({ due }));
  await until(15_000, async () => (await activeCount(db, keys)) === 0);
  const fired = await eventLog(db).where({ kind: 'timer.fired' }).whereIn('instance_key', keys).groupBy('subject_key').select('subject_key').count({ n: '*' });
  return result('timer dates (40 instances)', keys.length, {
    doubleFirings: fired.reduce((s, r) => s + Math.max(0, Number(r.n) - 1), 0),
    lost: (await activeCount(db, keys)) + Math.max(0, keys.length - fired.length),
    note: `${fired.length} timers fired`,
  });
};

const timerStarts: Scenario = async (db) => {
  await deploy(db, timerStartModels(new Date(Date.now() + 2_000).toISOString().replace(/\.\d+Z$/, 'Z')));
  await sleep(7_000);
  const started = await db('engine_instance_all').whereIn('process_id', ['conc-tstart-cycle', 'conc-tstart-date']).select('key', 'process_id');
  const cycle = started.filter((r) => r.process_id === 'conc-tstart-cycle');
  const date = started.filter((r) => r.process_id === 'conc-tstart-date');
  // a start timer's firing names the instance it started (timerFiring.ts)
  const timers = (
    await eventLog(db)
      .where({ kind: 'timer.fired' })
      .whereIn(
        'instance_key',
        started.map((r) => r.key),
      )
      .distinct('subject_key')
  ).map((r) => String(r.subject_key));
  return result('timer starts (R4/PT1S and a date)', started.length, {
    doubleFirings: (await doubleFirings(db, timers)) + Math.max(0, date.length - 1),
    lost: Math.max(0, 4 - cycle.length) + (date.length ? 0 : 1) + Math.max(0, 2 - timers.length),
    note: `${cycle.length} cycle + ${date.length} date starts, ${timers.length} start timers`,
  });
};

const messages: Scenario = async (db, nodes) => {
  await deploy(db, [messageModel]);
  const n = 200;
  const run = `${Date.now().toString(36)}`;
  const keys: string[] = [];
  // The publish lands at a random instant within the start's transaction (its measured
  // latency), so that some land between the subscriber's buffered-message check and its commit.
  let latency = 10;
  await pool(n, 6, async (i) => {
    const corr = `${run}-${i}`;
    const starter = nodes[i % nodes.length]!;
    // Half across the processes, half within one process (two connections of one pool).
    const publisher = i % 4 < 2 ? nodes[(i + 1) % nodes.length]! : starter;
    const t0 = Date.now();
    const [s, p] = await Promise.all([
      starter.call('start', 'conc-msg', { corr }).then((r) => {
        latency = 0.8 * latency + 0.2 * (Date.now() - t0);
        return r;
      }),
      sleep(Math.random() * latency).then(() => publisher.call('publish', { name: 'conc-go', correlationKey: corr, timeToLiveMs: 120_000 })),
    ]);
    if (!s.ok || !p.ok) throw new Error(`message race: ${s.error ?? p.error}`);
    keys.push((s.value as { key: string }).key);
  });
  await until(15_000, async () => (await activeCount(db, keys)) === 0);
  const corr = await eventLog(db)
    .where({ kind: 'message.correlated' })
    .whereIn('instance_key', keys)
    .groupBy('instance_key')
    .select('instance_key')
    .count({ n: '*' });
  return result(`message publish racing subscription opening (${n} pairs, half across processes)`, n, {
    lostCorrelations: (await activeCount(db, keys)) + Math.max(0, n - corr.length),
    doubleCorrelations: corr.reduce((s, r) => s + Math.max(0, Number(r.n) - 1), 0),
  });
};

const jobs: Scenario = async (db, nodes) => {
  await deploy(db, [jobModel]);
  const keys = await startMany(nodes, 'conc-jobs', 150);
  await until(30_000, async () => (await activeCount(db, keys)) === 0);
  const dup = await jobDuplicates(db, 'conc-job');
  return result('jobs (150 service tasks)', keys.length, { duplicateCompletions: dup.invocations + dup.completions, lost: await activeCount(db, keys) });
};

const userTasks: Scenario = async (db, nodes) => {
  await deploy(db, [userModel]);
  const keys = await startMany(nodes, 'conc-user', 60);
  let doubles = 0;
  let none = 0;
  await pool(keys.length, 6, async (i) => {
    const t = await db('engine_user_task').where({ instance_key: keys[i], state: 'CREATED' }).first('key');
    const rs = await Promise.all(nodes.map((nd) => nd.call('complete', String(t!.key))));
    const ok = rs.filter((r) => r.ok).length;
    if (ok > 1) doubles++;
    if (ok === 0) none++;
  });
  return result('user task completed from two processes at once (60 tasks)', keys.length, {
    duplicateCompletions: doubles,
    lost: none + (await activeCount(db, keys)),
  });
};

const calls: Scenario = async (db, nodes) => {
  await deploy(db, callModels);
  const keys = await startMany(nodes, 'conc-parent', 60);
  await until(30_000, async () => (await activeCount(db, keys)) === 0);
  const children = await db('engine_instance_all')
    .whereIn('parent_instance_key', keys)
    .groupBy('parent_instance_key')
    .select('parent_instance_key')
    .count({ n: '*' });
  return result('call activities (60 parents, child runs a job)', keys.length, {
    duplicateCompletions: children.reduce((s, r) => s + Math.max(0, Number(r.n) - 1), 0),
    lost: (await activeCount(db, keys)) + (keys.length - children.length),
  });
};

const loops: Scenario = async (db, nodes) => {
  await deploy(db, [loopModel]);
  // Both processes start one endless loop at once: each start must return, with an incident.
  const t0 = Date.now();
  const rs = await Promise.all(nodes.map((n) => n.call('start', 'conc-loop', { i: 0 })));
  const ms = Date.now() - t0;
  const keys = rs.filter((r) => r.ok).map((r) => (r.value as { key: string }).key);
  const incidents = await db('engine_incident').whereIn('root_key', keys).where({ state: 'ACTIVE', error_type: 'UNKNOWN' }).select('root_key');
  return result('loop without a wait state started in both processes', 2, {
    lost: 2 - new Set(incidents.map((r) => String(r.root_key))).size,
    note: `both returned in ${ms} ms with an incident`,
  });
};

/** In the order they run. */
export const scenarios: Record<string, Scenario> = { cycles, dates, timerStarts, messages, jobs, userTasks, calls, loops };
