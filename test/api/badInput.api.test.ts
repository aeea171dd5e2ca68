/**
 * Bad input gets a clear 4xx, never a 5xx (issue 13, point 7): each finding of the issue's
 * fuzz and review, reproduced on the real wiring — NUL bytes and lone surrogates in bodies,
 * queries and paths (the login and the public e-service too), keys longer than their column,
 * a list of 3,000 actions, deep nesting, an over-large body, a catastrophic form pattern, a
 * deployment that echoed its document, and timer cycles of 0 and 1 s — and that each changes
 * nothing. The fuzz over every route is scripts/fuzz.ts.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { BODY_LIMITS } from '../../src/http/bodyLimits.js';
import { apiSetups, useApi } from '../support/api.js';
import * as b from '../conformance/bpmn.js';

const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));
const NUL = 'a\u0000b';
const LONE = 'a\uD800b';
const SYNPUNKT = { kind: 'synpunkt', senderType: 'medborgare', unitId: 'hemtjanst-solrosen', description: 'Bra bemötande' };
const problemOf = (r: request.Response) => ({
  status: r.status,
  type: r.headers['content-type'],
  body: r.body as { detail: string; errors?: { field: string; message: string }[] },
});

// The classic exponential pattern for a backtracking engine (RegExp: 5.2 s on 28 characters),
// and one no linear-time engine runs (a backreference).
const EVIL = '^(a+)+$';
const BACKREF = '^(a+)\\1$';
const evilForm = (id: string, pattern = EVIL) =>
  JSON.stringify({
    id,
    type: 'default',
    schemaVersion: 19,
    components: [{ type: 'textfield', key: 'code', label: 'Kod', validate: { pattern, maxLength: 100 } }],
  });
const withStartForm = (id: string, formId: string) =>
  b.model(id, [b.start('s', `<bpmn:extensionElements><zeebe:formDefinition formId="${formId}"/></bpmn:extensionElements>`), b.end('e')], b.chain('s', 'e'));

describe.each(apiSetups().filter((s) => s.env.PROCESS_ENGINE !== 'zeebe'))('bad input on $name', (setup) => {
  const ctx = useApi(setup, clock, { PUBLIC_FORM_RATE_LIMIT_PER_MINUTE: '1000' });

  it('refuses NUL bytes and lone surrogates in the login, the e-service, bodies, queries and paths with a 400', async () => {
    const anon = request(ctx.app);
    const a = await ctx.as('medarbetare');
    const before = Number((await ctx.t.db('outbox_command').count({ n: '*' }))[0]!.n);
    const answers = [
      await anon.post('/api/v1/session').send({ username: NUL, password: 'demo' }),
      await anon.post('/api/v1/session').send({ username: 'medarbetare', password: LONE }),
      await anon.post('/api/v1/public/synpunkter').send({ ...SYNPUNKT, description: NUL }),
      await anon.post('/api/v1/public/synpunkter').send({ ...SYNPUNKT, [LONE]: 1 }),
      await a.post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: { description: LONE } }),
      await a.get('/api/v1/tasks').query({ processId: NUL }),
      await a.get('/api/v1/routines?processId=a%00b'),
      await a.get('/api/v1/process-definitions/a%00b/form'),
      await a.get('/api/v1/routines/%ED%A0%80'),
    ];
    for (const [i, r] of answers.entries()) {
      expect({ i, ...problemOf(r) }).toMatchObject({ i, status: 400, type: expect.stringContaining('application/problem+json') });
      // eslint-disable-next-line no-control-regex -- the NUL that was sent
      expect(r.body.detail).not.toMatch(/\u0000|\uD800/);
    }
    expect(answers[4]!.body.errors).toEqual([{ field: 'variables.description', message: expect.stringContaining('otillåtna tecken') }]);
    expect(Number((await ctx.t.db('outbox_command').count({ n: '*' }))[0]!.n)).toBe(before);
  });

  it('answers a key longer than its column, or past a bigint, as not found', async () => {
    const a = await ctx.as('medarbetare');
    for (const k of ['9'.repeat(20), '9223372036854775808', '1'.repeat(5000)]) {
      await a.get(`/api/v1/process-instances/${k}`).expect(404);
      await a.get(`/api/v1/tasks/${k}`).expect(404);
    }
    await a.get(`/api/v1/process-definitions/${'p'.repeat(300)}/xml`).expect(404);
    await a.get(`/api/v1/routines/${'r'.repeat(300)}`).expect(404);
    await a
      .get('/api/v1/tasks')
      .query({ processId: 'p'.repeat(300) })
      .expect(400);
  });

  it('refuses deep nesting, huge arrays and a body over the limit before any route runs', async () => {
    const a = await ctx.as('medarbetare');
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const nested = await a.post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: { deep } }).expect(400);
    expect(nested.body.errors[0].message).toMatch(/för djupt nästlad/);
    await a
      .post('/api/v1/process-instances')
      .send({ processId: 'lex-sarah', variables: { list: Array.from({ length: 5000 }, () => 1) } })
      .expect(400);
    const big = await a
      .post('/api/v1/process-instances')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ processId: 'lex-sarah', variables: { description: 'x'.repeat(BODY_LIMITS.default + 1) } }))
      .expect(413);
    expect(big.body.detail).toBe('Begäran är för stor');
  });

  it('tests a backtracking pattern in linear time (RE2), and refuses one RE2 cannot run, also of a form deployed before', async () => {
    const admin = await ctx.as('admin');
    // Admitted: the server tests it with RE2, so the value is simply refused as not matching.
    await admin
      .post('/api/v1/deployments')
      .send({
        resources: [
          { name: 'guard-evil.form', content: evilForm('guard-evil') },
          { name: 'guard-evil.bpmn', content: withStartForm('guard-evil', 'guard-evil') },
        ],
      })
      .expect(201);
    const answered = await (
      await ctx.as('medarbetare')
    )
      .post('/api/v1/process-instances')
      .send({ processId: 'guard-evil', variables: { code: `${'a'.repeat(27)}!` } })
      .expect(400);
    expect(answered.body.errors).toEqual([{ field: 'variables.code', message: expect.any(String) }]);
    expect(answered.body.errors[0].message).not.toMatch(/kan inte kontrolleras säkert/);
    const refused = await admin
      .post('/api/v1/deployments')
      .send({ resources: [{ name: 'guard-ref.form', content: evilForm('guard-ref', BACKREF) }] })
      .expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'resources.guard-ref.form', message: expect.stringMatching(/fältet code: mönstret använder bakåtreferenser/) },
    ]);
    // the engine itself (as a deployment from before this check) takes the form
    await ctx.services.engine.deploy([
      { name: 'guard-old.form', content: evilForm('guard-old', BACKREF) },
      { name: 'guard-old.bpmn', content: withStartForm('guard-old', 'guard-old') },
    ]);
    const r = await (
      await ctx.as('medarbetare')
    )
      .post('/api/v1/process-instances')
      .send({ processId: 'guard-old', variables: { code: `${'a'.repeat(27)}!` } })
      .expect(400);
    // refused by the safe path: the pattern was not run (run, it blocks the server for seconds)
    expect(r.body.errors).toEqual([{ field: 'variables.code', message: expect.stringMatching(/kan inte kontrolleras säkert/) }]);
  });

  it('does not echo an uploaded document in a failed deployment', async () => {
    const admin = await ctx.as('admin');
    const secret = 'Anna Andersson 19121212-1212 har fått fel medicin';
    for (const resource of [
      { name: 'x.bpmn', content: secret },
      { name: 'x.form', content: `${secret} {` },
      {
        name: 'y.bpmn',
        content: `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><bpmn:process id="p"><foo>${secret}</foo></bpmn:process></bpmn:definitions>`,
      },
    ]) {
      const r = await admin
        .post('/api/v1/deployments')
        .send({ resources: [resource] })
        .expect(400);
      expect(JSON.stringify(r.body)).not.toMatch(/19121212|Andersson|medicin/);
      expect(r.body.errors.length).toBeGreaterThan(0);
    }
  });

  it('names fields in its errors, in Swedish, without quoting what was sent', async () => {
    const secret = 'Anna Andersson 19121212-1212';
    const answers = [
      await request(ctx.app)
        .post('/api/v1/public/synpunkter')
        .send({ ...SYNPUNKT, [secret]: secret })
        .expect(400),
      await (
        await ctx.as('medarbetare')
      )
        .post('/api/v1/process-instances')
        .send({ processId: 'lex-sarah', variables: { [secret]: secret } })
        .expect(400),
      await (await ctx.as('medarbetare')).get('/api/v1/tasks').query({ state: secret }).expect(400),
    ];
    for (const r of answers) {
      expect(JSON.stringify(r.body)).not.toMatch(/19121212|Andersson/);
      expect(r.body.errors.length).toBeGreaterThan(0);
    }
    expect(answers[2]!.body.errors).toEqual([{ field: 'query.state', message: expect.stringMatching(/^Ogiltigt val/) }]);
  });

  it('refuses timer cycles shorter than the minimum (0 and 1 s), in Swedish', async () => {
    const admin = await ctx.as('admin');
    for (const cycle of ['R/PT0S', 'R3/PT1S', '* * * * * *']) {
      const m = b.model('guard-cycle', [b.start('s', b.timerCycle(cycle)), b.end('e')], b.chain('s', 'e'));
      const r = await admin
        .post('/api/v1/deployments')
        .send({ resources: [{ name: 'guard-cycle.bpmn', content: m }] })
        .expect(400);
      expect(r.body.errors.map((e: { message: string }) => e.message).join()).toMatch(/oftare än de minst 60 s som tillåts/);
    }
    expect(await ctx.t.db('engine_definition').where({ process_id: 'guard-cycle' }).first()).toBeUndefined();
  });
});
