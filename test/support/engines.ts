/**
 * The engines a process-level suite runs on: the embedded engine on each database, and
 * Camunda (app tables on PostgreSQL) when a broker is configured (TEST_ZEEBE_REST_ADDRESS;
 * in CI it must be). Reads after a command must wait on Camunda (eventually consistent).
 */
import type { ControlledClock } from '../../src/clock.js';
import { testZeebe } from '../../src/config/index.js';
import { createEmbeddedEngine } from '../../src/engine/embedded/index.js';
import type { ProcessEngine } from '../../src/engine/port.js';
import { createZeebeEngine } from '../../src/engine/zeebe/index.js';
import type { Logger } from '../../src/logger.js';
import { databaseKinds, type DatabaseKind, type TestDb } from './databases.js';

export interface EngineSetup {
  name: string;
  kind: DatabaseKind;
  zeebe: boolean;
}

export function engineSetups(): EngineSetup[] {
  const z = testZeebe();
  if (!z && process.env.CI === 'true') throw new Error('CI=true but no TEST_ZEEBE_REST_ADDRESS: the process suites must run on Camunda in CI');
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

/** Polls until `probe` returns something (reads on Camunda are eventually consistent). */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
