/** Helpers for worker tests: a job as the engine would hand it, and worker dependencies. */
import { ControlledClock } from '../../src/clock.js';
import type { Db } from '../../src/db/index.js';
import type { Job, Variables } from '../../src/engine/port.js';
import { createLogger } from '../../src/logger.js';
import type { WorkerDeps } from '../../workers/registry.js';

let nextKey = 2251799813685249n;

/** A job of `type` in process instance `processInstanceKey` with these variables. */
export function makeJob(type: string, processInstanceKey: string, variables: Variables): Job {
  nextKey += 1n;
  return {
    key: String(nextKey),
    type,
    processInstanceKey,
    processDefinitionKey: '2251799813685248',
    processId: 'lex-sarah',
    elementId: 'ServiceTask_Test',
    elementInstanceKey: String(nextKey + 1000n),
    retries: 3,
    variables,
    customHeaders: {},
    deadline: new Date(Date.now() + 60_000),
  };
}

/** Worker dependencies on a test database with a pinned clock. */
export function makeDeps(db: Db, start: string, ivoTargetWorkdays = 2): WorkerDeps & { clock: ControlledClock } {
  return {
    db,
    clock: new ControlledClock(new Date(start)),
    logger: createLogger('silent'),
    settings: { lexSarahIvoTargetWorkdays: ivoTargetWorkdays, synpunktFeedbackWorkdays: 14 },
  };
}
