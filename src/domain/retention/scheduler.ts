/**
 * Runs retention (gallring) by itself: every `checkMs` (default an hour) it asks whether a
 * day has passed since the last run (RetentionService.runIfDue), so a restart or several app
 * processes still give one run a day. Failures are logged and retried at the next check.
 */
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { RetentionService } from './index.js';

/** The retention schedule; `stop()` waits for a run in progress. */
export class RetentionScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly retention: RetentionService,
    private readonly clock: Clock,
    private readonly logger?: Logger,
    private readonly checkMs = 3_600_000,
  ) {}

  /** Starts checking; the first check a minute after start, so a start-up is not slowed by it. */
  start(firstMs = 60_000): void {
    this.stopped = false;
    this.next(firstMs);
  }

  /** Stops checking; resolves when a run in progress has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
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

  private next(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.check().finally(() => {
        this.running = undefined;
        this.next(this.checkMs);
      });
    }, ms);
    this.timer.unref?.();
  }
}
