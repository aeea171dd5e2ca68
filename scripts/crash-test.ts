/**
 * Crash test: 200 concurrent lex Sarah reports over HTTP, the server killed with SIGKILL in
 * the middle, restarted; then every acknowledged report must have its instance, every
 * instance exactly one open task in the engine and in the inbox, and one case number.
 * Needs a PostgreSQL server: DATABASE_URL=postgres://… npx tsx scripts/crash-test.ts
 */
import knexFactory from 'knex';
import { startServer } from '../test/browser/server.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('crash-test: set DATABASE_URL to a PostgreSQL server');
  process.exit(2);
}
const N = 200;
const REPORT = {
  unitId: 'hemtjanst-solrosen', occurredAt: '2026-11-20T10:00+01:00', location: 'Rum 3',
  description: 'Testrapport', affectedPersons: 'En brukare',
};

async function login(base: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'medarbetare', password: 'demo' }) });
  return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
}

const db = knexFactory({ client: 'pg', connection: url });
await db.raw('drop schema public cascade; create schema public');
let server = await startServer({ DATABASE_URL: url });
const cookie = await login(server.url);
const acknowledged: string[] = [];
let refused = 0;
const post = async () => {
  try {
    const r = await fetch(`${server.url}/api/v1/process-instances`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ processId: 'lex-sarah', variables: REPORT }),
    });
    if (r.status === 201) acknowledged.push((await r.json()).key);
    else refused++;
  } catch {
    refused++; // the connection died with the server: not acknowledged, may or may not exist
  }
};
await Promise.all(Array.from({ length: N }, () => post()));
// Kill while the workers are mid-flight: some instances have their first task, others not yet.
const openTasks = async () => Number((await db('engine_user_task').count({ n: '*' }))[0]!.n);
while ((await openTasks()) < Math.min(20, N / 4)) await new Promise((r) => setTimeout(r, 5));
const before = await openTasks();
server.kill();
console.log(`crash-test: ${acknowledged.length} reports acknowledged (${refused} refused); SIGKILL with ${before} of them at their first task`);
server = await startServer({ DATABASE_URL: url });

type Row = { key: string; engine_tasks: number; inbox_tasks: number; cases: number };
let rows: Row[] = [];
// Jobs that were running at the kill are handed out again after their timeout (30 s).
for (let i = 0; i < 480; i++) {
  rows = (await db.raw(`
    select i.key::text as key,
      (select count(*) from engine_user_task t where t.instance_key = i.key and t.state = 'CREATED')::int as engine_tasks,
      (select count(*) from user_task u where u.process_instance_key = i.key::text and u.state = 'open')::int as inbox_tasks,
      (select count(*) from lex_sarah_case c where c.process_instance_key = i.key::text)::int as cases
    from engine_instance i where i.process_id = 'lex-sarah'`)).rows;
  if (rows.length && rows.every((r) => r.engine_tasks === 1 && r.inbox_tasks === 1 && r.cases === 1)) break;
  await new Promise((r) => setTimeout(r, 250));
}
await server.stop();
await db.destroy();

const keys = new Set(rows.map((r) => r.key));
const lost = acknowledged.filter((k) => !keys.has(k));
const wrong = rows.filter((r) => r.engine_tasks !== 1 || r.inbox_tasks !== 1 || r.cases !== 1);
console.log(`crash-test: ${rows.length} instances, ${acknowledged.length} acknowledged, ${lost.length} lost, ${wrong.length} without exactly one open task and one case`);
const failed = lost.length + wrong.length;
console.log(`crash-test: ${failed ? 0 : 1} passed, ${failed ? 1 : 0} failed`);
process.exit(failed ? 1 : 0);
