/**
 * The crash suite's killer: while the walks run it SIGKILLs the server at moments drawn from
 * the seeded generator (a random uptime after each start), only while requests are in flight,
 * then starts it again on the same database. Before each kill it notes what was under way —
 * the suite's requests by kind, and in the database the jobs running (by type: a job whose
 * worker publishes a message, or whose completion starts a called process) and the timers due
 * (firing) — so the report can say which kill points a run really hit.
 */
import type { Knex } from 'knex';
import type { CrashClient } from './client.js';
import { pause } from './client.js';
import type { Rng } from '../rng.js';
import type { ServerUnderTest } from './server.js';

/** Job types whose worker publishes a message (a linked lex Sarah case). */
const PUBLISHING_JOBS = new Set(['synpunkt-report-linked', 'avvikelse-report-lex-sarah', 'avvikelse-report-lex-maria']);
/** Job types whose completion enters a call activity (the called instance starts in that command). */
const CALLING_JOBS = new Set([
  'avvikelse-actions-planned',
  'riskanalys-decided',
  'huvudprocess-register',
  'myndighet-decided',
  'genomfora-executed',
  'folja-upp-recorded',
]);
/** User tasks whose completion enters a call activity at once. */
const CALLING_TASKS = new Set(['lex-sarah/Task_ActionPlan']);

/** The engine's default job time-out (worker.ts DEFAULT_JOB_TIMEOUT_MS; our workers keep it). */
const JOB_TIMEOUT_MS = 30_000;

export interface KillRecord {
  at: number;
  uptimeMs: number;
  inflight: Record<string, number>;
  jobsRunning: Record<string, number>;
  timersDue: number;
  /** Of those, timer start events (they start an instance when they fire). */
  startTimersDue: number;
  restartMs: number;
}

/**
 * `timerEvery`: every n-th kill waits (at most 15 s after its moment) until a timer is due, so
 * that it lands while the engine fires timers; the others wait until a request is in flight.
 */
export interface KillPlan {
  minUptimeMs: number;
  maxUptimeMs: number;
  maxKills: number;
  timerEvery: number;
}

/** Kills and restarts until `stop()` says so or `maxKills` is reached, recording each kill in `kills`. */
export async function runKiller(
  server: ServerUnderTest,
  client: CrashClient,
  db: Knex,
  rng: Rng,
  plan: KillPlan,
  stop: () => boolean,
  kills: KillRecord[],
): Promise<void> {
  while (!stop() && kills.length < plan.maxKills) {
    const uptime = plan.minUptimeMs + Math.floor(rng() * (plan.maxUptimeMs - plan.minUptimeMs));
    while (!stop() && server.uptimeMs() < uptime) await pause(50);
    // at that moment, or as soon after as a request is in flight (a timer is due) — at most 5 s (15 s) later
    const forTimer = plan.timerEvery > 0 && kills.length % plan.timerEvery === plan.timerEvery - 1;
    const waitUntil = Date.now() + (forTimer ? 15_000 : 5000);
    while (!stop() && Date.now() < waitUntil && !(forTimer ? await timerDue(db) : inflightTotal(client) > 0)) await pause(forTimer ? 5 : 10);
    if (stop()) break;
    const snap = await snapshot(db, server.uptimeMs());
    const record: KillRecord = { at: Date.now(), uptimeMs: server.uptimeMs(), inflight: client.inflightSummary(), ...snap, restartMs: 0 };
    const t0 = Date.now();
    await server.restart();
    record.restartMs = Date.now() - t0;
    kills.push(record);
    console.log(
      `crash-suite: kill ${kills.length} after ${(record.uptimeMs / 1000).toFixed(1)} s up: ${describeKill(record)}; back in ${(record.restartMs / 1000).toFixed(1)} s`,
    );
  }
}

function inflightTotal(client: CrashClient): number {
  return Object.values(client.inflight).reduce((a, b) => a + b, 0);
}

async function timerDue(db: Knex): Promise<boolean> {
  return Boolean(await db('engine_timer').where('state', 'ACTIVE').where('due_at', '<=', db.raw('now()')).first('key'));
}

/**
 * Jobs this server incarnation activated (not those a killed one left to time out: their
 * deadline came before `now − uptime + time-out`), and timers due.
 */
async function snapshot(db: Knex, uptimeMs: number): Promise<{ jobsRunning: Record<string, number>; timersDue: number; startTimersDue: number }> {
  const since = new Date(Date.now() - uptimeMs + JOB_TIMEOUT_MS - 1000);
  const jobs = await db('engine_job')
    .where('state', 'ACTIVATED')
    .where('deadline', '>', since)
    .groupBy('type')
    .select<{ type: string; n: number }[]>('type', db.raw('count(*)::int as n'));
  const [timers] = await db('engine_timer')
    .where('state', 'ACTIVE')
    .where('due_at', '<=', db.raw('now()'))
    .select<{ n: number; starts: number }[]>(db.raw('count(*)::int as n'), db.raw('(count(*) filter (where root_key is null))::int as starts'));
  return { jobsRunning: Object.fromEntries(jobs.map((j) => [j.type, j.n])), timersDue: Number(timers?.n), startTimersDue: Number(timers?.starts) };
}

/** One line: what was in flight at a kill. */
function describeKill(k: KillRecord): string {
  const req =
    Object.entries(k.inflight)
      .map(([w, n]) => `${n}× ${w}`)
      .join(', ') || 'no request';
  const jobs =
    Object.entries(k.jobsRunning)
      .map(([t, n]) => `${n}× ${t}`)
      .join(', ') || 'none';
  return `requests in flight: ${req}; jobs running: ${jobs}; timers due: ${k.timersDue}${k.startTimersDue ? ` (${k.startTimersDue} timer start)` : ''}`;
}

/** Which of the issue's kill points the kills hit (at least once), and how often. */
export function killPointsHit(kills: KillRecord[]): Record<string, number> {
  const hit: Record<string, number> = { starts: 0, completions: 0, publishes: 0, 'timer firings': 0, 'timer starts': 0, 'call-activity starts': 0 };
  for (const k of kills) {
    const whats = Object.keys(k.inflight);
    const jobs = Object.keys(k.jobsRunning);
    if (whats.some((w) => w.startsWith('start ') || w.startsWith('e-service '))) hit.starts!++;
    if (whats.some((w) => w.startsWith('complete '))) hit.completions!++;
    if (whats.some((w) => w.startsWith('e-service ')) || jobs.some((j) => PUBLISHING_JOBS.has(j))) hit.publishes!++;
    if (k.timersDue > 0) hit['timer firings']!++;
    if (k.startTimersDue > 0) hit['timer starts']!++;
    if (whats.some((w) => CALLING_TASKS.has(w.replace(/^complete /, ''))) || jobs.some((j) => CALLING_JOBS.has(j))) hit['call-activity starts']!++;
  }
  return hit;
}
