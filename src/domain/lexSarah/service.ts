/**
 * Lex Sarah case records: what the workers of bpmn/lex-sarah.bpmn write. Every function is
 * idempotent per process instance, because a job may be delivered again after a timeout.
 */
import type { Db } from '../../db/index.js';
import { NotFoundError } from '../../errors.js';
import { decisionDeadlines, investigationToIvoDeadline, type DecisionDeadlines } from './deadlines.js';
import * as repo from './repository.js';
import { LEX_SARAH_ROLES, type Assessment, type LexSarahCase, type LexSarahNotification } from './types.js';

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}

async function requireCase(db: Db, processInstanceKey: string): Promise<LexSarahCase> {
  const found = await repo.findCaseByInstance(db, processInstanceKey);
  if (!found) throw new NotFoundError('no lex Sarah case for this process instance');
  return found;
}

/** Registers (diarieför) the case of a new report: takes the year's next LS number. */
export async function registerCase(
  db: Db,
  input: { processInstanceKey: string; unitId: string; reportedAt: Date; sourceCaseNumber?: string },
): Promise<LexSarahCase> {
  const existing = await repo.findCaseByInstance(db, input.processInstanceKey);
  if (existing) return existing;
  try {
    return await db.transaction(async (tx) => repo.insertCase(tx, input));
  } catch (e) {
    // A concurrent delivery of the same job registered it first; its number stands.
    if (!isUniqueViolation(e)) throw e;
    return requireCase(db, input.processInstanceKey);
  }
}

/** Records the assessment and the deadlines that follow from it. */
export async function recordDecision(
  db: Db,
  input: { processInstanceKey: string; assessment: Assessment; decidedAt: Date; ivoTargetWorkdays: number },
): Promise<{ case: LexSarahCase; deadlines: DecisionDeadlines }> {
  const existing = await requireCase(db, input.processInstanceKey);
  // On a repeated delivery the first decision time stands, so the deadlines do not drift.
  const decidedAt = existing.decidedAt && existing.assessment === input.assessment ? existing.decidedAt : input.decidedAt;
  const deadlines = decisionDeadlines(decidedAt, input.assessment, input.ivoTargetWorkdays);
  const updated = await repo.updateCase(
    db,
    input.processInstanceKey,
    {
      assessment: input.assessment,
      decided_at: decidedAt,
      follow_up_at: new Date(deadlines.followUpAt),
      ivo_report_due_at: deadlines.ivoReportDueDate ? new Date(deadlines.ivoReportDueDate) : null,
    },
    input.decidedAt,
  );
  return { case: updated as LexSarahCase, deadlines };
}

/** Records the anmälan to IVO and, if the investigation was not attached, its 2-month deadline. */
export async function recordIvoReport(
  db: Db,
  input: { processInstanceKey: string; ivoReportedOn: string; investigationAttached: boolean; now: Date },
): Promise<{ case: LexSarahCase; investigationToIvoDueDate: string | undefined }> {
  await requireCase(db, input.processInstanceKey);
  const due = input.investigationAttached ? undefined : investigationToIvoDeadline(input.ivoReportedOn);
  const updated = await repo.updateCase(
    db,
    input.processInstanceKey,
    {
      ivo_reported_on: input.ivoReportedOn,
      investigation_attached: input.investigationAttached,
      investigation_due_at: due ? new Date(due) : null,
    },
    input.now,
  );
  return { case: updated as LexSarahCase, investigationToIvoDueDate: due };
}

/** Records that the nämnd is to be informed of the IVO report (shown to the nämndsekreterare). */
export async function notifyCommittee(db: Db, input: { processInstanceKey: string; now: Date }): Promise<LexSarahNotification> {
  const c = await requireCase(db, input.processInstanceKey);
  return repo.upsertNotification(db, {
    caseId: c.id,
    kind: 'ivo-report',
    recipientRole: LEX_SARAH_ROLES.committee,
    unitId: c.unitId,
    createdAt: input.now,
  });
}

/** Closes the case (keeps the first closing time on a repeated delivery). */
export async function closeCase(db: Db, input: { processInstanceKey: string; now: Date }): Promise<LexSarahCase> {
  const c = await requireCase(db, input.processInstanceKey);
  if (c.status === 'closed') return c;
  return (await repo.updateCase(db, input.processInstanceKey, { status: 'closed', closed_at: input.now }, input.now)) as LexSarahCase;
}

/** A case by its process instance key, if any. */
export function getCaseByInstance(db: Db, processInstanceKey: string): Promise<LexSarahCase | undefined> {
  return repo.findCaseByInstance(db, processInstanceKey);
}

/** The notifications of a case. */
export function listCaseNotifications(db: Db, caseId: number): Promise<LexSarahNotification[]> {
  return repo.listNotifications(db, caseId);
}
