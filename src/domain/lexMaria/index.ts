/**
 * Lex Maria (DOMAIN.md §5.2; patientsäkerhetslagen 3 kap. 5 §, HSLF-FS 2017:40 and 2017:41):
 * a health-care event that caused or could have caused an allvarlig vårdskada, as a record.
 * The process (bpmn/lex-maria.bpmn) calls these through its workers; the
 * patientsäkerhetsberättelse counts these cases (how many were investigated, how many
 * reported to IVO). Case numbers `LM-<year>-<nnnn>`; the case core (src/domain/caseCore.ts)
 * with its details in `lex_maria_case`.
 */
import { dateColumn, type Db } from '../../db/index.js';
import { caseRows, findCaseRow, openCase, updateCase, type CasePatch, type CaseRowOf } from '../caseCore.js';
import { decisionDeadlines, investigationKindFor, riskScore, type DecisionDeadlines, type InvestigationKind } from './deadlines.js';

export { decisionDeadlines, investigationKindFor, riskScore, LEX_MARIA_DEFAULTS, type DecisionDeadlines, type InvestigationKind } from './deadlines.js';

/** The MAS's view of the harm: it caused one, it could have caused one, or neither. */
export const SERIOUS_HARM = ['vardskada', 'risk', 'nej'] as const;
export type SeriousHarm = (typeof SERIOUS_HARM)[number];

export interface LexMariaCase {
  caseNumber: string;
  processInstanceKey: string;
  unitId: string;
  sourceCaseNumber: string | undefined;
  reportedAt: Date;
  riskScore: number | undefined;
  seriousHarm: SeriousHarm | undefined;
  investigationKind: InvestigationKind | undefined;
  reportToIvo: boolean | undefined;
  decidedAt: Date | undefined;
  ivoReportDueAt: Date | undefined;
  ivoReportedOn: string | undefined;
  patientInformed: boolean | undefined;
  patientInformedOn: string | undefined;
  followUpAt: Date | undefined;
  actionsEffective: boolean | undefined;
  status: 'open' | 'closed';
  closedAt: Date | undefined;
}

const opt = <V, T>(v: V | null | undefined, f: (x: V) => T): T | undefined => (v === null || v === undefined ? undefined : f(v));
const date = (v: Date) => new Date(v);
const localDate = (v: Date | string) => dateColumn(v)!;

const toCase = (r: CaseRowOf<'lex-maria'>): LexMariaCase => ({
  caseNumber: r.case_number,
  processInstanceKey: r.process_instance_key,
  unitId: r.unit_id!,
  sourceCaseNumber: r.source_case_number ?? undefined,
  reportedAt: date(r.reported_at),
  riskScore: opt(r.risk_score, Number),
  seriousHarm: r.serious_harm ?? undefined,
  investigationKind: r.investigation_kind ?? undefined,
  reportToIvo: opt(r.report_to_ivo, Boolean),
  decidedAt: opt(r.decided_at, date),
  ivoReportDueAt: opt(r.ivo_report_due_at, date),
  ivoReportedOn: opt(r.ivo_reported_on, localDate),
  patientInformed: opt(r.patient_informed, Boolean),
  patientInformedOn: opt(r.patient_informed_on, localDate),
  followUpAt: opt(r.follow_up_at, date),
  actionsEffective: opt(r.actions_effective, Boolean),
  status: r.status as LexMariaCase['status'],
  closedAt: opt(r.closed_at, date),
});

/** Registers a case with the year's next LM number; idempotent per process instance (a job may run twice). */
export async function registerLexMariaCase(
  db: Db,
  c: {
    processInstanceKey: string;
    unitId: string;
    occurredAt: Date | undefined;
    reportedAt: Date;
    sourceCaseNumber?: string;
    sourceProcessInstanceKey?: string;
  },
): Promise<LexMariaCase> {
  return db.transaction(async (tx) => {
    const existing = await findCaseRow(tx, 'lex-maria', { processInstanceKey: c.processInstanceKey });
    if (existing) return toCase(existing);
    const row = await openCase(
      tx,
      'lex-maria',
      {
        processInstanceKey: c.processInstanceKey,
        unitId: c.unitId,
        openedAt: c.reportedAt,
        sourceCaseNumber: c.sourceCaseNumber ?? null,
      },
      { source_process_instance_key: c.sourceProcessInstanceKey ?? null, occurred_at: c.occurredAt ?? null },
    );
    return toCase(row);
  });
}

