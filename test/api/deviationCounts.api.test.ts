/**
 * Deviations back to the process over HTTP (issue 14 point 5): an avvikelse and a synpunkt name
 * the process and activity where it happened (optional; an unknown one → 422, nothing starts);
 * the case keeps it; the process page's counts per activity over a period, at the units the
 * asker may see; the public e-service names only a huvudprocess. Pinned clock: Thursday
 * 3 December 2026, 10:00 in Stockholm.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { findCaseRow } from '../../src/domain/caseCore.js';
import { until, useApi } from '../support/api.js';
import { databaseKinds } from '../support/databases.js';

const REPORT = {
  unitId: 'hemtjanst-solrosen',
  area: 'sol',
  category: 'fall',
  occurredAt: '2026-12-03T08:00+01:00',
  description: 'En brukare föll i badrummet.',
};
const SYNPUNKT = {
  kind: 'klagomal',
  channel: 'telefon',
  senderType: 'anhorig',
  unitId: 'hemtjanst-solrosen',
  description: 'Hemtjänsten kom inte.',
  anonymous: false,
};
const PERIOD = { from: '2026-12-01', to: '2026-12-31' };

describe.each(databaseKinds())('deviations back to the process on %s', (kind) => {
  const clock = new ControlledClock(new Date('2026-12-03T10:00:00+01:00'));
  const ctx = useApi({ name: `embedded/${kind}`, kind, env: {} }, clock);
  const { as } = ctx;
  const start = async (processId: string, variables: Record<string, unknown>, status = 201) =>
    (await as('medarbetare')).post('/api/v1/process-instances').send({ processId, variables }).expect(status);
  /** Starts a report and waits for its registered case. */
  const reported = async (processId: 'avvikelse' | 'synpunkt', variables: Record<string, unknown>) => {
    const key = (await start(processId, variables)).body.key as string;
    return until(() => findCaseRow(ctx.t.db, processId === 'avvikelse' ? 'deviation' : 'feedback', { processInstanceKey: key }));
  };
  const counts = async (username: string, processId: string, period: Record<string, string> = PERIOD) =>
    (await (await as(username)).get(`/api/v1/processes/${processId}/deviation-counts`).query(period).expect(200)).body as {
      elementId: string | null;
      deviations: number;
      feedback: number;
    }[];

  it('stores where an avvikelse and a synpunkt happened with the case, and counts them per activity', async () => {
    // the activities the reporter picks from are the map's
    const activities = (await (await as('medarbetare')).get('/api/v1/process-definitions/lex-sarah/activities').expect(200)).body as { elementId: string }[];
    expect(activities.map((a) => a.elementId)).toContain('Task_ImmediateMeasures');
    const d = await reported('avvikelse', { ...REPORT, concernsProcessId: 'lex-sarah', concernsElementId: 'Task_ImmediateMeasures' });
    expect(d).toMatchObject({ concerns_process_id: 'lex-sarah', concerns_element_id: 'Task_ImmediateMeasures' });
    await reported('avvikelse', { ...REPORT, concernsProcessId: 'lex-sarah', concernsElementId: 'Task_ImmediateMeasures' });
    // the process alone, no activity
    await reported('avvikelse', { ...REPORT, concernsProcessId: 'lex-sarah' });
    const s = await reported('synpunkt', { ...SYNPUNKT, concernsProcessId: 'lex-sarah', concernsElementId: 'Task_ImmediateMeasures' });
    expect(s).toMatchObject({ concerns_process_id: 'lex-sarah', concerns_element_id: 'Task_ImmediateMeasures' });
    // without a place: stored without one, counted nowhere
    const none = await reported('avvikelse', REPORT);
    expect(none).toMatchObject({ concerns_process_id: null, concerns_element_id: null });

    const chef = await counts('enhetschef', 'lex-sarah');
    expect(chef).toEqual([
      { elementId: 'Task_ImmediateMeasures', deviations: 2, feedback: 1 },
      { elementId: null, deviations: 1, feedback: 0 },
    ]);
    // above the unit and admin see the same; a role at another unit counts none of Solrosen's
    expect(await counts('verksamhetschef', 'lex-sarah')).toEqual(chef);
    expect(await counts('admin', 'lex-sarah')).toEqual(chef);
    expect(await counts('handlaggare', 'lex-sarah')).toEqual([]);
    // the period: the day before is empty, the day itself counts (both ends included)
    expect(await counts('enhetschef', 'lex-sarah', { from: '2026-12-01', to: '2026-12-02' })).toEqual([]);
    expect(await counts('enhetschef', 'lex-sarah', { from: '2026-12-03', to: '2026-12-03' })).toEqual(chef);
    // figures only: no case number, unit or text in the answer
    expect(JSON.stringify(chef)).not.toMatch(/AV-|SY-|solrosen|föll/);
  });

  it('refuses an unknown process or activity with 422 and starts nothing', async () => {
    const before = (await ctx.services.engine.listProcessInstances({ processId: 'avvikelse' })).length;
    const unknownProcess = await start('avvikelse', { ...REPORT, concernsProcessId: 'ingen-sadan-process' }, 422);
    expect(unknownProcess.body).toMatchObject({ type: '/api/v1/problems/reference-unknown', errors: [{ field: 'variables.concernsProcessId' }] });
    const unknownActivity = await start('avvikelse', { ...REPORT, concernsProcessId: 'lex-sarah', concernsElementId: 'Task_Finns_Inte' }, 422);
    expect(unknownActivity.body.errors).toEqual([{ field: 'variables.concernsElementId', message: 'okänd aktivitet' }]);
    // an element that is not an activity (a gateway, an event) is not a place on the map either
    await start('synpunkt', { ...SYNPUNKT, concernsProcessId: 'avvikelse', concernsElementId: 'Gateway_Route' }, 422);
    // wrong shapes are bad input: an activity without its process, a number
    await start('avvikelse', { ...REPORT, concernsElementId: 'Task_ImmediateMeasures' }, 400);
    await start('avvikelse', { ...REPORT, concernsProcessId: 42 }, 400);
    // a process whose reports take no place refuses the fields as unknown
    await start('lex-sarah', { concernsProcessId: 'avvikelse' }, 400);
    expect((await ctx.services.engine.listProcessInstances({ processId: 'avvikelse' })).length).toBe(before);
  });

  it('checks the period', async () => {
    const chef = await as('enhetschef');
    await chef.get('/api/v1/processes/lex-sarah/deviation-counts').query({ from: '2026-12-31', to: '2026-12-01' }).expect(400);
    await chef.get('/api/v1/processes/lex-sarah/deviation-counts').query({ from: 'igår' }).expect(400);
    await request(ctx.app).get('/api/v1/processes/lex-sarah/deviation-counts').query(PERIOD).expect(401);
  });

  it('lets the public name a huvudprocess, by name only, and nothing else', async () => {
    const offered = (await request(ctx.app).get('/api/v1/public/processes').expect(200)).body as { label: string; value: string }[];
    expect(offered.map((p) => p.value)).toContain('huvudprocess');
    // no support or management process, no activities
    expect(offered.map((p) => p.value)).not.toContain('lex-sarah');
    expect(Object.keys(offered[0]!).sort()).toEqual(['label', 'value']);
    const form = { kind: 'synpunkt', senderType: 'brukare', unitId: 'hemtjanst-solrosen', description: 'Bra bemötande men lång väntan.', anonymous: true };
    await request(ctx.app)
      .post('/api/v1/public/synpunkter')
      .send({ ...form, concernsProcessId: 'lex-sarah' })
      .expect(422);
    await request(ctx.app)
      .post('/api/v1/public/synpunkter')
      .send({ ...form, concernsElementId: 'Task_ImmediateMeasures' })
      .expect(400);
    const ok = await request(ctx.app)
      .post('/api/v1/public/synpunkter')
      .send({ ...form, concernsProcessId: 'huvudprocess' })
      .expect(202);
    const row = await until(async () => {
      const r = await ctx.t.db('feedback_item as f').join('case as c', 'c.id', 'f.case_id').where('f.receipt', ok.body.receipt).first('c.*');
      return r as { concerns_process_id: string | null; concerns_element_id: string | null } | undefined;
    });
    expect(row).toMatchObject({ concerns_process_id: 'huvudprocess', concerns_element_id: null });
  });
});
