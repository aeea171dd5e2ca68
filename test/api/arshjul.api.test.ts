/**
 * The årshjul through the HTTP API with the demo users and the default duties: the
 * kvalitetsledare starts 2027 with the start form; on Monday 1 February 2027 at 07:00 the
 * verksamhetschef (Äldreomsorg) finds the month's delegationskontroll in the inbox and
 * completes it; nobody else sees it.
 */
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { ensureDefaultAnnualDuties, listDuties, occurrencesOfYear, saveDuty } from '../../src/domain/annualCycle/index.js';
import { apiSetups, until, useApi, type InboxTask } from '../support/api.js';

describe.each(apiSetups())('årshjul through the HTTP API on $name', (setup) => {
  // Sunday 31 January 2027, 20:00 in Stockholm (sessions last 12 hours: Monday morning is within them).
  const clock = new ControlledClock(new Date('2027-01-31T20:00:00+01:00'));
  const ctx = useApi(setup, clock);
  const { as } = ctx;
  const inbox = async (username: string) =>
    (await (await as(username)).get('/api/v1/tasks').query({ pageSize: 200 }).expect(200)).body.items as (InboxTask & { processId: string })[];

  it('is started once a year by the kvalitetsledare; the task reaches the right role at the right node on its day', async () => {
    const kl = await as('kvalitetsledare');
    const form = await kl.get('/api/v1/process-definitions/arshjul/form').expect(200);
    expect(form.body.components.map((c: { key?: string }) => c.key)).toContain('year');
    const bad = await kl
      .post('/api/v1/process-instances')
      .send({ processId: 'arshjul', variables: { year: 1999 } })
      .expect(400);
    expect(JSON.stringify(bad.body.errors)).toContain('variables.year');
    const started = await kl
      .post('/api/v1/process-instances')
      .send({ processId: 'arshjul', variables: { year: 2027 } })
      .expect(201);

    const occurrences = await until(async () => {
      const o = await occurrencesOfYear(ctx.t.db, 2027);
      return o.length ? o : undefined;
    });
    expect(occurrences).toHaveLength(68);
    expect(occurrences.every((o) => o.processInstanceKey === started.body.key)).toBe(true);
    const february = occurrences.find((o) => o.dutyId === 'delegationskontroll' && o.period === 2)!;
    expect(february).toMatchObject({ status: 'planned', role: 'verksamhetschef', unitId: 'aldreomsorg', dueAt: new Date('2027-02-01T07:00:00+01:00') });
    // January's has passed its deadline (19 January): skipped, not a task
    expect(occurrences.find((o) => o.dutyId === 'delegationskontroll' && o.period === 1)!.status).toBe('skipped');

    // the yearly report, due 11 January with its deadline 15 February, is already the socialchef's
    // (Camunda 8.6 with a pinned clock fires timers already due only when the clock moves: a second
    // on at each look, until the occurrences' timers exist and have fired)
    const report = await until(async () => {
      await ctx.services.engine.advanceClock(1000);
      return (await inbox('socialchef')).find((t) => t.processId === 'arshjul-uppgift');
    });
    expect(report).toMatchObject({ name: 'Årshjulsuppgift', unitId: 'socialforvaltningen', candidateGroups: ['socialchef'] });
    // … but nothing is the verksamhetschef's before Monday
    expect((await inbox('verksamhetschef')).filter((t) => t.processId === 'arshjul-uppgift')).toEqual([]);

    const engine = ctx.services.engine;
    await engine.advanceClock(new Date('2027-02-01T07:00:30+01:00').getTime() - (await engine.now()).getTime());
    const task = await until(async () => (await inbox('verksamhetschef')).find((t) => t.caseNumber === february.caseNumber));
    expect(task).toMatchObject({
      name: 'Årshjulsuppgift',
      processId: 'arshjul-uppgift',
      unitId: 'aldreomsorg',
      unitName: 'Äldreomsorg',
      candidateGroups: ['verksamhetschef'],
      dueDate: new Date('2027-02-15T23:59:59+01:00').toISOString(),
    });
    for (const other of ['enhetschef', 'medarbetare', 'mas']) {
      expect((await inbox(other)).some((t) => t.key === task.key)).toBe(false);
    }
    await (await as('enhetschef')).get(`/api/v1/tasks/${task.key}`).expect(403);

    const vc = await as('verksamhetschef');
    const taskForm = await vc.get(`/api/v1/tasks/${task.key}/form`).expect(200);
    expect(taskForm.body.schema.id).toBe('arshjul-task');
    expect(taskForm.body.data).toMatchObject({
      title: 'Delegationskontroll – februari 2027',
      caseNumber: february.caseNumber,
      deadlineAt: '2027-02-15T23:59:59+01:00',
    });
    await vc
      .post(`/api/v1/tasks/${task.key}/completion`)
      .send({ variables: { whatWasDone: 'Kontrollerade.' } })
      .expect(400);
    // brister need at least one action
    const noActions = await vc
      .post(`/api/v1/tasks/${task.key}/completion`)
      .send({ variables: { whatWasDone: 'Kontrollerade.', result: 'brister' } })
      .expect(400);
    expect(noActions.body.errors.map((e: { field: string }) => e.field)).toEqual(['variables.actions']);
    await vc
      .post(`/api/v1/tasks/${task.key}/completion`)
      .send({ variables: { whatWasDone: 'Alla januaribeslut kontrollerade.', result: 'ok' } })
      .expect(204);
    const done = await until(async () => {
      const o = (await occurrencesOfYear(ctx.t.db, 2027)).find((x) => x.id === february.id);
      return o?.status === 'done' ? o : undefined;
    });
    expect(done).toMatchObject({ outcome: 'ok', doneSummary: 'Alla januaribeslut kontrollerade.', taskInstanceKey: task.processInstanceKey });
    expect((await inbox('verksamhetschef')).some((t) => t.key === task.key)).toBe(false);

    // a second start for the same year ends at once
    const again = await kl
      .post('/api/v1/process-instances')
      .send({ processId: 'arshjul', variables: { year: 2027 } })
      .expect(201);
    const inst = await until(async () => {
      const r = await kl.get(`/api/v1/process-instances/${again.body.key}`);
      return r.body.state === 'COMPLETED' ? r.body : undefined;
    });
    expect(inst.variables).toMatchObject({ yearTaken: true });
    expect(await occurrencesOfYear(ctx.t.db, 2027)).toHaveLength(68);
  });

  it('seeds the default duties with the demo organisation, once, and keeps an organisation’s edits', async () => {
    const seeded = await listDuties(ctx.t.db);
    expect(seeded).toHaveLength(14);
    await saveDuty(ctx.t.db, { ...seeded.find((d) => d.id === 'kvalitetsrad')!, dayOfMonth: 20, active: false });
    await ensureDefaultAnnualDuties(ctx.t.db);
    const again = await listDuties(ctx.t.db);
    expect(again).toHaveLength(14);
    expect(again.find((d) => d.id === 'kvalitetsrad')).toMatchObject({ dayOfMonth: 20, active: false });
  });
});
