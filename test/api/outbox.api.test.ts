/**
 * Commands through the outbox, with idempotency keys (issue 12, point 2; DESIGN.md §3), on the
 * real wiring, on PGlite and PostgreSQL: a repeated start with the same key creates one case;
 * the same key with another body is refused; a repeated completion is harmless; a completion
 * the engine could not take at once is shown `completing` and finished by the dispatcher; the
 * audit row exists exactly once; keys expire.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { until } from '../support/api.js';
import { createTestDb, databaseKinds, type TestDb } from '../support/databases.js';
import { LEX_SARAH_FORMS as FORMS, LEX_SARAH_REPORT as REPORT } from '../support/lexSarah.js';
import { count, flakyEngine, startApp, type App } from '../support/outbox.js';

const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));

interface Task {
  key: string;
  processInstanceKey: string;
  elementId: string;
  state: string;
}

describe.each(databaseKinds())('commands through the outbox on %s', { timeout: 180_000 }, (kind) => {
  let t: TestDb;
  let a: App;
  // the engine is unreachable for this many completion attempts (a real engine behind it)
  const failures: { completeUserTask?: number } = {};

  beforeAll(async () => {
    t = await createTestDb(kind);
    a = await startApp(t.db, clock, { IDEMPOTENCY_KEY_TTL_HOURS: '1', OUTBOX_MAX_BACKOFF_MS: '100' }, flakyEngine(failures));
  });
  afterAll(async () => {
    await a?.stop();
    await t?.destroy();
  });

  const lexSarahCount = async () => (await a.services.engine.listProcessInstances({ processId: 'lex-sarah' })).length;
  const taskAt = (username: string, instanceKey: string, elementId: string) =>
    until(async () => {
      const r = await (await a.as(username)).get('/api/v1/tasks').query({ pageSize: 200 });
      return (r.body.items as Task[]).find((x) => x.processInstanceKey === instanceKey && x.elementId === elementId);
    });
  const start = async (key?: string) => {
    const med = await a.as('medarbetare');
    const r = med.post('/api/v1/process-instances');
    if (key) r.set('Idempotency-Key', key);
    return r.send({ processId: 'lex-sarah', variables: REPORT });
  };

  it('starts one case for a start repeated with the same key, also when the two race; its reference and audit rows once', async () => {
    const before = await lexSarahCount();
    const key = randomUUID();
    const first = await start(key);
    expect(first.status).toBe(201);
    const again = await start(key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const instanceKey = first.body.key as string;
    expect(await lexSarahCount()).toBe(before + 1);
    expect(await count(t.db, 'process_instance_ref', { key: instanceKey })).toBe(1);
    expect(await count(t.db, 'audit_log', { action: 'start', subject_type: 'process-instance', subject_key: instanceKey })).toBe(1);
    // the case row the process's first job writes: one
    await until(async () => ((await count(t.db, 'case', { type: 'lex-sarah', process_instance_key: instanceKey })) === 1 ? true : undefined));
    // two at once with a fresh key: both answered with the one instance
    const raced = randomUUID();
    const both = await Promise.all([start(raced), start(raced)]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect(both[1].body.key).toBe(both[0].body.key);
    expect(await lexSarahCount()).toBe(before + 2);
  });

  it('refuses the same key with another body (422, in Swedish) and starts nothing; a malformed key is a 400', async () => {
    const key = randomUUID();
    await start(key).then((r) => expect(r.status).toBe(201));
    const before = await lexSarahCount();
    const med = await a.as('medarbetare');
    const other = await med
      .post('/api/v1/process-instances')
      .set('Idempotency-Key', key)
      .send({ processId: 'lex-sarah', variables: { ...REPORT, description: 'Något annat.' } });
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.body.detail).toBe('Idempotency-Key har redan använts för en annan begäran. Skapa en ny nyckel för en ny begäran.');
    const bad = await med.post('/api/v1/process-instances').set('Idempotency-Key', 'kort').send({ processId: 'lex-sarah', variables: REPORT });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('Idempotency-Key');
    expect(await lexSarahCount()).toBe(before);
  });

  it('completes a task once for a completion repeated with its key; the audit row once; without the key a repeat is 409', async () => {
    const instanceKey = (await start(randomUUID())).body.key as string;
    const task = await taskAt('enhetschef', instanceKey, 'Task_ImmediateMeasures');
    const chef = await a.as('enhetschef');
    const key = randomUUID();
    const complete = () => chef.post(`/api/v1/tasks/${task.key}/completion`).set('Idempotency-Key', key).send({ variables: FORMS.Task_ImmediateMeasures });
    expect((await complete()).status).toBe(204);
    expect((await complete()).status).toBe(204);
    await chef.post(`/api/v1/tasks/${task.key}/completion`).send({ variables: FORMS.Task_ImmediateMeasures }).expect(409);
    expect(await count(t.db, 'audit_log', { action: 'complete', subject_type: 'task', subject_key: task.key })).toBe(1);
    const tasks = await a.services.engine.listUserTasks({ processInstanceKey: instanceKey });
    expect(tasks.filter((x) => x.elementId === 'Task_ImmediateMeasures').map((x) => x.state)).toEqual(['COMPLETED']);
    // the step after it was reached once: no element has two tasks
    const perElement = new Map<string, number>();
    for (const x of tasks) perElement.set(x.elementId, (perElement.get(x.elementId) ?? 0) + 1);
    expect([...perElement.values()].every((n) => n === 1)).toBe(true);
  });

  it('answers 202 while the engine is unreachable, shows the task completing, and the dispatcher completes it once', async () => {
    const instanceKey = (await start(randomUUID())).body.key as string;
    const task = await taskAt('enhetschef', instanceKey, 'Task_ImmediateMeasures');
    const chef = await a.as('enhetschef');
    failures.completeUserTask = Number.POSITIVE_INFINITY;
    const key = randomUUID();
    const r = await chef.post(`/api/v1/tasks/${task.key}/completion`).set('Idempotency-Key', key).send({ variables: FORMS.Task_ImmediateMeasures });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ commandId: expect.any(String), state: 'pending', location: `/api/v1/commands/${r.body.commandId}` });
    expect(r.headers.location).toBe(r.body.location);
    // meanwhile: the task page and the inbox show it being completed; a retry with the key is 202 again, not 409
    expect((await chef.get(`/api/v1/tasks/${task.key}`).expect(200)).body.state).toBe('completing');
    const inbox = await chef.get('/api/v1/tasks').query({ pageSize: 200 }).expect(200);
    expect((inbox.body.items as Task[]).find((x) => x.key === task.key)?.state).toBe('completing');
    const retry = await chef.post(`/api/v1/tasks/${task.key}/completion`).set('Idempotency-Key', key).send({ variables: FORMS.Task_ImmediateMeasures });
    expect(retry.status).toBe(202);
    expect(retry.body.commandId).toBe(r.body.commandId);
    expect((await chef.get(r.body.location).expect(200)).body).toMatchObject({ state: 'pending', kind: 'completeUserTask' });
    // someone else cannot look at the command
    await (await a.as('medarbetare')).get(r.body.location).expect(404);
    // the engine is back: the dispatcher completes it
    failures.completeUserTask = 0;
    const done = await until(async () => {
      const c = await chef.get(r.body.location);
      return c.body.state === 'done' ? c.body : undefined;
    });
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    await until(async () => ((await chef.get(`/api/v1/tasks/${task.key}`)).body.state === 'completed' ? true : undefined));
    expect((await chef.post(`/api/v1/tasks/${task.key}/completion`).set('Idempotency-Key', key).send({ variables: FORMS.Task_ImmediateMeasures })).status).toBe(
      204,
    );
    expect(await count(t.db, 'audit_log', { action: 'complete', subject_type: 'task', subject_key: task.key })).toBe(1);
    const tasks = await a.services.engine.listUserTasks({ processInstanceKey: instanceKey });
    expect(tasks.filter((x) => x.elementId === 'Task_ImmediateMeasures').map((x) => x.state)).toEqual(['COMPLETED']);
  });

  it('gives the same receipt for a public e-service submission repeated with its key, and one case', async () => {
    const form = { kind: 'synpunkt', senderType: 'medborgare', unitId: 'hemtjanst-solrosen', description: 'Bra bemötande.', anonymous: true };
    const key = randomUUID();
    const send = () => request(a.app).post('/api/v1/public/synpunkter').set('Idempotency-Key', key).send(form);
    const first = await send();
    expect(first.status).toBe(202);
    const again = await send();
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(
      (
        await request(a.app)
          .post('/api/v1/public/synpunkter')
          .set('Idempotency-Key', key)
          .send({ ...form, description: 'Annat.' })
      ).status,
    ).toBe(422);
    await until(async () => ((await count(t.db, 'feedback_item', { receipt: first.body.receipt })) === 1 ? true : undefined));
    expect(await count(t.db, 'audit_log', { action: 'submit', subject_type: 'synpunkt', subject_key: first.body.receipt })).toBe(1);
  });

  it('forgets a key after its lifetime (IDEMPOTENCY_KEY_TTL_HOURS): the same request is then a new one', async () => {
    const key = randomUUID();
    const first = await start(key);
    clock.advance(61 * 60_000);
    const later = await start(key);
    expect(later.status).toBe(201);
    expect(later.body.key).not.toBe(first.body.key);
  });
});
