/**
 * The embedded engine: a Zeebe-dialect BPMN interpreter whose state lives in our database.
 * (Placeholder until implemented.)
 */
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import type { Logger } from '../../logger.js';
import type { ProcessEngine } from '../port.js';

export interface EmbeddedEngineOptions {
  db: Db;
  /** The engine's clock; `advanceClock` needs a ControlledClock. */
  clock: Clock;
  logger?: Logger;
  /** Poll interval for due jobs and timers (ms). */
  pollMs?: number;
}

/** Creates the embedded engine. Call `start()` to begin processing jobs and timers. */
export function createEmbeddedEngine(_opts: EmbeddedEngineOptions): ProcessEngine {
  throw new Error('not implemented yet');
}
