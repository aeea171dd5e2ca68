/**
 * Huvudprocessen end to end on each engine (DOMAIN.md §3, §6): myndighetsutövning →
 * genomföra insatser → följa upp → avsluta, each a called process, with the real models, forms
 * and workers and a pinned clock starting Friday 5 June 2026.
 *
 * The deadlines checked: förhandsbedömning 14 days from Friday 5 June ends on midsommarafton
 * (19 June) and moves to Monday 22 June; a child investigation opened 5 June ends 5 October
 * (4 months) and is extended by decision; an adult's 3-month local target from 5 June falls
 * on Saturday 5 September and moves to Monday 7 September; a gynnande beslut of 21 September
 * not carried out by 21 December raises the IVO report for 2026-Q4, due a month after the
 * reporting day (31 January 2027 is a Sunday → Monday 1 February); the follow-up on 1 March
 * 2027 is due within 10 arbetsdagar (15 March).
 */
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { getCaseByInstance } from '../../src/domain/cases/index.js';
import type { UserTaskInfo } from '../../src/engine/port.js';
import { engineSetups, useProcessEngine } from '../support/engines.js';
import { settled, waitFor } from '../support/waits.js';

const at = (iso: string) => new Date(iso).toISOString();

describe.each(engineSetups())('huvudprocessen on $name', (setup) => {
  const clock = new ControlledClock(new Date('2026-06-05T10:00:00+02:00'));
  const ctx = useProcessEngine(setup, clock);
  const engine = () => ctx.engine;

  /** The called instance of `processId` under a huvudprocess instance. */
  const child = (rootKey: string, processId: string) =>
    waitFor(
      `the ${processId} instance`,
      async () =>
        (await engine().listProcessInstances({ parentProcessInstanceKey: rootKey })).find((i) => i.processId === processId && i.state === 'ACTIVE')?.key,
    );
  /** The open task at `elementId` in the called process `processId`. */
  const task = async (rootKey: string, processId: string, elementId: string): Promise<UserTaskInfo> => {
    const key = await child(rootKey, processId);
    return ctx.openTask(key, elementId);
  };
  const complete = async (rootKey: string, processId: string, elementId: string, variables: Record<string, unknown>) => {
    const t = await task(rootKey, processId, elementId);
    await engine().completeUserTask(t.key, variables);
    return t;
  };
  const advanceTo = async (iso: string) => engine().advanceClock(new Date(iso).getTime() - (await engine().now()).getTime());
  const noTasks = async (key: string) => {
    await settled(engine());
    return (await engine().listUserTasks({ processInstanceKey: key, state: 'CREATED' })).map((x) => x.elementId);
  };
  const ended = (key: string) =>
    waitFor('the case to end', async () =>
      (
        await engine()
          .getProcessInstance(key)
          .catch(() => undefined)
      )?.state === 'COMPLETED'
        ? true
        : undefined,
    );
  const record = (key: string) => getCaseByInstance(ctx.t.db, key);

  it('other information that does not lead to an investigation is closed with that reason', async () => {
    const { key } = await engine().startInstance('huvudprocess', {
      inflow: 'ovrig-information',
      isChild: false,
      law: 'sol',
      unitId: 'bistandsenheten',
      description: 'Oro från granne.',
    });
    const screen = await complete(key, 'myndighetsutovning', 'Task_Screen', {
      openInvestigation: 'nej',
      screeningReasoning: 'Inget behov av insatser framkom.',
    });
    expect(screen.candidateGroups).toEqual(['handlaggare']);
    const close = await complete(key, 'avsluta-arende', 'Task_CloseCase', { closeReason: 'ingen-utredning', closingSummary: 'Ingen utredning inleddes.' });
    expect(close.candidateGroups).toEqual(['handlaggare']);
    await ended(key);
    expect(await record(key)).toMatchObject({ decision: 'ingen-utredning', status: 'closed', closeReason: 'ingen-utredning' });
    const calls = (await engine().listProcessInstances({ parentProcessInstanceKey: key })).map((i) => i.processId).sort();
    expect(calls).toEqual(['avsluta-arende', 'myndighetsutovning']);
  });

  it('an adult’s application: the 3-month local target moves past a weekend; avslag goes straight to closing', async () => {
    const { key } = await engine().startInstance('huvudprocess', {
      inflow: 'ansokan',
      isChild: false,
      law: 'lss',
      unitId: 'bistandsenheten',
      description: 'Ansökan om daglig verksamhet.',
    });
    await complete(key, 'myndighetsutovning', 'Task_Screen', { openInvestigation: 'ja', screeningReasoning: 'En ansökan utreds.' });
    const inv = await task(key, 'myndighetsutovning', 'Task_Investigate');
    expect(inv.dueDate?.toISOString()).toBe(at('2026-09-07T23:59:59+02:00'));
    const c = await record(key);
    expect(c).toMatchObject({ inflow: 'ansokan', law: 'lss', isChild: false, investigationDeadlineKind: 'local', preliminaryDueAt: undefined });
    expect(c!.caseNumber).toMatch(/^AR-2026-\d{4}$/);
    await engine().completeUserTask(inv.key, {
      investigationSummary: 'Behovet tillgodoses på annat sätt.',
      childViewRecorded: 'ej-tillampligt',
      proposal: 'avslag',
    });
    await complete(key, 'myndighetsutovning', 'Task_Communicate', { communicatedOn: '2026-06-10' });
    const decide = await complete(key, 'myndighetsutovning', 'Task_Decide', {
      decision: 'avslag',
      decisionReasoning: 'Behovet tillgodoses genom annan insats.',
    });
    expect(decide.candidateGroups).toEqual(['myndighetschef']);
    await complete(key, 'avsluta-arende', 'Task_CloseCase', { closeReason: 'avslag', closingSummary: 'Avslag; besvärshänvisning lämnad.' });
    await ended(key);
    expect(await record(key)).toMatchObject({ decision: 'avslag', status: 'closed', notExecutedDeadlineAt: undefined });
    expect((await engine().listProcessInstances({ parentProcessInstanceKey: key })).map((i) => i.processId)).not.toContain('genomfora-insatser');
  });

  it('a report about a child: skydds- and förhandsbedömning, a 4-month investigation extended by decision, bifall, ej verkställt to IVO, follow-ups, closing', async () => {
    const { key } = await engine().startInstance('huvudprocess', {
      inflow: 'anmalan',
      isChild: true,
      law: 'sol',
      unitId: 'barn-och-unga',
      description: 'Anmälan från skolan.',
    });
    // skyddsbedömning the same day; förhandsbedömning 14 days on: midsommarafton → Monday 22 June
    const protection = await task(key, 'myndighetsutovning', 'Task_ProtectionAssessment');
    expect(protection.dueDate?.toISOString()).toBe(at('2026-06-05T23:59:59+02:00'));
    await engine().completeUserTask(protection.key, { immediateProtectionNeeded: 'nej', protectionAssessment: 'Inget omedelbart skyddsbehov.' });
    const preliminary = await task(key, 'myndighetsutovning', 'Task_PreliminaryAssessment');
    expect(preliminary.dueDate?.toISOString()).toBe(at('2026-06-22T23:59:59+02:00'));
    expect((await record(key))!.preliminaryDueAt?.toISOString()).toBe(at('2026-06-22T23:59:59+02:00'));
    await engine().completeUserTask(preliminary.key, { openInvestigation: 'ja', preliminaryReasoning: 'Oron behöver utredas.' });

    // the investigation: 4 months (legal) → Monday 5 October; the extension is reviewed 21 September
    const inv = await task(key, 'myndighetsutovning', 'Task_Investigate');
    expect(inv.dueDate?.toISOString()).toBe(at('2026-10-05T23:59:59+02:00'));
    expect(await waitFor('the deadline kind', async () => (await record(key))?.investigationDeadlineKind)).toBe('legal');
    await advanceTo('2026-09-21T07:00:00+02:00');
    const authority = await child(key, 'myndighetsutovning');
    expect(await noTasks(authority)).toEqual(['Task_Investigate']);
    await advanceTo('2026-09-21T08:30:00+02:00');
    const ext = await complete(key, 'myndighetsutovning', 'Task_ExtensionDecision', {
      extend: 'ja',
      extendedToDate: '2026-11-05',
      extensionReason: 'Väntar på BUP:s bedömning.',
    });
    expect(ext.candidateGroups).toEqual(['myndighetschef']);
    await waitFor('the investigation task’s new due date', async () => {
      const t = (await engine().listUserTasks({ processInstanceKey: authority, state: 'CREATED' })).find((x) => x.elementId === 'Task_Investigate');
      return t?.dueDate?.toISOString() === at('2026-11-05T23:59:59+01:00') ? true : undefined;
    });
    expect((await record(key))!.investigationDueAt?.toISOString()).toBe(at('2026-11-05T23:59:59+01:00'));

    await engine().completeUserTask(inv.key, { investigationSummary: 'Behov av stöd i hemmet.', childViewRecorded: 'ja', proposal: 'bifall' });
    await complete(key, 'myndighetsutovning', 'Task_Communicate', { communicatedOn: '2026-09-21', partyResponse: 'Föräldrarna instämmer.' });
    await complete(key, 'myndighetsutovning', 'Task_Decide', {
      decision: 'bifall',
      insats: 'Kontaktfamilj',
      followUpDate: '2027-03-01',
      decisionReasoning: 'Behovet är styrkt.',
    });
    const decided = await waitFor('the decision on the record', async () => ((await record(key))?.decision ? record(key) : undefined));
    expect(decided).toMatchObject({ decision: 'bifall' });
    expect(decided.notExecutedDeadlineAt?.toISOString()).toBe(at('2026-12-21T23:59:59+01:00'));

    // genomföra: the order goes to the provider; not carried out within 3 months → IVO report for 2026-Q4
    const order = await complete(key, 'genomfora-insatser', 'Task_Order', { providerUnitId: 'barn-och-unga', orderText: 'Kontaktfamilj en helg i månaden.' });
    expect(order.candidateGroups).toEqual(['handlaggare']);
    const plan = await task(key, 'genomfora-insatser', 'Task_Plan');
    expect(plan.candidateGroups).toEqual(['enhetschef']);
    await advanceTo('2026-12-21T23:00:00+01:00');
    const execution = await child(key, 'genomfora-insatser');
    expect(await noTasks(execution)).toEqual(['Task_Plan']);
    await advanceTo('2026-12-22T00:30:00+01:00');
    const report = await task(key, 'genomfora-insatser', 'Task_ReportNotExecuted');
    expect(report.candidateGroups).toEqual(['myndighetschef']);
    expect(report.dueDate?.toISOString()).toBe(at('2027-02-01T23:59:59+01:00'));
    expect(await waitFor('the quarter on the record', async () => (await record(key))?.notExecutedQuarter)).toBe('2026-Q4');
    await engine().completeUserTask(report.key, { reportedToIvoOn: '2026-12-28', reasonNotExecuted: 'Ingen kontaktfamilj tillgänglig.' });
    await engine().completeUserTask(plan.key, { plannedWithClient: 'ja', planSummary: 'En helg i månaden.' });
    await complete(key, 'genomfora-insatser', 'Task_Start', { executedOn: '2027-01-11' });
    await waitFor('the execution on the record', async () => ((await record(key))?.executedOn === '2027-01-11' ? true : undefined));

    // följa upp on 1 March 2027 (due in 10 arbetsdagar: 15 March), again on 1 September, then closing
    const followUp = await child(key, 'folja-upp');
    await advanceTo('2027-02-28T23:00:00+01:00');
    expect(await noTasks(followUp)).toEqual([]);
    await advanceTo('2027-03-01T00:30:00+01:00');
    const first = await task(key, 'folja-upp', 'Task_FollowUp');
    expect(first.dueDate?.toISOString()).toBe(at('2027-03-15T23:59:59+01:00'));
    await engine().completeUserTask(first.key, { goalsMet: 'delvis', evaluation: 'Fungerar bra.', continueInsats: 'ja', nextFollowUpDate: '2027-09-01' });
    await waitFor('the second follow-up timer', async () =>
      (await engine().listElementInstances(followUp)).filter((e) => e.elementId === 'Timer_FollowUpDate' && e.state === 'ACTIVE').length === 1
        ? true
        : undefined,
    );
    await advanceTo('2027-09-01T00:30:00+02:00');
    const second = await openSecond(followUp, first.key);
    await engine().completeUserTask(second.key, { goalsMet: 'ja', evaluation: 'Målen uppnådda.', continueInsats: 'nej' });
    await complete(key, 'avsluta-arende', 'Task_CloseCase', { closeReason: 'malen-uppnadda', closingSummary: 'Insatsen avslutas.' });
    await ended(key);
    expect(await record(key)).toMatchObject({ status: 'closed', closeReason: 'malen-uppnadda', followUpCount: 2, executedOn: '2027-01-11' });
  });

  const openSecond = (instanceKey: string, firstKey: string) =>
    waitFor('the second follow-up task', async () =>
      (await engine().listUserTasks({ processInstanceKey: instanceKey, state: 'CREATED' })).find((x) => x.elementId === 'Task_FollowUp' && x.key !== firstKey),
    );
});
