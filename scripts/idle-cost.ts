/**
 * Idle cost of the embedded engine: starts it on PostgreSQL (its own schema, dropped at the
 * end) with the product's models deployed and every worker registered, lets it settle, then
 * counts for 10 s the queries the engine sends (knex `query` events on its pool) and the
 * database's committed transactions (pg_stat_database.xact_commit delta, which also counts
 * other clients of the same database). Prints queries per second; exits non-zero above 5.
 *   DATABASE_URL=postgres://… npx tsx scripts/idle-cost.ts
 */
import { randomBytes } from 'node:crypto';
import { bundledResources } from '../src/bootstrap.js';
import { systemClock } from '../src/clock.js';
import { createDb, migrateLatest } from '../src/db/index.js';
import { createEmbeddedEngine } from '../src/engine/embedded/index.js';
import { createLogger } from '../src/logger.js';
import { allWorkers } from '../workers/index.js';
import { registerWorkers } from '../workers/registry.js';

const url = process.env.DATABASE_URL;
if (!url?.startsWith('postgres')) {
  console.error('idle-cost: set DATABASE_URL to a PostgreSQL server');
  process.exit(2);
}
const schema = `idle_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const db = createDb({ url, schema, poolMax: 4 });
const logger = createLogger('silent');
const MEASURE_MS = 10_000;
let code = 1;
try {
  await migrateLatest(db, schema);
  const engine = createEmbeddedEngine({ db, clock: systemClock, logger, pollMs: Number(process.env.ENGINE_POLL_MS ?? 1_000) });
  registerWorkers(engine, allWorkers, { db, clock: systemClock, logger, settings: { lexSarahIvoTargetWorkdays: 2, synpunktFeedbackWorkdays: 14 } });
  await engine.deploy(bundledResources());
  await engine.start();
  await new Promise((r) => setTimeout(r, 3_000));
  const commits = async () => Number((await db.raw('select xact_commit::bigint as n from pg_stat_database where datname = current_database()')).rows[0].n);
  let queries = 0;
  db.on('query', () => {
    queries++;
  });
  const c0 = await commits();
  await new Promise((r) => setTimeout(r, MEASURE_MS));
  const c1 = await commits();
  await engine.stop();
  const qps = (queries - 2) / (MEASURE_MS / 1000);
  console.log(
    `idle-cost: ${allWorkers.length} job types, ${qps.toFixed(1)} engine queries/s, ${((c1 - c0 - 2) / (MEASURE_MS / 1000)).toFixed(1)} commits/s in the database (limit 5 queries/s)`,
  );
  code = qps <= 5 ? 0 : 1;
} finally {
  await db.raw('drop schema if exists ?? cascade', [schema]).catch(() => undefined);
  await db.destroy();
}
process.exit(code);
