/**
 * Test data and steps the suites build over and over: the engine clock moved to an instant, an
 * instance waiting at an element, a demo user. Each returns as soon as what it builds exists
 * (no fixed waits).
 */
import type { ProcessEngine } from '../../src/engine/port.js';
import type { Services } from '../../src/services.js';
import { waitFor } from './waits.js';

/** Moves the engine clock forward to `instant` (due timers fire before it returns). */
export async function advanceTo(engine: ProcessEngine, instant: string | Date): Promise<void> {
  await engine.advanceClock(new Date(instant).getTime() - (await engine.now()).getTime());
}

/** Waits until the instance has an active element `elementId` (a timer, a receive, a task …). */
export function waitingAt(engine: ProcessEngine, instanceKey: string, elementId: string): Promise<true> {
  return waitFor(`${instanceKey} waiting at ${elementId}`, async () =>
    (await engine.listElementInstances(instanceKey)).some((e) => e.elementId === elementId && e.state === 'ACTIVE') ? true : undefined,
  );
}

/**
 * Waits until the instance has reached `elementId`, active or already ended: for a timer that
 * may fire as soon as it is created (a due date already past), which `waitingAt` could miss.
 */
export function reachedAt(engine: ProcessEngine, instanceKey: string, elementId: string): Promise<true> {
  return waitFor(`${instanceKey} reaching ${elementId}`, async () =>
    (await engine.listElementInstances(instanceKey)).some((e) => e.elementId === elementId) ? true : undefined,
  );
}

/** A demo user (password `demo`) as the services see it after logging in. */
export async function demoUser(services: Services, username: string) {
  return (await services.org.login(username, 'demo')).user;
}
