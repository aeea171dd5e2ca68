/**
 * Riskanalys end to end on each engine (DOMAIN.md §5.5): the real model, forms and workers, a
 * pinned clock (Tuesday 6 October 2026). Scores and colours come from the configured matrix,
 * red risks go to the internkontrollplan, and a yearly VoR starts from last year's open gaps.
 */
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { adoptControlPlan, recordControlResult, registerControlPlan, resolveControlDeviation } from '../../src/domain/internalControl/index.js';
import { configureMatrix, DEFAULT_MATRIX, getRiskAnalysisByInstance } from '../../src/domain/risk/index.js';
import { engineSetups, useProcessEngine } from '../support/engines.js';
import { waitFor } from '../support/waits.js';
import { advanceTo } from '../support/factories.js';
import { caseRows } from '../../src/domain/caseCore.js';

const risk = (description: string, probability: number | null, consequence: number | null, extra: Record<string, unknown> = {}) => ({
  description,
  probability,
  consequence,
  causes: 'Orsak.',
  ...extra,
});
const DECISION = { priorities: 'Den röda risken först.', actions: [{ title: 'Introduktion för vikarier', ownerRole: 'enhetschef', dueDate: '2026-11-30' }] };

describe.each(engineSetups())('riskanalys on $name', (setup) => {
  const clock = new ControlledClock(new Date('2026-10-06T10:00:00+02:00'));
  const ctx = useProcessEngine(setup, clock);
  const { openTask, complete } = ctx;
  const analysisOf = (key: string) => getRiskAnalysisByInstance(ctx.t.db, key);
  const closed = (key: string) => waitFor('closed', async () => ((await analysisOf(key))?.status === 'closed' ? true : undefined));

  it('scores risks by the 4×4 matrix, sends a level outside it back, flags red risks for internal control and closes after the decision', async () => {
    const { key } = await ctx.engine.startInstance('riskanalys', { unitId: 'hemtjanst-solrosen', occasion: 'planned-change', subject: 'Nytt digitalt larm' });
    const identify = await openTask(key, 'Task_Identify');
    expect(identify.candidateGroups).toEqual(['enhetschef']);
    expect(await ctx.engine.getVariables(key)).toMatchObject({ caseNumber: 'RA-2026-0001', matrixSize: 4, carriedOverCount: 0, risks: [] });

    // a 5 does not fit a 4×4 matrix: the risks come back to be assessed again, nothing is stored
    await ctx.engine.completeUserTask(identify.key, { risks: [risk('Larmet når inte personalen', 3, 4), risk('Fel i mobilen', 5, 1)] });
    const again = await waitFor('the identification again', async () =>
      (await ctx.engine.listUserTasks({ processInstanceKey: key, state: 'CREATED' })).find((x) => x.elementId === 'Task_Identify' && x.key !== identify.key),
    );
    expect((await analysisOf(key))?.risks).toEqual([]);
    expect((await ctx.engine.getVariables(key)).risksFit).toBe(false);

    await ctx.engine.completeUserTask(again.key, {
      risks: [risk('Larmet når inte personalen', 3, 4), risk('Batteriet tar slut', 1, 2), risk('Ovana vid appen', 2, 3)],
    });
    const decide = await openTask(key, 'Task_Decide');
    expect(decide.candidateGroups).toEqual(['verksamhetschef']);
    expect(await ctx.engine.getVariables(key)).toMatchObject({ risksFit: true, riskCount: 3, redCount: 1 });
    const a = await analysisOf(key);
    expect(a).toMatchObject({ caseNumber: 'RA-2026-0001', status: 'assessed', occasion: 'planned-change' });
    expect(a!.risks.map((r) => [r.score, r.colour, r.forInternalControl, r.status])).toEqual([
      [12, 'red', true, 'open'],
      [2, 'green', false, 'accepted'],
      [6, 'yellow', false, 'open'],
    ]);

    // the action becomes its own case (atgard) at the unit; the analysis closes when it is closed
    await ctx.engine.completeUserTask(decide.key, DECISION);
    const [action] = await waitFor('the action', async () => {
      const rows = await caseRows(ctx.t.db, 'action').where({ source_case_number: 'RA-2026-0001' });
      return rows.length === 1 ? rows : undefined;
    });
    expect([action.owner_role, action.unit_id, action.title]).toEqual(['enhetschef', 'hemtjanst-solrosen', 'Introduktion för vikarier']);
    expect((await analysisOf(key))?.status).toBe('decided');
    await complete(action.process_instance_key, 'Task_Implement', { outcome: 'ej-genomford', whatWasDone: 'Ersätts av en ny rutin.' });
    await closed(key);
  });

  it('closes at once when the plan has no actions', async () => {
    const { key } = await ctx.engine.startInstance('riskanalys', { unitId: 'vobo-linden', occasion: 'planned-change', subject: 'Ny städrutin' });
    await complete(key, 'Task_Identify', { risks: [risk('Halkrisk', 1, 2)] });
    await complete(key, 'Task_Decide', { priorities: 'Risken är acceptabel.' });
    await closed(key);
    expect((await analysisOf(key))!.risks.map((r) => [r.colour, r.status])).toEqual([['green', 'accepted']]);
  });

  it('uses the matrix in force: a 5×5 matrix takes level 5 and colours by its own thresholds', async () => {
    await configureMatrix(ctx.t.db, { size: 5, greenMax: 4, yellowMax: 12 });
    try {
      const { key } = await ctx.engine.startInstance('riskanalys', { unitId: 'vobo-linden', occasion: 'planned-change', subject: 'Ny bemanning natt' });
      await complete(key, 'Task_Identify', { risks: [risk('Ensam nattpersonal', 5, 5), risk('Sen överrapportering', 3, 4), risk('Nyckelhantering', 2, 2)] });
      await openTask(key, 'Task_Decide');
      expect((await analysisOf(key))!.risks.map((r) => [r.score, r.colour, r.forInternalControl])).toEqual([
        [25, 'red', true],
        [12, 'yellow', false],
        [4, 'green', false],
      ]);
    } finally {
      await configureMatrix(ctx.t.db, DEFAULT_MATRIX);
    }
  });

  it('starts next year’s VoR from the unit’s open risks and unresolved control deviations, once', async () => {
    // given last year's internal control at the unit: one deviation open, one resolved, one ok
    const plan = await registerControlPlan(ctx.t.db, {
      processInstanceKey: `seed-${setup.name}`,
      planYear: 2026,
      unitId: 'socialforvaltningen',
      registeredAt: clock.now(),
    });
    const { occurrences } = await adoptControlPlan(ctx.t.db, `seed-${setup.name}`, {
      adoptedBy: 'Socialnämnden',
      adoptedOn: '2026-01-20',
      decisionParagraph: '§ 4',
      points: [
        {
          what: 'Genomförandeplaner är aktuella',
          how: 'Stickprov',
          frequency: 'tertial',
          documentation: 'Protokoll',
          role: 'enhetschef',
          unitId: 'hemtjanst-solrosen',
        },
      ],
    });
    await recordControlResult(ctx.t.db, occurrences[0]!.resultId, { result: 'deviation', comment: 'Tre planer saknas.', at: clock.now() });
    await recordControlResult(ctx.t.db, occurrences[1]!.resultId, { result: 'deviation', comment: 'Rättat.', at: clock.now() });
    await resolveControlDeviation(ctx.t.db, occurrences[1]!.resultId, clock.now());
    await recordControlResult(ctx.t.db, occurrences[2]!.resultId, { result: 'ok', at: clock.now() });
    expect(plan.caseNumber).toMatch(/^IK-2026-/);

    // when a yearly VoR is made for the unit in 2027
    await advanceTo(ctx.engine, '2027-10-05T10:00:00+02:00');
    const { key } = await ctx.engine.startInstance('riskanalys', { unitId: 'hemtjanst-solrosen', occasion: 'yearly-vor', subject: 'VoR inför 2028' });
    await openTask(key, 'Task_Identify');
    const vars = await ctx.engine.getVariables(key);
    const last = await ctx.t
      .db('risk as r')
      .join('risk_analysis as a', 'a.id', 'r.analysis_id')
      .join('case as c', 'c.id', 'a.case_id')
      .where({ 'c.unit_id': 'hemtjanst-solrosen', 'c.year': 2026 })
      .orderBy('r.id')
      .select('r.id', 'r.status');
    const openIds = last.filter((r: { status: string }) => r.status === 'open').map((r: { id: number }) => `risk:${r.id}`);
    // then the open (red and yellow) risks of 2026 and the one unresolved deviation are carried over; the accepted green one is not
    expect(vars.caseNumber).toMatch(/^RA-2027-\d{4}$/);
    expect(vars.carriedOverCount).toBe(3);
    const carried = vars.risks as { description: string; probability: number | null; carriedOverFrom: string }[];
    expect(carried.map((r) => r.carriedOverFrom)).toEqual([...openIds, `kontroll:${occurrences[0]!.resultId}`]);
    expect(carried[2]).toMatchObject({ probability: null, causes: 'Tre planer saknas.' });
    expect(carried[2]!.description).toContain('2026-T1');

    await complete(key, 'Task_Identify', { risks: [carried[0], carried[1], { ...carried[2], probability: 3, consequence: 3 }, risk('Ny risk', 1, 1)] });
    await openTask(key, 'Task_Decide');
    const vor = await analysisOf(key);
    expect(vor!.risks.map((r) => [r.carriedOverFrom !== null, r.carriedOverFromResult, r.colour])).toEqual([
      [true, null, 'red'],
      [true, null, 'yellow'],
      [false, occurrences[0]!.resultId, 'red'],
      [false, null, 'green'],
    ]);
    const old = await ctx.t
      .db('risk')
      .whereIn(
        'id',
        last.map((r: { id: number }) => r.id),
      )
      .orderBy('id')
      .pluck('status');
    expect(old).toEqual(['carried-over', 'accepted', 'carried-over']);

    // a second VoR for the unit finds nothing left to carry over; a planned change never carries over
    const second = await ctx.engine.startInstance('riskanalys', { unitId: 'hemtjanst-solrosen', occasion: 'yearly-vor', subject: 'VoR, komplettering' });
    await openTask(second.key, 'Task_Identify');
    expect(await ctx.engine.getVariables(second.key)).toMatchObject({ carriedOverCount: 0, risks: [] });
  });
});
