/**
 * Ärenden in huvudprocessen (DOMAIN.md §3, §6): myndighetsutövning → genomföra insatser →
 * följa upp → avsluta. One case per ärende (the case core, src/domain/caseCore.ts; its details
 * in `care_case`) with every deadline and the rule it came from (src/domain/calendar/rules.ts), so the case page and the reports can say why a date is
 * what it is. The called processes find the case by its number (`caseNumber`, propagated
 * from the top-level instance).
 */
import { dateColumn, type Db } from '../../db/index.js';
import { stockholmDate, toLocalDate, zonedDateTime } from '../calendar/index.js';
import { addDays } from '../calendar/localDate.js';
import { deadlineFor } from '../calendar/rules.js';
import { findCaseRow, openCase, updateCase, type CasePatch, type CaseRowOf } from '../caseCore.js';

export const INFLOWS = ['ansokan', 'anmalan', 'begaran-lss', 'ovrig-information'] as const;
export type Inflow = (typeof INFLOWS)[number];
export const LAWS = ['sol', 'lss'] as const;
export type Law = (typeof LAWS)[number];
export const DECISIONS = ['bifall', 'delvis', 'avslag'] as const;
export type Decision = (typeof DECISIONS)[number] | 'ingen-utredning';
export const CLOSE_REASONS = ['insatsen-upphort', 'malen-uppnadda', 'avslag', 'ingen-utredning', 'flyttat', 'avliden', 'annat'] as const;

export interface CareCase {
  caseNumber: string;
  processInstanceKey: string;
  unitId: string;
  inflow: Inflow;
  law: Law;
  isChild: boolean;
  receivedAt: Date;
  preliminaryDueAt: Date | undefined;
  investigationDueAt: Date | undefined;
  investigationDeadlineKind: 'legal' | 'local' | undefined;
  decision: Decision | undefined;
  notExecutedDeadlineAt: Date | undefined;
  providerUnitId: string | undefined;
  executedOn: string | undefined;
  notExecutedQuarter: string | undefined;
  followUpCount: number;
  closeReason: string | undefined;
  status: 'open' | 'closed';
}

const dt = (v: Date | null) => v ?? undefined;
const day = dateColumn;
const toCase = (r: CaseRowOf<'care-case'>): CareCase => ({
  caseNumber: r.case_number,
  processInstanceKey: r.process_instance_key,
  unitId: r.unit_id!,
  inflow: r.inflow,
  law: r.law,
  isChild: Boolean(r.is_child),
  receivedAt: new Date(r.received_at),
  preliminaryDueAt: dt(r.preliminary_due_at),
  investigationDueAt: dt(r.investigation_due_at),
  investigationDeadlineKind: (r.investigation_deadline_kind as 'legal' | 'local' | null) ?? undefined,
  decision: r.decision ?? undefined,
  notExecutedDeadlineAt: dt(r.not_executed_deadline_at),
  providerUnitId: r.provider_unit_id ?? undefined,
  executedOn: day(r.executed_on),
  notExecutedQuarter: r.not_executed_quarter ?? undefined,
  followUpCount: Number(r.follow_up_count),
  closeReason: r.close_reason ?? undefined,
  status: r.status as CareCase['status'],
});

async function update(db: Db, caseNumber: string, patch: CasePatch<'care-case'>): Promise<CareCase> {
  const row = await updateCase(db, 'care-case', { caseNumber }, patch);
  if (!row) throw new Error('no case with this number');
  return toCase(row);
}

async function getCase(db: Db, caseNumber: string): Promise<CareCase | undefined> {
  const r = await findCaseRow(db, 'care-case', { caseNumber });
  return r ? toCase(r) : undefined;
}

export async function getCaseByInstance(db: Db, processInstanceKey: string): Promise<CareCase | undefined> {
  const r = await findCaseRow(db, 'care-case', { processInstanceKey });
  return r ? toCase(r) : undefined;
}

/**
 * Registers an aktualisering with the year's next AR number (idempotent per instance). For a
 * report (anmälan) about a child: skyddsbedömning the same day and förhandsbedömning within
 * 14 days, by the rules valid on the day it came in.
 */
