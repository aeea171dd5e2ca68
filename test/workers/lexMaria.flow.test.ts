/**
 * Lex Maria end to end on each engine (DOMAIN.md §5.2): the real model, forms and workers, a
 * pinned clock — Thursday 2 April 2026, the day before långfredag, so the IVO target of two
 * arbetsdagar runs past påsk. The test that moves the clock six months runs last.
 */
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { getDeviationByInstance } from '../../src/domain/deviations/index.js';
import { decisionDeadlines, findLexMariaCasesBySource, getLexMariaCaseByInstance, investigationKindFor, riskScore } from '../../src/domain/lexMaria/index.js';
import { engineSetups, useProcessEngine } from '../support/engines.js';
import { advanceTo, waitingAt } from '../support/factories.js';
import { settled, waitFor } from '../support/waits.js';
import { caseRows } from '../../src/domain/caseCore.js';

const REPORT = {
  unitId: 'vobo-linden',
  occurredAt: '2026-04-01T21:15:00+02:00',
  description: 'Fel dos insulin gavs på kvällen.',
  patientAffected: 'Lågt blodsocker, sjuksköterska tillkallad.',
  immediateMeasures: 'Blodsocker kontrollerat, läkare kontaktad.',
};
const INVESTIGATION = { investigationSummary: 'Dosen lästes av fel lista.', causes: 'Två listor i omlopp.', proposedActions: 'En lista.' };
const DECIDED_AT = new Date('2026-04-02T09:00:00+02:00');

describe('lex Maria rules (no engine)', () => {
  it('chooses a händelseanalys from the threshold up', () => {
    expect(riskScore(3, 3)).toBe(9);
    expect(investigationKindFor(9, 9)).toBe('handelseanalys');
    expect(investigationKindFor(8, 9)).toBe('utredning');
    expect(() => riskScore(5, 1)).toThrow(RangeError);
  });

  it('sets the IVO target past påsk and the follow-up six months after the decision, at 00:00', () => {
    // Thursday 2 April 2026: långfredag 3 April, påskdagen 5, annandag påsk 6 → Tue 7 (1), Wed 8 (2)
    expect(decisionDeadlines(DECIDED_AT, true, 2)).toEqual({ ivoReportDueDate: '2026-04-08T23:59:59+02:00', followUpAt: '2026-10-02T00:00:00+02:00' });
    expect(decisionDeadlines(DECIDED_AT, false, 2)).toEqual({ followUpAt: '2026-10-02T00:00:00+02:00' });
  });
});

