/**
 * Profiles the history bench's reads: on a schema seeded by `npm run bench:history`
 * (BENCH_SEEDED_SCHEMA, kept), it calls the same service methods as bench/history.ts — the
 * inbox's first page, the monitoring list, the all-instances list — records every statement
 * they send (knex `query` events) and prints each with `EXPLAIN (ANALYZE, BUFFERS)`. The product
 * is wired in the API role only (no engine loop, no workers), so nothing else runs meanwhile.
 *
 *   BENCH_SEEDED_SCHEMA=hb_seed BENCH_DATABASE_URL=postgres://… npx tsx bench/explainHistory.ts [inbox|monitoring|all]
 */
import type { Knex } from 'knex';
import { bootstrap } from '../src/bootstrap.js';
import { ControlledClock } from '../src/clock.js';
import { loadConfig } from '../src/config/index.js';
import { createDb } from '../src/db/index.js';
import { createLogger } from '../src/logger.js';

const url = process.env.BENCH_DATABASE_URL;
const schema = process.env.BENCH_SEEDED_SCHEMA;
if (!url || !schema) throw new Error('BENCH_DATABASE_URL and BENCH_SEEDED_SCHEMA (a seeded schema) are needed');
const only = process.argv[2];
const clock = new ControlledClock(new Date('2027-03-01T09:00:00+01:00'));
const config = { ...loadConfig({ LOG_LEVEL: 'silent', ROLE: 'api' }), demoData: true, annualCycleAutoStart: false };
const db = createDb({ url, schema });
try {
  const s = await bootstrap(config, db, clock, createLogger('silent'), schema);
  const login = async (u: string) => (await s.org.login(u, 'demo')).user;
  const [chef, quality, admin] = [await login('enhetschef'), await login('kvalitetsledare'), await login('admin')];
  const reads: Record<string, () => Promise<unknown>> = {
    inbox: () => s.tasks.list(chef, { state: 'open', page: 1, pageSize: 25, sort: 'due' }),
    monitoring: () => s.instances.list(quality, { processId: 'avvikelse', elementId: 'Task_Assess', state: 'active', page: 1, pageSize: 25 }),
    all: () => s.instances.list(admin, { page: 1, pageSize: 25 }),
  };
  for (const [name, read] of Object.entries(reads)) {
    if (only && only !== name) continue;
    await read(); // warm the caches, as the bench's first round does
    const sent: { sql: string; bindings: readonly unknown[] }[] = [];
    const onQuery = (q: { sql: string; bindings?: readonly unknown[] }) => {
      if (/^\s*(select|with)/i.test(q.sql)) sent.push({ sql: q.sql, bindings: q.bindings ?? [] });
    };
    db.on('query', onQuery);
    const t0 = performance.now();
    await read();
    const ms = performance.now() - t0;
    db.off('query', onQuery);
    console.log(`\n=== ${name}: ${ms.toFixed(1)} ms, ${sent.length} selects`);
    for (const q of sent) {
      console.log(`\n--- ${q.sql}\n    bindings: ${JSON.stringify(q.bindings)}`);
      const plan = await db.raw(`explain (analyze, buffers) ${q.sql.replace(/\$\d+/g, '?')}`, q.bindings as readonly Knex.RawBinding[]);
      console.log(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
    }
  }
  await s.engine.stop();
} finally {
  await db.destroy();
}
