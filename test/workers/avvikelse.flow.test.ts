/**
 * Avvikelsehantering end to end on each engine (DOMAIN.md §5.3, Tyresö's three levels): the
 * real model, forms and workers, a pinned clock (Tuesday 16 June 2026).
 */
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { getDeviationByInstance } from '../../src/domain/deviations/index.js';
import { engineSetups, useProcessEngine } from '../support/engines.js';
import { advanceTo, waitingAt } from '../support/factories.js';
import { settled, waitFor } from '../support/waits.js';
import { caseRows, type CaseRowOf } from '../../src/domain/caseCore.js';

const REPORT = {
  unitId: 'hemtjanst-solrosen',
  area: 'sol',
  category: 'utebliven-insats',
  occurredAt: '2026-06-16T07:30:00+02:00',
  description: 'Morgonbesöket blev inte av.',
  immediateActionsTaken: 'Ringde in extrapersonal.',
};

describe.each(engineSetups())('avvikelsehantering on $name', (setup) => {
  const clock = new ControlledClock(new Date('2026-06-16T10:00:00+02:00'));
  const ctx = useProcessEngine(setup, clock);
  const { openTask, complete } = ctx;
  const assess = (severity: string, probability = '3', consequence = '4') => ({
    immediateMeasures: 'Extrapersonal.',
    severity,
    probability,
    consequence,
    analysis: 'Schemat saknade en rad.',
  });

  it('level 1 in socialtjänst: a linked lex Sarah case, actions through atgard, closed when they are', async () => {
    const { key } = await ctx.engine.startInstance('avvikelse', REPORT);
    const first = await openTask(key, 'Task_Assess');
    expect(first.candidateGroups).toEqual(['enhetschef']);
    await ctx.engine.completeUserTask(first.key, assess('1'));
    const deviation = await waitFor('the assessment on the record', async () => {
      const d = await getDeviationByInstance(ctx.t.db, key);
      return d?.route ? d : undefined;
    });
    expect(deviation).toMatchObject({ caseNumber: 'AV-2026-0001', severity: 1, riskScore: 12, route: 'lex-sarah' });
    const lexSarah = await waitFor('the linked lex Sarah case', async () =>
      caseRows(ctx.t.db, 'lex-sarah').where({ source_case_number: 'AV-2026-0001' }).first(),
    );
    expect(lexSarah.unit_id).toBe('hemtjanst-solrosen');

    await complete(key, 'Task_Actions', {
      actions: [
        { title: 'Dubbelkontroll av schemat', ownerRole: 'enhetschef', dueDate: '2026-06-26' },
        { title: 'Rutin för vikarier', ownerRole: 'verksamhetschef', dueDate: '2026-08-31' },
      ],
    });
    // each action runs as its own case (atgard), owned by its role at the unit; the avvikelse waits for them
    const actions = await waitFor('the two actions', async () => {
      const rows = await caseRows(ctx.t.db, 'action').where({ source_case_number: 'AV-2026-0001' }).orderBy('due_on');
      return rows.length === 2 ? rows : undefined;
    });
    expect(actions.map((a: CaseRowOf<'action'>) => [a.owner_role, a.unit_id])).toEqual([
      ['enhetschef', 'hemtjanst-solrosen'],
      ['verksamhetschef', 'hemtjanst-solrosen'],
    ]);
    expect(await waitFor('the last due date', async () => (await getDeviationByInstance(ctx.t.db, key))?.actionsDueOn)).toBe('2026-08-31');
    await complete(actions[0].process_instance_key, 'Task_Implement', { outcome: 'genomford', whatWasDone: 'Införd.', effectFollowUpDate: '2026-07-01' });
    await complete(actions[1].process_instance_key, 'Task_Implement', { outcome: 'ej-genomford', whatWasDone: 'Ersätts av en ny bemanningsrutin.' });
    await waitingAt(ctx.engine, actions[0].process_instance_key, 'Timer_Effect');
    await settled(ctx.engine);
    expect((await getDeviationByInstance(ctx.t.db, key))?.status).toBe('open');
    await advanceTo(ctx.engine, '2026-07-01T00:30:00+02:00');
    await complete(actions[0].process_instance_key, 'Task_FollowUpEffect', { effective: 'ja', effectComment: 'Inga fler missade besök.' });
    const closed = await waitFor('closed', async () => {
      const d = await getDeviationByInstance(ctx.t.db, key);
      return d?.status === 'closed' ? d : undefined;
    });
    // one action was not carried out: the actions as a whole were not effective
    expect(closed.actionsEffective).toBe(false);
  });

  it('level 2 in hälso- och sjukvård goes to the MAS (lex Maria), not to lex Sarah', async () => {
    const { key } = await ctx.engine.startInstance('avvikelse', { ...REPORT, area: 'hsl', category: 'lakemedel' });
    await complete(key, 'Task_Assess', assess('2', '2', '3'));
    const mas = await openTask(key, 'Task_MasReview');
    expect(mas.candidateGroups).toEqual(['mas']);
    const d = await getDeviationByInstance(ctx.t.db, key);
    expect(d).toMatchObject({ route: 'mas', riskScore: 6 });
    expect(await caseRows(ctx.t.db, 'lex-sarah').where({ source_case_number: d!.caseNumber }).first()).toBeUndefined();
    await ctx.engine.completeUserTask(mas.key, { lexMaria: 'nej', masComment: 'Ingen allvarlig vårdskada.' });
    await openTask(key, 'Task_Actions');
    expect((await ctx.engine.listElementInstances(key)).map((e) => e.elementId)).not.toContain('Task_ReportLexMaria');
    expect(await caseRows(ctx.t.db, 'lex-maria').where({ source_case_number: d!.caseNumber }).first()).toBeUndefined();
  });

  it('level 1 in hälso- och sjukvård that the MAS calls lex Maria starts a linked lex Maria case, then the unit’s actions', async () => {
    const { key } = await ctx.engine.startInstance('avvikelse', { ...REPORT, unitId: 'vobo-linden', area: 'hsl', category: 'lakemedel' });
    await complete(key, 'Task_Assess', assess('1', '2', '4'));
    await complete(key, 'Task_MasReview', { lexMaria: 'ja', masComment: 'Kunde ha medfört en allvarlig vårdskada.' });
    await openTask(key, 'Task_Actions');
    const d = await getDeviationByInstance(ctx.t.db, key);
    const lexMaria = await waitFor('the linked lex Maria case', async () =>
      caseRows(ctx.t.db, 'lex-maria').where({ source_case_number: d!.caseNumber }).first(),
    );
    expect(lexMaria).toMatchObject({ unit_id: 'vobo-linden', source_process_instance_key: key, status: 'open' });
    expect(lexMaria.case_number).toMatch(/^LM-2026-\d{4}$/);
  });

  it('level 3 goes straight to the unit’s actions', async () => {
    const { key } = await ctx.engine.startInstance('avvikelse', { ...REPORT, area: 'lss', category: 'dokumentation' });
    await complete(key, 'Task_Assess', assess('3', '1', '1'));
    await openTask(key, 'Task_Actions');
    expect(await getDeviationByInstance(ctx.t.db, key)).toMatchObject({ route: 'none', riskScore: 1, severity: 3 });
    const visited = (await ctx.engine.listElementInstances(key)).map((e) => e.elementId);
    expect(visited).not.toContain('Task_MasReview');
    expect(visited).not.toContain('Task_ReportLexSarah');
  });
});
