/**
 * Runs retention (gallring) by itself: every `checkMs` (default an hour) it asks whether a
 * day has passed since the last run (RetentionService.runIfDue), so a restart or several app
 * processes still give one run a day. Failures are logged and retried at the next check.
 */
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import { Periodic } from '../periodic.js';
import type { RetentionService } from './index.js';

/** The retention schedule; `stop()` waits for a run in progress. */
export class RetentionScheduler {
  private readonly periodic: Periodic;

  constructor(
    private readonly retention: RetentionService,
    private readonly clock: Clock,
    private readonly logger?: Logger,
    checkMs = 3_600_000,
  ) {
    this.periodic = new Periodic(() => this.check(), checkMs);
  }

  /** Starts checking; the first check a minute after start, so a start-up is not slowed by it. */
  start(firstMs = 60_000): void {
    this.periodic.start(firstMs);
  }

  /** Stops checking; resolves when a run in progress has ended. */
  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** One check now (tests drive it with the clock). */
  async check(): Promise<void> {
    try {
      const counts = await this.retention.runIfDue(this.clock.now());
      if (counts) this.logger?.info({ event: 'retention.ran', trees: counts.trees, tables: counts.tables }, 'retention.ran');
    } catch (e) {
      this.logger?.error({ event: 'retention.failed', err: (e as Error).message }, 'retention.failed');
    }
  }
}
