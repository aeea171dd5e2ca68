/**
 * Waiting for the event instead of for a while. A fixed sleep either wastes time or, on a busy
 * machine, is too short; these return as soon as what the test waits for has happened.
 */
import type { ProcessEngine } from '../../src/engine/port.js';

/**
 * Returns once the engine has done everything due at its current time, job handlers included,
 * so a test can check that something has *not* happened (yet). `advanceClock(0)` moves no time:
 * the embedded engine's Poller runs until a round does nothing and no handler is running;
 * the Camunda adapter pins the broker clock and waits until its projection has read what the
 * broker exported.
 */
export function settled(engine: ProcessEngine): Promise<void> {
  return engine.advanceClock(0);
}

/**
 * Polls `probe` every 25 ms until it returns something other than undefined, and returns that;
 * fails naming `what` after `timeoutMs`. For what no event announces (reads on Camunda are
 * eventually consistent; a row another process writes).
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** `waitFor` for a condition: returns once `check` answers true. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  await waitFor(what, async () => ((await check()) ? true : undefined), timeoutMs);
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

/** A promise the test resolves when it chooses (a job handler that returns when told, not after a while). */
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * Runs concurrent work in a given order: `turn(id, work)` starts `work` once the work of the
 * id before it in `order` has finished (handlers of parallel jobs that must finish in reverse).
 */
export function inTurn<K>(order: K[]): <R>(id: K, work: () => R | Promise<R>) => Promise<R> {
  const finished = new Map(order.map((k) => [k, deferred()]));
  return async (id, work) => {
    const i = order.indexOf(id);
    if (i > 0) await finished.get(order[i - 1]!)!.promise;
    try {
      return await work();
    } finally {
      finished.get(id)?.resolve();
    }
  };
}
