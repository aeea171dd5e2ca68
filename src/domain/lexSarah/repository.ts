/**
 * Lex Sarah persistence: plain rows in, plain typed objects out. A case is a row in the case
 * core (`case`, src/domain/caseCore.ts) with its lex Sarah details in `lex_sarah_case`.
 */
import { dateColumn, type Db } from '../../db/index.js';
import type { Knex } from 'knex';
import { findCaseRow, openCase, updateCase as updateCaseRow } from '../caseCore.js';
import type { Assessment, LexSarahCase, LexSarahNotification } from './types.js';

type Executor = Db | Knex.Transaction;

interface CaseRow {
  id: number;
  case_number: string;
  year: number;
  sequence: number;
  process_instance_key: string;
  unit_id: string;
  status: 'open' | 'closed';
  reported_at: Date | string;
  assessment: Assessment | null;
  decided_at: Date | string | null;
  ivo_report_due_at: Date | string | null;
  ivo_reported_on: Date | string | null;
  investigation_attached: boolean | null;
  investigation_due_at: Date | string | null;
  follow_up_at: Date | string | null;
  closed_at: Date | string | null;
  source_case_number: string | null;
}

interface NotificationRow {
  id: number;
  case_id: number;
  kind: string;
  recipient_role: string;
  unit_id: string;
  created_at: Date | string;
}

const opt = (v: Date | string | null): Date | undefined => (v === null ? undefined : new Date(v));

const dateOnly = dateColumn;

function toCase(r: CaseRow): LexSarahCase {
  return {
    id: Number(r.id),
    caseNumber: r.case_number,
    year: Number(r.year),
    sequence: Number(r.sequence),
    processInstanceKey: r.process_instance_key,
    unitId: r.unit_id,
    status: r.status,
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

function toNotification(r: NotificationRow): LexSarahNotification {
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
  return row ? toCase(row as unknown as CaseRow) : undefined;
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
  return toCase(row as unknown as CaseRow);
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
  return row ? toCase(row as unknown as CaseRow) : undefined;
}

/** Records a notification once per case and kind; returns the (new or existing) row. */
export async function upsertNotification(db: Executor, n: Omit<LexSarahNotification, 'id'>): Promise<LexSarahNotification> {
  await db('lex_sarah_notification')
    .insert({ case_id: n.caseId, kind: n.kind, recipient_role: n.recipientRole, unit_id: n.unitId, created_at: n.createdAt })
    .onConflict(['case_id', 'kind'])
    .ignore();
  const row = await db<NotificationRow>('lex_sarah_notification').where({ case_id: n.caseId, kind: n.kind }).first();
  return toNotification(row as NotificationRow);
}

/** Every notification of a case, oldest first. */
export async function listNotifications(db: Executor, caseId: number): Promise<LexSarahNotification[]> {
  const rows = await db<NotificationRow>('lex_sarah_notification').where({ case_id: caseId }).orderBy('id');
  return rows.map(toNotification);
}
