import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCaseByInstance, listCaseNotifications } from '../../src/domain/lexSarah/index.js';
import type { JobOutcome } from '../../src/engine/port.js';
import { JobTypes } from '../../workers/jobTypes.js';
import { allWorkers } from '../../workers/index.js';
import { toRegistration, type WorkerDeps } from '../../workers/registry.js';
import { createTestDb, databaseKinds, type TestDb } from '../support/databases.js';
import { makeDeps, makeJob } from './support.js';

function run(deps: WorkerDeps, type: string, instanceKey: string, variables: Record<string, unknown>): Promise<JobOutcome> {
  const worker = allWorkers.find((w) => w.jobType === type);
  if (!worker) throw new Error(`no worker for ${type}`);
  return toRegistration(worker, deps).handler(makeJob(type, instanceKey, variables));
}

function vars(outcome: JobOutcome): Record<string, unknown> {
  if (outcome.outcome !== 'complete') throw new Error(`expected complete, got ${JSON.stringify(outcome)}`);
  return outcome.variables ?? {};
}

describe.each(databaseKinds())('lex Sarah workers on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => {
    await t.destroy();
  });

  it('registers cases with per-year case numbers, once per process instance', async () => {
    // given a report in 2026 and two in 2027
    const deps = makeDeps(t.db, '2026-12-30T10:00:00+01:00');
    const a = vars(await run(deps, JobTypes.lexSarahRegisterCase, '100', { unitId: 'unit-1' }));
    deps.clock.set(new Date('2027-01-04T10:00:00+01:00'));
    const b = vars(await run(deps, JobTypes.lexSarahRegisterCase, '101', { unitId: 'unit-2' }));
    const c = vars(await run(deps, JobTypes.lexSarahRegisterCase, '102', { unitId: 'unit-2' }));
    // when the job of the second is delivered again
    const again = vars(await run(deps, JobTypes.lexSarahRegisterCase, '101', { unitId: 'unit-2' }));
    // then each year counts from 1 and the repeat keeps its number
    expect([a.caseNumber, b.caseNumber, c.caseNumber]).toEqual(['LS-2026-0001', 'LS-2027-0001', 'LS-2027-0002']);
    expect(again.caseNumber).toBe('LS-2027-0001');
    const row = await getCaseByInstance(t.db, '101');
    expect(row).toMatchObject({ caseNumber: 'LS-2027-0001', unitId: 'unit-2', status: 'open', year: 2027, sequence: 1 });
    expect(row?.reportedAt.toISOString()).toBe('2027-01-04T09:00:00.000Z');
  });

  it('gives concurrent reports distinct numbers', async () => {
    const deps = makeDeps(t.db, '2028-03-01T10:00:00+01:00');
    const keys = ['200', '201', '202', '203', '204'];
    const outcomes = await Promise.all(keys.map((k) => run(deps, JobTypes.lexSarahRegisterCase, k, { unitId: 'u' })));
    const numbers = outcomes.map((o) => vars(o).caseNumber).sort();
    expect(numbers).toEqual(['LS-2028-0001', 'LS-2028-0002', 'LS-2028-0003', 'LS-2028-0004', 'LS-2028-0005']);
  });

  it('numbers by the Stockholm year: 23:30 UTC on 31 December is already next year', async () => {
    const deps = makeDeps(t.db, '2029-12-31T23:30:00Z');
    const out = vars(await run(deps, JobTypes.lexSarahRegisterCase, '250', { unitId: 'u' }));
    expect(out.caseNumber).toBe('LS-2030-0001');
  });

  it('fails the job without retries when unitId is missing, naming only the field', async () => {
    const deps = makeDeps(t.db, '2027-03-25T09:00:00+01:00');
    const outcome = await run(deps, JobTypes.lexSarahRegisterCase, '300', { description: 'känsligt innehåll' });
    expect(outcome).toEqual({ outcome: 'fail', errorMessage: `invalid input for ${JobTypes.lexSarahRegisterCase}: unitId`, retries: 0 });
    expect(await getCaseByInstance(t.db, '300')).toBeUndefined();
  });

  it('computes the IVO due date (2 arbetsdagar over påsk) and the 6-month follow-up for allvarligt', async () => {
    // given a case decided on the Thursday before långfredag 2027
    const deps = makeDeps(t.db, '2027-03-25T14:00:00+01:00');
    await run(deps, JobTypes.lexSarahRegisterCase, '400', { unitId: 'unit-1' });
    // when the decision deadlines are computed
    const out = vars(await run(deps, JobTypes.lexSarahDecisionDeadlines, '400', { assessment: 'allvarligt' }));
    // then IVO is due on Wednesday after annandag påsk, and follow-up on Monday 27 Sep (25 Sep is a Saturday)
    expect(out).toEqual({
      decidedAt: '2027-03-25T13:00:00.000Z',
      ivoReportDueDate: '2027-03-31T23:59:59+02:00',
      followUpAt: '2027-09-27T00:00:00+02:00',
    });
    const row = await getCaseByInstance(t.db, '400');
    expect(row?.assessment).toBe('allvarligt');
    expect(row?.ivoReportDueAt?.toISOString()).toBe('2027-03-31T21:59:59.000Z');
    expect(row?.followUpAt?.toISOString()).toBe('2027-09-26T22:00:00.000Z');
  });

  it('uses the configured IVO target and sets no IVO date when not allvarligt', async () => {
    const deps = makeDeps(t.db, '2027-03-25T14:00:00+01:00', 5);
    await run(deps, JobTypes.lexSarahRegisterCase, '401', { unitId: 'unit-1' });
    const severe = vars(await run(deps, JobTypes.lexSarahDecisionDeadlines, '401', { assessment: 'allvarligt' }));
    expect(severe.ivoReportDueDate).toBe('2027-04-05T23:59:59+02:00');
    await run(deps, JobTypes.lexSarahRegisterCase, '402', { unitId: 'unit-1' });
    const mild = vars(await run(deps, JobTypes.lexSarahDecisionDeadlines, '402', { assessment: 'missforhallande' }));
    expect(mild).toEqual({ decidedAt: '2027-03-25T13:00:00.000Z', followUpAt: '2027-09-27T00:00:00+02:00' });
    expect((await getCaseByInstance(t.db, '402'))?.ivoReportDueAt).toBeUndefined();
    const bad = await run(deps, JobTypes.lexSarahDecisionDeadlines, '402', { assessment: 'kanske' });
    expect(bad).toMatchObject({ outcome: 'fail', retries: 0 });
  });

  it('computes the 2-month deadline for the investigation when it was not attached to the IVO report', async () => {
    const deps = makeDeps(t.db, '2027-03-30T10:00:00+02:00');
    await run(deps, JobTypes.lexSarahRegisterCase, '500', { unitId: 'unit-1' });
    // 30 May 2027 is a Sunday: the deadline moves to Monday 31 May
    const notAttached = vars(await run(deps, JobTypes.lexSarahIvoReported, '500', { ivoReportedAt: '2027-03-30' }));
    expect(notAttached).toEqual({ investigationAttached: false, investigationToIvoDueDate: '2027-05-31T23:59:59+02:00' });
    const row = await getCaseByInstance(t.db, '500');
    expect(row).toMatchObject({ ivoReportedOn: '2027-03-30', investigationAttached: false });
    expect(row?.investigationDueAt?.toISOString()).toBe('2027-05-31T21:59:59.000Z');
    // when it was attached, no deadline
    const attached = vars(await run(deps, JobTypes.lexSarahIvoReported, '500', { ivoReportedAt: '2027-03-30', investigationAttached: true }));
    expect(attached).toEqual({ investigationAttached: true });
    expect((await getCaseByInstance(t.db, '500'))?.investigationDueAt).toBeUndefined();
  });

  it('records one committee notification per case and closes the case once', async () => {
    const deps = makeDeps(t.db, '2027-04-01T10:00:00+02:00');
    await run(deps, JobTypes.lexSarahRegisterCase, '600', { unitId: 'unit-7' });
    const first = vars(await run(deps, JobTypes.lexSarahNotifyCommittee, '600', {}));
    deps.clock.advance(60_000);
    await run(deps, JobTypes.lexSarahNotifyCommittee, '600', {});
    const row = await getCaseByInstance(t.db, '600');
    const notes = await listCaseNotifications(t.db, row!.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'ivo-report', recipientRole: 'namndsekreterare', unitId: 'unit-7' });
    expect(first.committeeNotifiedAt).toBe('2027-04-01T08:00:00.000Z');

    const closed = vars(await run(deps, JobTypes.lexSarahCloseCase, '600', {}));
    deps.clock.advance(60_000);
    const closedAgain = vars(await run(deps, JobTypes.lexSarahCloseCase, '600', {}));
    expect(closedAgain.closedAt).toBe(closed.closedAt);
    expect((await getCaseByInstance(t.db, '600'))?.status).toBe('closed');
  });

  it('throws (retry, then incident) when the case does not exist', async () => {
    const deps = makeDeps(t.db, '2027-04-01T10:00:00+02:00');
    await expect(run(deps, JobTypes.lexSarahCloseCase, '999', {})).rejects.toThrow(/no lex Sarah case/);
  });
});
