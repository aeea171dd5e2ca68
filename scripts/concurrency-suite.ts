/**
 * Concurrency suite: two engine processes (child processes, each with its own pool of 4
 * connections, both running the Poller and workers) on one PostgreSQL server, through bounded
 * scenarios: cycle timers on waiting tasks, timer dates, timer starts, message publish racing
 * subscription opening, jobs, concurrent completions of one user task, call activities. It
 * counts double firings, lost and double correlations and duplicate completions; any non-zero
 * count fails it. It creates its own schema and drops only that.
 *   DATABASE_URL=postgres://… npm run concurrency
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createDb, migrateLatest } from '../src/db/index.js';
import { scenarios, type Node, type Result } from './concurrency/scenarios.js';

const url = process.env.DATABASE_URL;
if (!url || !url.startsWith('postgres')) {
  console.error('concurrency: set DATABASE_URL to a PostgreSQL server');
  process.exit(2);
}
const schema = `conc_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const db = createDb({ url, schema, poolMax: 4 });

/** Forks one engine process and wraps its IPC in a request/answer function. */
function spawnNode(name: string): Promise<Node & { proc: ChildProcess }> {
  const proc = fork(fileURLToPath(new URL('./concurrency/node.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'], env: { ...process.env, CONC_DATABASE_URL: url, CONC_SCHEMA: schema, CONC_NODE: name },
  });
  const waiting = new Map<number, (m: { ok: boolean; value?: unknown; error?: string }) => void>();
  let next = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start`)), 60_000);
    proc.on('exit', (code) => { for (const w of waiting.values()) w({ ok: false, error: `exited ${code}` }); waiting.clear(); });
    proc.on('message', (m: { ready?: string; id?: number; ok: boolean }) => {
      if (m.ready) {
        clearTimeout(timer);
        resolve({
          name, proc,
          call: (op, ...args) => new Promise((res) => { const id = next++; waiting.set(id, res as never); proc.send({ id, op, args }); }),
        });
      } else if (m.id !== undefined) {
        waiting.get(m.id)?.(m as never);
        waiting.delete(m.id);
      }
    });
  });
}

async function main(): Promise<number> {
  await migrateLatest(db, schema);
  await db.schema.createTable('conc_invocation', (t) => {
    t.bigIncrements('id'); t.bigInteger('job_key').notNullable(); t.text('job_type').notNullable(); t.text('node').notNullable();
    t.timestamp('at', { useTz: true }).notNullable();
  });
  const nodes = await Promise.all([spawnNode('A'), spawnNode('B')]);
  const total: Result = { name: 'total', instances: 0, doubleFirings: 0, lostCorrelations: 0, doubleCorrelations: 0, duplicateCompletions: 0, lost: 0 };
  try {
    // CONC_ONLY=messages,cycles runs only those; `loops` (1,000 activations per command, minutes on a loaded machine) runs only when named.
    const only = process.env.CONC_ONLY?.split(',') ?? Object.keys(scenarios).filter((k) => k !== 'loops');
    for (const [key, s] of Object.entries(scenarios)) {
      if (!only.includes(key)) continue;
      const r = await s(db, nodes as [Node, Node]);
      console.log(`concurrency: ${r.name}: ${r.instances} instances, ${r.doubleFirings} double firings, ${r.lostCorrelations} lost correlations, `
        + `${r.doubleCorrelations} double correlations, ${r.duplicateCompletions} duplicate completions, ${r.lost} lost/stuck${r.note ? ` (${r.note})` : ''}`);
      for (const k of ['instances', 'doubleFirings', 'lostCorrelations', 'doubleCorrelations', 'duplicateCompletions', 'lost'] as const) total[k] += r[k];
    }
  } finally {
    for (const n of nodes) n.proc.send('stop');
    await Promise.all(nodes.map((n) => new Promise((r) => { if (n.proc.exitCode !== null) r(0); else n.proc.on('exit', r); })));
  }
  console.log(`concurrency: 2 processes, ${total.instances} instances, ${total.doubleFirings} double firings, ${total.lostCorrelations} lost correlations, `
    + `${total.doubleCorrelations} double correlations, ${total.duplicateCompletions} duplicate completions, ${total.lost} lost or stuck`);
  return total.doubleFirings + total.lostCorrelations + total.doubleCorrelations + total.duplicateCompletions + total.lost;
}

let failures = 1;
try {
  failures = await main();
} catch (e) {
  console.error('concurrency: failed:', (e as Error).message);
} finally {
  await db.raw('drop schema if exists ?? cascade', [schema]).catch(() => undefined);
  await db.destroy();
}
process.exit(failures ? 1 : 0);
