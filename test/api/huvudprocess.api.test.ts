/**
 * Huvudprocessen through the HTTP API by the demo users, on each engine: a handläggare
 * registers an application for hemtjänst, investigates and communicates it; the
 * myndighetschef decides (a validation error first); the order goes to Hemtjänst Solrosen,
 * whose enhetschef plans and carries it out; the follow-up falls due on its date; the case closes.
 */
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { getCaseByInstance } from '../../src/domain/cases/index.js';
import { apiSetups, until, useApi } from '../support/api.js';

describe.each(apiSetups())('huvudprocessen through the HTTP API on $name', (setup) => {
  // Monday 1 February 2027, 09:00 in Stockholm (a clock per setup: the walk moves it on)
  const clock = new ControlledClock(new Date('2027-02-01T09:00:00+01:00'));
  const ctx = useApi(setup, clock);
  const { as, caseTask } = ctx;
  // the tasks are in the processes huvudprocessen calls: find them by the case number they carry
  let caseNumber = '';
  const taskFor = (username: string, elementId: string) => caseTask(username, caseNumber, elementId);
  const completeAs = async (username: string, elementId: string, variables: Record<string, unknown>) => {
    const task = await taskFor(username, elementId);
    await (await as(username)).post(`/api/v1/tasks/${task.key}/completion`).send({ variables }).expect(204);
    return task;
  };

  it('walks an application from aktualisering to closing with the demo users', async () => {
    const h = await as('handlaggare');
    const form = await h.get('/api/v1/process-definitions/huvudprocess/form').expect(200);
    expect(form.body.id).toBe('huvudprocess-aktualisering');
    const started = await h
      .post('/api/v1/process-instances')
      .send({
        processId: 'huvudprocess',
        variables: {
          inflow: 'ansokan',
          isChild: false,
          law: 'sol',
          unitId: 'bistandsenheten',
          clientReference: 'VS-4711',
          description: 'Ansökan om hemtjänst.',
        },
      })
      .expect(201);
    const key = started.body.key as string;
    caseNumber = (await until(() => getCaseByInstance(ctx.t.db, key))).caseNumber;

    const screen = await taskFor('handlaggare', 'Task_Screen');
    expect(screen.caseNumber).toMatch(/^AR-2027-\d{4}$/);
    expect(screen.unitName).toBe('Biståndsenheten');
    // the medarbetare at a care unit does not see the authority's tasks
    const med = await (await as('medarbetare')).get('/api/v1/tasks').query({ pageSize: 200 }).expect(200);
    expect(med.body.items.map((t: { key: string }) => t.key)).not.toContain(screen.key);
    await completeAs('handlaggare', 'Task_Screen', { openInvestigation: 'ja', screeningReasoning: 'En ansökan utreds.' });
    const inv = await completeAs('handlaggare', 'Task_Investigate', {
      investigationSummary: 'Behov av hjälp med personlig omvårdnad.',
      childViewRecorded: 'ej-tillampligt',
      proposal: 'bifall',
    });
    // the local target: 3 months from 1 February 2027 → Saturday 1 May (första maj) → Monday 3 May
    expect(inv.dueDate?.slice(0, 10)).toBe('2027-05-03');
    await completeAs('handlaggare', 'Task_Communicate', { communicatedOn: '2027-02-01', partyResponse: 'Inga synpunkter.' });

    const decide = await taskFor('myndighetschef', 'Task_Decide');
    const chef = await as('myndighetschef');
    const bad = await chef
      .post(`/api/v1/tasks/${decide.key}/completion`)
      .send({ variables: { decision: 'bifall', decisionReasoning: 'Behovet styrkt.' } })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['variables.followUpDate', 'variables.insats']);
    await chef
      .post(`/api/v1/tasks/${decide.key}/completion`)
      .send({ variables: { decision: 'bifall', insats: 'Hemtjänst, 20 timmar i månaden', followUpDate: '2027-08-02', decisionReasoning: 'Behovet styrkt.' } })
      .expect(204);

    // the order goes to Hemtjänst Solrosen: its enhetschef plans and carries it out
    const order = await taskFor('handlaggare', 'Task_Order');
    const orderForm = await h.get(`/api/v1/tasks/${order.key}/form`).expect(200);
    expect(orderForm.body.schema.id).toBe('genomfora-uppdrag');
    await completeAs('handlaggare', 'Task_Order', { providerUnitId: 'hemtjanst-solrosen', orderText: 'Hjälp morgon och kväll.' });
    const plan = await taskFor('enhetschef', 'Task_Plan');
    expect(plan.unitName).toBe('Hemtjänst Solrosen');
    expect(plan.caseNumber).toBe(screen.caseNumber);
    await completeAs('enhetschef', 'Task_Plan', { plannedWithClient: 'ja', planSummary: 'Två besök om dagen.' });
    await completeAs('enhetschef', 'Task_Start', { executedOn: '2027-02-15' });
    await until(async () => ((await getCaseByInstance(ctx.t.db, key))?.executedOn === '2027-02-15' ? true : undefined));

    // the follow-up falls due on 2 August 2027
    await ctx.services.engine.advanceClock(new Date('2027-08-02T06:00:00+02:00').getTime() - (await ctx.services.engine.now()).getTime());
    ctx.forgetSessions(); // six months on, the sessions have expired
    await completeAs('handlaggare', 'Task_FollowUp', { goalsMet: 'ja', evaluation: 'Fungerar väl.', continueInsats: 'nej' });
    await completeAs('handlaggare', 'Task_CloseCase', { closeReason: 'malen-uppnadda', closingSummary: 'Avslutas efter uppföljning.' });
    const done = await until(async () => {
      const r = await (await as('handlaggare')).get(`/api/v1/process-instances/${key}`);
      return r.status === 200 && r.body.state === 'COMPLETED' ? r.body : undefined;
    });
    expect(done.processId).toBe('huvudprocess');
    expect(await getCaseByInstance(ctx.t.db, key)).toMatchObject({
      status: 'closed',
      decision: 'bifall',
      followUpCount: 1,
      providerUnitId: 'hemtjanst-solrosen',
    });
  });
});
