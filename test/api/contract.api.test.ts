/**
 * The HTTP contract and the edge (issue 13, point 1): every mounted route is in the generated
 * OpenAPI document and the other way round, the document is valid OpenAPI 3.1 (that the web app's
 * generated types are current is `npm run contract -- --check`, in npm test's checks); answers are presented by their schemas; problems carry their
 * kind's stable type; request ids, the access log, the 5xx log with its stack; security headers
 * and CSRF protection for cookie sessions. The edge does not depend on the database: one setup.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/index.js';
import { createApp } from '../../src/http/app.js';
import { PROBLEMS } from '../../src/http/problems.js';
import { apiSetups, signIn, useApi } from '../support/api.js';
import { LEX_SARAH_REPORT as REPORT } from '../support/lexSarah.js';

const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));

/** A logger whose lines the test reads. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info' },
    {
      write: (s: string) => {
        lines.push(JSON.parse(s) as Record<string, unknown>);
      },
    },
  );
  return { logger, lines };
}

describe.each(apiSetups().slice(0, 1))('the HTTP contract and edge on $name', (setup) => {
  const ctx = useApi(setup, clock);

  it('documents every mounted route and mounts every documented one; the document is valid OpenAPI 3.1', async () => {
    const doc = (await request(ctx.app).get('/api/v1/openapi.json').expect(200)).body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} /api/v1${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const stack = (ctx.app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
    const mounted = stack
      .filter((l) => l.route && typeof l.route.path === 'string' && l.route.path.startsWith('/api/'))
      .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path}`));
    expect(mounted.length).toBeGreaterThanOrEqual(30);
    expect(mounted.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((r) => !mounted.includes(r))).toEqual([]);
    console.log(`contract: ${mounted.length} routes mounted, ${documented.length} documented, 0 missing from the OpenAPI document`);
    expect(doc.openapi).toBe('3.1.0');
    await SwaggerParser.validate(structuredClone(doc) as never);
  });

  it('answers problems with the stable type of their kind, and describes each kind at its type', async () => {
    const a = await ctx.as('medarbetare');
    const cases: [request.Test, string][] = [
      [request(ctx.app).get('/api/v1/tasks'), 'unauthenticated'],
      [a.get('/api/v1/tasks/999999999'), 'not-found'],
      [a.get('/api/v1/tasks').query({ sort: 'sideways' }), 'input-invalid'],
      [a.post('/api/v1/process-instances').set('content-type', 'application/json').send('{bad'), 'json-invalid'],
      [a.put('/api/v1/risk-matrix').send({ size: 4, greenMax: 3, yellowMax: 8 }), 'forbidden'],
      [a.get('/api/v1/no-such-thing'), 'not-found'],
    ];
    for (const [req, kind] of cases) {
      const r = await req;
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body).toMatchObject({ type: `/api/v1/problems/${kind}`, status: PROBLEMS[kind as keyof typeof PROBLEMS].status });
      const about = await request(ctx.app)
        .get(r.body.type as string)
        .expect(200);
      expect(about.body).toMatchObject({ type: r.body.type, status: r.status });
    }
    await request(ctx.app).get('/api/v1/problems/no-such-kind').expect(404);
  });

  it('presents answers by their schema: what the contract does not name does not leave the server', async () => {
    const a = await ctx.as('admin');
    const me = await a.get('/api/v1/me').expect(200);
    expect(Object.keys(me.body).sort()).toEqual(['csrfToken', 'displayName', 'may', 'roles', 'username']);
    // the user row has an id and a password hash; neither is in the answer
    expect(JSON.stringify(me.body)).not.toMatch(/"id"|hash/);
  });

  it('gives every request an id, logs one line per request without its query string, and logs a 5xx with its stack', async () => {
    const { logger, lines } = capturedLogger();
    const sv = { ...ctx.services, logger };
    const app = createApp(sv);
    const agent = await signIn(request.agent(app), 'medarbetare');
    lines.length = 0;
    const r = await agent.get('/api/v1/tasks').query({ processId: 'lex-sarah', q: '19121212-1212' }).expect(200);
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const line = lines.find((l) => l.msg === 'http')!;
    expect(line).toMatchObject({ req: { id: r.headers['x-request-id'], method: 'GET', path: '/api/v1/tasks' }, res: { status: 200 }, route: '/api/v1/tasks' });
    expect(typeof line.responseTime).toBe('number');
    expect(JSON.stringify(lines)).not.toMatch(/19121212|kvh_session|cookie/i);
    // a proxy's id is kept when it is a plain token, replaced otherwise
    expect((await agent.get('/api/v1/me').set('X-Request-Id', 'proxy-abc.123')).headers['x-request-id']).toBe('proxy-abc.123');
    expect((await agent.get('/api/v1/me').set('X-Request-Id', 'bad id<>')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    // a fault in a service: a 500 with an error id; the log has the stack, not the value the message quoted
    sv.tasks = Object.create(ctx.services.tasks, {
      counts: {
        value: async () => {
          throw new Error('invalid input syntax for type integer: "19121212-1212"');
        },
      },
    });
    const app2 = createApp(sv);
    const agent2 = await signIn(request.agent(app2), 'medarbetare');
    lines.length = 0;
    const bad = await agent2.get('/api/v1/tasks/counts').expect(500);
    expect(bad.body.type).toBe('/api/v1/problems/internal');
    const errorId = /fel-id (\w+)/.exec(bad.body.detail as string)![1];
    const logged = lines.find((l) => l.event === 'http.error')!;
    expect(logged).toMatchObject({ errorId, reqId: bad.headers['x-request-id'], route: '/api/v1/tasks/counts' });
    expect((logged.err as { stack: string }).stack).toContain('contract.api.test.ts');
    expect(JSON.stringify(lines)).not.toContain('19121212');
    expect(JSON.stringify(bad.body)).not.toContain('19121212');
  });

  it('sends security headers with a strict CSP; the cookie is Secure, with HSTS, when served over TLS', async () => {
    const r = await request(ctx.app).get('/api/v1/health').expect(200);
    const csp = r.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['strict-transport-security']).toBeUndefined();
    expect(r.headers['x-powered-by']).toBeUndefined();
    const login = await request(ctx.app).post('/api/v1/session').send({ username: 'medarbetare', password: 'demo' }).expect(200);
    expect(String(login.headers['set-cookie'])).not.toContain('Secure');

    const tls = createApp({ ...ctx.services, config: { ...ctx.services.config, http: { ...ctx.services.config.http, secureCookies: true } } });
    const t = await request(tls).post('/api/v1/session').send({ username: 'medarbetare', password: 'demo' }).expect(200);
    expect(String(t.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Lax; Path=\/; Max-Age=\d+; Secure/);
    expect(t.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(t.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    // and the configuration says so: Secure by default in production only
    expect(loadConfig({ NODE_ENV: 'production' }).http.secureCookies).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', COOKIE_SECURE: 'false' }).http.secureCookies).toBe(false);
    expect(loadConfig({}).http.secureCookies).toBe(false);
  });

  it('refuses a changing request of a cookie session without its CSRF token, or from another site, and changes nothing', async () => {
    const plain = request.agent(ctx.app);
    const login = await plain.post('/api/v1/session').send({ username: 'medarbetare', password: 'demo' }).expect(200);
    const token = login.body.csrfToken as string;
    expect(token).toMatch(/^[\w-]{43}$/);
    // the same token from /me (the web app reads it there after a reload)
    expect((await plain.get('/api/v1/me').expect(200)).body.csrfToken).toBe(token);
    const before = (await plain.get('/api/v1/process-instances').query({ processId: 'lex-sarah' }).expect(200)).body.total as number;
    const none = await plain.post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: REPORT }).expect(403);
    expect(none.body.type).toBe('/api/v1/problems/csrf-rejected');
    await plain.post('/api/v1/process-instances').set('X-CSRF-Token', 'x'.repeat(43)).send({ processId: 'lex-sarah', variables: REPORT }).expect(403);
    // another session's token is not this one's
    const other = (await request(ctx.app).post('/api/v1/session').send({ username: 'medarbetare', password: 'demo' }).expect(200)).body.csrfToken as string;
    await plain.post('/api/v1/process-instances').set('X-CSRF-Token', other).send({ processId: 'lex-sarah', variables: REPORT }).expect(403);
    expect((await plain.get('/api/v1/process-instances').query({ processId: 'lex-sarah' }).expect(200)).body.total).toBe(before);
    // with its token it is done
    await plain.post('/api/v1/process-instances').set('X-CSRF-Token', token).send({ processId: 'lex-sarah', variables: REPORT }).expect(201);
    expect((await plain.get('/api/v1/process-instances').query({ processId: 'lex-sarah' }).expect(200)).body.total).toBe(before + 1);
    // a request another site's page made is refused whatever it carries: the login too (login CSRF)
    const cross = await plain
      .post('/api/v1/process-instances')
      .set('X-CSRF-Token', token)
      .set('Sec-Fetch-Site', 'cross-site')
      .send({ processId: 'lex-sarah', variables: REPORT })
      .expect(403);
    expect(cross.body.type).toBe('/api/v1/problems/csrf-rejected');
    await request(ctx.app).post('/api/v1/session').set('Sec-Fetch-Site', 'cross-site').send({ username: 'medarbetare', password: 'demo' }).expect(403);
    await request(ctx.app).post('/api/v1/session').set('Sec-Fetch-Site', 'same-origin').send({ username: 'medarbetare', password: 'demo' }).expect(200);
    // reads need no token; the public e-service has no session to protect, a staff cookie in the same browser does not matter
    await plain.get('/api/v1/tasks').set('Sec-Fetch-Site', 'cross-site').expect(200);
    const units = (await request(ctx.app).get('/api/v1/public/units').expect(200)).body as { value: string }[];
    await plain
      .post('/api/v1/public/synpunkter')
      .send({ kind: 'synpunkt', senderType: 'medborgare', unitId: units[0]!.value, description: 'Bra bemötande', anonymous: true })
      .expect(202);
  });
});
