/**
 * The HTTP API on the real wiring (bootstrap: migrations, embedded engine, lex Sarah model,
 * workers, demo organisation) on PGlite and PostgreSQL. Lex Sarah is walked by the demo users
 * from the report to the IVO task.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { apiSetups, until, useApi } from '../support/api.js';
import { LEX_SARAH_FORMS as FORMS, LEX_SARAH_REPORT as REPORT } from '../support/lexSarah.js';

// Thursday 25 March 2027, 09:00 in Stockholm: the next day is långfredag.
const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));

describe.each(apiSetups())('HTTP API on $name', (setup) => {
  const { kind, env } = setup;
  const ctx = useApi(setup, clock, { PUBLIC_FORM_RATE_LIMIT_PER_MINUTE: '5' });
  const { as, taskFor } = ctx;

  it('answers health and serves its OpenAPI document without a session', async () => {
    const h = await request(ctx.app).get('/api/v1/health').expect(200);
    expect(h.body).toEqual({ status: 'ok', engine: env.PROCESS_ENGINE ?? 'embedded', database: kind });
    const o = await request(ctx.app).get('/api/v1/openapi.json').expect(200);
    expect(o.body.openapi).toBe('3.1.0');
    expect(Object.keys(o.body.paths)).toContain('/tasks/{key}/completion');
  });

  it('refuses bad credentials and requests without a session (401, problem+json)', async () => {
    const bad = await request(ctx.app).post('/api/v1/session').send({ username: 'medarbetare', password: 'fel' }).expect(401);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    await request(ctx.app).get('/api/v1/tasks').expect(401);
  });

  it('rejects malformed JSON and unknown keys with clear errors, never a 500', async () => {
    const a = await as('medarbetare');
    const r = await a.post('/api/v1/process-instances').set('content-type', 'application/json').send('{bad').expect(400);
    expect(r.body.detail).toBe('Ogiltig JSON');
    await a.get('/api/v1/tasks/999999999').expect(404);
    await a.get('/api/v1/tasks/not-a-key').expect(404);
    await a.get('/api/v1/process-instances/123').expect(404);
    await a.get('/api/v1/nothing-here').expect(404);
  });

  it('refuses a report that does not satisfy the start form, names the fields and starts nothing', async () => {
    const a = await as('medarbetare');
    const before = (await ctx.services.engine.listProcessInstances({ processId: 'lex-sarah' })).length;
    const r = await a
      .post('/api/v1/process-instances')
      .send({ processId: 'lex-sarah', variables: { unitId: 'no-such-unit', location: 5 } })
      .expect(400);
    const fields = r.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['variables.unitId', 'variables.location', 'variables.description']));
    expect((await ctx.services.engine.listProcessInstances({ processId: 'lex-sarah' })).length).toBe(before);
  });

  it('starts by hand only what the process map allows: called processes never, management processes by their roles', async () => {
    const med = await as('medarbetare');
    const called = await med
      .post('/api/v1/process-instances')
      .send({ processId: 'atgard', variables: { action: { title: 'x', ownerRole: 'mas', dueDate: '2027-04-01' } } })
      .expect(400);
    expect(called.body.errors.map((e: { field: string }) => e.field)).toEqual(['processId']);
    await med
      .post('/api/v1/process-instances')
      .send({ processId: 'internkontroll', variables: { year: 2027 } })
      .expect(403);
    await med.post('/api/v1/messages').send({ name: 'lex-sarah-linked-report', correlationKey: 'x' }).expect(403);
    const defs = (await med.get('/api/v1/process-definitions').expect(200)).body as {
      processId: string;
      group: string;
      ownerRole: string;
      startable: boolean;
    }[];
    const byId = new Map(defs.map((d) => [d.processId, d]));
    expect(byId.get('lex-sarah')).toMatchObject({ group: 'stod', startable: true });
    expect(byId.get('huvudprocess')).toMatchObject({ group: 'huvud', ownerRole: 'socialchef', startable: false });
    expect(byId.get('internkontroll')).toMatchObject({ group: 'ledning', startable: false });
    expect(byId.get('atgard')).toMatchObject({ startable: false });
    // the process map's figures: a fresh lex Sarah report is one more open instance and open task
    const before = byId.get('lex-sarah') as unknown as { openInstances: number; openTasks: number; overdueTasks: number };
    const { body } = await med.post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: REPORT }).expect(201);
    await taskFor('enhetschef', body.key, 'Task_ImmediateMeasures');
    const after = ((await med.get('/api/v1/process-definitions').expect(200)).body as { processId: string; openInstances: number; openTasks: number }[]).find(
      (d) => d.processId === 'lex-sarah',
    )!;
    expect([after.openInstances - before.openInstances, after.openTasks - before.openTasks]).toEqual([1, 1]);
    expect(typeof before.overdueTasks).toBe('number');
  });

  it('lists the routines of a process per activity and serves one with its text; an unknown one is 404', async () => {
    const a = await as('medarbetare');
    const list = (await a.get('/api/v1/routines').query({ processId: 'lex-maria' }).expect(200)).body as { id: string; elementIds: string[] }[];
    const analysis = list.find((r) => r.id === 'handbok-handelseanalys')!;
    expect(analysis.elementIds).toEqual(['Task_EventAnalysis']);
    expect(list.find((r) => r.id === 'riktlinje-lex-maria')!.elementIds).toContain('Task_ReportToIvo');
    const one = (await a.get('/api/v1/routines/handbok-handelseanalys').expect(200)).body;
    expect(one.body).toContain('Händelseanalys');
    // reviewed by 15 November 2026 at the latest: overdue on this clock (March 2027)
    expect(one).toMatchObject({
      reviewOverdue: true,
      links: [
        { processId: 'lex-maria', elementId: 'Task_EventAnalysis' },
        { processId: 'lex-sarah', elementId: 'Task_Investigate' },
      ],
    });
    await a.get('/api/v1/routines/finns-inte').expect(404);
    await a.get('/api/v1/routines').expect(400);
  });

  it('refuses a BPMN upload with a DOCTYPE, and one that fails lint, listing the problems', async () => {
    const admin = await as('admin');
    const evil = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "x">]><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>';
    await admin
      .post('/api/v1/deployments')
      .send({ resources: [{ name: 'evil.bpmn', content: evil }] })
      .expect(400);
    const complex = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:complexGateway id="g"/></bpmn:process></bpmn:definitions>`;
    const r = await admin
      .post('/api/v1/deployments')
      .send({ resources: [{ name: 'p.bpmn', content: complex }] })
      .expect(400);
    expect(r.body.errors.length).toBeGreaterThan(0);
    await (
      await as('medarbetare')
    )
      .post('/api/v1/deployments')
      .send({ resources: [{ name: 'p.bpmn', content: complex }] })
      .expect(403);
  });

  it('walks lex Sarah from the report to the IVO task with the demo users', async () => {
    // given a report by a medarbetare
    const med = await as('medarbetare');
    const started = await med.post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: REPORT }).expect(201);
    const key = started.body.key as string;
    expect(started.body.processId).toBe('lex-sarah');
    // when the enhetschef takes immediate measures (the medarbetare may not)
    const measures = await taskFor('enhetschef', key, 'Task_ImmediateMeasures');
    expect(measures.caseNumber).toMatch(/^LS-2027-\d{4}$/);
    expect(measures.unitName).toBe('Hemtjänst Solrosen');
    await med.post(`/api/v1/tasks/${measures.key}/completion`).send({ variables: FORMS.Task_ImmediateMeasures }).expect(403);
    const form = await (await as('enhetschef')).get(`/api/v1/tasks/${measures.key}/form`).expect(200);
    expect(form.body.schema.id).toBe('lex-sarah-immediate-measures');
    await (
      await as('enhetschef')
    )
      .post(`/api/v1/tasks/${measures.key}/completion`)
      .send({ variables: { clientSafe: 'ja' } })
      .expect(400);
    await (await as('enhetschef')).post(`/api/v1/tasks/${measures.key}/completion`).send({ variables: FORMS.Task_ImmediateMeasures }).expect(204);
    // and the utredare investigates; the socialchef assesses it as allvarligt
    // the routine for the step is beside the task: the specific method first, then the general routine
    const detail = await (await as('enhetschef')).get(`/api/v1/tasks/${measures.key}`).expect(200);
    expect(detail.body.routines.map((r: { id: string }) => r.id)).toEqual(['rutin-lex-sarah']);
    // (due for review on 16 February 2027: overdue on this clock, 25 March 2027, and said so)
    expect(detail.body.routines[0]).toMatchObject({
      ownerRole: 'socialchef',
      decidedBy: 'Socialnämnden',
      adoptedOn: '2026-02-17',
      nextReviewOn: '2027-02-16',
      reviewOverdue: true,
    });
    const inv = await taskFor('utredare', key, 'Task_Investigate');
    await (await as('utredare')).post(`/api/v1/tasks/${inv.key}/completion`).send({ variables: FORMS.Task_Investigate }).expect(204);
    const assess = await taskFor('socialchef', key, 'Task_Assess');
    await (await as('socialchef')).post(`/api/v1/tasks/${assess.key}/completion`).send({ variables: FORMS.Task_Assess }).expect(204);
    // then the IVO task is in the utredare's inbox, due in 2 arbetsdagar (past påsk: Wed 31 March)
    const ivo = await taskFor('utredare', key, 'Task_ReportToIvo');
    expect(ivo.name).toContain('IVO');
    expect(ivo.dueDate?.slice(0, 10)).toBe('2027-03-31');
    const inst = await (await as('utredare')).get(`/api/v1/process-instances/${key}`).expect(200);
    expect(inst.body.activeElements).toContain('Task_ReportToIvo');
    expect(inst.body.history.length).toBeGreaterThan(5);
    // the reporter reads her report and its status, not the investigation or the assessment (issue 15 point 6)
    const mine = (await med.get(`/api/v1/process-instances/${key}`).expect(200)).body;
    expect(mine.fieldGroups).toEqual(['report', 'status']);
    expect(mine.variables).toMatchObject({ description: expect.any(String), caseNumber: expect.stringMatching(/^LS-/) });
    for (const hidden of ['assessment', 'assessmentMotivation', 'whyItHappened', 'immediateMeasures']) expect(mine.variables).not.toHaveProperty(hidden);
    expect({ history: mine.history, activeElements: mine.activeElements, tasks: mine.tasks }).toEqual({ history: [], activeElements: [], tasks: [] });
  });

  it('walks a klagomål from registration to closing with the demo users (synpunktshantering)', async () => {
    // given a complaint registered by staff on behalf of an anhörig
    const med = await as('medarbetare');
    const form = await med.get('/api/v1/process-definitions/synpunkt/form').expect(200);
    expect(form.body.id).toBe('synpunkt-registration');
    const started = await med
      .post('/api/v1/process-instances')
      .send({
        processId: 'synpunkt',
        variables: {
          kind: 'klagomal',
          channel: 'telefon',
          senderType: 'anhorig',
          unitId: 'hemtjanst-solrosen',
          description: 'Hemtjänsten kom inte.',
          anonymous: false,
        },
      })
      .expect(201);
    const key = started.body.key as string;
    // when the enhetschef triages, investigates and answers
    const chef = await as('enhetschef');
    const triage = await taskFor('enhetschef', key, 'Task_Triage');
    expect(triage.caseNumber).toMatch(/^SY-2027-\d{4}$/);
    // 14 arbetsdagar from Thursday 25 March 2027, past påsk: Friday 16 April
    expect(triage.dueDate?.slice(0, 10)).toBe('2027-04-16');
    await chef
      .post(`/api/v1/tasks/${triage.key}/completion`)
      .send({ variables: { concernsMyUnit: 'kanske' } })
      .expect(400);
    await chef
      .post(`/api/v1/tasks/${triage.key}/completion`)
      .send({ variables: { concernsMyUnit: 'ja', possibleLexSarah: 'nej' } })
      .expect(204);
    const inv = await taskFor('enhetschef', key, 'Task_Investigate');
    await chef
      .post(`/api/v1/tasks/${inv.key}/completion`)
      .send({ variables: { investigation: 'Schemafel.', isDeviation: 'nej' } })
      .expect(204);
    const fb = await taskFor('enhetschef', key, 'Task_Feedback');
    await chef
      .post(`/api/v1/tasks/${fb.key}/completion`)
      .send({ variables: { feedbackGiven: 'ja', feedbackGivenAt: '2027-03-26', feedbackSummary: 'Vi har rättat schemat.' } })
      .expect(204);
    // then the case is closed
    await until(async () => {
      const r = await med.get(`/api/v1/process-instances/${key}`);
      return r.status === 200 && r.body.state === 'COMPLETED' ? true : undefined;
    });
  });

  it('takes a klagomål from the public e-service without login: a receipt, a task for the unit, rate-limited', async () => {
    const publicForm = {
      kind: 'klagomal',
      senderType: 'anhorig',
      unitId: 'hemtjanst-solrosen',
      description: 'Ingen kom i morse.',
      anonymous: false,
      contactDetails: 'Ring 070-000 00 00',
    };
    const units = await request(ctx.app).get('/api/v1/public/units').expect(200);
    expect(units.body).toContainEqual({ label: 'Hemtjänst Solrosen', value: 'hemtjanst-solrosen' });
    // bad input: the fields are named, nothing is echoed, nothing starts
    const bad = await request(ctx.app)
      .post('/api/v1/public/synpunkter')
      .send({ ...publicForm, kind: 'ilska', description: '', personnummer: '19121212-1212' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['(body)', 'description', 'kind']);
    expect(JSON.stringify(bad.body)).not.toContain('19121212');
    await request(ctx.app)
      .post('/api/v1/public/synpunkter')
      .send({ ...publicForm, unitId: 'no-such-unit' })
      .expect(400);
    // a good one: a receipt only, and the enhetschef of the unit gets the triage task
    const ok = await request(ctx.app).post('/api/v1/public/synpunkter').send(publicForm).expect(202);
    expect(ok.body).toEqual({ receipt: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/) });
    const chef = await as('enhetschef');
    const triage = await until(async () => {
      const r = await chef.get('/api/v1/tasks').query({ pageSize: 200 });
      return r.body.items.find(
        (x: { processId: string; elementId: string; processInstanceKey: string }) =>
          x.processId === 'synpunkt' && x.elementId === 'Task_Triage' && x.processInstanceKey !== undefined,
      );
    });
    const inst = await chef.get(`/api/v1/process-instances/${triage.processInstanceKey}`).expect(200);
    expect(inst.body.variables).toMatchObject({ receipt: ok.body.receipt, channel: 'e-tjanst', unitId: 'hemtjanst-solrosen' });
    // an anonymous sender leaves no contact details, even if some were typed
    const anon = await request(ctx.app)
      .post('/api/v1/public/synpunkter')
      .send({ ...publicForm, anonymous: true })
      .expect(202);
    expect(anon.body.receipt).not.toBe(ok.body.receipt);
    const anonVars = await until(async () => {
      for (const i of await ctx.services.engine.listProcessInstances({ processId: 'synpunkt' })) {
        const v = await ctx.services.engine.getVariables(i.key);
        if (v.receipt === anon.body.receipt) return v;
      }
      return undefined;
    });
    expect(anonVars).toMatchObject({ anonymous: true });
    expect(anonVars).not.toHaveProperty('contactDetails');
    // the limit (PUBLIC_FORM_RATE_LIMIT_PER_MINUTE=5 here) counts every submission from this address
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await request(ctx.app).post('/api/v1/public/synpunkter').send(publicForm)).status);
    expect(codes).toEqual([202, 429, 429]);
  });

  it('walks an avvikelse from the report to closing with the demo users (level 3), its action through atgard', async () => {
    const med = await as('medarbetare');
    const started = await med
      .post('/api/v1/process-instances')
      .send({
        processId: 'avvikelse',
        variables: {
          unitId: 'hemtjanst-solrosen',
          area: 'sol',
          category: 'dokumentation',
          occurredAt: '2027-03-25T08:00+01:00',
          description: 'Genomförandeplanen var inte uppdaterad.',
        },
      })
      .expect(201);
    const key = started.body.key as string;
    const chef = await as('enhetschef');
    const assessTask = await taskFor('enhetschef', key, 'Task_Assess');
    expect(assessTask.caseNumber).toMatch(/^AV-2027-\d{4}$/);
    await chef
      .post(`/api/v1/tasks/${assessTask.key}/completion`)
      .send({ variables: { immediateMeasures: 'Planen uppdaterad.', severity: '5', probability: '2', consequence: '1', analysis: 'Rutin saknades.' } })
      .expect(400);
    await chef
      .post(`/api/v1/tasks/${assessTask.key}/completion`)
      .send({ variables: { immediateMeasures: 'Planen uppdaterad.', severity: '3', probability: '2', consequence: '1', analysis: 'Rutin saknades.' } })
      .expect(204);
    const actions = await taskFor('enhetschef', key, 'Task_Actions');
    const bad = await chef
      .post(`/api/v1/tasks/${actions.key}/completion`)
      .send({ variables: { actions: [{ title: 'Rutin för uppdatering', ownerRole: 'vaktmastare', dueDate: '2027-04-30' }] } })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['variables.actions[0].ownerRole']);
    await chef
      .post(`/api/v1/tasks/${actions.key}/completion`)
      .send({ variables: { actions: [{ title: 'Rutin för uppdatering', ownerRole: 'enhetschef', dueDate: '2027-04-30' }] } })
      .expect(204);
    // the action is the enhetschef's own task, with the avvikelse's number; done, then its effect followed up
    const caseNumber = assessTask.caseNumber;
    const implement = await ctx.caseTask('enhetschef', caseNumber!, 'Task_Implement');
    expect(implement.dueDate?.slice(0, 10)).toBe('2027-04-30');
    await chef
      .post(`/api/v1/tasks/${implement.key}/completion`)
      .send({ variables: { outcome: 'genomford', whatWasDone: 'Rutinen skriven.', effectFollowUpDate: '2027-03-25' } })
      .expect(204);
    // followed up today: at once (on Camunda with its clock pinned, once the clock moves — a minute on)
    await until(async () =>
      (await ctx.services.engine.listElementInstances(implement.processInstanceKey)).some((e) => e.elementId === 'Timer_Effect') ? true : undefined,
    );
    await ctx.services.engine.advanceClock(60_000);
    const followUp = await ctx.caseTask('enhetschef', caseNumber!, 'Task_FollowUpEffect');
    await chef
      .post(`/api/v1/tasks/${followUp.key}/completion`)
      .send({ variables: { effective: 'ja', effectComment: 'Planerna är uppdaterade.' } })
      .expect(204);
    const inst = await until(async () => {
      const r = await chef.get(`/api/v1/process-instances/${key}`);
      return r.body.state === 'COMPLETED' ? r.body : undefined;
    });
    expect(inst.variables).toMatchObject({ route: 'none', riskScore: 2, actionsDueOn: '2027-04-30' });
  });

  it('filters, sorts, pages and counts the inbox on the server, showing only what the user may work on', async () => {
    const med = await as('medarbetare');
    const keys: string[] = [];
    for (let i = 0; i < 2; i++)
      keys.push((await med.post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: REPORT }).expect(201)).body.key);
    for (const k of keys) await taskFor('enhetschef', k, 'Task_ImmediateMeasures');
    const chef = await as('enhetschef');
    const q = { processId: 'lex-sarah', unitId: 'hemtjanst-solrosen', pageSize: 1 };
    const first = (
      await chef
        .get('/api/v1/tasks')
        .query({ ...q, sort: 'created' })
        .expect(200)
    ).body;
    const second = (
      await chef
        .get('/api/v1/tasks')
        .query({ ...q, sort: 'created', page: 2 })
        .expect(200)
    ).body;
    expect(first.items).toHaveLength(1);
    expect(first.total).toBeGreaterThanOrEqual(2);
    expect(first.items[0].key).not.toBe(second.items[0].key);
    // newest first (the two tasks are created when each report's registration job is done, in either order)
    expect(Date.parse(first.items[0].createdAt)).toBeGreaterThanOrEqual(Date.parse(second.items[0].createdAt));
    const all = (await chef.get('/api/v1/tasks').query({ pageSize: 200 }).expect(200)).body;
    const counts = (await chef.get('/api/v1/tasks/counts').expect(200)).body;
    expect(counts.open).toBe(all.total);
    const now = Date.parse((await ctx.services.engine.now()).toISOString());
    const overdue = (await chef.get('/api/v1/tasks').query({ due: 'overdue', pageSize: 200 }).expect(200)).body;
    expect(overdue.total).toBe(counts.overdue);
    expect(overdue.items.every((t: { dueDate: string }) => Date.parse(t.dueDate) < now)).toBe(true);
    // another unit's manager role does not reach Hemtjänst Solrosen's tasks; the utredare has none of them
    const utredare = (
      await (await as('utredare')).get('/api/v1/tasks').query({ processId: 'lex-sarah', unitId: 'hemtjanst-solrosen', pageSize: 200 }).expect(200)
    ).body;
    expect(utredare.items.map((t: { elementId: string }) => t.elementId)).not.toContain('Task_ImmediateMeasures');
    await chef.get('/api/v1/tasks').query({ due: 'igår' }).expect(400);
  });

  it('completes a task exactly once, also when two completions race (one 204, one 409)', async () => {
    const med = await as('medarbetare');
    const { body } = await med.post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: REPORT }).expect(201);
    const task = await taskFor('enhetschef', body.key, 'Task_ImmediateMeasures');
    const chef = await as('enhetschef');
    const codes = (await Promise.all([1, 2].map(() => chef.post(`/api/v1/tasks/${task.key}/completion`).send({ variables: FORMS.Task_ImmediateMeasures }))))
      .map((r) => r.status)
      .sort();
    expect(codes).toEqual([204, 409]);
    await chef.post(`/api/v1/tasks/${task.key}/completion`).send({ variables: FORMS.Task_ImmediateMeasures }).expect(409);
  });
});
