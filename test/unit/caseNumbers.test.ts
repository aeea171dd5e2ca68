/**
 * The numbering service (src/domain/caseNumbers.ts) and opening a case in the case core
 * (src/domain/caseCore.ts): numbers per series and Stockholm year, never shared by concurrent
 * takers (on a PostgreSQL server: real concurrent transactions), and the core row's columns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseRow, getCaseRecord, openCase, updateCase, casesFrom } from '../../src/domain/caseCore.js';
import { formatCaseNumber, nextCaseNumber, stockholmYear } from '../../src/domain/caseNumbers.js';
import { createTestDb, databaseKinds, type TestDb } from '../support/databases.js';

describe('Stockholm year and the number format', () => {
  it('takes the year in Stockholm, not in UTC', () => {
    expect(stockholmYear(new Date('2026-12-31T22:59:59Z'))).toBe(2026);
    expect(stockholmYear(new Date('2026-12-31T23:00:00Z'))).toBe(2027);
  });

  it('pads to four digits and grows past them', () => {
    expect(formatCaseNumber('LS', 2026, 42)).toBe('LS-2026-0042');
    expect(formatCaseNumber('AV', 2026, 12345)).toBe('AV-2026-12345');
  });
});

describe.each(databaseKinds())('case numbers on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => {
    await t.destroy();
  });

  it('numbers per series and per year, each from 1', async () => {
    const take = (series: string, at: string) => t.db.transaction((tx) => nextCaseNumber(tx, series, new Date(at)).then((n) => n.caseNumber));
    expect(await take('XA', '2026-03-01T08:00:00Z')).toBe('XA-2026-0001');
    expect(await take('XA', '2026-03-01T09:00:00Z')).toBe('XA-2026-0002');
    expect(await take('XB', '2026-03-01T09:00:00Z')).toBe('XB-2026-0001');
    // 23:30 UTC on New Year's Eve is the new year in Stockholm: that year's first number
    expect(await take('XA', '2026-12-31T23:30:00Z')).toBe('XA-2027-0001');
    expect(await take('XA', '2026-12-31T12:00:00Z')).toBe('XA-2026-0003');
  });

  it('hands a number out again only after a rollback', async () => {
    const at = new Date('2026-05-01T08:00:00Z');
    await expect(
      t.db.transaction(async (tx) => {
        await nextCaseNumber(tx, 'XC', at);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await t.db.transaction((tx) => nextCaseNumber(tx, 'XC', at))).caseNumber).toBe('XC-2026-0001');
  });

  it('never gives two concurrent takers the same number', async () => {
    // on PostgreSQL these are 40 transactions on a pool of 10 connections, each holding its
    // counter row until commit; PGlite has one connection and runs them one after another
    const at = new Date('2026-06-01T08:00:00Z');
    const takers = Array.from({ length: 40 }, () =>
      t.db.transaction(async (tx) => {
        const n = await nextCaseNumber(tx, 'XD', at);
        if (kind === 'postgres') await tx.raw('select pg_sleep(0.005)'); // hold the row a moment: the others queue on it
        return n.sequence;
      }),
    );
    const got = await Promise.all(takers);
    expect(new Set(got).size).toBe(40);
    expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('never gives two concurrent openers the same case number, across two pools', async () => {
    if (kind !== 'postgres') return; // two pools need a server
    const other = t.reopen();
    const at = new Date('2026-07-01T08:00:00Z');
    const open = (db: typeof other, i: number) =>
      db.transaction((tx) =>
        openCase(
          tx,
          'deviation',
          { processInstanceKey: `c-${i}`, unitId: 'u1', openedAt: at },
          {
            area: 'sol',
            category: 'insats',
            occurred_at: at,
          },
        ),
      );
    const rows = await Promise.all(Array.from({ length: 30 }, (_, i) => open(i % 2 ? other : t.db, i)));
    const numbers = rows.map((r) => r.case_number);
    expect(new Set(numbers).size).toBe(30);
    expect(numbers.every((n) => /^AV-2026-\d{4}$/.test(n))).toBe(true);
  });

  it('opens a case: core row with the kind’s series, status and confidentiality, the reporter from the start, the detail beside it', async () => {
    const at = new Date('2026-08-03T07:00:00Z');
    await t.db('process_instance_ref').insert({ key: 'k-ls', process_id: 'lex-sarah', unit_id: 'u1', started_by: 3, started_at: at });
    const row = await t.db.transaction((tx) =>
      openCase(tx, 'lex-sarah', { processInstanceKey: 'k-ls', unitId: 'u1', openedAt: at, sourceCaseNumber: 'AV-2026-0001' }, { updated_at: at }),
    );
    expect(row).toMatchObject({
      case_number: 'LS-2026-0001',
      status: 'open',
      unit_id: 'u1',
      source_case_number: 'AV-2026-0001',
      confidentiality: 'sekretess',
      reported_by: 3,
    });
    expect(new Date(row.reported_at).toISOString()).toBe(at.toISOString());
    const plan = await t.db.transaction((tx) => openCase(tx, 'control-plan', { processInstanceKey: 'k-ik', unitId: 'u0', openedAt: at }, { plan_year: 2027 }));
    expect(plan).toMatchObject({ case_number: 'IK-2026-0001', status: 'draft', confidentiality: 'normal', reported_by: null, plan_year: 2027 });
    // the core, whatever the kind
    expect(await getCaseRecord(t.db, 'LS-2026-0001')).toMatchObject({
      type: 'lex-sarah',
      year: 2026,
      sequence: 1,
      processInstanceKey: 'k-ls',
      reportedBy: 3,
      closedAt: undefined,
    });
    expect((await casesFrom(t.db, 'AV-2026-0001')).map((c) => c.caseNumber)).toEqual(['LS-2026-0001']);
  });

  it('changes core and detail columns together, and refuses a state the kind does not have', async () => {
    const at = new Date('2026-09-01T07:00:00Z');
    await t.db.transaction((tx) => openCase(tx, 'lex-sarah', { processInstanceKey: 'k-ls2', unitId: 'u1', openedAt: at }, { updated_at: at }));
    const closed = await updateCase(t.db, 'lex-sarah', { processInstanceKey: 'k-ls2' }, { status: 'closed', closed_at: at, assessment: 'allvarligt' });
    expect(closed).toMatchObject({ status: 'closed', assessment: 'allvarligt' });
    expect(await updateCase(t.db, 'lex-sarah', { processInstanceKey: 'no-such' }, { status: 'closed' })).toBeUndefined();
    // a lex Sarah case has no 'adopted' state: nothing changes, neither the core nor the detail
    await expect(updateCase(t.db, 'lex-sarah', { processInstanceKey: 'k-ls2' }, { status: 'adopted', assessment: 'missforhallande' })).rejects.toThrow(
      /case_status_check/,
    );
    expect(await findCaseRow(t.db, 'lex-sarah', { processInstanceKey: 'k-ls2' })).toMatchObject({ status: 'closed', assessment: 'allvarligt' });
  });
});
