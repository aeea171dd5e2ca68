/**
 * Sweeps buffered messages whose time to live has run out: nothing correlates them any more
 * (subscriptions and message starts read only unexpired ones), so they are deleted, in
 * batches, once a minute. A grace period keeps a message that a publish is still handing to
 * its subscriptions (in later transactions of the same publish) from going under its feet, and a
 * message whose correlations are still pending (a crash in the middle of a publish, publish.ts) is
 * kept until the Poller has finished them, however long the engine was down.
 */
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import type { Logger } from '../../logger.js';

/** How long past its expiry a message is still kept. */
const GRACE_MS = 60_000;
const BATCH = 1000;

/** Deletes messages expired more than the grace period before `now`; returns how many. */
export async function sweepExpiredMessages(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - GRACE_MS);
  let total = 0;
  for (;;) {
    const n = (
      await db('engine_message')
        .whereIn('key', db('engine_message').select('key').where('expires_at', '<', before).whereNull('pending').limit(BATCH))
        .delete()
        .returning('key')
    ).length;
    total += n;
    if (n < BATCH) return total;
  }
}

/** Runs the sweep every `everyMs` until stopped. */
export class Sweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly logger?: Logger,
    private readonly everyMs = 60_000,
  ) {}

  /** Starts sweeping. */
  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = sweepExpiredMessages(this.db, this.clock.now())
        .catch((e) => this.logger?.warn({ event: 'engine.sweep.failed', err: (e as Error).message }, 'engine.sweep.failed'))
        .finally(() => {
          this.running = undefined;
        });
    }, this.everyMs);
    this.timer.unref?.();
  }

  /** Stops sweeping; waits for a sweep in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
