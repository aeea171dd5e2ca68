/**
 * The årshjul end to end on each engine (DOMAIN.md §5.7): the real models, forms and workers,
 * a pinned clock (Tuesday 20 January 2026) and two duties, to keep it fast: the monthly
 * delegationskontroll on the 1st (verksamhetschef, Äldreomsorg, 10 arbetsdagar) and the
 * patientsäkerhetsberättelse (MAS, in February, by 1 March).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { defaultAnnualDuties, ensureAnnualCycleStarted, occurrencesOfYear, saveDuty } from '../../src/domain/annualCycle/index.js';
import { engineSetups, useProcessEngine } from '../support/engines.js';
import { settled, waitFor } from '../support/waits.js';
import { caseRows } from '../../src/domain/caseCore.js';
import type { OrgNodeRow } from '../../src/db/tables.js';

const NODES: Pick<OrgNodeRow, 'id' | 'name' | 'type' | 'parent_id'>[] = [
  { id: 'socialforvaltningen', name: 'Socialförvaltningen', type: 'administration', parent_id: null },
  { id: 'aldreomsorg', name: 'Äldreomsorg', type: 'area', parent_id: 'socialforvaltningen' },
];
const duties = defaultAnnualDuties().filter((d) => d.id === 'delegationskontroll' || d.id === 'patientsakerhetsberattelse');

describe.each(engineSetups())('årshjul on $name', (setup) => {
  const clock = new ControlledClock(new Date('2026-01-20T09:00:00+01:00'));
  const ctx = useProcessEngine(setup, clock);
  const { openTask } = ctx;
  beforeAll(async () => {
    await ctx.t.db('org_node').insert(NODES);
    for (const d of duties) await saveDuty(ctx.t.db, d);
  });

  const advanceTo = async (iso: string) => ctx.engine.advanceClock(new Date(iso).getTime() - (await ctx.engine.now()).getTime());
  const openTasks = async () => (await ctx.engine.listUserTasks({ state: 'CREATED' })).filter((t) => t.processId === 'arshjul-uppgift');
  /** The open task of an occurrence, found by its AH number, with its instance's variables. */
  const taskOf = (caseNumber: string) =>
    waitFor(`the task of ${caseNumber}`, async () => {
      for (const task of await openTasks()) {
        const variables = await ctx.engine.getVariables(task.processInstanceKey);
        if (variables.caseNumber === caseNumber) return { task, variables };
      }
      return undefined;
    });
  const ended = (key: string) =>
    waitFor('the instance to complete', async () =>
      (await ctx.engine.getProcessInstance(key).catch(() => undefined))?.state === 'COMPLETED' ? true : undefined,
    );
  const visited = async (key: string) => (await ctx.engine.listElementInstances(key)).map((e) => e.elementId);

  it('plans the year, gives each task on its day to the right role at the right node, and records the result', async () => {
    const { key } = await ctx.engine.startInstance('arshjul', { year: 2026 });
    const occurrences = await waitFor('the plan', async () => {
      const o = await occurrencesOfYear(ctx.t.db, 2026);
      return o.length ? o : undefined;
    });
    expect(occurrences).toHaveLength(13);
    // January's delegationskontroll (due Friday 2 January, deadline 19 January) has already passed
    expect(occurrences[0]).toMatchObject({ dutyId: 'delegationskontroll', period: 1, status: 'skipped', processInstanceKey: key });
    expect(occurrences.filter((o) => o.status === 'planned')).toHaveLength(12);
    expect(occurrences.map((o) => o.caseNumber)).toEqual(occurrences.map((_o, i) => `AH-2026-${String(i + 1).padStart(4, '0')}`));
    const february = occurrences.find((o) => o.dutyId === 'delegationskontroll' && o.period === 2)!;
    const psb = occurrences.find((o) => o.dutyId === 'patientsakerhetsberattelse')!;
    await waitFor('one task instance per planned occurrence', async () =>
      (await ctx.engine.listProcessInstances({ parentProcessInstanceKey: key })).length === 12 ? true : undefined,
    );

    // 1 February 2026 is a Sunday: nothing yet at 06:59 on Monday 2 February …
    await advanceTo('2026-02-02T06:59:00+01:00');
    await settled(ctx.engine);
    expect(await openTasks()).toEqual([]);
    // … and at 07:00 both tasks are there
    await advanceTo('2026-02-02T07:00:30+01:00');
    const dk = await taskOf(february.caseNumber);
    expect(dk.task).toMatchObject({ name: 'Årshjulsuppgift', candidateGroups: ['verksamhetschef'], formId: 'arshjul-task' });
    expect(dk.task.dueDate?.toISOString()).toBe(new Date('2026-02-16T23:59:59+01:00').toISOString());
    expect(dk.variables).toMatchObject({ unitId: 'aldreomsorg', title: 'Delegationskontroll – februari 2026', dueAt: '2026-02-02T07:00:00+01:00' });
    const p = await taskOf(psb.caseNumber);
    expect(p.task.candidateGroups).toEqual(['mas']);
    expect(p.variables.unitId).toBe('socialforvaltningen');
    // PSB by 1 March: a Sunday in 2026, so Monday 2 March
    expect(p.task.dueDate?.toISOString()).toBe(new Date('2026-03-02T23:59:59+01:00').toISOString());
    expect(await openTasks()).toHaveLength(2);

    await ctx.engine.completeUserTask(dk.task.key, { whatWasDone: 'Alla delegeringar kontrollerade.', result: 'ok' });
    await ctx.engine.completeUserTask(p.task.key, {
      whatWasDone: 'Berättelsen skriven.',
      result: 'brister',
      comment: 'Egenkontrollerna behöver följas upp bättre.',
      actions: [{ title: 'Rutin för uppföljning av egenkontroller', ownerRole: 'mas', dueDate: '2026-04-30' }],
    });
    await ended(dk.task.processInstanceKey);
    expect(await visited(dk.task.processInstanceKey)).not.toContain('Activity_Actions');
    // brister: the actions go to the shared åtgärd process, at the occurrence's unit and with its number
    const action = await waitFor('the action', async () => caseRows(ctx.t.db, 'action').where({ source_case_number: psb.caseNumber }).first());
    expect(action).toMatchObject({ unit_id: 'socialforvaltningen', owner_role: 'mas', title: 'Rutin för uppföljning av egenkontroller' });
    const actionTask = await openTask(action.process_instance_key, 'Task_Implement');
    expect(actionTask.candidateGroups).toEqual(['mas']);
    expect(await visited(p.task.processInstanceKey)).toContain('Activity_Actions');
    const recorded = await waitFor('the results on the records', async () => {
      const o = await occurrencesOfYear(ctx.t.db, 2026);
      return o.filter((x) => x.status === 'done').length === 2 ? o : undefined;
    });
    expect(recorded.find((o) => o.id === february.id)).toMatchObject({
      status: 'done',
      outcome: 'ok',
      taskInstanceKey: dk.task.processInstanceKey,
      comment: null,
    });
    expect(recorded.find((o) => o.id === psb.id)).toMatchObject({ status: 'done', outcome: 'brister', comment: 'Egenkontrollerna behöver följas upp bättre.' });
    expect(recorded.find((o) => o.id === psb.id)!.completedAt?.toISOString()).toBe(new Date('2026-02-02T07:00:30+01:00').toISOString());
    expect(await visited(dk.task.processInstanceKey)).toEqual(
      expect.arrayContaining(['Timer_Due', 'Task_Duty', 'Task_Record', 'Gateway_Gaps', 'EndEvent_Done']),
    );
    // March's delegationskontroll waits for 2 March
    expect(await openTasks()).toEqual([]);
  });

  it('on nyårsdagen a year starts the next one; a year closes when its occurrences are done and the next has started', async () => {
    await saveDuty(ctx.t.db, { ...duties.find((d) => d.id === 'delegationskontroll')!, active: false });
    const cycle2026 = (await ctx.t.db('annual_cycle').where({ year: 2026 }).first())!;
    await advanceTo('2027-01-01T00:00:30+01:00');
    const cycle2027 = await waitFor('the 2027 cycle', async () => ctx.t.db('annual_cycle').where({ year: 2027 }).first());
    // (read after the new year's row: on Camunda the element history arrives a moment later)
    await waitFor('2026 to have started the next year', async () =>
      (await visited(cycle2026.process_instance_key)).includes('Task_StartNextYear') ? true : undefined,
    );
    const key = cycle2027.process_instance_key;
    const planned = await waitFor('the 2027 plan', async () => {
      const v = await ctx.engine.getVariables(key).catch(() => ({}) as Record<string, unknown>); // not on Camunda's history yet
      return v.nextYearAt ? v : undefined;
    });
    expect(planned).toMatchObject({ year: 2027, nextYearAt: '2028-01-01T00:00:00+01:00', occurrenceCount: 1 });
    const [psb] = await occurrencesOfYear(ctx.t.db, 2027);
    // 1 March 2027 is a Monday
    expect(psb).toMatchObject({ dutyId: 'patientsakerhetsberattelse', caseNumber: 'AH-2027-0001', deadlineAt: new Date('2027-03-01T23:59:59+01:00') });
    await advanceTo('2027-02-01T07:00:30+01:00');
    const { task } = await taskOf(psb!.caseNumber);
    await ctx.engine.completeUserTask(task.key, { whatWasDone: 'Klar.', result: 'ok' });
    const state = async (elementId: string) => (await ctx.engine.listElementInstances(key)).find((e) => e.elementId === elementId)?.state;
    await waitFor('the occurrences done', async () => ((await state('Activity_Occurrences')) === 'COMPLETED' ? true : undefined));
    // the year waits for nyårsdagen, when it starts 2028
    expect(await state('Timer_NextYear')).toBe('ACTIVE');
    await advanceTo('2028-01-01T00:00:30+01:00');
    await ended(key);
    expect(await ctx.engine.getVariables(key)).toMatchObject({
      yearTaken: false,
      occurrenceCount: 1,
      occurrencesDone: 1,
      occurrencesWithGaps: 0,
      occurrencesSkipped: 0,
    });
    expect((await ctx.t.db('annual_cycle').where({ year: 2027 }).first())?.completed_at).not.toBeNull();
    expect(await waitFor('the 2028 cycle', async () => ctx.t.db('annual_cycle').where({ year: 2028 }).first())).toBeTruthy();
  });

  it('starts a year only once, and a year without active duties has nothing to wait for but the next year', async () => {
    const { key } = await ctx.engine.startInstance('arshjul', { year: 2026 });
    await ended(key);
    expect(await visited(key)).toContain('EndEvent_AlreadyPlanned');
    expect(await visited(key)).not.toContain('Activity_Occurrences');
    expect(await ctx.engine.getVariables(key)).toMatchObject({ yearTaken: true, occurrenceCount: 0 });
    expect(await occurrencesOfYear(ctx.t.db, 2026)).toHaveLength(13);

    await saveDuty(ctx.t.db, { ...duties.find((d) => d.id === 'patientsakerhetsberattelse')!, active: false });
    const empty = await ctx.engine.startInstance('arshjul', { year: 2030 });
    await waitFor('no occurrences to wait for', async () =>
      (await ctx.engine.listElementInstances(empty.key)).some((e) => e.elementId === 'Timer_NextYear' && e.state === 'ACTIVE') ? true : undefined,
    );
    // (the two parallel branches may reach Camunda's history in either order)
    await waitFor('the empty occurrences completed', async () =>
      (await ctx.engine.listElementInstances(empty.key)).find((e) => e.elementId === 'Activity_Occurrences')?.state === 'COMPLETED' ? true : undefined,
    );
    expect(await ctx.engine.getVariables(empty.key)).toMatchObject({ occurrenceCount: 0, nextYearAt: '2031-01-01T00:00:00+01:00' });

    // what the server does at startup (ANNUAL_CYCLE_AUTOSTART): nothing for a planned year, a start for a new one
    expect(await ensureAnnualCycleStarted(ctx.t.db, ctx.engine, 2026)).toBeUndefined();
    const auto = await ensureAnnualCycleStarted(ctx.t.db, ctx.engine, 2029);
    expect(await waitFor('the 2029 cycle', async () => (await ctx.t.db('annual_cycle').where({ year: 2029 }).first())?.process_instance_key)).toBe(auto);
  });
});
