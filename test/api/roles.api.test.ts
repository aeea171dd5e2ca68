/**
 * Process roles (ROLE): an API process alone accepts a report but runs no job and fires no
 * timer; a second process with the engine and workers roles on the same database carries the
 * case on to the next person's inbox. On PostgreSQL the two have their own connection pools,
 * as two processes would.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/bootstrap.js';
import { ControlledClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/index.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import type { Services } from '../../src/services.js';
import { createTestDb, databaseKinds, type TestDb } from '../support/databases.js';
import { signIn, until } from '../support/api.js';
import { LEX_SARAH_REPORT as REPORT } from '../support/lexSarah.js';

describe.each(databaseKinds())('an API process and an engine/workers process on %s', (kind) => {
  const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));
  let t: TestDb;
  let api: Services;
  let backend: Services | undefined;
  const boot = (role: string, db = t.db) =>
    bootstrap(
      { ...loadConfig({ LOG_LEVEL: 'silent', ROLE: role, NODE_ENV: 'test', PASSWORD_HASH_COST: '10' }), demoData: true, enginePollMs: 20 },
      db,
      clock,
      createLogger('silent'),
    );

  beforeAll(async () => {
    t = await createTestDb(kind);
    api = await boot('api');
  });
  afterAll(async () => {
    // what each bootstrap started: the worker process runs other suites after this one (isolate: false)
    for (const s of [backend, api]) {
      await s?.retentionSchedule.stop();
      await s?.notificationSchedule.stop();
      await s?.mailer?.stop();
      await s?.dispatcher.stop();
      await s?.engine.stop();
    }
    await t?.destroy();
  });

  it('the API accepts the report; only the engine/workers process carries it on', async () => {
    const agent = await signIn(request.agent(createApp(api)), 'medarbetare');
    const started = await agent.post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: REPORT }).expect(201);
    const key = started.body.key as string;
    // the API process alone: a round of its engine activates nothing (no workers, no timers here)
    await api.engine.advanceClock(0);
    const waiting = await t.db('engine_job').where({ instance_key: key }).select('state');
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((j) => j.state === 'ACTIVATABLE')).toBe(true);
    expect(await t.db('user_task').where({ process_instance_key: key })).toEqual([]);

    backend = await boot('engine,workers', kind === 'postgres' ? t.reopen() : t.db);
    const task = await until(async () => t.db('user_task').where({ process_instance_key: key, state: 'open' }).first());
    expect(task.element_id).toBe('Task_ImmediateMeasures');
    // and the API process serves it to the enhetschef
    const chef = await signIn(request.agent(createApp(api)), 'enhetschef');
    const inbox = await chef.get('/api/v1/tasks').query({ pageSize: 200 }).expect(200);
    expect(inbox.body.items.map((x: { key: string }) => x.key)).toContain(task.key);
  });
});
