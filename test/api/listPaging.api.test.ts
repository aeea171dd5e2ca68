/**
 * The inbox and the instance list with more rows than they count (issue 12 point 4;
 * src/domain/paging.ts): a page says whether more follow, the total is exact up to 100 rows
 * past the page and "more than" beyond, and the pages read along the indexes (the runtime and
 * history sides merged, monitoring driven by the active element instances) hold exactly the
 * rows, in the order, of the plain query over the views. The rows are seeded as
 * bench/seedHistory.ts seeds the history bench (open avvikelse tasks, ended trees in history),
 * next to instances the engine ran.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { analyze, seedCompleted, seedOpenTasks } from '../../bench/seedHistory.js';
import { apiSetups, useApi } from '../support/api.js';
import { demoUser } from '../support/factories.js';

const REPORT = {
  unitId: 'hemtjanst-solrosen',
  area: 'sol',
  category: 'utebliven-insats',
  occurredAt: '2027-03-01T07:30:00+01:00',
  description: 'Morgonbesöket blev inte av.',
  immediateActionsTaken: 'Ringde in extrapersonal.',
};
interface Listed {
  key: string;
  waitingSince?: string | null;
  startedAt: string;
  state: string;
}
interface Page {
  items: Listed[];
  total: number;
  totalExact: boolean;
  hasMore: boolean;
  page: number;
  pageSize: number;
}

describe.each(apiSetups().filter((s) => s.name.startsWith('embedded')))('paged lists with history on $name', (setup) => {
  const clock = new ControlledClock(new Date('2027-03-01T09:00:00+01:00'));
  const ctx = useApi(setup, clock);
  const get = async (user: string, path: string, query: Record<string, unknown>) =>
    (await (await ctx.as(user)).get(path).query(query).expect(200)).body as Page;
  /** Every page of a list, in order, checking each page's total and next-page flag. */
  const walk = async (user: string, path: string, query: Record<string, unknown>) => {
    const keys: string[] = [];
    for (let page = 1; ; page++) {
      const p = await get(user, path, { ...query, page, pageSize: 25 });
      const rest = p.totalExact ? p.total - (page - 1) * 25 : undefined;
      if (rest !== undefined) expect(p.hasMore).toBe(rest > 25);
      else expect(p.total).toBe((page - 1) * 25 + 100); // counted 100 rows past the page's start
      keys.push(...p.items.map((i) => i.key));
      if (!p.hasMore) return { keys, last: p };
    }
  };

  beforeAll(async () => {
    // a few instances the engine ran: two of them cancelled (so moved to history)
    const { engine } = ctx.services;
    const db = ctx.t.db;
    const ran = [];
    for (let i = 0; i < 3; i++) ran.push((await engine.startInstance('avvikelse', REPORT)).key);
    for (const key of ran.slice(1)) await engine.cancelInstance(key);
    await seedOpenTasks(db, clock.now(), 1200);
    await seedCompleted(db, clock.now(), 300);
    // one seeded instance waits at Task_Assess twice (as a multi-instance would): listed once, since the earlier
    await db('engine_element').insert({
      key: '3000000000009',
      instance_key: '3000000000000',
      root_key: '3000000000000',
      element_id: 'Task_Assess',
      element_type: 'userTask',
      scope_key: '3000000000000',
      state: 'ACTIVE',
      seq: '3000000000009',
      started_at: new Date('2026-01-01T00:00:00Z'),
    });
    await analyze(db);
  });

  it('pages the inbox to its end: more than 100 at first, exact at the end, the order of the plain query', async () => {
    const { keys, last } = await walk('enhetschef', '/api/v1/tasks', { sort: 'due' });
    const chef = await demoUser(ctx.services, 'enhetschef');
    expect(last.totalExact).toBe(true);
    expect(last.total).toBe(keys.length);
    expect(keys.length).toBe((await ctx.services.tasks.counts(chef)).open);
    expect(keys.length).toBeGreaterThan(125);
    const first = await get('enhetschef', '/api/v1/tasks', { page: 1, pageSize: 25 });
    expect(first).toMatchObject({ total: 100, totalExact: false, hasMore: true });
    // the same rows in the same order as sorting all of them (due first, nulls last, priority, key)
    const all = await ctx.t
      .db('user_task')
      .whereIn('key', keys)
      .whereIn('state', ['open', 'completing'])
      .orderByRaw('due_date asc nulls last, priority desc, key desc')
      .pluck('key');
    expect(keys).toEqual(all);
  });

  it('pages all instances newest first across runtime and history, as the view sorted would', async () => {
    // the socialchef reads every avvikelse below the förvaltning (admin reads no case: issue 15 point 6)
    const { keys } = await walk('socialchef', '/api/v1/process-instances', {});
    const all = await ctx.t
      .db('engine_instance_all')
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'key', order: 'desc' },
      ])
      .pluck('key');
    expect(keys).toEqual(all.map(String));
    // ended ones only: the history side and any ended child still in the runtime tables
    const ended = await get('socialchef', '/api/v1/process-instances', { state: 'completed', page: 3, pageSize: 25 });
    const endedAll = await ctx.t
      .db('engine_instance_all')
      .whereIn('state', ['COMPLETED', 'TERMINATED'])
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'key', order: 'desc' },
      ])
      .offset(50)
      .limit(25)
      .pluck('key');
    expect(ended.items.map((i) => i.key)).toEqual(endedAll.map(String));
    expect(ended).toMatchObject({ total: 150, totalExact: false, hasMore: true });
  });

  it('lists instances waiting at a step longest-waiting first, each once, for whoever may read them', async () => {
    const { keys } = await walk('kvalitetsledare', '/api/v1/process-instances', { processId: 'avvikelse', elementId: 'Task_Assess', state: 'active' });
    const waiting = await ctx.t
      .db('engine_element as e')
      .join('engine_instance as i', 'i.key', 'e.instance_key')
      .where({ 'e.element_id': 'Task_Assess', 'e.state': 'ACTIVE', 'i.process_id': 'avvikelse', 'i.state': 'ACTIVE' })
      .groupBy('i.key')
      .select('i.key', ctx.t.db.raw('min(e.started_at) as since'))
      .orderBy([
        { column: 'since', order: 'asc' },
        { column: 'i.key', order: 'asc' },
      ]);
    expect(keys).toEqual(waiting.map((w: Record<string, unknown>) => String(w.key)));
    const first = await get('kvalitetsledare', '/api/v1/process-instances', {
      processId: 'avvikelse',
      elementId: 'Task_Assess',
      state: 'active',
      page: 1,
      pageSize: 25,
    });
    expect(first.items[0]).toMatchObject({ key: '3000000000000', waitingSince: '2026-01-01T00:00:00.000Z' });
    // the enhetschef of one unit sees only that unit's
    const chef = await walk('enhetschef', '/api/v1/process-instances', { processId: 'avvikelse', elementId: 'Task_Assess', state: 'active' });
    expect(chef.keys.length).toBeGreaterThan(0);
    expect(chef.keys.length).toBeLessThan(keys.length);
  });
});
