/**
 * Something a process does every so often by itself (retention, notifications, the mail
 * dispatcher): the first run after `firstMs`, then `everyMs` after each run ends, so runs never
 * overlap; `stop()` waits for a run in progress. The work catches its own errors.
 */
export class Periodic {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly everyMs: number,
  ) {}

  /** Starts; the first run after `firstMs`. */
  start(firstMs: number): void {
    this.stopped = false;
    this.next(firstMs);
  }

  /** Stops; resolves when a run in progress has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private next(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.work().finally(() => {
        this.running = undefined;
        this.next(this.everyMs);
      });
    }, ms);
    this.timer.unref?.();
  }
}
