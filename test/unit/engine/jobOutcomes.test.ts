/**
 * A worker's outcome is accepted once, from the activation that holds the job: a completion
 * from an activation that timed out is refused, and a listener that fails while the outcome
 * is applied does not make the handler run again — the outcome is kept on the job and
 * applied later; after too many failures an incident says so, and resolving it applies it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../../src/clock.js';
import { createEmbeddedEngine } from '../../../src/engine/embedded/index.js';
import { OUTCOME_ATTEMPTS } from '../../../src/engine/embedded/jobs.js';
import type { ProcessEngine } from '../../../src/engine/port.js';
import { chain, end, model, service, start, user } from '../../conformance/bpmn.js';
import { createTestDb, databaseKinds, type TestDb } from '../../support/databases.js';
import { settled, waitUntil } from '../../support/waits.js';

const T0 = new Date('2026-03-02T08:00:00Z');
const slow = model('outcome-slow', [start('s'), service('work', 'slow-job'), end('e')], chain('s', 'work', 'e'));
const listened = model('outcome-listened', [start('s'), service('work', 'side-effect'), user('next'), end('e')], chain('s', 'work', 'next', 'e'));

/** Waits until `check` answers true (rows written by another process or connection). */
const until = (check: () => Promise<boolean>, ms = 20_000) => waitUntil('the condition', check, ms);

describe.each(databaseKinds())('job outcomes on %s', (kind) => {
  let t: TestDb;
  let engine: ProcessEngine;
  const clock = new ControlledClock(T0);
  let failNext = 0;
  let calls = 0;
  const runs: string[] = [];
  let release: (() => void) | undefined;

  beforeAll(async () => {
    t = await createTestDb(kind);
    engine = createEmbeddedEngine({ db: t.db, clock, pollMs: 20 });
    engine.registerWorker({
      jobType: 'slow-job',
      timeoutMs: 1_000,
      handler: async () => {
        const n = runs.push(`run${runs.length + 1}`);
        if (n === 1)
          await new Promise<void>((r) => {
            release = r;
          });
        return { outcome: 'complete', variables: { by: `run${n}` } };
      },
    });
    engine.registerWorker({
      jobType: 'side-effect',
      handler: async () => {
        calls++;
        return { outcome: 'complete', variables: { done: true } };
      },
    });
    // A projection that fails while told to: as if its table were locked or the database hiccuped.
    engine.onEvent(async (ev) => {
      if (ev.type === 'userTaskCreated' && failNext > 0) {
        failNext--;
        throw new Error('projection unavailable');
      }
    });
    await engine.deploy([
      { name: 'slow.bpmn', content: slow },
      { name: 'listened.bpmn', content: listened },
    ]);
    await engine.start();
  });
  afterAll(async () => {
    release?.();
    await engine?.stop();
    await t?.destroy();
  });

  /** Waits until the handler's outcome is kept on the job (so that moving the clock cannot time the activation out first). */
  const parked = (key: string) => until(async () => !!(await t.db('engine_job').where({ instance_key: key, state: 'OUTCOME' }).first()));

  it('refuses the completion of an activation that timed out; the new activation completes the job', async () => {
    // given a job whose first handler hangs past its one-second deadline
    const { key } = await engine.startInstance('outcome-slow', {});
    await until(async () => runs.length === 1);
    // when the deadline passes, the job is handed out again and that run completes it
    clock.advance(2_000);
    await until(async () => runs.length === 2);
    await until(async () => (await engine.getProcessInstance(key)).state === 'COMPLETED');
    // and the first handler returns late
    release!();
    await settled(engine);
    // then the instance has the second run's result, and the job was completed once
    const vars = await engine.getVariables(key);
    expect(vars.by).toBe('run2');
    // the ended tree's event log moved to history (history.ts)
    const completions = await t.db('engine_event_log_all').where({ kind: 'job.completed', instance_key: key });
    expect(completions).toHaveLength(1);
  });

  it('applies an outcome whose listener failed twice later, without running the handler again', async () => {
    // given a projection that fails on the next two task creations
    failNext = 2;
    calls = 0;
    const { key } = await engine.startInstance('outcome-listened', {});
    // when time passes for the back-off of the retries
    await parked(key);
    for (let i = 0; i < 10 && !(await engine.listUserTasks({ processInstanceKey: key, state: 'CREATED' })).length; i++) {
      await engine.advanceClock(60_000);
    }
    // then the handler ran once and the process went on to the next task
    expect(calls).toBe(1);
    expect(failNext).toBe(0);
    expect(await engine.listUserTasks({ processInstanceKey: key, state: 'CREATED' })).toHaveLength(1);
    expect((await engine.getVariables(key)).done).toBe(true);
  });

  it('raises an incident after repeated failures; resolving it applies the kept outcome, still without a second run', async () => {
    // given a projection that fails more often than the engine retries
    failNext = OUTCOME_ATTEMPTS + 1;
    calls = 0;
    const { key } = await engine.startInstance('outcome-listened', {});
    await parked(key);
    for (let i = 0; i < OUTCOME_ATTEMPTS + 2; i++) await engine.advanceClock(60_000);
    // then an incident is open on the service task
    const incidents = (await engine.listIncidents({ processInstanceKey: key })).filter((x) => x.state === 'ACTIVE');
    expect(incidents.map((x) => x.elementId)).toEqual(['work']);
    // when the projection works again and the incident is resolved
    failNext = 0;
    await engine.resolveIncident(incidents[0]!.key);
    await engine.advanceClock(1_000);
    // then the outcome was applied: the next task is open, and the handler ran once
    await until(async () => (await engine.listUserTasks({ processInstanceKey: key, state: 'CREATED' })).length === 1);
    expect(calls).toBe(1);
  });
});
