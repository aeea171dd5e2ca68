/**
 * Benchmark (a): a chain of 10 service tasks with FEEL input/output mappings on one engine:
 * completed instances per second with a fixed number in flight, and what it cost the
 * database (commits and round trips per completed instance, from knex's query events).
 */
import type { Db } from '../src/db/index.js';
import { complete, type ProcessEngine } from '../src/engine/port.js';
import { QueryStats } from './queryStats.js';

export const STEPS = 10;
export const CHAIN_ID = `bench-chain-${Date.now().toString(36)}`;

/** start → 10 service tasks (input `=x * 2` → doubled; the job returns y; output `=y / 2 + 1` → x) → end. */
export function chainModel(): string {
  const tasks = Array.from(
    { length: STEPS },
    (_, i) => `
    <bpmn:serviceTask id="t${i}"><bpmn:extensionElements><zeebe:taskDefinition type="bench-step"/>
      <zeebe:ioMapping><zeebe:input source="=x * 2" target="doubled"/><zeebe:output source="=y / 2 + 1" target="x"/></zeebe:ioMapping>
    </bpmn:extensionElements><bpmn:incoming>f${i}</bpmn:incoming><bpmn:outgoing>f${i + 1}</bpmn:outgoing></bpmn:serviceTask>`,
  ).join('');
  const flows = Array.from(
    { length: STEPS + 1 },
    (_, i) => `<bpmn:sequenceFlow id="f${i}" sourceRef="${i === 0 ? 's' : `t${i - 1}`}" targetRef="${i === STEPS ? 'e' : `t${i}`}"/>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${CHAIN_ID}" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>${tasks}
    <bpmn:endEvent id="e"><bpmn:incoming>f${STEPS}</bpmn:incoming></bpmn:endEvent>${flows}
  </bpmn:process>
</bpmn:definitions>`;
}

export interface ChainResult {
  /** Completed instances per second over the measured window. */
  rate: number;
  completed: number;
  /** Commits (engine transactions and self-committing writes) per completed instance. */
  commitsPerInstance: number;
  /** Reads outside a transaction per completed instance (the server counts each as a commit). */
  autocommitReadsPerInstance: number;
  roundTripsPerInstance: number;
  /** CPU time of this process (user + system) per completed instance over the window, ms. */
  cpuMsPerInstance: number;
  stats: QueryStats;
}

/**
 * Runs the chain on a started-to-be engine over `db` for `seconds` after `warmupMs` with
 * `concurrency` in flight (or, with `instances`, until that many completed); checks that the
 * last instance went through every mapping (x = 10).
 */
export async function runChain(
  engine: ProcessEngine,
  db: Db,
  opts: { seconds: number; concurrency: number; warmupMs?: number; label: string; window?: { start(): Promise<void>; end(): Promise<void> } },
): Promise<ChainResult> {
  const stats = new QueryStats(db);
  const waiting = new Map<string, () => void>();
  const early = new Set<string>();
  engine.onEvent((ev) => {
    if (ev.type !== 'instanceCompleted' || ev.instance.processId !== CHAIN_ID) return;
    const done = waiting.get(ev.instance.key);
    if (done) done();
    else early.add(ev.instance.key);
  });
  engine.registerWorker({ jobType: 'bench-step', maxJobsActive: 64, handler: async (job) => complete({ y: Number(job.variables.doubled) }) });
  await engine.start();
  await engine.deploy([{ name: 'chain.bpmn', content: chainModel() }]);
  let completed = 0;
  let counting = false;
  let stop = false;
  const oneInstance = async () => {
    const { key } = await engine.startInstance(CHAIN_ID, { x: 0 });
    await new Promise<void>((resolve) => {
      if (early.delete(key)) resolve();
      else
        waiting.set(key, () => {
          waiting.delete(key);
          resolve();
        });
    });
    if (counting) completed++;
  };
  const lanes = Array.from({ length: opts.concurrency }, async () => {
    while (!stop) await oneInstance();
  });
  await new Promise((r) => setTimeout(r, opts.warmupMs ?? 3_000));
  await opts.window?.start();
  stats.reset();
  counting = true;
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  await new Promise((r) => setTimeout(r, opts.seconds * 1000));
  const secs = (Date.now() - t0) / 1000;
  const n = completed;
  const cpu = process.cpuUsage(cpu0);
  stats.freeze();
  await opts.window?.end();
  stop = true;
  await Promise.all(lanes);
  const last = (await engine.listProcessInstances({ processId: CHAIN_ID, state: 'COMPLETED' })).at(-1);
  const x = last ? (await engine.getVariables(last.key)).x : undefined;
  if (x !== STEPS) throw new Error(`${opts.label}: expected x = ${STEPS} at the end of the chain, got ${String(x)}`);
  await engine.stop();
  // Work in flight at either end of the window is counted once, so this is a ratio over a long window.
  // No instance completed in the window (a machine busy with other work): no per-instance figures.
  const per = (x: number) => (n ? x / n : Number.NaN);
  return {
    rate: n / secs,
    completed: n,
    commitsPerInstance: per(stats.commits),
    autocommitReadsPerInstance: per(stats.autocommitReads),
    roundTripsPerInstance: per(stats.roundTrips),
    cpuMsPerInstance: per((cpu.user + cpu.system) / 1000),
    stats,
  };
}
