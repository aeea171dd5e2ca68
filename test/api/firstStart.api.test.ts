/**
 * The first start in production (issue 15 point 1): with demo data off and no user at all, the
 * API creates the root node and the first administrator once, given the one-time code the server
 * wrote to its log at start; a wrong code is refused, two concurrent calls make one
 * administrator (the other gets 409), and afterwards the endpoint answers 409.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/bootstrap.js';
import { ControlledClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/index.js';
import { createApp } from '../../src/http/app.js';
import type { Services } from '../../src/services.js';
import { createTestDb, databaseKinds, type TestDb } from '../support/databases.js';

describe.each(databaseKinds())('the first start on %s', (kind) => {
  const clock = new ControlledClock(new Date('2026-12-07T10:00:00+01:00'));
  let t: TestDb;
  let services: Services;
  let app: ReturnType<typeof createApp>;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await createTestDb(kind);
    const config = { ...loadConfig({ NODE_ENV: 'production', COOKIE_SECURE: 'false', LOG_LEVEL: 'info', PASSWORD_HASH_COST: '14' }), enginePollMs: 20 };
    expect(config.demoData).toBe(false);
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    services = await bootstrap(config, t.db, clock, pino({ level: 'info' }, sink));
    app = createApp(services);
  });
  afterAll(async () => {
    await services?.dispatcher.stop();
    await services?.retentionSchedule.stop();
    await services?.engine.stop();
    await t?.destroy();
  });

  const body = (token: string, username: string) => ({
    token,
    root: { name: 'Socialnämnden i Exempelby', type: 'committee' },
    admin: { username, displayName: 'Första Administratören', email: 'admin@exempelby.example', password: 'ett långt lösenord' },
  });

  it('asks for the first administrator, with the code from the log; one of two concurrent calls wins; then 409', async () => {
    expect((await request(app).get('/api/v1/setup').expect(200)).body).toEqual({ needed: true });
    const logged = lines.map((l) => JSON.parse(l) as { event?: string; token?: string }).find((l) => l.event === 'setup.token');
    expect(logged?.token).toMatch(/^[\w-]{32}$/);
    const token = logged!.token!;

    // a wrong code: refused, nothing created
    const wrong = await request(app).post('/api/v1/setup').send(body('fel-kod', 'anna')).expect(403);
    expect(wrong.body.type).toBe('/api/v1/problems/forbidden');
    await request(app)
      .post('/api/v1/setup')
      .send({ token, root: { name: '' }, admin: {} })
      .expect(400);
    expect(await t.db('app_user').select('id')).toEqual([]);

    // two at once: one administrator
    const [a, b] = await Promise.all([
      request(app).post('/api/v1/setup').send(body(token, 'anna')),
      request(app).post('/api/v1/setup').send(body(token, 'bertil')),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const winner = a.status === 201 ? a : b;
    expect(winner.body).toEqual({ username: winner === a ? 'anna' : 'bertil', nodeId: 'socialnamnden-i-exempelby' });
    expect(await t.db('app_user').select('username')).toEqual([{ username: winner.body.username }]);
    expect(await t.db('role_assignment').select('role', 'node_id')).toEqual([{ role: 'admin', node_id: 'socialnamnden-i-exempelby' }]);
    expect(await t.db('audit_log').where({ action: 'setup.completed' }).select('actor', 'subject_key')).toEqual([
      { actor: winner.body.username, subject_key: 'socialnamnden-i-exempelby' },
    ]);

    // once only
    expect((await request(app).get('/api/v1/setup').expect(200)).body).toEqual({ needed: false });
    await request(app).post('/api/v1/setup').send(body(token, 'cecilia')).expect(409);

    // the administrator signs in and administers
    const agent = request.agent(app);
    const login = await agent.post('/api/v1/session').send({ username: winner.body.username, password: 'ett långt lösenord' }).expect(200);
    agent.set('X-CSRF-Token', login.body.csrfToken as string);
    expect((await agent.get('/api/v1/me').expect(200)).body.may).toContain('org.admin');
    await agent.post('/api/v1/admin/nodes').send({ name: 'Socialförvaltningen', type: 'administration', parentId: 'socialnamnden-i-exempelby' }).expect(201);
  });
});
