/**
 * Riskanalys and internkontroll through the HTTP API by the demo users, on each engine setup
 * (DOMAIN.md §5.5–§5.6). Pinned clock: Thursday 1 October 2026, 09:00 in Stockholm.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { apiSetups, signIn, until, useApi } from '../support/api.js';
import { caseRows } from '../../src/domain/caseCore.js';

describe.each(apiSetups())('riskanalys and internkontroll over HTTP on $name', (setup) => {
  const clock = new ControlledClock(new Date('2026-10-01T09:00:00+02:00'));
  const ctx = useApi(setup, clock);
  /** A new session (sessions end after their TTL, and the clock jumps months here). */
  const login = (username: string) => signIn(request.agent(ctx.app), username);
  const inbox = async (agent: request.Agent, key: string) =>
    (
      (await agent.get('/api/v1/tasks').query({ pageSize: 200 }).expect(200)).body.items as {
        key: string;
        processInstanceKey: string;
        elementId: string;
        dueDate: string | null;
      }[]
    ).filter((t) => t.processInstanceKey === key);
  const { as, taskFor, completeAs } = ctx;
  const completed = (username: string, key: string) =>
    until(async () => {
      const r = await (await as(username)).get(`/api/v1/process-instances/${key}`);
      return r.status === 200 && r.body.state === 'COMPLETED' ? true : undefined;
    });

  it('walks a risk analysis: the enhetschef identifies, the verksamhetschef decides, the action owner closes it', async () => {
    // given an enhetschef starting an analysis before a planned change
    const chef = await as('enhetschef');
    const form = await chef.get('/api/v1/process-definitions/riskanalys/form').expect(200);
    expect(form.body.id).toBe('riskanalys-start');
    await chef
      .post('/api/v1/process-instances')
      .send({ processId: 'riskanalys', variables: { unitId: 'hemtjanst-solrosen', occasion: 'kanske', subject: 'Nytt larm' } })
      .expect(400);
    const started = await chef
      .post('/api/v1/process-instances')
      .send({ processId: 'riskanalys', variables: { unitId: 'hemtjanst-solrosen', occasion: 'planned-change', subject: 'Nytt digitalt larm' } })
      .expect(201);
    const key = started.body.key as string;

    // when the risks are identified (a risk without a consequence is refused, naming the row; a medarbetare may not)
    const identify = await taskFor('enhetschef', key, 'Task_Identify');
    expect(identify.caseNumber).toMatch(/^RA-2026-\d{4}$/);
    expect(identify.unitName).toBe('Hemtjänst Solrosen');
    expect((await chef.get(`/api/v1/tasks/${identify.key}/form`).expect(200)).body.schema.id).toBe('riskanalys-identify');
    const risks = [
      { description: 'Larmet når inte personalen', probability: 3, consequence: 4, causes: 'Dålig täckning.' },
      { description: 'Batteriet tar slut', probability: 1, consequence: 2 },
    ];
    const bad = await chef
      .post(`/api/v1/tasks/${identify.key}/completion`)
      .send({ variables: { risks: [risks[0], { description: 'Utan konsekvens', probability: 2 }] } })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['variables.risks[1].consequence']);
    await (await as('medarbetare')).post(`/api/v1/tasks/${identify.key}/completion`).send({ variables: { risks } }).expect(403);
    await chef.post(`/api/v1/tasks/${identify.key}/completion`).send({ variables: { risks } }).expect(204);

    // then the verksamhetschef prioritises and decides one action, owned by the enhetschef
    const decide = await taskFor('verksamhetschef', key, 'Task_Decide');
    expect(decide.name).toBe('Prioritera och besluta handlingsplan');
    await completeAs('verksamhetschef', key, 'Task_Decide', {
      priorities: 'Larmet först: rött.',
      actions: [{ title: 'Testa larmet i alla lägenheter', ownerRole: 'enhetschef', dueDate: '2026-10-30' }],
    });
    const rows = await ctx.t
      .db('risk as r')
      .join('risk_analysis as a', 'a.id', 'r.analysis_id')
      .join('case as c', 'c.id', 'a.case_id')
      .where('c.process_instance_key', key)
      .orderBy('r.position')
      .select('r.colour', 'r.for_internal_control');
    expect(rows).toEqual([
      { colour: 'red', for_internal_control: true },
      { colour: 'green', for_internal_control: false },
    ]);
    const action = await until(async () => caseRows(ctx.t.db, 'action').where({ source_case_number: identify.caseNumber }).first());
    const implement = await taskFor('enhetschef', action.process_instance_key, 'Task_Implement');
    expect(implement.dueDate?.slice(0, 10)).toBe('2026-10-30');
    await completeAs('enhetschef', action.process_instance_key, 'Task_Implement', { outcome: 'ej-genomford', whatWasDone: 'Larmet byts i stället.' });
    await completed('enhetschef', key);
  });

  it('lets the kvalitetsledare change the risk matrix, refuses a bad one with the fields named, and others not at all', async () => {
    const kl = await as('kvalitetsledare');
    expect((await kl.get('/api/v1/risk-matrix').expect(200)).body).toMatchObject({ size: 4, greenMax: 3, yellowMax: 8 });
    const bad = await kl.put('/api/v1/risk-matrix').send({ size: 4, greenMax: 6, yellowMax: 16 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['yellowMax']);
    await (await as('enhetschef')).put('/api/v1/risk-matrix').send({ size: 5, greenMax: 4, yellowMax: 12 }).expect(403);
    expect((await kl.get('/api/v1/risk-matrix').expect(200)).body).toMatchObject({ size: 4 });
    await kl.put('/api/v1/risk-matrix').send({ size: 5, greenMax: 4, yellowMax: 12 }).expect(200);
    expect((await (await as('enhetschef')).get('/api/v1/risk-matrix').expect(200)).body).toMatchObject({ size: 5, greenMax: 4, yellowMax: 12 });
    await kl.put('/api/v1/risk-matrix').send({ size: 4, greenMax: 3, yellowMax: 8 }).expect(200); // back, for the walks below
  });

  it('walks an internkontrollplan through the year: planned, adopted by the nämnd, each control on its date, the year-end report, closed', async () => {
    const kl = await as('kvalitetsledare');
    const started = await kl
      .post('/api/v1/process-instances')
      .send({ processId: 'internkontroll', variables: { year: 2027 } })
      .expect(201);
    const key = started.body.key as string;
    const vor = await taskFor('kvalitetsledare', key, 'Task_Vor');
    expect(vor.caseNumber).toMatch(/^IK-2026-\d{4}$/);
    expect(vor.unitId).toBe('socialforvaltningen');
    await kl
      .post(`/api/v1/tasks/${vor.key}/completion`)
      .send({
        variables: {
          controlPoints: [{ what: 'Delegationsbeslut', how: 'Stickprov', frequency: 'varannan vecka', documentation: 'Protokoll', role: 'kvalitetsledare' }],
        },
      })
      .expect(400);
    await completeAs('kvalitetsledare', key, 'Task_Vor', {
      controlPoints: [
        {
          what: 'Delegationsbeslut följer delegationsordningen',
          how: 'Stickprov på tio beslut',
          frequency: 'quarterly',
          documentation: 'Protokoll',
          role: 'kvalitetsledare',
        },
        { what: 'Loggkontroll', how: 'Granskning av loggar', frequency: 'yearly', documentation: 'Rapport', role: 'mas' },
      ],
    });
    const adopt = await taskFor('namndsekreterare', key, 'Task_Adopt');
    await kl
      .post(`/api/v1/tasks/${adopt.key}/completion`)
      .send({ variables: { adoptedBy: 'Socialnämnden', adoptedOn: '2026-12-15', decisionParagraph: '§ 112' } })
      .expect(403);
    await completeAs('namndsekreterare', key, 'Task_Adopt', { adoptedBy: 'Socialnämnden', adoptedOn: '2026-12-15', decisionParagraph: '§ 112' });
    await until(async () => ((await ctx.services.engine.getVariables(key)).controlCount === 5 ? true : undefined));

    // the first quarterly control is in the kvalitetsledare's inbox on Monday 1 March 2027, due Wednesday 31 March; not the MAS's
    await ctx.services.engine.advanceClock(new Date('2027-03-01T08:00:00+01:00').getTime() - (await ctx.services.engine.now()).getTime());
    const kl2 = await login('kvalitetsledare');
    const q1 = await until(async () => (await inbox(kl2, key)).find((t) => t.elementId === 'Task_Control'));
    expect(q1.dueDate?.slice(0, 10)).toBe('2027-03-31');
    expect(await inbox(await login('mas'), key)).toEqual([]);
    const form = await kl2.get(`/api/v1/tasks/${q1.key}/form`).expect(200);
    expect(form.body.schema.id).toBe('internkontroll-control');
    await kl2
      .post(`/api/v1/tasks/${q1.key}/completion`)
      .send({ variables: { controlResult: 'ok', controlComment: 'Alla tio i ordning.' } })
      .expect(204);
    await until(async () => {
      const r = await ctx.t
        .db('control_result as c')
        .join('control_point as p', 'p.id', 'c.point_id')
        .where({ 'c.period': '2027-Q1', 'p.role': 'kvalitetsledare' })
        .first('c.result');
      return r?.result === 'ok' ? true : undefined;
    });

    // the rest of the year: Q2 and Q3, then Q4 with the MAS's yearly loggkontroll on 1 December
    const engine = ctx.services.engine;
    for (const [opens, users] of [
      ['2027-06-01T08:00:00+02:00', ['kvalitetsledare']],
      ['2027-09-01T08:00:00+02:00', ['kvalitetsledare']],
      ['2027-12-01T08:00:00+01:00', ['kvalitetsledare', 'mas']],
    ] as const) {
      await engine.advanceClock(new Date(opens).getTime() - (await engine.now()).getTime());
      for (const user of users) {
        const agent = await login(user);
        const control = await until(async () => (await inbox(agent, key)).find((t) => t.elementId === 'Task_Control'));
        await agent
          .post(`/api/v1/tasks/${control.key}/completion`)
          .send({ variables: { controlResult: 'ok', controlComment: 'Utan anmärkning.' } })
          .expect(204);
        await until(async () => ((await inbox(agent, key)).some((t) => t.key === control.key) ? undefined : true));
      }
    }
    // the year-end report to the nämnd opens on the first working day of 2028; the plan then closes
    await engine.advanceClock(new Date('2028-01-03T08:00:00+01:00').getTime() - (await engine.now()).getTime());
    const kl3 = await login('kvalitetsledare');
    const report = await until(async () => (await inbox(kl3, key)).find((t) => t.elementId === 'Task_YearEndReport'));
    expect(report.dueDate?.slice(0, 10)).toBe('2028-02-29');
    await kl3
      .post(`/api/v1/tasks/${report.key}/completion`)
      .send({ variables: { reportSummary: 'Fem kontroller utan anmärkning.', reportedOn: '2028-02-15' } })
      .expect(204);
    await until(async () => ((await kl3.get(`/api/v1/process-instances/${key}`)).body.state === 'COMPLETED' ? true : undefined));
    expect(await engine.getVariables(key)).toMatchObject({ controlCount: 5, okCount: 5, deviationCount: 0, missingCount: 0 });
  }, 120_000);
});
