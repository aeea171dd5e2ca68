/**
 * Where the chain's time goes (`npx tsx bench/profile.ts`, optionally under
 * `node --cpu-prof --import tsx`): runs PROFILE_INSTANCES (64) instances of the 10-task chain,
 * PROFILE_CONCURRENCY (16) in flight, on PGlite or, with BENCH_DATABASE_URL, on PostgreSQL in
 * a fresh schema, and prints per completed instance every statement shape the engine sent:
 * how often, and the summed time from sending it to its answer (BEGIN/COMMIT are counted,
 * not timed). Not a test; asserts only that every instance ended with x = 10.
 */
import { randomBytes } from 'node:crypto';
import { systemClock } from '../src/clock.js';
import { createDb, migrateLatest } from '../src/db/index.js';
import { createEmbeddedEngine } from '../src/engine/embedded/index.js';
import { complete } from '../src/engine/port.js';
import { CHAIN_ID, chainModel, STEPS } from './chain.js';
import { QueryStats } from './queryStats.js';

const N = Number(process.env.PROFILE_INSTANCES ?? 64);
const C = Number(process.env.PROFILE_CONCURRENCY ?? 16);
const url = process.env.BENCH_DATABASE_URL;
const schema = url ? `bench_${randomBytes(4).toString('hex')}` : undefined;
const db = createDb(url ? { url, schema } : {});
await migrateLatest(db, schema);
const engine = createEmbeddedEngine({ db, clock: systemClock, pollMs: 20 });
const stats = new QueryStats(db);
const waiting = new Map<string, () => void>();
engine.onEvent((ev) => {
  if (ev.type === 'instanceCompleted') waiting.get(ev.instance.key)?.();
});
engine.registerWorker({ jobType: 'bench-step', maxJobsActive: 64, handler: async (job) => complete({ y: Number(job.variables.doubled) }) });
await engine.start();
await engine.deploy([{ name: 'chain.bpmn', content: chainModel() }]);
stats.reset();
let started = 0;
const keys: string[] = [];
const t0 = performance.now();
const cpu0 = process.cpuUsage();
await Promise.all(
  Array.from({ length: C }, async () => {
    while (started < N) {
      started++;
      // Registered before the start commits: the completion cannot come first (a chain has 10 waits).
      let done!: () => void;
      const finished = new Promise<void>((r) => {
        done = r;
      });
      const { key } = await engine.startInstance(CHAIN_ID, { x: 0 });
      waiting.set(key, done);
      await finished;
      keys.push(key);
    }
  }),
);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
stats.freeze();
// The completion event comes inside the completing transaction: read the variables afterwards.
await new Promise((r) => setTimeout(r, 200));
for (const key of keys) {
  const x = (await engine.getVariables(key)).x;
  if (x !== STEPS) throw new Error(`expected x = ${STEPS}, got ${String(x)}`);
}
await engine.stop();
if (schema) await db.raw('drop schema if exists ?? cascade', [schema]);
await db.destroy();
const rows = [...stats.shapes.entries()].sort((a, b) => b[1].count - a[1].count);
console.log(`${url ? 'PostgreSQL' : 'PGlite'}: ${N} instances, ${C} in flight, ${(ms / 1000).toFixed(1)} s (${(N / (ms / 1000)).toFixed(1)}/s)`);
console.log(
  `per instance: ${((cpu.user + cpu.system) / 1000 / N).toFixed(1)} ms CPU of this process (PGlite runs in it), ${(stats.commits / N).toFixed(1)} commits, ${(stats.roundTrips / N).toFixed(1)} round trips, ${(rows.reduce((a, [, s]) => a + s.ms, 0) / N).toFixed(1)} ms in queries (summed over overlapping queries)`,
);
console.log('| per instance | ms | statement |\n|---:|---:|---|');
for (const [sql, s] of rows) console.log(`| ${(s.count / N).toFixed(1)} | ${(s.ms / N).toFixed(1)} | ${sql.slice(0, 160).replace(/\|/g, '\\|')} |`);
process.exit(0);
