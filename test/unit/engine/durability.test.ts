/**
 * The embedded engine's durability promises: a restart loses nothing (timers and jobs
 * resume), and two engines on one PostgreSQL server never process a job twice.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../../src/clock.js';
import { createEmbeddedEngine } from '../../../src/engine/embedded/index.js';
import { complete, type ProcessEngine } from '../../../src/engine/port.js';
import { createTestDb, databaseKinds, type TestDb } from '../../support/databases.js';
import { waitUntil } from '../../support/waits.js';

const xml = readFileSync(new URL('./fixtures/one-job.bpmn', import.meta.url), 'utf8');
const start = new Date('2026-03-02T08:00:00Z');

/** Waits until `check` answers true (rows written by another process or connection). */
const until = (check: () => Promise<boolean>, ms = 20_000) => waitUntil('the condition', check, ms);

describe.each(databaseKinds())('engine durability on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => {
    await t.destroy();
  });

  it('resumes waiting timers after a restart (a new engine on the same database)', async () => {
    // given an instance waiting on a one-hour timer in an engine that then disappears
    const clock = new ControlledClock(start);
    const first = createEmbeddedEngine({ db: t.db, clock, pollMs: 20 });
    first.registerWorker({ jobType: 'mp-work', handler: async () => complete() });
    await first.deploy([{ name: 'one-job.bpmn', content: xml }]);
    await first.start();
    const { key } = await first.startInstance('one-job', {});
    await until(async () => (await first.listElementInstances(key)).some((e) => e.elementId === 'wait' && e.state === 'ACTIVE'));
    await first.stop();
    // when a new engine starts on the same database and the hour passes
    const second = createEmbeddedEngine({ db: t.db, clock, pollMs: 20 });
    await second.start();
    await second.advanceClock(60 * 60 * 1000);
    // then the timer fired and the instance completed
    await until(async () => (await second.getProcessInstance(key)).state === 'COMPLETED');
    await second.stop();
  });
});

// Two app processes share a database only on a PostgreSQL server (PGlite has one connection).
describe.each(databaseKinds().filter((k) => k === 'postgres'))('two engines on one %s server', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => {
    await t.destroy();
  });

  it('never hands one job to two engines sharing a PostgreSQL server', async () => {
    // given two engines (two "app processes") with their own connection pools on one database
    const clock = new ControlledClock(start);
    const seen = new Map<string, number>();
    const engines: ProcessEngine[] = [t.db, t.reopen()].map((db) => createEmbeddedEngine({ db, clock, pollMs: 10 }));
    for (const e of engines) {
      e.registerWorker({
        jobType: 'mp-work',
        maxJobsActive: 8,
        handler: async (job) => {
          seen.set(job.key, (seen.get(job.key) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 2));
          return complete();
        },
      });
    }
    await engines[0]!.deploy([{ name: 'one-job.bpmn', content: xml }]);
    // when 60 instances are started and both engines poll
    const keys = await Promise.all(Array.from({ length: 60 }, () => engines[0]!.startInstance('one-job', {})));
    await Promise.all(engines.map((e) => e.start()));
    await until(async () => {
      const waiting = await Promise.all(keys.map(async (k) => (await engines[1]!.listElementInstances(k.key)).some((e) => e.elementId === 'wait')));
      return waiting.every(Boolean);
    }, 60_000);
    await Promise.all(engines.map((e) => e.stop()));
    // then every job was handled exactly once
    expect(seen.size).toBe(60);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('never fires one timer twice when two engines poll the same PostgreSQL server', async () => {
    // given 40 instances waiting on the same one-hour timer, and two engines ("app processes")
    const clock = new ControlledClock(start);
    const engines: ProcessEngine[] = [t.db, t.reopen()].map((db) => createEmbeddedEngine({ db, clock, pollMs: 5 }));
    for (const e of engines) e.registerWorker({ jobType: 'mp-work', handler: async () => complete() });
    await engines[0]!.deploy([{ name: 'one-job.bpmn', content: xml }]);
    await Promise.all(engines.map((e) => e.start()));
    const keys = await Promise.all(Array.from({ length: 40 }, () => engines[0]!.startInstance('one-job', {})));
    await until(
      async () =>
        (await Promise.all(keys.map(async (k) => (await engines[1]!.listElementInstances(k.key)).some((e) => e.elementId === 'wait')))).every(Boolean),
      60_000,
    );
    // when the hour passes and both engines race for the due timers
    clock.advance(60 * 60 * 1000 + 1);
    await until(
      async () => (await Promise.all(keys.map(async (k) => (await engines[0]!.getProcessInstance(k.key)).state === 'COMPLETED'))).every(Boolean),
      60_000,
    );
    await Promise.all(engines.map((e) => e.stop()));
    // then each instance passed its timer exactly once
    for (const k of keys) {
      const waits = (await engines[0]!.listElementInstances(k.key)).filter((e) => e.elementId === 'wait');
      expect(waits).toHaveLength(1);
    }
  });
});
