/**
 * Runs the scheduled notifications (the daily digest, deadline reminders) every `checkMs`
 * (default 5 minutes) in the engine role. Each message's `dedupe_key` keeps a repeated run, a
 * restart or a second engine process from sending anything twice.
 */
import type { Logger } from '../../logger.js';
import { Periodic } from '../periodic.js';
import type { NotificationService } from './index.js';

/** The notification schedule. */
export class NotificationScheduler {
  private readonly periodic: Periodic;

  constructor(
    private readonly notifications: NotificationService,
    private readonly logger?: Logger,
    checkMs = 300_000,
  ) {
    this.periodic = new Periodic(() => this.check(), checkMs);
  }

  /** Starts; the first run half a minute after start, so a start-up is not slowed by it. */
  start(firstMs = 30_000): void {
    this.periodic.start(firstMs);
  }

  /** Stops; resolves when a run in progress has ended. */
  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** One run now (tests drive it with the clock). */
  async check(): Promise<void> {
    try {
      const r = await this.notifications.runScheduled();
      if (r.digests || r.reminders) this.logger?.info({ event: 'notifications.queued', ...r }, 'notifications.queued');
    } catch (e) {
      this.logger?.error({ event: 'notifications.failed', err: (e as Error).message }, 'notifications.failed');
    }
  }
}
