/**
 * The races the review found on a real PostgreSQL, each shown with two connection pools in
 * one test process (two "app processes" on one database): a non-interrupting cycle timer and
 * a timer start event fire once per interval, and a message published while its subscription
 * opens is not lost — across two engines and within one engine on a pool. PostgreSQL only:
 * PGlite has one connection and hides them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../../src/clock.js';
import type { Db } from '../../../src/db/index.js';
import { createEmbeddedEngine } from '../../../src/engine/embedded/index.js';
import { complete, type ProcessEngine } from '../../../src/engine/port.js';
import { boundary, catchEvent, chain, end, message, messageDef, model, service, start, timerCycle, user } from '../../conformance/bpmn.js';
import { createTestDb, databaseKinds, type TestDb } from '../../support/databases.js';
import { waitUntil } from '../../support/waits.js';

const T0 = new Date('2026-03-02T08:00:00Z');
const MINUTE = 60_000;

const cycle = model(
  'race-cycle',
  [start('s'), user('wait'), end('e'), boundary('tick', 'wait', timerCycle('R/PT1M'), false), service('work', 'race-tick'), end('e2')],
  [...chain('s', 'wait', 'e'), ...chain('tick', 'work', 'e2')],
);
const timerStart = model('race-tstart', [start('s', timerCycle('R3/PT1M')), end('e')], chain('s', 'e'));
const msg = model('race-msg', [start('s'), catchEvent('wait', messageDef('m')), end('e')], chain('s', 'wait', 'e'), message('m', 'race-go', '=corr'));

/** Waits until `check` answers true (rows written by another process or connection). */
const until = (check: () => Promise<boolean>, ms = 30_000) => waitUntil('the condition', check, ms);

async function engines(dbs: Db[], clock: ControlledClock): Promise<ProcessEngine[]> {
  const out = dbs.map((db) => createEmbeddedEngine({ db, clock, pollMs: 10 }));
  for (const e of out) {
    e.registerWorker({ jobType: 'race-tick', handler: async () => complete() });
    await e.start();
  }
  await out[0]!.deploy([
    { name: 'cycle.bpmn', content: cycle },
    { name: 'msg.bpmn', content: msg },
  ]);
  return out;
}

/** Moves the shared clock once and lets both engines process what is due, at the same time. */
async function tickBoth(clock: ControlledClock, es: ProcessEngine[], ms: number): Promise<void> {
  clock.advance(ms);
  await Promise.all(es.map((e) => e.advanceClock(0)));
}

// Skipped (not absent) without a server, so that vitest finds the suite on PGlite-only runs.
const kind = 'postgres' as const;
describe.runIf(databaseKinds().includes(kind))('races on one postgres server with two pools', () => {
  let t: TestDb;
  let es: ProcessEngine[];
  const clock = new ControlledClock(T0);
  beforeAll(async () => {
    t = await createTestDb(kind);
    es = await engines([t.db, t.reopen()], clock);
  });
  afterAll(async () => {
    for (const e of es ?? []) await e.stop();
    await t?.destroy();
  });

  it('fires a non-interrupting cycle timer once per interval when two engines see it due', async () => {
    // given 20 instances waiting at a task with a one-minute cycle, half started on each engine
    const keys = await Promise.all(Array.from({ length: 20 }, (_, i) => es[i % 2]!.startInstance('race-cycle', {}).then((r) => r.key)));
    // when three minutes pass, one at a time, both engines firing what is due
    for (let i = 0; i < 3; i++) await tickBoth(clock, es, MINUTE);
    // then each timer fired exactly three times: no interval twice
    const fired = await t
      .db('engine_event_log as l')
      .join('engine_timer as t', 't.key', 'l.subject_key')
      .where('l.kind', 'timer.fired')
      .whereIn('t.root_key', keys)
      .groupBy('t.key')
      .select('t.key')
      .count({ n: '*' });
    expect(fired.map((r) => Number(r.n))).toEqual(keys.map(() => 3));
  });

  it('starts one instance per interval of a timer start event seen due by two engines', async () => {
    // given a timer start event R3/PT1M deployed
    await es[1]!.deploy([{ name: 'tstart.bpmn', content: timerStart }]);
    // when four minutes pass
    for (let i = 0; i < 4; i++) await tickBoth(clock, es, MINUTE);
    // then it started three instances, at three different minutes
    // (they ended at once: history holds them)
    const started = await t.db('engine_instance_all').where({ process_id: 'race-tstart' }).select('started_at');
    expect(started).toHaveLength(3);
    expect(new Set(started.map((r) => new Date(r.started_at).getTime())).size).toBe(3);
  });

  it.each([
    ['across two engines', 1],
    ['within one engine on a pool', 0],
  ])('correlates every message published while its subscription opens (%s)', async (_, other) => {
    // given 100 instances started while their message is published at the same moment
    const run = `${Date.now().toString(36)}-${other}`;
    const keys: string[] = [];
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, async (_x, j) => {
          const corr = `${run}-${batch}-${j}`;
          const [s] = await Promise.all([
            es[0]!.startInstance('race-msg', { corr }),
            new Promise((r) => setTimeout(r, j % 4)).then(() =>
              es[other]!.publishMessage({ name: 'race-go', correlationKey: corr, timeToLiveMs: 10 * MINUTE }),
            ),
          ]);
          keys.push(s.key);
        }),
      );
    }
    // then every instance got its message exactly once
    await until(
      async () => Number((await t.db('engine_instance_all').whereIn('key', keys).where({ state: 'ACTIVE' }).count({ n: '*' }))[0]!.n) === 0,
      10_000,
    ).catch(() => undefined);
    const waiting = await t.db('engine_instance_all').whereIn('key', keys).where({ state: 'ACTIVE' }).count({ n: '*' });
    expect(Number(waiting[0]!.n)).toBe(0);
    const twice = await t
      .db('engine_event_log_all')
      .where({ kind: 'message.correlated' })
      .whereIn('instance_key', keys)
      .groupBy('instance_key')
      .havingRaw('count(*) > 1')
      .select('instance_key');
    expect(twice).toHaveLength(0);
  });
});
