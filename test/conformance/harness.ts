/**
 * The conformance harness: the engines under test, written against the port only, so the
 * same scenarios run on the embedded engine (PGlite and, with TEST_DATABASE_URL, PostgreSQL)
 * and, when an organisation points them at its own licensed cluster (TEST_ZEEBE_REST_ADDRESS),
 * on Camunda 8. CI runs no Camunda: the scenarios' truth is Camunda's documentation, which each
 * scenario names.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { testZeebe } from '../../src/config/index.js';
import { createEmbeddedEngine } from '../../src/engine/embedded/index.js';
import { createZeebeEngine } from '../../src/engine/zeebe/index.js';
import type { ElementInstanceInfo, IncidentInfo, JobOutcome, Job, ProcessEngine, UserTaskInfo } from '../../src/engine/port.js';
import { cancelActive } from '../support/cleanup.js';
import { createTestDb, databaseKinds } from '../support/databases.js';

export interface EngineUnderTest {
  name: string;
  /** A fresh engine on a fresh database; its clock is pinned at T0 unless another is given. */
  create(clock?: ControlledClock): Promise<{ engine: ProcessEngine; destroy(): Promise<void> }>;
}

/** Monday 2 March 2026, 08:00 UTC: every scenario starts here. */
export const T0 = new Date('2026-03-02T08:00:00Z');

/** Camunda, when a cluster is configured (TEST_ZEEBE_REST_ADDRESS); never in CI. */
function zeebeUnderTest(): EngineUnderTest[] {
  const z = testZeebe();
  if (!z) return [];
  return [
    {
      name: 'zeebe',
      create: async (clock = new ControlledClock(T0)) => {
        const t = await createTestDb('postgres');
        const engine = createZeebeEngine({
          db: t.db,
          clock,
          restAddress: z.restAddress,
          exportDatabaseUrl: z.exportDatabaseUrl,
          pollMs: 20,
          skipHistory: true,
        });
        await engine.start();
        return {
          engine,
          destroy: async () => {
            await cancelActive(engine);
            await engine.stop();
            await t.destroy();
          },
        };
      },
    },
  ];
}

/** The engines the suite runs on. */
export function enginesUnderTest(): EngineUnderTest[] {
  return [...embeddedUnderTest(), ...zeebeUnderTest()];
}

function embeddedUnderTest(): EngineUnderTest[] {
  return databaseKinds().map((kind) => ({
    name: `embedded/${kind}`,
    create: async (clock = new ControlledClock(T0)) => {
      const t = await createTestDb(kind);
      const engine = createEmbeddedEngine({ db: t.db, clock, pollMs: 20 });
      await engine.start();
      return {
        engine,
        destroy: async () => {
          await engine.stop();
          await t.destroy();
        },
      };
    },
  }));
}

/** One engine per test file: `const ctx = useEngine(e)` inside describe.each. */
export function useEngine(e: EngineUnderTest): { engine: ProcessEngine } {
  const ctx = {} as { engine: ProcessEngine; destroy(): Promise<void> };
  beforeAll(async () => Object.assign(ctx, await e.create()));
  afterAll(async () => ctx.destroy());
  return ctx;
}

/** Retries an assertion until it passes (Zeebe's read side is eventually consistent). */
export async function eventually<T>(fn: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** Waits until the instance has completed. */
export function completed(engine: ProcessEngine, key: string): Promise<void> {
  return eventually(async () => expect((await engine.getProcessInstance(key)).state).toBe('COMPLETED'));
}

/** Waits until the instance has exactly `n` active incidents; returns them. */
export function activeIncidents(engine: ProcessEngine, key: string, n = 1): Promise<IncidentInfo[]> {
  return eventually(async () => {
    const i = await engine.listIncidents({ processInstanceKey: key, state: 'ACTIVE' });
    expect(i).toHaveLength(n);
    return i;
  });
}

/** Element ids entered by an instance, in order. */
export async function visited(engine: ProcessEngine, key: string): Promise<string[]> {
  return (await engine.listElementInstances(key)).map((e: ElementInstanceInfo) => e.elementId);
}

/** Ids of the instance's active elements. */
export async function active(engine: ProcessEngine, key: string): Promise<string[]> {
  return (await engine.listElementInstances(key)).filter((e) => e.state === 'ACTIVE').map((e) => e.elementId);
}

/** The open user tasks of an instance. */
export async function openTasks(engine: ProcessEngine, key: string): Promise<UserTaskInfo[]> {
  return engine.listUserTasks({ processInstanceKey: key, state: 'CREATED' });
}

/** Registers a worker that records the jobs it saw. */
export function recordingWorker(engine: ProcessEngine, jobType: string, handler: (job: Job) => Promise<JobOutcome> | JobOutcome): Job[] {
  const seen: Job[] = [];
  engine.registerWorker({
    jobType,
    handler: async (job) => {
      seen.push(job);
      return handler(job);
    },
  });
  return seen;
}

/** Unique suffix so scenarios never share correlation keys. */
let n = 0;
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++n}`;
