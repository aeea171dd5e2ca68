/**
 * Crash recovery of the outbox (issue 12, point 2), on PGlite and PostgreSQL: a process dies
 * (its app is stopped, nothing of it runs on) and a new one starts on the same database (a new
 * connection pool on PostgreSQL), as after a crash. Two instants: after the request's commit
 * and before its dispatch; and after the engine's commit and before the outbox's. In both the
 * dispatcher of the new process finishes the command at start-up, exactly once, and a client
 * retrying with its Idempotency-Key gets the first request's answer.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { claimOf } from '../../src/domain/outbox/idempotency.js';
import { until } from '../support/api.js';
import { createTestDb, databaseKinds, type TestDb } from '../support/databases.js';
import { demoUser } from '../support/factories.js';
import { LEX_SARAH_FORMS as FORMS, LEX_SARAH_REPORT as REPORT } from '../support/lexSarah.js';
import { count, startApp, type App } from '../support/outbox.js';

const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));

describe.each(databaseKinds())('the outbox across a crash on %s', (kind) => {
  let t: TestDb | undefined;
  const apps: App[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.stop();
    await t?.destroy();
  });

  /** The "crashed" process's app, and a way to start its successor on the same database. */
  const firstProcess = async () => {
    t = await createTestDb(kind);
    const before = await startApp(t.db, clock);
    apps.push(before);
    const restart = async () => {
      await before.stop();
      const after = await startApp(kind === 'postgres' ? t!.reopen() : t!.db, clock);
      apps.push(after);
      await after.services.dispatcher.drain();
      return after;
    };
    return { before, restart };
  };
  const startBody = { processId: 'lex-sarah', variables: REPORT };
  const units = async (a: App) => ({ units: (await a.services.org.nodes()).filter((n) => n.type === 'unit').map((n) => n.id) });
  const claimFor = (userId: number, key: string, path: string, body: unknown) =>
    claimOf(key, `user:${userId}`, { method: 'POST', path, body }, clock.now(), 24);

  it('finishes a completion committed but not yet dispatched when the process died, once', async () => {
    const { before, restart } = await firstProcess();
    const med = await before.as('medarbetare');
    const instanceKey = (await med.post('/api/v1/process-instances').send(startBody).expect(201)).body.key as string;
    const chef = await before.as('enhetschef');
    const task = await until(async () =>
      ((await chef.get('/api/v1/tasks').query({ pageSize: 200 })).body.items as { key: string; processInstanceKey: string; elementId: string }[]).find(
        (x) => x.processInstanceKey === instanceKey && x.elementId === 'Task_ImmediateMeasures',
      ),
    );
    // the request's transaction commits; the process dies before it dispatches
    await before.services.dispatcher.stop();
    const user = await demoUser(before.services, 'enhetschef');
    const path = `/api/v1/tasks/${task.key}/completion`;
    const body = { variables: FORMS.Task_ImmediateMeasures! };
    const key = randomUUID();
    const commandId = await before.services.tasks.complete(user, task.key, body.variables, await units(before), claimFor(user.id, key, path, body));
    expect((await before.services.outbox.get(commandId))?.state).toBe('pending');
    const after = await restart();
    expect((await after.services.outbox.get(commandId))?.state).toBe('done');
    const tasks = await after.services.engine.listUserTasks({ processInstanceKey: instanceKey });
    expect(tasks.filter((x) => x.elementId === 'Task_ImmediateMeasures').map((x) => x.state)).toEqual(['COMPLETED']);
    expect(new Set(tasks.map((x) => x.elementId)).size).toBe(tasks.length);
    expect(await count(after.services.outbox.db, 'user_task', { key: task.key, state: 'completed' })).toBe(1);
    expect(await count(after.services.outbox.db, 'audit_log', { action: 'complete', subject_key: task.key })).toBe(1);
    // the client, retrying after its connection broke, gets the answer of the first request
    const again = await (await after.as('enhetschef')).post(path).set('Idempotency-Key', key).send(body);
    expect(again.status).toBe(204);
    expect(await count(after.services.outbox.db, 'engine_command', { id: commandId })).toBe(1);
  }, 180_000);

  it('finishes a start the engine had made when the process died before the outbox recorded it: one instance, its reference and audit rows once', async () => {
    const { before, restart } = await firstProcess();
    await before.services.dispatcher.stop();
    const user = await demoUser(before.services, 'medarbetare');
    const key = randomUUID();
    const commandId = await before.services.processes.start(
      user,
      'lex-sarah',
      REPORT,
      await units(before),
      claimFor(user.id, key, '/api/v1/process-instances', startBody),
    );
    // the engine applies it and commits; the process dies before the outbox row is finished
    const ref = await before.services.engine.startInstance('lex-sarah', REPORT, { commandId });
    expect(await count(before.services.outbox.db, 'process_instance_ref', { key: ref.key })).toBe(0);
    const after = await restart();
    const row = await after.services.outbox.get(commandId);
    expect(row).toMatchObject({ state: 'done', result: { key: ref.key } });
    expect((await after.services.engine.listProcessInstances({ processId: 'lex-sarah' })).map((i) => i.key)).toEqual([ref.key]);
    const db = after.services.outbox.db;
    expect(await count(db, 'process_instance_ref', { key: ref.key })).toBe(1);
    expect(await count(db, 'audit_log', { action: 'start', subject_key: ref.key })).toBe(1);
    await until(async () => ((await count(db, 'case', { type: 'lex-sarah', process_instance_key: ref.key })) === 1 ? true : undefined));
    // the client's retry with its key: 201 with that instance, and still one
    const again = await (await after.as('medarbetare')).post('/api/v1/process-instances').set('Idempotency-Key', key).send(startBody);
    expect(again.status).toBe(201);
    expect(again.body.key).toBe(ref.key);
    expect((await after.services.engine.listProcessInstances({ processId: 'lex-sarah' })).length).toBe(1);
  }, 180_000);
});