export async function registerCase(
  db: Db,
  c: { processInstanceKey: string; unitId: string; inflow: Inflow; law: Law; isChild: boolean; receivedAt: Date },
): Promise<{
  careCase: CareCase;
  protectionAssessmentDueAt?: string;
  preliminaryAssessmentDueAt?: string;
}> {
  const childReport = c.inflow === 'anmalan' && c.isChild;
  const protection = childReport ? deadlineFor('skyddsbedomning', c.receivedAt) : undefined;
  const preliminary = childReport ? deadlineFor('forhandsbedomning-barn', c.receivedAt) : undefined;
  const careCase = await db.transaction(async (tx) => {
    const existing = await findCaseRow(tx, 'care-case', { processInstanceKey: c.processInstanceKey });
    if (existing) return toCase(existing);
    const row = await openCase(
      tx,
      'care-case',
      { processInstanceKey: c.processInstanceKey, unitId: c.unitId, openedAt: c.receivedAt },
      {
        inflow: c.inflow,
        law: c.law,
        is_child: c.isChild,
        protection_due_at: protection?.dueAt ?? null,
        preliminary_due_at: preliminary?.dueAt ?? null,
        preliminary_basis: preliminary?.rule.basis ?? null,
      },
    );
    return toCase(row);
  });
  return { careCase, protectionAssessmentDueAt: protection?.dueAt, preliminaryAssessmentDueAt: preliminary?.dueAt };
}

export async function recordNoInvestigation(db: Db, caseNumber: string): Promise<CareCase> {
  return update(db, caseNumber, { investigation_opened: false, decision: 'ingen-utredning' });
}

/** How many days before the investigation's deadline the extension is reviewed (a local routine). */
const EXTENSION_REVIEW_DAYS_BEFORE = 14;

/**
 * Opens the investigation: four months for a child (legal), the nämnd's target otherwise
 * (local). The extension is reviewed two weeks before the deadline, at 08:00.
 */
export async function openInvestigation(
  db: Db,
  caseNumber: string,
  at: Date,
): Promise<{ careCase: CareCase; investigationDueAt: string; extensionReviewAt: string }> {
  const current = await getCase(db, caseNumber);
  if (!current) throw new Error('no case with this number');
  const { dueAt, rule } = deadlineFor(current.isChild ? 'utredning-barn' : 'utredning-vuxen', at);
  const careCase = await update(db, caseNumber, {
    investigation_opened: true,
    investigation_opened_at: at,
    investigation_due_at: dueAt,
    investigation_deadline_kind: rule.kind,
    investigation_basis: rule.basis,
  });
  return { careCase, investigationDueAt: dueAt, extensionReviewAt: extensionReviewAt(dueAt) };
}

const extensionReviewAt = (dueAt: string) => zonedDateTime(addDays(toLocalDate(dueAt), -EXTENSION_REVIEW_DAYS_BEFORE), '08:00');

/** Records the decision on an extension: a new deadline (end of that day) when extended. */
export async function recordExtension(
  db: Db,
  caseNumber: string,
  e: { extend: boolean; extendedTo?: string; at: Date },
): Promise<{ careCase: CareCase; investigationDueAt: string }> {
  const current = await getCase(db, caseNumber);
  if (!current?.investigationDueAt) throw new Error('the case has no open investigation');
  if (!e.extend || !e.extendedTo) return { careCase: current, investigationDueAt: zonedDateTime(toLocalDate(current.investigationDueAt)) };
  const dueAt = zonedDateTime(e.extendedTo.slice(0, 10));
  const careCase = await update(db, caseNumber, { investigation_due_at: dueAt, investigation_extended_at: e.at });
  return { careCase, investigationDueAt: dueAt };
}

/**
 * Records the decision. A gynnande beslut (bifall, delvis) must be carried out within three
 * months (then reported to IVO); it is followed up at 00:00 on the day the decision sets, and
 * that follow-up is due within the local target.
 */
