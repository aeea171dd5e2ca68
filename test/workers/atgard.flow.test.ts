/**
 * The shared action process (bpmn/atgard.bpmn) on each engine: an action owned by a role at
 * the case's unit, due at the end of its day; carried out → its effect is followed up at 00:00
 * on the chosen day (not before); or not carried out → closed as such. Pinned clock: Monday
 * 2 November 2026.
 */
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { getActionByInstance } from '../../src/domain/actions/index.js';
import { engineSetups, useProcessEngine } from '../support/engines.js';
import { advanceTo, waitingAt } from '../support/factories.js';
import { settled, waitFor } from '../support/waits.js';

const ACTION = (title: string) => ({ action: { title, ownerRole: 'mas', dueDate: '2026-11-30' }, caseNumber: 'AV-2026-0042', unitId: 'vobo-linden' });

describe.each(engineSetups())('åtgärd on $name', (setup) => {
  const clock = new ControlledClock(new Date('2026-11-02T10:00:00+01:00'));
  const ctx = useProcessEngine(setup, clock);
  const { openTask, complete } = ctx;
  const ended = (key: string) =>
    waitFor('the instance to complete', async () =>
      (await ctx.engine.getProcessInstance(key).catch(() => undefined))?.state === 'COMPLETED' ? true : undefined,
    );

  it('not carried out: closed as not implemented, without a follow-up', async () => {
    const { key } = await ctx.engine.startInstance('atgard', ACTION('Byt läkemedelsskåp'));
    const task = await complete(key, 'Task_Implement', { outcome: 'ej-genomford', whatWasDone: 'Leverantören kan inte leverera i år.' });
    expect(task.candidateGroups).toEqual(['mas']);
    await ended(key);
    expect(await getActionByInstance(ctx.t.db, key)).toMatchObject({ status: 'not-implemented', effect: undefined, sourceCaseNumber: 'AV-2026-0042' });
    expect((await ctx.engine.listElementInstances(key)).map((e) => e.elementId)).not.toContain('Task_FollowUpEffect');
  });

  it('carried out: the effect is followed up on the chosen day, not before, and the action closes with the result', async () => {
    const { key } = await ctx.engine.startInstance('atgard', ACTION('Dubbelsignering av narkotikaklassade läkemedel'));
    const task = await openTask(key, 'Task_Implement');
    expect(task).toMatchObject({ candidateGroups: ['mas'], formId: 'atgard-implement' });
    expect(task.dueDate?.toISOString()).toBe(new Date('2026-11-30T23:59:59+01:00').toISOString());
    const registered = await getActionByInstance(ctx.t.db, key);
    expect(registered).toMatchObject({
      title: 'Dubbelsignering av narkotikaklassade läkemedel',
      ownerRole: 'mas',
      dueOn: '2026-11-30',
      status: 'open',
      unitId: 'vobo-linden',
    });
    expect(registered!.caseNumber).toMatch(/^AT-2026-\d{4}$/);
    expect((await ctx.engine.getVariables(key)).actionNumber).toBe(registered!.caseNumber);

    await ctx.engine.completeUserTask(task.key, { outcome: 'genomford', whatWasDone: 'Införd på alla avdelningar.', effectFollowUpDate: '2027-02-01' });
    await waitingAt(ctx.engine, key, 'Timer_Effect');
    expect(await getActionByInstance(ctx.t.db, key)).toMatchObject({ status: 'implemented', effectFollowUpOn: '2027-02-01' });
    // Sunday 31 January 23:00: still waiting
    await advanceTo(ctx.engine, '2027-01-31T23:00:00+01:00');
    await settled(ctx.engine);
    expect((await ctx.engine.listUserTasks({ processInstanceKey: key, state: 'CREATED' })).map((x) => x.elementId)).toEqual([]);
    // Monday 1 February 00:00: the follow-up task is there
    await ctx.engine.advanceClock(2 * 3600_000);
    await complete(key, 'Task_FollowUpEffect', { effective: 'delvis', effectComment: 'Två av tre avdelningar följer rutinen.' });
    await ended(key);
    expect(await getActionByInstance(ctx.t.db, key)).toMatchObject({ status: 'closed', effect: 'delvis' });
  });
});
