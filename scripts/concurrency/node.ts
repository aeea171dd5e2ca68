/**
 * One app process of the concurrency suite (forked by ../concurrency-suite.ts): its own
 * connection pool on the suite's schema and commands on request over IPC. `CONC_ROLE` gives it
 * the parts of the product a process with that ROLE runs, wired as `src/bootstrap.ts` wires
 * them: `all` (one process runs everything: the Poller with timers, the workers), `api` (the
 * engine's commands only: no Poller, no timers, no workers; what it leaves for a Poller reaches
 * the engine process by pg_notify), `engine,workers` (the Poller with timers and job time-outs,
 * the workers). It exits by itself when the parent goes away or after ten minutes.
 */
import { systemClock } from '../../src/clock.js';
import { createDb } from '../../src/db/index.js';
import { createEmbeddedEngine } from '../../src/engine/embedded/index.js';
import type { ProcessEngine } from '../../src/engine/port.js';

const url = process.env.CONC_DATABASE_URL!;
const schema = process.env.CONC_SCHEMA!;
const name = process.env.CONC_NODE!;
const roles = (process.env.CONC_ROLE ?? 'all').split(',');
const role = { engine: roles.includes('all') || roles.includes('engine'), workers: roles.includes('all') || roles.includes('workers') };
const db = createDb({ url, schema, poolMax: 4 });
// as bootstrap.createEngine: timers (and job time-outs) only in the engine role
const engine: ProcessEngine = createEmbeddedEngine({ db, clock: systemClock, pollMs: 50, timers: role.engine });

/** Every handler invocation is recorded outside the engine's transactions (the worker's side effect). */
async function sideEffect(jobKey: string, type: string): Promise<void> {
  await db('conc_invocation').insert({ job_key: jobKey, job_type: type, node: name, at: new Date() });
}

if (role.workers) {
  for (const type of ['conc-job', 'conc-tick']) {
    engine.registerWorker({
      jobType: type,
      maxJobsActive: 8,
      handler: async (job) => {
        await sideEffect(job.key, type);
        return { outcome: 'complete' };
      },
    });
  }
}

type Request = { id: number; op: string; args: unknown[] };
const ops: Record<string, (...a: never[]) => Promise<unknown>> = {
  start: (processId: string, vars: Record<string, unknown>) => engine.startInstance(processId, vars),
  publish: (cmd: Parameters<ProcessEngine['publishMessage']>[0]) => engine.publishMessage(cmd),
  complete: (taskKey: string) => engine.completeUserTask(taskKey, {}),
  cancel: (key: string) => engine.cancelInstance(key),
};

process.on('message', (m: Request | 'stop') => {
  if (m === 'stop') return void stop(0);
  const op = ops[m.op];
  if (!op) return process.send!({ id: m.id, ok: false, error: `unknown op ${m.op}` });
  (op as (...a: unknown[]) => Promise<unknown>)(...m.args).then(
    (value) => process.send!({ id: m.id, ok: true, value }),
    (e: Error) => process.send!({ id: m.id, ok: false, error: e.constructor.name, message: e.message }),
  );
});

async function stop(code: number): Promise<never> {
  await engine.stop().catch(() => undefined);
  await db.destroy().catch(() => undefined);
  process.exit(code);
}

process.on('disconnect', () => void stop(1));
setTimeout(() => void stop(3), 10 * 60_000).unref();
// as bootstrap: the engine (Poller) is started where the engine or the workers run
if (role.engine || role.workers) await engine.start();
process.send!({ ready: name });
