/**
 * Lex Sarah end to end through the HTTP API by the demo users, on each engine: report →
 * immediate measures → investigation → allvarligt → IVO (with the investigation) → the nämnd
 * informed → action plan → the follow-up six months after the decision → closed. (The first
 * half, with its error cases, is also in api.test.ts; this file moves the clock.)
 */
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { apiSetups, until, useApi } from '../support/api.js';
import { LEX_SARAH_FORMS as FORMS, LEX_SARAH_REPORT as REPORT } from '../support/lexSarah.js';
import { caseRows } from '../../src/domain/caseCore.js';

describe.each(apiSetups())('lex Sarah through the HTTP API on $name', (setup) => {
  // Thursday 25 March 2027, 09:00 (a clock per setup: the walk moves it six months on)
  const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));
  const ctx = useApi(setup, clock);
  const { as, completeAs, caseTask } = ctx;

  it('walks a report from the medarbetare to the closed case', async () => {
    const started = await (await as('medarbetare')).post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: REPORT }).expect(201);
    const key = started.body.key as string;
    await completeAs('enhetschef', key, 'Task_ImmediateMeasures', FORMS.Task_ImmediateMeasures!);
    await completeAs('utredare', key, 'Task_Investigate', FORMS.Task_Investigate!);
    await completeAs('socialchef', key, 'Task_Assess', FORMS.Task_Assess!);
    const ivo = await completeAs('utredare', key, 'Task_ReportToIvo', {
      ivoReportedAt: '2027-03-30',
      ivoReference: 'IVO 3.5-1234/2027',
      investigationAttached: true,
    });
    expect(ivo.dueDate?.slice(0, 10)).toBe('2027-03-31');
    await completeAs('namndsekreterare', key, 'Task_InformCommittee', { committeeInformedAt: '2027-04-20' });
    await completeAs('enhetschef', key, 'Task_ActionPlan', {
      actionPlan: 'Signeringslista införs.',
      actions: [{ title: 'Signeringslista i varje kök', ownerRole: 'enhetschef', dueDate: '2027-05-01' }],
    });
    // the action is the enhetschef's own task (atgard), with the case's number
    const caseNumber = (await caseRows(ctx.t.db, 'lex-sarah').where({ process_instance_key: key }).first()).case_number as string;
    const implement = await caseTask('enhetschef', caseNumber, 'Task_Implement');
    await (
      await as('enhetschef')
    )
      .post(`/api/v1/tasks/${implement.key}/completion`)
      .send({ variables: { outcome: 'genomford', whatWasDone: 'Listor uppsatta.', effectFollowUpDate: '2027-06-01' } })
      .expect(204);
    // (wait for the action's effect timer before moving the clock: on Camunda the job that sets it may still run)
    const action = await until(async () => caseRows(ctx.t.db, 'action').where({ source_case_number: caseNumber }).first());
    await until(async () =>
      (await ctx.services.engine.listElementInstances(action.process_instance_key)).some((e) => e.elementId === 'Timer_Effect' && e.state === 'ACTIVE')
        ? true
        : undefined,
    );
    // six months after the decision: 25 September 2027 is a Saturday → Monday 27 September
    await until(async () => ((await ctx.services.engine.getVariables(key)).followUpAt === '2027-09-27T00:00:00+02:00' ? true : undefined));
    await ctx.services.engine.advanceClock(new Date('2027-09-27T00:30:00+02:00').getTime() - (await ctx.services.engine.now()).getTime());
    ctx.forgetSessions(); // the sessions have expired meanwhile
    // the action's effect was due for follow-up on 1 June: done now, then the case's own follow-up
    const effect = await caseTask('enhetschef', caseNumber, 'Task_FollowUpEffect');
    await (
      await as('enhetschef')
    )
      .post(`/api/v1/tasks/${effect.key}/completion`)
      .send({ variables: { effective: 'ja', effectComment: 'Inga missade signeringar.' } })
      .expect(204);
    // (the case's follow-up timer is created only now, already due: Camunda's pinned clock must move on)
    await until(async () => ((await ctx.services.engine.listElementInstances(key)).some((e) => e.elementId === 'Timer_FollowUp') ? true : undefined));
    await ctx.services.engine.advanceClock(60_000);
    await completeAs('enhetschef', key, 'Task_FollowUp', { actionsEffective: 'ja', followUpResult: 'Inga fler missar.' });
    const done = await until(async () => {
      const r = await (await as('medarbetare')).get(`/api/v1/process-instances/${key}`);
      return r.body.state === 'COMPLETED' ? r.body : undefined;
    });
    expect(done.activeElements).toEqual([]);
    expect(await caseRows(ctx.t.db, 'lex-sarah').where({ process_instance_key: key }).first()).toMatchObject({ status: 'closed', assessment: 'allvarligt' });
  });
});