async function update(db: Db, processInstanceKey: string, patch: CasePatch<'lex-maria'>): Promise<LexMariaCase> {
  const row = await updateCase(db, 'lex-maria', { processInstanceKey }, patch);
  if (!row) throw new Error('no lex Maria case for this process instance');
  return toCase(row);
}

/** Records the MAS's assessment: risk score and which investigation follows. */
export async function recordAssessment(
  db: Db,
  processInstanceKey: string,
  a: {
    probability: number;
    consequence: number;
    seriousHarm: SeriousHarm;
    eventAnalysisThreshold: number;
  },
): Promise<LexMariaCase> {
  const score = riskScore(a.probability, a.consequence);
  return update(db, processInstanceKey, {
    probability: a.probability,
    consequence: a.consequence,
    risk_score: score,
    serious_harm: a.seriousHarm,
    investigation_kind: investigationKindFor(score, a.eventAnalysisThreshold),
  });
}

/** Records the decision on anmälan to IVO and returns the deadlines that follow from it. */
export async function recordDecision(
  db: Db,
  processInstanceKey: string,
  d: {
    reportToIvo: boolean;
    decidedAt: Date;
    ivoTargetWorkdays: number;
  },
): Promise<{ case: LexMariaCase; deadlines: DecisionDeadlines }> {
  const deadlines = decisionDeadlines(d.decidedAt, d.reportToIvo, d.ivoTargetWorkdays);
  const c = await update(db, processInstanceKey, {
    report_to_ivo: d.reportToIvo,
    decided_at: d.decidedAt,
    follow_up_at: new Date(deadlines.followUpAt),
    ivo_report_due_at: deadlines.ivoReportDueDate ? new Date(deadlines.ivoReportDueDate) : null,
  });
  return { case: c, deadlines };
}

/** Records the anmälan to IVO (the date it was made, IVO's reference, whether the investigation went with it). */
export async function recordIvoReport(
  db: Db,
  processInstanceKey: string,
  r: {
    reportedOn: string;
    reference?: string;
    investigationAttached: boolean;
  },
): Promise<LexMariaCase> {
  return update(db, processInstanceKey, {
    ivo_reported_on: r.reportedOn.slice(0, 10),
    ivo_reference: r.reference ?? null,
    investigation_attached: r.investigationAttached,
  });
}

/** Records whether and how the patient was informed and could give their view (PSL 3 kap. 8 §). */
export async function recordPatientInformation(
  db: Db,
  processInstanceKey: string,
  p: {
    informed: boolean;
    informedOn?: string;
    how?: string;
  },
): Promise<LexMariaCase> {
  return update(db, processInstanceKey, {
    patient_informed: p.informed,
    patient_informed_on: p.informed && p.informedOn ? p.informedOn.slice(0, 10) : null,
    patient_informed_how: p.informed ? (p.how ?? null) : null,
  });
}

/** Closes the case; `actionsEffective` only when the actions were followed up. */
export async function closeLexMariaCase(db: Db, processInstanceKey: string, c: { actionsEffective?: boolean; at: Date }): Promise<LexMariaCase> {
  return update(db, processInstanceKey, { actions_effective: c.actionsEffective ?? null, status: 'closed', closed_at: c.at });
}

/** The case of a process instance, if any. */
export async function getLexMariaCaseByInstance(db: Db, processInstanceKey: string): Promise<LexMariaCase | undefined> {
  const r = await findCaseRow(db, 'lex-maria', { processInstanceKey });
  return r ? toCase(r) : undefined;
}

/** Cases started from another case (e.g. an avvikelse), by its case number. */
export async function findLexMariaCasesBySource(db: Db, sourceCaseNumber: string): Promise<LexMariaCase[]> {
  return ((await caseRows(db, 'lex-maria').where('c.source_case_number', sourceCaseNumber).orderBy('c.id')) as CaseRowOf<'lex-maria'>[]).map(toCase);
}