describe.each(engineSetups())('lex Maria on $name', (setup) => {
  const clock = new ControlledClock(DECIDED_AT);
  const ctx = useProcessEngine(setup, clock);
  const { openTask, complete } = ctx;
  const visited = async (key: string) => (await ctx.engine.listElementInstances(key)).map((e) => e.elementId);
  // closed on the record and the instance ended (the worker writes the row before the engine moves on)
  const closed = async (key: string) => {
    await waitFor('the instance completed', async () => ((await ctx.engine.getProcessInstance(key)).state === 'COMPLETED' ? true : undefined));
    const c = await getLexMariaCaseByInstance(ctx.t.db, key);
    expect(c?.status).toBe('closed');
    return c!;
  };

  it('low risk: a shorter utredning, no anmälan, the patient still informed, actions, closed without the 6-month timer', async () => {
    const { key } = await ctx.engine.startInstance('lex-maria', REPORT);
    const assess = await openTask(key, 'Task_Assess');
    expect(assess.candidateGroups).toEqual(['mas']);
    await ctx.engine.completeUserTask(assess.key, {
      seriousHarm: 'risk',
      probability: '2',
      consequence: '4',
      assessmentComment: 'Risk för allvarlig skada, låg sannolikhet.',
    });
    const inv = await openTask(key, 'Task_Investigation');
    expect(inv.candidateGroups).toEqual(['mas']);
    expect(await getLexMariaCaseByInstance(ctx.t.db, key)).toMatchObject({
      caseNumber: 'LM-2026-0001',
      unitId: 'vobo-linden',
      riskScore: 8,
      seriousHarm: 'risk',
      investigationKind: 'utredning',
      status: 'open',
    });
    await ctx.engine.completeUserTask(inv.key, INVESTIGATION);
    await complete(key, 'Task_Decide', { reportToIvo: 'nej', decisionMotivation: 'Ingen allvarlig vårdskada uppstod.' });
    await complete(key, 'Task_InformPatient', { patientInformed: 'nej', notInformedReason: 'Patienten vill inte.' });
    await complete(key, 'Task_Actions', { actions: [{ title: 'En läkemedelslista', ownerRole: 'enhetschef', dueDate: '2026-05-04' }] });
    // the action is its own case (the shared process atgard) at the unit; the lex Maria case waits for it
    const action = await waitFor('the action', async () => caseRows(ctx.t.db, 'action').where({ source_case_number: 'LM-2026-0001' }).first());
    expect(action).toMatchObject({ owner_role: 'enhetschef', unit_id: 'vobo-linden', status: 'open' });
    expect((await ctx.engine.getProcessInstance(key)).state).toBe('ACTIVE');
    await complete(action.process_instance_key, 'Task_Implement', { outcome: 'ej-genomford', whatWasDone: 'Ersätts av en regional lista.' });
    const c = await closed(key);
    expect(c).toMatchObject({ reportToIvo: false, ivoReportDueAt: undefined, ivoReportedOn: undefined, patientInformed: false, actionsEffective: undefined });
    const path = await visited(key);
    expect(path).not.toContain('Task_EventAnalysis');
    expect(path).not.toContain('Task_ReportToIvo');
    expect(path).not.toContain('Timer_FollowUp');
    expect(path).toContain('EndEvent_Closed');
  });

  it('an avvikelse in HSL that the MAS says is lex Maria starts a linked case (and the avvikelse goes on)', async () => {
    const { key } = await ctx.engine.startInstance('avvikelse', {
      unitId: 'vobo-linden',
      area: 'hsl',
      category: 'lakemedel',
      occurredAt: '2026-04-02T07:30:00+02:00',
      description: 'Läkemedel gavs till fel patient.',
    });
    await complete(key, 'Task_Assess', { immediateMeasures: 'Läkare kontaktad.', severity: '1', probability: '2', consequence: '4', analysis: 'Förväxling.' });
    await complete(key, 'Task_MasReview', { lexMaria: 'ja', masComment: 'Kunde ha medfört allvarlig vårdskada.' });
    await openTask(key, 'Task_Actions');
    const deviation = await getDeviationByInstance(ctx.t.db, key);
    const [linked] = await waitFor('the linked lex Maria case', async () => {
      const cases = await findLexMariaCasesBySource(ctx.t.db, deviation!.caseNumber);
      return cases.length ? cases : undefined;
    });
    expect(linked).toMatchObject({ unitId: 'vobo-linden', caseNumber: expect.stringMatching(/^LM-2026-\d{4}$/), status: 'open' });
    const masTask = await openTask(linked!.processInstanceKey, 'Task_Assess');
    expect(masTask.candidateGroups).toEqual(['mas']);
    expect(await ctx.engine.getVariables(linked!.processInstanceKey)).toMatchObject({
      sourceCaseNumber: deviation!.caseNumber,
      description: 'Läkemedel gavs till fel patient.',
    });
    expect(await visited(linked!.processInstanceKey)).toContain('StartEvent_Linked');
    expect(await visited(key)).toContain('Task_ReportLexMaria');
  });

  it('high risk: händelseanalys, anmälan to IVO due past påsk, patient informed, actions, and the follow-up six months later', async () => {
    const { key } = await ctx.engine.startInstance('lex-maria', REPORT);
    await complete(key, 'Task_Assess', { seriousHarm: 'vardskada', probability: '3', consequence: '4', assessmentComment: 'Allvarlig vårdskada.' });
    const analysis = await openTask(key, 'Task_EventAnalysis');
    expect(analysis.candidateGroups).toEqual(['utredare', 'mas']);
    await ctx.engine.completeUserTask(analysis.key, {
      analysisTeam: 'MAS, sjuksköterska, enhetschef',
      ...INVESTIGATION,
      patientView: 'Närstående var oroliga.',
    });
    await complete(key, 'Task_Decide', { reportToIvo: 'ja', decisionMotivation: 'Allvarlig vårdskada.' });
    // decided on Thursday 2 April 2026: two arbetsdagar past långfredag and annandag påsk is Wednesday 8 April
    const ivo = await openTask(key, 'Task_ReportToIvo');
    expect(ivo.candidateGroups).toEqual(['mas']);
    expect(ivo.dueDate?.toISOString()).toBe(new Date('2026-04-08T23:59:59+02:00').toISOString());
    expect(await ctx.engine.getVariables(key)).toMatchObject({
      riskScore: 12,
      investigationKind: 'handelseanalys',
      ivoReportDueDate: '2026-04-08T23:59:59+02:00',
      followUpAt: '2026-10-02T00:00:00+02:00',
    });
    await ctx.engine.completeUserTask(ivo.key, { ivoReportedAt: '2026-04-07', ivoReference: '3.1-12345/2026', investigationAttached: true });
    await complete(key, 'Task_InformPatient', {
      patientInformed: 'ja',
      patientInformedAt: '2026-04-03',
      patientInformedHow: 'samtal',
      patientViews: 'Vill veta vad som ändras.',
    });
    await complete(key, 'Task_Actions', { actions: [{ title: 'En läkemedelslista', ownerRole: 'enhetschef', dueDate: '2026-06-01' }] });
    const { caseNumber } = (await getLexMariaCaseByInstance(ctx.t.db, key))!;
    const action = await waitFor('the action', async () => caseRows(ctx.t.db, 'action').where({ source_case_number: caseNumber }).first());
    await complete(action.process_instance_key, 'Task_Implement', { outcome: 'genomford', whatWasDone: 'Listan införd.', effectFollowUpDate: '2026-09-01' });
    const waiting = await waitFor('the recorded anmälan', async () => {
      const c = await getLexMariaCaseByInstance(ctx.t.db, key);
      return c?.patientInformed !== undefined ? c : undefined;
    });
    expect(waiting).toMatchObject({ reportToIvo: true, ivoReportedOn: '2026-04-07', patientInformed: true, patientInformedOn: '2026-04-03', status: 'open' });
    expect(waiting.followUpAt?.toISOString()).toBe(new Date('2026-10-02T00:00:00+02:00').toISOString());
    // the case waits for its action; the action's effect is followed up on 1 September
    await waitingAt(ctx.engine, action.process_instance_key, 'Timer_Effect');
    await advanceTo(ctx.engine, '2026-10-01T23:00:00+02:00');
    expect((await ctx.engine.getProcessInstance(key)).state).toBe('ACTIVE');
    await complete(action.process_instance_key, 'Task_FollowUpEffect', { effective: 'ja', effectComment: 'Inga fler förväxlingar.' });
    // then the case's own follow-up waits for 00:00 on Friday 2 October 2026
    await waitingAt(ctx.engine, key, 'Timer_FollowUp');
    await settled(ctx.engine);
    expect((await ctx.engine.listUserTasks({ processInstanceKey: key, state: 'CREATED' })).map((x) => x.elementId)).toEqual([]);
    await ctx.engine.advanceClock(2 * 3600_000);
    const followUp = await openTask(key, 'Task_FollowUp');
    expect(followUp.candidateGroups).toEqual(['mas']);
    await ctx.engine.completeUserTask(followUp.key, { actionsEffective: 'ja', followUpResult: 'Inga fler förväxlingar.' });
    expect(await closed(key)).toMatchObject({ actionsEffective: true, reportToIvo: true });
    expect(await visited(key)).toEqual(
      expect.arrayContaining([
        'Task_EventAnalysis',
        'Task_ReportToIvo',
        'Task_IvoReported',
        'Activity_Actions',
        'Timer_FollowUp',
        'Task_FollowUp',
        'EndEvent_Closed',
      ]),
    );
    expect(await caseRows(ctx.t.db, 'action').where({ source_case_number: caseNumber }).first()).toMatchObject({ status: 'closed', effect: 'ja' });
  });
});
