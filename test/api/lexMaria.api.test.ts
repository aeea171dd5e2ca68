/**
 * Lex Maria through the HTTP API on the real wiring, walked by the demo users: a medarbetare
 * reports, the MAS assesses (a bad form first: 400), the utredare makes the händelseanalys, the
 * MAS decides on anmälan to IVO, reports, records that the patient was informed, decides
 * actions, and six months later follows them up; the case closes. Also the linked start from
 * an avvikelse in hälso- och sjukvård.
 */
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { apiSetups, signIn, until, useApi } from '../support/api.js';
import { caseRows } from '../../src/domain/caseCore.js';

describe.each(apiSetups())('lex Maria over HTTP on $name', (setup) => {
  // Thursday 25 March 2027, 09:00 in Stockholm: the next day is långfredag. One clock per setup:
  // the walk moves it six months on.
  const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));
  const ctx = useApi(setup, clock);
  const { as, taskFor, completeAs } = ctx;
  // sessions last hours, not the six months the walk skips: log in again on the same agent
  const relogin = async (username: string) => signIn(await as(username), username);
  const instance = async (username: string, key: string) => (await (await as(username)).get(`/api/v1/process-instances/${key}`).expect(200)).body;

  it('puts a lex Maria case in the MAS’s inbox when the MAS says an avvikelse in HSL is lex Maria', async () => {
    const med = await as('medarbetare');
    const started = await med
      .post('/api/v1/process-instances')
      .send({
        processId: 'avvikelse',
        variables: {
          unitId: 'hemtjanst-solrosen',
          area: 'hsl',
          category: 'lakemedel',
          occurredAt: '2027-03-25T08:00+01:00',
          description: 'Fel läkemedel gavs.',
        },
      })
      .expect(201);
    const key = started.body.key as string;
    const avvikelse = await taskFor('enhetschef', key, 'Task_Assess');
    await completeAs('enhetschef', key, 'Task_Assess', {
      immediateMeasures: 'Läkare kontaktad.',
      severity: '1',
      probability: '2',
      consequence: '4',
      analysis: 'Förväxling.',
    });
    await completeAs('mas', key, 'Task_MasReview', { lexMaria: 'ja', masComment: 'Kunde ha medfört en allvarlig vårdskada.' });
    const row = await until(async () => caseRows(ctx.t.db, 'lex-maria').where({ source_case_number: avvikelse.caseNumber }).first());
    const linked = await taskFor('mas', row.process_instance_key, 'Task_Assess');
    expect(linked.unitName).toBe('Hemtjänst Solrosen');
    const vars = (await instance('mas', linked.processInstanceKey)).variables;
    expect(vars).toMatchObject({ sourceCaseNumber: avvikelse.caseNumber, unitId: 'hemtjanst-solrosen', caseNumber: row.case_number });
    expect(linked.caseNumber).toMatch(/^LM-2027-\d{4}$/);
  });

  it('walks a lex Maria case from the report to the follow-up and closing with the demo users', async () => {
    // given a medarbetare's report of an event in home health care
    const med = await as('medarbetare');
    const form = await med.get('/api/v1/process-definitions/lex-maria/form').expect(200);
    expect(form.body.id).toBe('lex-maria-report');
    const started = await med
      .post('/api/v1/process-instances')
      .send({
        processId: 'lex-maria',
        variables: {
          unitId: 'hemtjanst-solrosen',
          occurredAt: '2027-03-24T20:00+01:00',
          description: 'Dubbel dos blodförtunnande gavs.',
          patientAffected: 'Blödning, lades in på sjukhus.',
          immediateMeasures: 'Ambulans, läkare kontaktad.',
        },
      })
      .expect(201);
    const key = started.body.key as string;

    // when the MAS assesses it — first with a value the form does not allow
    const assess = await taskFor('mas', key, 'Task_Assess');
    expect(assess.caseNumber).toMatch(/^LM-2027-\d{4}$/);
    expect(assess.unitName).toBe('Hemtjänst Solrosen');
    const mas = await as('mas');
    const bad = await mas
      .post(`/api/v1/tasks/${assess.key}/completion`)
      .send({ variables: { seriousHarm: 'vardskada', probability: '5', consequence: '4' } })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['variables.assessmentComment', 'variables.probability']);
    await med
      .post(`/api/v1/tasks/${assess.key}/completion`)
      .send({ variables: { seriousHarm: 'vardskada', probability: '3', consequence: '4', assessmentComment: 'Allvarlig vårdskada.' } })
      .expect(403);
    await mas
      .post(`/api/v1/tasks/${assess.key}/completion`)
      .send({ variables: { seriousHarm: 'vardskada', probability: '3', consequence: '4', assessmentComment: 'Allvarlig vårdskada.' } })
      .expect(204);

    // then risk 12 ≥ 9: the utredare makes a händelseanalys
    await completeAs('utredare', key, 'Task_EventAnalysis', {
      analysisTeam: 'MAS, sjuksköterska, enhetschef',
      investigationSummary: 'Två signeringslistor.',
      causes: 'Listan byttes utan överlämning.',
      patientView: 'Patienten berättade om förloppet.',
      proposedActions: 'En signeringslista.',
    });
    // and the MAS decides to report it: due in two arbetsdagar, past påsk (Wednesday 31 March)
    await completeAs('mas', key, 'Task_Decide', { reportToIvo: 'ja', decisionMotivation: 'Allvarlig vårdskada har uppstått.' });
    const ivo = await taskFor('mas', key, 'Task_ReportToIvo');
    expect(ivo.name).toBe('Anmäl till IVO');
    expect(ivo.dueDate?.slice(0, 10)).toBe('2027-03-31');
    await completeAs('mas', key, 'Task_ReportToIvo', { ivoReportedAt: '2027-03-30', ivoReference: '3.1-1/2027', investigationAttached: true });
    await completeAs('mas', key, 'Task_InformPatient', {
      patientInformed: 'ja',
      patientInformedAt: '2027-03-25',
      patientInformedHow: 'samtal',
      patientViews: 'Vill bli informerad om åtgärderna.',
    });
    // the MAS decides the actions (a bad owner role first: the list item is named); each becomes an action for its owner
    const actionsTask = await taskFor('mas', key, 'Task_Actions');
    const badList = await mas
      .post(`/api/v1/tasks/${actionsTask.key}/completion`)
      .send({ variables: { actions: [{ title: 'En signeringslista', ownerRole: 'chef', dueDate: '2027-05-31' }] } })
      .expect(400);
    expect(badList.body.errors.map((e: { field: string }) => e.field)).toEqual(['variables.actions[0].ownerRole']);
    await mas
      .post(`/api/v1/tasks/${actionsTask.key}/completion`)
      .send({ variables: { actions: [{ title: 'En signeringslista', ownerRole: 'enhetschef', dueDate: '2027-05-31' }] } })
      .expect(204);
    const action = await until(async () => caseRows(ctx.t.db, 'action').where({ source_case_number: assess.caseNumber }).first());
    const implement = await taskFor('enhetschef', action.process_instance_key, 'Task_Implement');
    expect(implement.caseNumber).toBe(assess.caseNumber);
    await completeAs('enhetschef', action.process_instance_key, 'Task_Implement', { outcome: 'ej-genomford', whatWasDone: 'Ersätts av en regional lista.' });

    // six months after the decision is Saturday 25 September 2027: the follow-up waits for Monday 27 September
    const waiting = await until(async () => {
      const body = await instance('mas', key);
      return body.activeElements.includes('Timer_FollowUp') ? body : undefined;
    });
    // the reporter reads her report and its status, not the MAS's assessment or where the case is (issue 15 point 6)
    const reporter = await instance('medarbetare', key);
    expect(reporter.fieldGroups).toEqual(['report', 'status']);
    expect(reporter.variables).not.toHaveProperty('riskScore');
    expect(reporter.activeElements).toEqual([]);
    expect(waiting.variables).toMatchObject({
      caseNumber: assess.caseNumber,
      riskScore: 12,
      investigationKind: 'handelseanalys',
      followUpAt: '2027-09-27T00:00:00+02:00',
    });
    await ctx.services.engine.advanceClock(new Date('2027-09-27T00:30:00+02:00').getTime() - (await ctx.services.engine.now()).getTime());
    await relogin('mas');
    await relogin('medarbetare');
    const followUp = await taskFor('mas', key, 'Task_FollowUp');
    expect(followUp.caseNumber).toBe(assess.caseNumber);
    await completeAs('mas', key, 'Task_FollowUp', { actionsEffective: 'ja', followUpResult: 'Inga fler dubbeldoser.' });
    const done = await until(async () => {
      const body = await instance('mas', key);
      return body.state === 'COMPLETED' ? body : undefined;
    });
    expect(done.variables).toMatchObject({ ivoReportedOn: '2027-03-30', closedAt: expect.any(String) });
    // the reporter sees that it is closed, not that it was reported to IVO
    const closed = await instance('medarbetare', key);
    expect(closed).toMatchObject({ state: 'COMPLETED', variables: { closedAt: expect.any(String) } });
    expect(closed.variables).not.toHaveProperty('ivoReportedOn');
    const row = await caseRows(ctx.t.db, 'lex-maria').where({ process_instance_key: key }).first();
    expect(row).toMatchObject({
      case_number: assess.caseNumber,
      status: 'closed',
      report_to_ivo: true,
      risk_score: 12,
      investigation_kind: 'handelseanalys',
      actions_effective: true,
      patient_informed: true,
    });
  });
});
