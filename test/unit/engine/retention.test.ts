/**
 * Retention (gallring, src/domain/retention): ended trees are deleted from history when every
 * instance in them is past its process's rule, the run is audited with counts, and the daily
 * schedule runs once a day whatever asks. Driven by the clock, not by waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../../src/clock.js';
import { RetentionService } from '../../../src/domain/retention/index.js';
import { createEmbeddedEngine } from '../../../src/engine/embedded/index.js';
import { complete, type ProcessEngine } from '../../../src/engine/port.js';
import { createTestDb, databaseKinds, type TestDb } from '../../support/databases.js';
import { call, chain, end, model, service, start } from '../../conformance/bpmn.js';

const child = model('ret-child', [start('s'), service('w', 'r-child'), end('e')], chain('s', 'w', 'e'));
const parent = model('ret-parent', [start('s'), call('c', 'ret-child'), end('e')], chain('s', 'c', 'e'));
const DAY = 86_400_000;

describe.each(databaseKinds())('retention on %s', (kind) => {
  let t: TestDb;
  let engine: ProcessEngine;
  let retention: RetentionService;
  const clock = new ControlledClock(new Date('2027-01-10T08:00:00Z'));
  const admin = { id: 1, username: 'admin', displayName: 'Admin', roles: [{ role: 'admin', nodeId: 'root' }] } as never;
  beforeAll(async () => {
    t = await createTestDb(kind);
    engine = createEmbeddedEngine({ db: t.db, clock, pollMs: 20 });
    engine.registerWorker({ jobType: 'r-child', handler: async () => complete({ done: true }) });
    await engine.deploy([
      { name: 'ret-child.bpmn', content: child },
      { name: 'ret-parent.bpmn', content: parent },
    ]);
    await engine.start();
    retention = new RetentionService(t.db, engine.readModel);
  });
  afterAll(async () => {
    await engine?.stop();
    await t?.destroy();
  });

  it('keeps a tree while any instance in it is within its rule, then deletes it and audits the counts', async () => {
    // given a completed tree: the parent's rule keeps 1 month, the child's process has no rule yet
    await retention.setRule(admin, clock.now(), 'ret-parent', { keepMonths: 1, legalBasis: 'Test: en månad', decidedBy: 'SN 2027-01-01 § 1' });
    const { key } = await engine.startInstance('ret-parent', {});
    await engine.advanceClock(0);
    expect((await engine.getProcessInstance(key)).state).toBe('COMPLETED');
    // when two months pass: the child has no rule, so the tree is kept
    expect((await retention.run(new Date(clock.now().getTime() + 60 * DAY))).trees).toEqual({});
    expect((await engine.getProcessInstance(key)).state).toBe('COMPLETED');
    // when the child's process gets a 6-month rule, the tree is kept until both have passed
    await retention.setRule(admin, clock.now(), 'ret-child', { keepMonths: 6, legalBasis: 'Test: sex månader', decidedBy: null });
    expect((await retention.run(new Date(clock.now().getTime() + 60 * DAY))).trees).toEqual({});
    const counts = await retention.run(new Date(clock.now().getTime() + 200 * DAY));
    // then the whole tree is gone from history, event log included, and the run says how much
    expect(counts.trees).toEqual({ 'ret-parent': 1 });
    expect(counts.tables.engine_instance_hist).toBe(2);
    expect(counts.tables.engine_event_log_hist).toBeGreaterThan(0);
    for (const table of ['engine_instance_hist', 'engine_element_hist', 'engine_variable_hist', 'engine_event_log_hist']) {
      expect(await t.db(table).where({ root_key: key }), table).toEqual([]);
    }
    await expect(engine.getProcessInstance(key)).rejects.toThrow(/not found/);
    const audit = await t.db('audit_log').where({ action: 'cull', subject_type: 'retention-run' }).orderBy('id', 'desc').first();
    expect(audit?.actor).toBe('system');
    expect(audit?.detail).toEqual(counts);
    expect(await t.db('audit_log').where({ action: 'update', subject_type: 'retention-rule', subject_key: 'ret-parent' }).first()).toBeDefined();
  });

  it('runs by itself once a day, whichever process asks', async () => {
    // given the last run was just now (after the runs of the test before)
    const now = new Date(clock.now().getTime() + 300 * DAY);
    await retention.runIfDue(now);
    // when asked again an hour later, then a day later
    const early = await retention.runIfDue(new Date(now.getTime() + 3_600_000));
    const later = await retention.runIfDue(new Date(now.getTime() + DAY));
    // then only the one a day later ran
    expect(early).toBeUndefined();
    expect(later).toBeDefined();
  });

  it('refuses a rule from someone who is not admin, and a rule without basis', async () => {
    const staff = { id: 2, username: 'staff', displayName: 'Staff', roles: [{ role: 'medarbetare', nodeId: 'root' }] } as never;
    await expect(retention.setRule(staff, clock.now(), 'ret-parent', { keepMonths: 1, legalBasis: 'x', decidedBy: null })).rejects.toThrow(/admin/);
    await expect(retention.setRule(admin, clock.now(), 'ret-parent', { keepMonths: 1, legalBasis: ' ', decidedBy: null })).rejects.toThrow(/grund/);
    // and the seeded defaults keep the bundled processes long, waiting for the organisation's decision
    const rules = await retention.rules();
    expect(rules.find((r) => r.processId === 'lex-sarah')).toMatchObject({ keepMonths: 120, decidedBy: null });
  });
});