export async function recordDecision(
  db: Db,
  caseNumber: string,
  d: { decision: Decision; insats?: string; followUpDate?: string; at: Date },
): Promise<{
  careCase: CareCase;
  notExecutedDeadlineAt?: string;
  followUpAt?: string;
  followUpDueAt?: string;
}> {
  const favourable = d.decision === 'bifall' || d.decision === 'delvis';
  const notExecuted = favourable ? deadlineFor('ej-verkstallt-beslut', d.at) : undefined;
  const careCase = await update(db, caseNumber, {
    decision: d.decision,
    decided_at: d.at,
    insats: favourable ? (d.insats ?? null) : null,
    not_executed_deadline_at: notExecuted?.dueAt ?? null,
    next_follow_up_on: favourable ? (d.followUpDate?.slice(0, 10) ?? null) : null,
  });
  if (!favourable) return { careCase };
  return { careCase, notExecutedDeadlineAt: notExecuted!.dueAt, ...followUp(d.followUpDate!, d.at) };
}

function followUp(date: string, now: Date): { followUpAt: string; followUpDueAt: string } {
  const on = date.slice(0, 10) < stockholmDate(now) ? stockholmDate(now) : date.slice(0, 10);
  return { followUpAt: zonedDateTime(on, '00:00'), followUpDueAt: deadlineFor('uppfoljning-utvardering', on).dueAt };
}

export async function recordOrder(db: Db, caseNumber: string, o: { providerUnitId: string; at: Date }): Promise<CareCase> {
  return update(db, caseNumber, { provider_unit_id: o.providerUnitId, ordered_at: o.at });
}

/** The quarter an instant falls in, `2026-Q3`, and its last day (the reporting day). */
export function quarterOf(at: Date | string): { quarter: string; lastDay: string } {
  const d = toLocalDate(at);
  const year = Number(d.slice(0, 4));
  const q = Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1;
  const lastDay = toLocalDate(addDays(`${q === 4 ? year + 1 : year}-${String(q === 4 ? 1 : q * 3 + 1).padStart(2, '0')}-01`, -1));
  return { quarter: `${year}-Q${q}`, lastDay };
}

/**
 * Three months have passed without the decision being carried out: it counts in the quarter's
 * report to IVO (reporting day = the quarter's last day); the report is due by the local rule.
 */
export async function recordNotExecuted(
  db: Db,
  caseNumber: string,
  at: Date,
): Promise<{ careCase: CareCase; notExecutedReportDueAt: string; quarter: string }> {
  const { quarter, lastDay } = quarterOf(at);
  const careCase = await update(db, caseNumber, { not_executed_at: at, not_executed_quarter: quarter });
  return { careCase, notExecutedReportDueAt: deadlineFor('ej-verkstallt-rapport', lastDay).dueAt, quarter };
}

export async function recordNotExecutedReported(db: Db, caseNumber: string, on: string): Promise<CareCase> {
  return update(db, caseNumber, { not_executed_reported_on: on.slice(0, 10) });
}

export async function recordExecuted(db: Db, caseNumber: string, executedOn: string): Promise<CareCase> {
  return update(db, caseNumber, { executed_on: executedOn.slice(0, 10) });
}

/** Records a follow-up; when the insats continues, the next one is at the date given. */
export async function recordFollowUp(
  db: Db,
  caseNumber: string,
  f: { goalsMet: string; continueInsats: boolean; nextFollowUpDate?: string; at: Date },
): Promise<{
  careCase: CareCase;
  followUpAt?: string;
  followUpDueAt?: string;
}> {
  const current = await getCase(db, caseNumber);
  if (!current) throw new Error('no case with this number');
  const careCase = await update(db, caseNumber, {
    follow_up_count: current.followUpCount + 1,
    last_goals_met: f.goalsMet,
    next_follow_up_on: f.continueInsats ? (f.nextFollowUpDate?.slice(0, 10) ?? null) : null,
  });
  if (!f.continueInsats || !f.nextFollowUpDate) return { careCase };
  return { careCase, ...followUp(f.nextFollowUpDate, f.at) };
}

export async function closeCase(db: Db, caseNumber: string, c: { reason: string; at: Date }): Promise<CareCase> {
  return update(db, caseNumber, { close_reason: c.reason, status: 'closed', closed_at: c.at });
}
