/**
 * Lex Sarah persistence: plain rows in, plain typed objects out. A case is a row in the case
 * core (`case`, src/domain/caseCore.ts) with its lex Sarah details in `lex_sarah_case`.
 */
import { dateColumn, type Db } from '../../db/index.js';
import type { Knex } from 'knex';
import { findCaseRow, openCase, updateCase as updateCaseRow, type CaseRowOf } from '../caseCore.js';
import type { LexSarahNotificationRow } from '../../db/tables.js';
import type { Assessment, LexSarahCase, LexSarahNotification } from './types.js';

type Executor = Db | Knex.Transaction;

const opt = (v: Date | null): Date | undefined => (v === null ? undefined : new Date(v));

const dateOnly = dateColumn;

function toCase(r: CaseRowOf<'lex-sarah'>): LexSarahCase {
  return {
    id: Number(r.id),
    caseNumber: r.case_number,
    year: Number(r.year),
    sequence: Number(r.sequence),
    processInstanceKey: r.process_instance_key,
    unitId: r.unit_id!,
    status: r.status as LexSarahCase['status'],
    reportedAt: new Date(r.reported_at),
    assessment: r.assessment ?? undefined,
    decidedAt: opt(r.decided_at),
    ivoReportDueAt: opt(r.ivo_report_due_at),
    ivoReportedOn: dateOnly(r.ivo_reported_on),
    investigationAttached: r.investigation_attached ?? undefined,
    investigationDueAt: opt(r.investigation_due_at),
    followUpAt: opt(r.follow_up_at),
    closedAt: opt(r.closed_at),
    sourceCaseNumber: r.source_case_number ?? undefined,
  };
}

function toNotification(r: LexSarahNotificationRow): LexSarahNotification {
  return {
    id: Number(r.id),
    caseId: Number(r.case_id),
    kind: r.kind,
    recipientRole: r.recipient_role,
    unitId: r.unit_id,
    createdAt: new Date(r.created_at),
  };
}

/** The case of a process instance, if registered. */
export async function findCaseByInstance(db: Executor, processInstanceKey: string): Promise<LexSarahCase | undefined> {
  const row = await findCaseRow(db, 'lex-sarah', { processInstanceKey });
  return row ? toCase(row) : undefined;
}

/** Opens a case with the next LS number of the Stockholm year of the report (numbering: src/domain/caseNumbers.ts). */
export async function insertCase(
  tx: Knex.Transaction,
  c: Pick<LexSarahCase, 'processInstanceKey' | 'unitId' | 'reportedAt'> & { sourceCaseNumber?: string },
): Promise<LexSarahCase> {
  const row = await openCase(
    tx,
    'lex-sarah',
    {
      processInstanceKey: c.processInstanceKey,
      unitId: c.unitId,
      openedAt: c.reportedAt,
      sourceCaseNumber: c.sourceCaseNumber ?? null,
    },
    { updated_at: c.reportedAt },
  );
  return toCase(row);
}

export type CaseChanges = Partial<{
  status: 'open' | 'closed';
  assessment: Assessment;
  decided_at: Date;
  ivo_report_due_at: Date | null;
  ivo_reported_on: string;
  investigation_attached: boolean;
  investigation_due_at: Date | null;
  follow_up_at: Date | null;
  closed_at: Date;
}>;

/** Updates a case by process instance; returns it, or undefined when there is none. */
export async function updateCase(db: Executor, processInstanceKey: string, changes: CaseChanges, now: Date): Promise<LexSarahCase | undefined> {
  const row = await updateCaseRow(db, 'lex-sarah', { processInstanceKey }, { ...changes, updated_at: now });
  return row ? toCase(row) : undefined;
}

/** Records a notification once per case and kind; returns the (new or existing) row. */
export async function upsertNotification(db: Executor, n: Omit<LexSarahNotification, 'id'>): Promise<LexSarahNotification> {
  await db('lex_sarah_notification')
    .insert({ case_id: n.caseId, kind: n.kind, recipient_role: n.recipientRole, unit_id: n.unitId, created_at: n.createdAt })
    .onConflict(['case_id', 'kind'])
    .ignore();
  const row = await db('lex_sarah_notification').where({ case_id: n.caseId, kind: n.kind }).first();
  return toNotification(row!);
}

/** Every notification of a case, oldest first. */
export async function listNotifications(db: Executor, caseId: number): Promise<LexSarahNotification[]> {
  const rows = await db('lex_sarah_notification').where({ case_id: caseId }).orderBy('id');
  return rows.map(toNotification);
}
