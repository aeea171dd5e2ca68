/**
 * Call trees kept in memory between commands (src/engine/embedded/treeCache.ts): what is kept
 * after a commit equals what a load from the database reads, value for value and key order
 * for key order; and on PostgreSQL, a change made through another pool (another process) is
 * never missed — the kept tree is used only at the revision the root row has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../../src/clock.js';
import { createEmbeddedEngine } from '../../../src/engine/embedded/index.js';
import { TreeState } from '../../../src/engine/embedded/state.js';
import { treeCacheOf } from '../../../src/engine/embedded/treeCache.js';
import { complete, type ProcessEngine } from '../../../src/engine/port.js';
import { chain, end, model, script, service, start, user, xor } from '../../conformance/bpmn.js';
import { createTestDb, databaseKinds, type TestDb } from '../../support/databases.js';
import { waitingAt } from '../../support/factories.js';

const T0 = new Date('2026-03-02T08:00:00Z');

// A worker's result with values JSON and jsonb change: key order, integer-like keys, -0, a Date, undefined.
const tricky = () => ({
  obj: { zz: 1, b: { y: [{ dd: 1, c: 2 }], a: 'x' }, 10: 'ten', 2: 'two', å: 1, a: 0 },
  neg: -0,
  when: new Date('2026-03-02T09:00:00Z'),
  gone: undefined,
  list: [3, { q: null, p: [] }],
});

const kept = model(
  'cache-kept',
  [start('s'), service('work', 'cache-tricky'), script('entries', '=get entries(obj)', 'entries'), user('wait'), end('e')],
  chain('s', 'work', 'entries', 'wait', 'e'),
);

const choice = model(
  'cache-choice',
  [start('s'), user('decide'), xor('gw'), end('one'), end('two')],
  [
    ['s', 'decide'],
    ['decide', 'gw'],
    ['gw', 'one', '=x = 1'],
    ['gw', 'two', '=x = 2'],
  ],
);

/** The tree as the database has it now, loaded the way a command without a kept tree loads it. */
async function loaded(t: TestDb, rootKey: string): Promise<TreeState> {
  return t.db.transaction(async (tx) => {
    const s = new TreeState(tx, rootKey);
    await s.load();
    return s;
  });
}

for (const kind of databaseKinds()) {
  describe(`kept call trees on ${kind}`, () => {
    let t: TestDb;
    let engine: ProcessEngine;
    const clock = new ControlledClock(T0);
    beforeAll(async () => {
      t = await createTestDb(kind);
      engine = createEmbeddedEngine({ db: t.db, clock, pollMs: 10 });
      engine.registerWorker({ jobType: 'cache-tricky', handler: async () => complete(tricky()) });
      await engine.start();
      await engine.deploy([
        { name: 'kept.bpmn', content: kept },
        { name: 'choice.bpmn', content: choice },
      ]);
    });
    afterAll(async () => {
      await engine?.stop();
      await t?.destroy();
    });

    it('keeps after each commit exactly what a load reads: instances, active elements, variables in jsonb key order', async () => {
      const { key } = await engine.startInstance('cache-kept', { start: { b: 2, a: 1 } });
      await waitingAt(engine, key, 'wait');
      const cache = treeCacheOf(t.db);
      const mine = cache.take(key, undefined);
      expect(mine).toBeDefined();
      cache.keep(key, mine!);
      const db = await loaded(t, key);
      expect([...mine!.instances]).toEqual([...db.instances]);
      expect([...mine!.elements]).toEqual([...db.elements]);
      const vars = (m: Map<string, Map<string, unknown>>) => [...m].map(([k, v]) => [k, [...v].map(([n, x]) => [n, JSON.stringify(x)])]).sort();
      expect(vars(mine!.variables)).toEqual(vars(db.variables));
      // The script saw the kept values in the database's order, and so will every later command.
      const entries = (await engine.getVariables(key)).entries as { key: string }[];
      expect(entries.map((e) => e.key)).toEqual(Object.keys(db.variables.get(key)!.get('obj') as object));
      expect(Object.is(mine!.variables.get(key)!.get('neg'), 0)).toBe(true);
    });

    it('forgets a tree that ended (it moved to history)', async () => {
      const { key } = await engine.startInstance('cache-choice', { x: 1 });
      const [task] = await engine.listUserTasks({ processInstanceKey: key, state: 'CREATED' });
      await engine.completeUserTask(task!.key, {});
      expect(treeCacheOf(t.db).take(key, undefined)).toBeUndefined();
      expect((await engine.listElementInstances(key)).find((e) => e.elementId === 'one')?.state).toBe('COMPLETED');
    });
  });
}

// Skipped (not absent) without a server, so that vitest finds the suite on PGlite-only runs.
describe.runIf(databaseKinds().includes('postgres'))('kept call trees with two pools on one postgres server', () => {
  let t: TestDb;
  let a: ProcessEngine;
  let b: ProcessEngine;
  const clock = new ControlledClock(T0);
  beforeAll(async () => {
    t = await createTestDb('postgres');
    a = createEmbeddedEngine({ db: t.db, clock, pollMs: 10 });
    b = createEmbeddedEngine({ db: t.reopen(), clock, pollMs: 10 });
    await a.start();
    await b.start();
    await a.deploy([{ name: 'choice.bpmn', content: choice }]);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await t?.destroy();
  });

  it('a command sees the change another process made after this one kept the tree', async () => {
    for (const [first, second, x, endId] of [
      [a, b, 2, 'two'],
      [b, a, 1, 'one'],
    ] as const) {
      const { key } = await first.startInstance('cache-choice', { x: 0 });
      await first.setVariables(key, { x: 3 - x }); // `first` keeps the tree with x = 3 - x
      await second.setVariables(key, { x }); // …and `second` changes it behind its back
      const [task] = await first.listUserTasks({ processInstanceKey: key, state: 'CREATED' });
      await first.completeUserTask(task!.key, {});
      const done = (await first.listElementInstances(key)).filter((e) => e.elementType === 'endEvent').map((e) => e.elementId);
      expect(done).toEqual([endId]);
    }
  });
});
