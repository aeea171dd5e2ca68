/** Structured JSON logging (pino). Log ids and event names, never payloads or personal data. */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the application logger at the given level. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'kvalitetshjulet' } });
}
