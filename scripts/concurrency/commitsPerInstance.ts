/**
 * Commits per instance of a chain of 10 service tasks on PostgreSQL (its own schema): the
 * database's xact_commit delta over N instances run one after another (reads outside a
 * transaction count as commits too). A check of the engine's transactions, not a benchmark.
 *   DATABASE_URL=postgres://… npx tsx scripts/concurrency/commitsPerInstance.ts
 */
import { randomBytes } from 'node:crypto';
import { systemClock } from '../../src/clock.js';
import { createDb, migrateLatest } from '../../src/db/index.js';
import { createEmbeddedEngine } from '../../src/engine/embedded/index.js';
import { chain, end, model, service, start } from '../../test/conformance/bpmn.js';

const url = process.env.DATABASE_URL!;
const schema = `cpi_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const db = createDb({ url, schema, poolMax: 8 });
const ids = Array.from({ length: 10 }, (_, i) => `t${i}`);
const xml = model('cpi-chain', [start('s'), ...ids.map((id) => service(id, 'cpi-work')), end('e')], chain('s', ...ids, 'e'));
const N = 50;
try {
  await migrateLatest(db, schema);
  const engine = createEmbeddedEngine({ db, clock: systemClock, pollMs: 1_000 });
  engine.registerWorker({ jobType: 'cpi-work', handler: async () => ({ outcome: 'complete' }) });
  await engine.deploy([{ name: 'chain.bpmn', content: xml }]);
  await engine.start();
  const commits = async () => Number((await db.raw('select xact_commit::bigint as n from pg_stat_database where datname = current_database()')).rows[0].n);
  await new Promise((r) => setTimeout(r, 1_500));
  const c0 = await commits();
  const t0 = Date.now();
  let ended: (() => void) | undefined;
  engine.onEvent(async (ev) => {
    if (ev.type === 'instanceCompleted') setImmediate(() => ended?.());
  });
  for (let i = 0; i < N; i++) {
    const done = new Promise<void>((r) => {
      ended = r;
    });
    await engine.startInstance('cpi-chain', {});
    await done;
  }
  const ms = Date.now() - t0;
  await new Promise((r) => setTimeout(r, 1_000)); // statistics are flushed about once a second
  const c1 = await commits();
  await engine.stop();
  console.log(
    `commits-per-instance: ${((c1 - c0) / N).toFixed(1)} database commits per instance of a 10-service-task chain (${N} instances, ${ms} ms, one at a time)`,
  );
} finally {
  await db.raw('drop schema if exists ?? cascade', [schema]).catch(() => undefined);
  await db.destroy();
}
