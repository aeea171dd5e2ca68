/** Time, injectable: production uses the system clock, tests pin and advance it. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that starts at a given instant and moves only when told (tests, demos). */
export class ControlledClock implements Clock {
  private offsetMs = 0;
  private pinned: number | undefined;
  constructor(start?: Date) {
    this.pinned = start?.getTime();
  }
  /** The current instant: the pinned time plus what was advanced, or the system time. */
  now(): Date {
    return new Date((this.pinned ?? Date.now()) + this.offsetMs);
  }
  /** Whether time stands still (pinned at start or by `set`) rather than following the system clock. */
  isPinned(): boolean {
    return this.pinned !== undefined;
  }
  /** Pins the clock to an instant. */
  set(instant: Date): void {
    this.pinned = instant.getTime();
    this.offsetMs = 0;
  }
  /** Moves the clock forward. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
