/**
 * The engines a process-level suite runs on: the embedded engine on each database, and
 * Camunda (app tables on PostgreSQL) when an organisation points the suites at its own
 * cluster (TEST_ZEEBE_REST_ADDRESS; CI does not run Camunda: see ../../../shared/CAMUNDA.md).
 * Reads after a command must wait on Camunda (eventually consistent).
 */
import { afterAll, beforeAll } from 'vitest';
import { waitFor } from './waits.js';
import { bundledResources } from '../../src/bootstrap.js';
import type { ControlledClock } from '../../src/clock.js';
import { testZeebe } from '../../src/config/index.js';
import { createEmbeddedEngine } from '../../src/engine/embedded/index.js';
import type { ProcessEngine, UserTaskInfo } from '../../src/engine/port.js';
import { createZeebeEngine } from '../../src/engine/zeebe/index.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { allWorkers } from '../../workers/index.js';
import { registerWorkers } from '../../workers/registry.js';
import { cancelActive } from './cleanup.js';
import { createTestDb, databaseKinds, type DatabaseKind, type TestDb } from './databases.js';

export interface EngineSetup {
  name: string;
  kind: DatabaseKind;
  zeebe: boolean;
}

export function engineSetups(): EngineSetup[] {
  const z = testZeebe();
  const out: EngineSetup[] = databaseKinds().map((kind) => ({ name: `embedded/${kind}`, kind, zeebe: false }));
  if (z) out.push({ name: 'zeebe', kind: 'postgres', zeebe: true });
  return out;
}

export function createEngineFor(setup: EngineSetup, t: TestDb, clock: ControlledClock, logger: Logger): ProcessEngine {
  const z = testZeebe();
  if (setup.zeebe && z) {
    return createZeebeEngine({ db: t.db, clock, logger, restAddress: z.restAddress, exportDatabaseUrl: z.exportDatabaseUrl, pollMs: 20, skipHistory: true });
  }
  return createEmbeddedEngine({ db: t.db, clock, logger, pollMs: 20 });
}

/**
 * One engine per describe block with the product's models and workers deployed and the
 * clock pinned; helpers to wait for and complete user tasks. Cancels what it started on a
 * shared broker.
 */
export function useProcessEngine(setup: EngineSetup, clock: ControlledClock) {
  const ctx = {} as {
    t: TestDb;
    engine: ProcessEngine;
    openTask: (key: string, elementId: string) => Promise<UserTaskInfo>;
    complete: (key: string, elementId: string, variables: Record<string, unknown>) => Promise<UserTaskInfo>;
  };
  beforeAll(async () => {
    ctx.t = await createTestDb(setup.kind);
    const logger = createLogger('silent');
    ctx.engine = createEngineFor(setup, ctx.t, clock, logger);
    registerWorkers(ctx.engine, allWorkers, { db: ctx.t.db, clock, logger, settings: { lexSarahIvoTargetWorkdays: 2, synpunktFeedbackWorkdays: 14 } });
    await ctx.engine.deploy(bundledResources());
    await ctx.engine.start();
  });
  afterAll(async () => {
    if (setup.zeebe && ctx.engine) await cancelActive(ctx.engine);
    await ctx.engine?.stop();
    await ctx.t?.destroy();
  });
  ctx.openTask = (key, elementId) =>
    waitFor(elementId, async () => (await ctx.engine.listUserTasks({ processInstanceKey: key, state: 'CREATED' })).find((x) => x.elementId === elementId));
  ctx.complete = async (key, elementId, variables) => {
    const task = await ctx.openTask(key, elementId);
    await ctx.engine.completeUserTask(task.key, variables);
    return task;
  };
  return ctx;
}
