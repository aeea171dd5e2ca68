/**
 * The outbox dispatcher: on start-up it applies what was accepted before a crash, then it looks
 * again every `pollMs` (and is woken by new work), so a command the engine did not take is
 * retried with back-off. Several processes may run it at once: rows are claimed with
 * FOR UPDATE SKIP LOCKED and a lease (index.ts). It also removes expired idempotency keys and
 * finished commands older than the keys' lifetime (nothing refers to them any more).
 */
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import type { Logger } from '../../logger.js';
import { purgeKeys } from './idempotency.js';
import type { Outbox } from './index.js';

const PURGE_EVERY_MS = 10 * 60_000;

/** Runs the outbox in the background. */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private stopped = true;
  private lastPurge = 0;

  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly opts: { pollMs: number; keepFinishedHours: number },
  ) {}

  /** Starts: one pass now (the crash recovery), then one every `pollMs`. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.tick();
  }

  /** Stops and waits for the running pass and the commands it applies. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pass;
    await this.outbox.settle();
  }

  /**
   * Runs passes until nothing due is left (tests and start-up use it to wait for recovery). A
   * background pass under way may hold claims this call's own pass skips (SKIP LOCKED, or its
   * lease): it is waited for too, or `drain` could return while that pass's commands run.
   */
  async drain(): Promise<void> {
    for (;;) {
      await this.pass;
      const n = await this.outbox.drainOnce();
      await this.outbox.settle();
      if (n === 0 && !this.pass) return;
    }
  }

  private tick(): void {
    if (this.stopped) return;
    this.pass = this.once().finally(() => {
      this.pass = undefined;
      if (!this.stopped) {
        this.timer = setTimeout(() => this.tick(), this.opts.pollMs);
        this.timer.unref();
      }
    });
  }

  private async once(): Promise<void> {
    try {
      while (!this.stopped && (await this.outbox.drainOnce()) > 0) {
        /* a full batch: look again at once */
      }
      if (Date.now() - this.lastPurge > PURGE_EVERY_MS) await this.purge();
    } catch (e) {
      this.logger.error({ event: 'outbox.dispatcher.error', err: (e as Error).message }, 'outbox.dispatcher.error');
    }
  }

  private async purge(): Promise<void> {
    this.lastPurge = Date.now();
    const keys = await purgeKeys(this.db, this.clock.now());
    const commands = await this.db('outbox_command')
      .whereNot({ state: 'pending' })
      .whereRaw(`finished_at < now() - interval '${Math.ceil(this.opts.keepFinishedHours * 3600)} seconds'`)
      .whereNotExists((q) => {
        q.select(this.db.raw('1')).from('idempotency_key as k').whereRaw('k.command_id = outbox_command.id');
      })
      .delete();
    if (keys || commands) this.logger.info({ event: 'outbox.purged', keys, commands }, 'outbox.purged');
  }
}
