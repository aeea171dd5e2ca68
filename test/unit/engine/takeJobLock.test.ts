/**
 * A job completion takes its job row in the statement that locks the tree (commands.ts
 * lockRoot with TakeJob). The job row must not be locked before the tree is: a command that
 * holds the tree and cancels the job meanwhile (as closeWaits does when a boundary event
 * interrupts the task) then neither deadlocks with the completion nor loses to it — the
 * completion, once it has the lock, finds the job cancelled and is refused. PostgreSQL only
 * (PGlite has one connection: commands cannot overlap there).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/waits.js';
import { ControlledClock } from '../../../src/clock.js';
import { createEmbeddedEngine } from '../../../src/engine/embedded/index.js';
import { complete, type ProcessEngine } from '../../../src/engine/port.js';
import { chain, end, model, service, start } from '../../conformance/bpmn.js';
import { createTestDb, databaseKinds, type TestDb } from '../../support/databases.js';

const flow = model('take-lock', [start('s'), service('work', 'take-lock-work'), end('e')], chain('s', 'work', 'e'));

const kind = 'postgres' as const;
describe.runIf(databaseKinds().includes(kind))('a completion taking its job with the tree lock', () => {
  let t: TestDb;
  let engine: ProcessEngine;
  let release!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const handlerReached = new Promise<void>((r) => (reached = r));
  beforeAll(async () => {
    t = await createTestDb(kind);
    engine = createEmbeddedEngine({ db: t.db, clock: new ControlledClock(new Date('2026-03-02T08:00:00Z')), pollMs: 20 });
    engine.registerWorker({
      jobType: 'take-lock-work',
      handler: async () => {
        reached();
        await gate;
        return complete({ done: true });
      },
    });
    await engine.start();
    await engine.deploy([{ name: 'take-lock.bpmn', content: flow }]);
  });
  afterAll(async () => {
    await engine?.stop();
    await t?.destroy();
  });

  it('waits for a command holding the tree, which cancels the job without a deadlock; the completion is then refused', async () => {
    // given an instance whose job's handler is running
    const { key } = await engine.startInstance('take-lock', {});
    await handlerReached;
    const other = t.reopen();
    try {
      await other.transaction(async (tx) => {
        // and another command holding the tree's root row
        await tx.raw('select key from engine_instance where key = ? for update', [key]);
        // when the handler completes, its completion waits for the tree lock
        release();
        await waitFor(
          'the completion to wait for the tree lock',
          async () => {
            const r = await other.raw(
              "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%with lock as materialized%' and datname = current_database()",
            );
            return (r.rows[0] as { n: number }).n > 0 ? true : undefined;
          },
          30_000,
        );
        // and the command holding the tree cancels the job (the completion has not locked its row: no deadlock)
        const n = await tx('engine_job').where({ root_key: key, state: 'ACTIVATED' }).update({ state: 'CANCELED', activation: null });
        expect(n).toBe(1);
      });
      // then the completion, once it has the lock, finds the job cancelled and is refused
      await engine.advanceClock(0); // settles: every handler has finished and its outcome was applied or refused
      expect(await t.db('engine_event_log').where({ instance_key: key, kind: 'job.completed' }).first()).toBeUndefined();
      expect((await t.db('engine_job').where({ root_key: key }).first('state'))?.state).toBe('CANCELED');
      expect((await t.db('engine_instance').where({ key }).first('state'))?.state).toBe('ACTIVE');
    } finally {
      await other.destroy();
    }
  });
});
