/**
 * Migration 20261202_40 (the case core): a database migrated up to just before it, filled
 * through the old tables' shape — every kind of case, lex Sarah's own counter table, the rows
 * that point at cases (notifications, risks, control points and results) — is migrated on,
 * and every row and number must have arrived: the same count per kind, each row equal column by
 * column (its core columns now in `case`), every counter at least where it was.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import { migrations } from '../../src/db/migrations/index.js';
import { CASE_KINDS_AT_40 } from '../../src/db/migrations/20261202_40_case_core.js';
import { caseRows, CASE_KINDS, type CaseType } from '../../src/domain/caseCore.js';
import { nextCaseNumber } from '../../src/domain/caseNumbers.js';
import { databaseKinds } from '../support/databases.js';
import { migratedThrough, migrationSource } from '../support/migrations.js';

const source = migrationSource;
const BEFORE = migrations.slice(
  0,
  migrations.findIndex((m) => m.name === '20261202_40_case_core'),
);

const t = (iso: string) => new Date(iso);
const base = (caseNumber: string, key: string, unit: string | null, extra: Record<string, unknown>) => {
  const [, year, sequence] = caseNumber.split('-');
  return { case_number: caseNumber, year: Number(year), sequence: Number(sequence), process_instance_key: key, unit_id: unit, ...extra };
};

/** Rows in the shape of migrations 04–12 (as they stood before 40), per table, in id order. */
const OLD: Record<string, Record<string, unknown>[]> = {
  lex_sarah_case: [
    base('LS-2026-0001', '1001', 'hemtjanst-solrosen', { reported_at: t('2026-03-02T08:00:00Z') }),
    base('LS-2026-0002', '1002', 'hemtjanst-solrosen', {
      status: 'closed',
      reported_at: t('2026-04-01T08:00:00Z'),
      assessment: 'allvarligt',
      decided_at: t('2026-04-02T10:00:00Z'),
      ivo_report_due_at: t('2026-04-16T21:59:59Z'),
      ivo_reported_on: '2026-04-10',
      investigation_attached: false,
      closed_at: t('2026-06-01T12:00:00Z'),
    }),
    // New Year's Eve 23:30 UTC is 2027 in Stockholm
    base('LS-2027-0001', '1003', 'lss-boende-ekbacken', { reported_at: t('2026-12-31T23:30:00Z'), source_case_number: 'SY-2027-0001' }),
  ],
  feedback_item: [
    base('SY-2027-0001', '1101', 'hemtjanst-solrosen', {
      kind: 'klagomal',
      channel: 'e-tjanst',
      sender_type: 'anhorig',
      anonymous: false,
      received_at: t('2027-01-04T09:00:00Z'),
      feedback_due_at: t('2027-01-22T22:59:59Z'),
      forwarded_count: 1,
      receipt: 'K7F3-2QX9',
      is_deviation: true,
    }),
  ],
  deviation: [
    base('AV-2026-0001', '1201', 'hemtjanst-solrosen', {
      area: 'sol',
      category: 'insats',
      occurred_at: t('2026-05-01T06:00:00Z'),
      reported_at: t('2026-05-01T07:00:00Z'),
      severity: 1,
      probability: 3,
      consequence: 4,
      risk_score: 12,
      route: 'lex-sarah',
    }),
    base('AV-2026-0002', '1202', 'hsl-team', {
      area: 'hsl',
      category: 'lakemedel',
      occurred_at: t('2026-05-03T06:00:00Z'),
      reported_at: t('2026-05-03T07:00:00Z'),
      status: 'closed',
      actions_due_on: '2026-06-30',
      actions_effective: true,
      closed_at: t('2026-07-01T10:00:00Z'),
    }),
  ],
  action_item: [
    base('AT-2026-0001', '1301', null, {
      source_case_number: 'AV-2026-0001',
      title: 'Signeringslista',
      owner_role: 'enhetschef',
      due_on: '2026-06-01',
      created_at: t('2026-05-02T08:00:00Z'),
    }),
    base('AT-2026-0002', '1302', 'hsl-team', {
      source_case_number: 'AV-2026-0002',
      title: 'Dubbelkontroll',
      owner_role: 'mas',
      due_on: '2026-06-30',
      status: 'closed',
      implemented_at: t('2026-06-20T08:00:00Z'),
      effect_follow_up_on: '2026-06-29',
      effect: 'ja',
      closed_at: t('2026-06-29T08:00:00Z'),
      created_at: t('2026-05-04T08:00:00Z'),
    }),
  ],
  lex_maria_case: [
    base('LM-2026-0001', '1401', 'hsl-team', {
      source_case_number: 'AV-2026-0002',
      source_process_instance_key: '1202',
      occurred_at: t('2026-05-03T06:00:00Z'),
      reported_at: t('2026-05-04T07:00:00Z'),
      probability: 2,
      consequence: 3,
      risk_score: 6,
      serious_harm: 'risk',
      investigation_kind: 'utredning',
      report_to_ivo: false,
      patient_informed: true,
      patient_informed_on: '2026-05-05',
    }),
  ],
  risk_analysis: [
    base('RA-2026-0001', '1501', 'hemtjanst-solrosen', {
      occasion: 'yearly-vor',
      subject: 'VoR 2026',
      matrix_id: 1,
      status: 'assessed',
      registered_at: t('2026-01-10T08:00:00Z'),
      assessed_at: t('2026-01-20T08:00:00Z'),
    }),
  ],
  control_plan: [
    base('IK-2026-0001', '1601', 'forvaltning', { plan_year: 2026, status: 'adopted', adopted_by: 'SN', adopted_on: '2026-02-01', decision_paragraph: '§ 12' }),
  ],
  care_case: [
    base('AR-2026-0001', '1701', 'myndighet-aldre', {
      inflow: 'ansokan',
      law: 'sol',
      is_child: false,
      received_at: t('2026-02-01T08:00:00Z'),
      follow_up_count: 2,
      decision: 'bifall',
    }),
  ],
};

