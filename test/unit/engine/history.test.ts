/**
 * History and runtime tidiness (src/engine/embedded/history.ts): a running tree keeps only
 * what the engine still needs; an ended tree moves to the history tables in the command that
 * ended it, and the port's reads still show it as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../../src/clock.js';
import { createEmbeddedEngine } from '../../../src/engine/embedded/index.js';
import { sweepExpiredMessages } from '../../../src/engine/embedded/sweeper.js';
import { complete, EngineConflict, type ProcessEngine } from '../../../src/engine/port.js';
import { createTestDb, databaseKinds, type TestDb } from '../../support/databases.js';
import { call, chain, end, mappings, model, service, start, user } from '../../conformance/bpmn.js';

const child = model('hist-child', [start('s'), service('childWork', 'h-child'), end('e')], chain('s', 'childWork', 'e'));
const parent = model(
  'hist-parent',
  [start('s'), service('work', 'h-work', mappings([['=x + 1', 'tmp']])), user('review'), call('callChild', 'hist-child'), end('e')],
  chain('s', 'work', 'review', 'callChild', 'e'),
);

/** Rows of a tree in a table (runtime or history). */
async function rowsOf(t: TestDb, table: string, rootKey: string): Promise<Record<string, unknown>[]> {
  return t.db(table).where({ root_key: rootKey });
}

describe.each(databaseKinds())('engine history on %s', (kind) => {
  let t: TestDb;
  let engine: ProcessEngine;
  const clock = new ControlledClock(new Date('2027-03-01T08:00:00Z'));
  beforeAll(async () => {
    t = await createTestDb(kind);
    engine = createEmbeddedEngine({ db: t.db, clock, pollMs: 20 });
    engine.registerWorker({ jobType: 'h-work', handler: async (job) => complete({ y: Number(job.variables.tmp) * 10 }) });
    engine.registerWorker({ jobType: 'h-child', handler: async () => complete({ fromChild: true }) });
    await engine.deploy([
      { name: 'hist-child.bpmn', content: child },
      { name: 'hist-parent.bpmn', content: parent },
    ]);
    await engine.start();
  });
  afterAll(async () => {
    await engine?.stop();
    await t?.destroy();
  });

  it('a running tree keeps no completed jobs and no variables of ended scopes', async () => {
    // given an instance whose service task (with a local input mapping) has completed
    const { key } = await engine.startInstance('hist-parent', { x: 1 });
    await engine.advanceClock(0);
    const [task] = await engine.listUserTasks({ processInstanceKey: key, state: 'CREATED' });
    expect(task?.elementId).toBe('review');
    // then its job is gone, the local variable of the ended task went with its scope, and the
    // element history is still there for monitoring
    expect(await rowsOf(t, 'engine_job', key)).toEqual([]);
    const vars = await rowsOf(t, 'engine_variable', key);
    expect(vars.map((v) => v.name).sort()).toEqual(['x', 'y']);
    expect((await engine.listElementInstances(key)).map((e) => `${e.elementId}:${e.state}`)).toEqual(['s:COMPLETED', 'work:COMPLETED', 'review:ACTIVE']);
  });

  it('an ended tree moves to history in the command that ended it, and reads show it as before', async () => {
    // given an instance at its user task
    const { key } = await engine.startInstance('hist-parent', { x: 2 });
    await engine.advanceClock(0);
    const [task] = await engine.listUserTasks({ processInstanceKey: key, state: 'CREATED' });
    // when the task is completed and the called child and the parent complete
    await engine.completeUserTask(task!.key, { approved: true });
    await engine.advanceClock(0);
    // then nothing of the tree is left in the runtime tables
    for (const table of [
      'engine_instance',
      'engine_element',
      'engine_variable',
      'engine_job',
      'engine_user_task',
      'engine_timer',
      'engine_subscription',
      'engine_incident',
    ]) {
      expect(await rowsOf(t, table, key), table).toEqual([]);
    }
    const instances = await rowsOf(t, 'engine_instance_hist', key);
    expect(instances.map((i) => i.state)).toEqual(['COMPLETED', 'COMPLETED']);
    expect(
      await t.db('engine_event_log').whereIn(
        'instance_key',
        instances.map((i) => String(i.key)),
      ),
    ).toEqual([]);
    expect((await rowsOf(t, 'engine_event_log_hist', key)).length).toBeGreaterThan(10);
    // and the port reads it from history: state, variables as they ended, elements, tasks
    expect((await engine.getProcessInstance(key)).state).toBe('COMPLETED');
    expect(await engine.getVariables(key)).toEqual({ x: 2, y: 30, approved: true, fromChild: true });
    expect((await engine.listElementInstances(key)).map((e) => e.elementId)).toEqual(['s', 'work', 'review', 'callChild', 'e']);
    expect((await engine.listUserTasks({ processInstanceKey: key })).map((u) => u.state)).toEqual(['COMPLETED']);
    expect((await engine.listProcessInstances({ parentProcessInstanceKey: key })).map((i) => i.processId)).toEqual(['hist-child']);
    expect((await engine.listProcessInstances({ processId: 'hist-parent', state: 'COMPLETED' })).map((i) => i.key)).toContain(key);
    // and completing the task again is a conflict, as before
    await expect(engine.completeUserTask(task!.key, {})).rejects.toBeInstanceOf(EngineConflict);
  });

  it('a cancelled tree moves to history as terminated', async () => {
    // given an instance at its user task
    const { key } = await engine.startInstance('hist-parent', { x: 3 });
    await engine.advanceClock(0);
    // when it is cancelled
    await engine.cancelInstance(key);
    // then it is in history, terminated, with its cancelled task
    expect(await rowsOf(t, 'engine_instance', key)).toEqual([]);
    expect((await engine.getProcessInstance(key)).state).toBe('TERMINATED');
    expect((await engine.listUserTasks({ processInstanceKey: key })).map((u) => u.state)).toEqual(['CANCELED']);
    expect(await engine.listProcessInstances({ processId: 'hist-parent', state: 'ACTIVE' })).not.toContainEqual(expect.objectContaining({ key }));
  });

  it('sweeps buffered messages a minute after their time to live ran out', async () => {
    // given a message that lives one second and one that lives a day
    await engine.publishMessage({ name: 'nobody-listens', correlationKey: 'k1', timeToLiveMs: 1000 });
    await engine.publishMessage({ name: 'nobody-listens', correlationKey: 'k2', timeToLiveMs: 86_400_000 });
    // when two minutes pass and the sweep runs
    clock.advance(120_000);
    const swept = await sweepExpiredMessages(t.db, clock.now());
    // then only the expired one is gone
    expect(swept).toBe(1);
    expect((await t.db('engine_message').where({ name: 'nobody-listens' })).map((m) => m.correlation_key)).toEqual(['k2']);
  });
});
