/**
 * One walk of the crash suite: start a case over HTTP, then complete, one after another, the
 * open inbox tasks of its call tree (and of the lex Sarah cases it starts by message) that
 * `TASKS` knows, until nothing is left to do. The suite reads the database only to find what
 * to do next (task keys, the instance of an e-service receipt); every change goes over HTTP.
 */
import type { Knex } from 'knex';
import type { CrashClient } from './client.js';
import { pause } from './client.js';
import { TASKS, type FlowStart } from './flows.js';
import type { Rng } from '../rng.js';

/** A walk gives up when nothing happened for this long (a job lost at a kill waits out its 30 s time-out first). */
const IDLE_CAP_MS = 75_000;
const POLL_MS = 500;
/** Polls less often once a walk waits (for a job lost at a kill to time out, say). */
const IDLE_POLL_MS = 1500;

export interface WalkResult {
  flow: string;
  rootKey?: string;
  steps: number;
  idleCapped: boolean;
  waitingFor?: string;
}

/** Walks one case from its start as far as `TASKS` goes (and `start.maxSteps`), until `stop()`. */
export async function walk(db: Knex, client: CrashClient, start: FlowStart, rng: Rng, stop: () => boolean): Promise<WalkResult> {
  const rootKey = await startCase(db, client, start);
  const result: WalkResult = { flow: start.flow, rootKey, steps: 0, idleCapped: false };
  if (!rootKey) return result;
  const done = new Set<string>();
  let lastProgress = Date.now();
  let quietPolls = 0;
  while (result.steps < start.maxSteps && !stop()) {
    // while the server restarts nothing moves: polling then only loads the machine that restarts it
    await client.serverUp();
    const roots = await family(db, rootKey);
    const todo = (await openTasks(db, roots)).filter((t) => !done.has(t.key) && TASKS[`${t.process_id}/${t.element_id}`]);
    if (todo.length) {
      for (const t of todo.slice(0, start.maxSteps - result.steps)) {
        done.add(t.key);
        const spec = TASKS[`${t.process_id}/${t.element_id}`]!;
        await client.send(
          { kind: 'complete', processId: t.process_id, elementId: t.element_id, taskKey: t.key, instanceKey: t.process_instance_key },
          `/api/v1/tasks/${t.key}/completion`,
          { variables: spec.vars(rng) },
          spec.user,
        );
        result.steps++;
      }
      lastProgress = Date.now();
      quietPolls = 0;
      continue;
    }
    // nothing to do: finished once the engine has no work left for this tree (twice in a row)
    quietPolls = (await pendingWork(db, roots)) === 0 ? quietPolls + 1 : 0;
    if (quietPolls >= 2) break;
    if (Date.now() - lastProgress > IDLE_CAP_MS) {
      result.idleCapped = true;
      result.waitingFor = await pendingWhat(db, roots);
      break;
    }
    await pause(Date.now() - lastProgress > 3000 ? IDLE_POLL_MS : POLL_MS);
  }
  return result;
}

/** Starts the case; returns its root instance key (for the e-service: found by the receipt). */
async function startCase(db: Knex, client: CrashClient, s: FlowStart): Promise<string | undefined> {
  if (s.via === 'public') {
    const { command, json } = await client.send(
      { kind: 'e-service', processId: s.processId, marker: String(s.marker), markerField: s.markerField },
      '/api/v1/public/synpunkter',
      s.variables,
    );
    const receipt = (json as { receipt?: string } | undefined)?.receipt;
    if (command.outcome !== 'ack' || !receipt) return undefined;
    command.receipt = receipt;
    for (let i = 0; i < 100; i++) {
      const row = await db('engine_instance_all').where({ start_correlation_key: receipt, process_id: s.processId }).first('key');
      if (row) return (command.resultKey = String(row.key));
      await pause(POLL_MS);
    }
    return undefined; // acknowledged, no instance: the final check counts it as lost
  }
  const { command, json } = await client.send(
    { kind: 'start', processId: s.processId, marker: String(s.marker), markerField: s.markerField },
    '/api/v1/process-instances',
    { processId: s.processId, variables: s.variables },
    s.user,
  );
  const key = (json as { key?: string } | undefined)?.key;
  if (command.outcome !== 'ack' || !key) return undefined;
  return (command.resultKey = key);
}

/** The root keys of the case's call tree and of the linked cases it started by message. */
async function family(db: Knex, rootKey: string): Promise<string[]> {
  const procs = await db('engine_instance_all').where({ root_key: rootKey }).select('key', 'process_id');
  const correlations = procs.map((p) => `${p.process_id}-${p.key}`);
  const linked = correlations.length
    ? await db('engine_instance_all').whereIn('start_correlation_key', correlations).whereNull('parent_instance_key').pluck('key')
    : [];
  return [rootKey, ...linked.map(String)];
}

interface OpenTask {
  key: string;
  process_id: string;
  element_id: string;
  process_instance_key: string;
}

async function openTasks(db: Knex, roots: string[]): Promise<OpenTask[]> {
  return db('user_task as u')
    .join('engine_instance as i', db.raw('i.key = u.process_instance_key::bigint'))
    .where('u.state', 'open')
    .whereIn('i.root_key', roots)
    .orderBy('u.created_at')
    .select('u.key', 'u.process_id', 'u.element_id', 'u.process_instance_key');
}

/** Jobs waiting or running and timers due (or due within 5 s) in these trees. */
async function pendingWork(db: Knex, roots: string[]): Promise<number> {
  const jobs = await db('engine_job').whereIn('root_key', roots).whereIn('state', ['ACTIVATABLE', 'ACTIVATED']).count({ n: '*' });
  const timers = await db('engine_timer')
    .whereIn('root_key', roots)
    .where('state', 'ACTIVE')
    .where('due_at', '<=', db.raw("now() + interval '5 seconds'"))
    .count({ n: '*' });
  return Number(jobs[0]!.n) + Number(timers[0]!.n);
}

/** What a walk that gave up was still waiting for (job types and states, timer elements). */
async function pendingWhat(db: Knex, roots: string[]): Promise<string> {
  const jobs = await db('engine_job').whereIn('root_key', roots).whereIn('state', ['ACTIVATABLE', 'ACTIVATED']).select('type', 'state');
  const timers = await db('engine_timer')
    .whereIn('root_key', roots)
    .where('state', 'ACTIVE')
    .where('due_at', '<=', db.raw("now() + interval '5 seconds'"))
    .select('element_id');
  return [...jobs.map((j) => `job ${j.type} ${j.state}`), ...timers.map((t) => `timer ${t.element_id} due`)].join(', ') || 'nothing';
}