/** The counters before: lex Sarah's own table, and the shared one (a gap after AV-2026-0002; AH is not a case). */
const LS_COUNTERS = [
  { year: 2026, last_value: 2 },
  { year: 2027, last_value: 5 },
];
const COUNTERS = (
  [
    ['SY', 2027, 1],
    ['AV', 2026, 3],
    ['AT', 2026, 2],
    ['LM', 2026, 1],
    ['RA', 2026, 1],
    ['IK', 2026, 1],
    ['AR', 2026, 1],
    ['AH', 2026, 4],
  ] as const
).map(([series, year, last_value]) => ({ series, year, last_value }));

/** A table in the old shape: not the typed rows of today's tables. */
const old = (db: Db, table: string) => db(table);

async function fillOldShape(db: Db): Promise<Record<string, Record<string, unknown>[]>> {
  await old(db, 'lex_sarah_case_sequence').insert(LS_COUNTERS);
  await db('case_number_sequence').insert(COUNTERS);
  for (const [table, rows] of Object.entries(OLD)) await db(table).insert(rows);
  // rows that point at cases by the detail tables' ids
  const ls = await old(db, 'lex_sarah_case').where({ case_number: 'LS-2026-0002' }).first('id');
  await old(db, 'lex_sarah_notification').insert({
    case_id: ls.id,
    kind: 'ivo-report',
    recipient_role: 'namndsekreterare',
    unit_id: 'hemtjanst-solrosen',
    created_at: t('2026-04-10T08:00:00Z'),
  });
  const ra = await old(db, 'risk_analysis').first('id');
  await old(db, 'risk').insert({
    analysis_id: ra.id,
    position: 1,
    description: 'Fall',
    probability: 3,
    consequence: 3,
    score: 9,
    colour: 'red',
    for_internal_control: true,
  });
  const ik = await old(db, 'control_plan').first('id');
  const [point] = await old(db, 'control_point')
    .insert({
      plan_id: ik.id,
      position: 1,
      what: 'Journal',
      how: 'Stickprov',
      frequency: 'yearly',
      documentation: 'Protokoll',
      role: 'enhetschef',
      unit_id: 'hemtjanst-solrosen',
    })
    .returning('id');
  await old(db, 'control_result').insert({ point_id: point.id, period: '2026', opens_at: t('2026-11-01T00:00:00Z'), due_at: t('2026-11-30T22:59:59Z') });
  // the avvikelse AV-2026-0001 was started through the API by user 7
  await db('process_instance_ref').insert({
    key: '1201',
    process_id: 'avvikelse',
    unit_id: 'hemtjanst-solrosen',
    started_by: 7,
    started_at: t('2026-05-01T07:00:00Z'),
  });
  const before: Record<string, Record<string, unknown>[]> = {};
  for (const table of Object.keys(OLD)) before[table] = await db(table).orderBy('id');
  return before;
}

/** A database of its own, migrated up to just before the case core. */
const beforeCaseCore = (kind: string, body: (db: Db, schema: string | undefined) => Promise<void>) => migratedThrough(kind, BEFORE, body);

