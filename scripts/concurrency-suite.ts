/**
 * Concurrency suite (issue 12, points 3 and 7): app processes (child processes, each with its
 * own pool of 4 connections) on one PostgreSQL server, in two shapes, each on a schema of its
 * own:
 * - `two-engines`: two processes that run everything (ROLE unset: Poller, timers, workers), the
 *   commands spread over both — two Pollers claim the same jobs and timers;
 * - `compose`: the shape of docker-compose.yml — two `ROLE=api` processes that take the
 *   commands (spread over both) and one `ROLE=engine,workers` process that fires the timers,
 *   times out jobs and runs the workers, woken across processes by pg_notify.
 * Each shape runs the same bounded scenarios (scenarios.ts): cycle timers on waiting tasks,
 * timer dates, timer starts, message publish racing subscription opening, jobs, concurrent
 * completions of one user task, call activities; it counts double firings, lost and double
 * correlations, duplicate completions and lost or stuck instances; any non-zero count fails it.
 * It creates its own schemas and drops only those.
 *   DATABASE_URL=postgres://… npm run concurrency
 *   CONC_SHAPES=compose (one shape), CONC_ONLY=messages,cycles (some scenarios)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createDb, migrateLatest, type Db } from '../src/db/index.js';
import { scenarios, type Node, type Result } from './concurrency/scenarios.js';

const url = process.env.DATABASE_URL;
if (!url || !url.startsWith('postgres')) {
  console.error('concurrency: set DATABASE_URL to a PostgreSQL server');
  process.exit(2);
}

/** A shape: the processes (name and ROLE) and which of them take the commands. */
interface Shape {
  name: string;
  describe: string;
  processes: { name: string; role: string; commands: boolean }[];
}
const SHAPES: Shape[] = [
  {
    name: 'two-engines',
    describe: '2 processes running everything',
    processes: [
      { name: 'A', role: 'all', commands: true },
      { name: 'B', role: 'all', commands: true },
    ],
  },
  {
    name: 'compose',
    describe: '2 × ROLE=api taking the commands, 1 × ROLE=engine,workers',
    processes: [
      { name: 'api-1', role: 'api', commands: true },
      { name: 'api-2', role: 'api', commands: true },
      { name: 'engine', role: 'engine,workers', commands: false },
    ],
  },
];
const COUNTS = ['instances', 'doubleFirings', 'lostCorrelations', 'doubleCorrelations', 'duplicateCompletions', 'lost'] as const;
const zero = (name: string): Result => ({ name, instances: 0, doubleFirings: 0, lostCorrelations: 0, doubleCorrelations: 0, duplicateCompletions: 0, lost: 0 });

/** Forks one app process and wraps its IPC in a request/answer function. */
function spawnNode(name: string, role: string, schema: string): Promise<Node & { proc: ChildProcess }> {
  const proc = fork(fileURLToPath(new URL('./concurrency/node.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, CONC_DATABASE_URL: url, CONC_SCHEMA: schema, CONC_NODE: name, CONC_ROLE: role },
  });
  const waiting = new Map<number, (m: { ok: boolean; value?: unknown; error?: string }) => void>();
  let next = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start`)), 60_000);
    proc.on('exit', (code) => {
      for (const w of waiting.values()) w({ ok: false, error: `exited ${code}` });
      waiting.clear();
    });
    proc.on('message', (m: { ready?: string; id?: number; ok: boolean }) => {
      if (m.ready) {
        clearTimeout(timer);
        resolve({
          name,
          proc,
          call: (op, ...args) =>
            new Promise((res) => {
              const id = next++;
              waiting.set(id, res);
              proc.send({ id, op, args });
            }),
        });
      } else if (m.id !== undefined) {
        waiting.get(m.id)?.(m);
        waiting.delete(m.id);
      }
    });
  });
}

function line(r: Result): string {
  return (
    `${r.instances} instances, ${r.doubleFirings} double firings, ${r.lostCorrelations} lost correlations, ` +
    `${r.doubleCorrelations} double correlations, ${r.duplicateCompletions} duplicate completions, ${r.lost} lost or stuck`
  );
}

/** Runs the scenarios in one shape on a fresh schema; returns the shape's totals. */
async function runShape(shape: Shape): Promise<Result> {
  const schema = `conc_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const db: Db = createDb({ url: url!, schema, poolMax: 4 });
  const total = zero(shape.name);
  const nodes: (Node & { proc: ChildProcess })[] = [];
  const t0 = Date.now();
  try {
    await migrateLatest(db, schema);
    await db.schema.createTable('conc_invocation', (t) => {
      t.bigIncrements('id');
      t.bigInteger('job_key').notNullable();
      t.text('job_type').notNullable();
      t.text('node').notNullable();
      t.timestamp('at', { useTz: true }).notNullable();
    });
    nodes.push(...(await Promise.all(shape.processes.map((p) => spawnNode(p.name, p.role, schema)))));
    const takers = nodes.filter((_, i) => shape.processes[i]!.commands);
    console.log(`concurrency: shape ${shape.name}: ${shape.describe} (${shape.processes.map((p) => `${p.name}: ${p.role}`).join('; ')})`);
    // CONC_ONLY=messages,cycles runs only those; `loops` (1,000 activations per command, minutes on a loaded machine) runs only when named.
    const only = process.env.CONC_ONLY?.split(',') ?? Object.keys(scenarios).filter((k) => k !== 'loops');
    for (const [key, s] of Object.entries(scenarios)) {
      if (!only.includes(key)) continue;
      const r = await s(db, takers);
      console.log(`concurrency: [${shape.name}] ${r.name}: ${line(r)}${r.note ? ` (${r.note})` : ''}`);
      for (const k of COUNTS) total[k] += r[k];
    }
  } finally {
    for (const n of nodes) n.proc.send('stop');
    await Promise.all(
      nodes.map(
        (n) =>
          new Promise((r) => {
            if (n.proc.exitCode !== null) r(0);
            else n.proc.on('exit', r);
          }),
      ),
    );
    await db.raw('drop schema if exists ?? cascade', [schema]).catch(() => undefined);
    await db.destroy();
  }
  console.log(`concurrency: shape ${shape.name} (${shape.processes.length} processes, ${((Date.now() - t0) / 1000).toFixed(0)} s): ${line(total)}`);
  return total;
}

async function main(): Promise<number> {
  const wanted = process.env.CONC_SHAPES?.split(',');
  const totals: Result[] = [];
  for (const shape of SHAPES.filter((s) => !wanted || wanted.includes(s.name))) totals.push(await runShape(shape));
  const all = zero('all');
  for (const t of totals) for (const k of COUNTS) all[k] += t[k];
  console.log(`concurrency: ${totals.length} shape${totals.length === 1 ? '' : 's'} (${totals.map((t) => t.name).join(', ')}), ${line(all)}`);
  return all.doubleFirings + all.lostCorrelations + all.doubleCorrelations + all.duplicateCompletions + all.lost + (totals.length ? 0 : 1);
}

let failures = 1;
try {
  failures = await main();
} catch (e) {
  console.error('concurrency: failed:', (e as Error).message);
}
process.exit(failures ? 1 : 0);