describe.each(databaseKinds())('the case core migration on %s', (kind) => {
  it('moves every case of every kind into `case` without losing a row or changing a number', () =>
    beforeCaseCore(kind, async (db, schema) => {
      // given a database as it stood before the case core, with cases of all eight kinds
      const before = await fillOldShape(db);
      const oldRows = Object.values(before).flat().length;

      // when it is migrated on
      await db.migrate.latest({ migrationSource: source(migrations), schemaName: schema });

      // then every case has one core row, and each kind as many as its table had
      expect(Number((await db('case').count({ n: '*' }).first())!.n)).toBe(oldRows);
      for (const k of CASE_KINDS_AT_40) {
        const type = k.type as CaseType;
        expect(CASE_KINDS[type].detail).toBe(k.table);
        const now = await caseRows(db, type).orderBy('d.id');
        expect(now).toHaveLength(before[k.table]!.length);
        // and each row reads as it did, column by column (the number, year and sequence too)
        now.forEach((row: Record<string, unknown>, i: number) => {
          const old = before[k.table]![i]!;
          expect(Object.fromEntries(Object.keys(old).map((c) => [c, row[c]]))).toEqual(old);
          expect(row.confidentiality).toBe(k.confidentiality);
        });
      }
      // and the numbers are the same set, each once
      expect(await db('case').orderBy('case_number').pluck('case_number')).toEqual(
        Object.values(OLD)
          .flat()
          .map((r) => r.case_number)
          .sort(),
      );
      // and the reporter came from the instance's start, the plan's opening from the start of its number's year (Stockholm)
      expect((await db('case').where({ case_number: 'AV-2026-0001' }).first())?.reported_by).toBe(7);
      expect((await db('case').where({ case_number: 'AV-2026-0002' }).first())?.reported_by).toBeNull();
      expect(new Date((await db('case').where({ case_number: 'IK-2026-0001' }).first())!.opened_at).toISOString()).toBe('2025-12-31T23:00:00.000Z');

      // and the rows that point at cases still do
      const n = await db('lex_sarah_notification as n')
        .join('lex_sarah_case as d', 'd.id', 'n.case_id')
        .join('case as c', 'c.id', 'd.case_id')
        .first('c.case_number');
      expect(n.case_number).toBe('LS-2026-0002');
      const r = await db('risk as r').join('risk_analysis as d', 'd.id', 'r.analysis_id').join('case as c', 'c.id', 'd.case_id').first('c.case_number');
      expect(r.case_number).toBe('RA-2026-0001');
      expect(
        Number(
          (await db('control_result as x')
            .join('control_point as p', 'p.id', 'x.point_id')
            .join('control_plan as d', 'd.id', 'p.plan_id')
            .count({ n: '*' })
            .first())!.n,
        ),
      ).toBe(1);

      // and one counter table holds every series, lex Sarah's at the value it had (not its highest case)
      expect(await db.schema.hasTable('lex_sarah_case_sequence')).toBe(false);
      const counters = await db('case_number_sequence').orderBy(['series', 'year']).select('series', 'year', 'last_value');
      expect(counters).toEqual(
        [...COUNTERS, ...LS_COUNTERS.map((c) => ({ series: 'LS', ...c }))].sort((a, b) => a.series.localeCompare(b.series) || a.year - b.year),
      );
      // and the next numbers follow on, never reusing one
      await db.transaction(async (tx) => {
        expect((await nextCaseNumber(tx, 'LS', t('2027-03-01T08:00:00Z'))).caseNumber).toBe('LS-2027-0006');
        expect((await nextCaseNumber(tx, 'AV', t('2026-09-01T08:00:00Z'))).caseNumber).toBe('AV-2026-0004');
      });

      // and the state columns are checked per kind
      await expect(db('case').where({ case_number: 'AV-2026-0001' }).update({ status: 'draft' })).rejects.toThrow(/case_status_check/);
      await expect(db('case').where({ case_number: 'IK-2026-0001' }).update({ status: 'draft' })).resolves.toBe(1);
      await expect(
        db('case')
          .where({ case_number: 'AV-2026-0001' })
          .update({ confidentiality: 'hemlig' as 'normal' }),
      ).rejects.toThrow(/case_confidentiality_check/);
    }));

  it('rolls back to the old tables with every row as it was', () =>
    beforeCaseCore(kind, async (db, schema) => {
      // given the old shape filled and migrated on
      const before = await fillOldShape(db);
      await db.migrate.latest({ migrationSource: source(migrations), schemaName: schema });
      // when that batch is rolled back
      await db.migrate.rollback({ migrationSource: source(migrations), schemaName: schema });
      // then each kind's table holds its rows as before, lex Sarah's counters their table, and the core is gone
      for (const table of Object.keys(OLD)) expect(await db(table).orderBy('id')).toEqual(before[table]);
      expect(await old(db, 'lex_sarah_case_sequence').orderBy('year')).toEqual(LS_COUNTERS);
      expect(await db('case_number_sequence').where({ series: 'LS' })).toEqual([]);
      expect(await db.schema.hasTable('case')).toBe(false);
      // and the old constraints hold again
      await expect(old(db, 'deviation').where({ case_number: 'AV-2026-0001' }).update({ status: 'draft' })).rejects.toThrow(/deviation_status_check/);
      await expect(old(db, 'deviation').insert({ ...OLD.deviation![0], case_number: 'AV-2026-0099' })).rejects.toThrow(/unique|duplicate/i);
    }));
});
