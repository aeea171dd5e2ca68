/**
 * Riskanalyser (DOMAIN.md §5.5) as records: an analysis (RA-år-nummer) before a planned change
 * or as the yearly väsentlighets- och riskanalys (VoR), with its risks scored by the configured
 * matrix (src/domain/risk/matrix.ts). Red risks go to the internkontrollplan. A yearly VoR
 * starts from the open gaps of the previous year: the unit's risks that are still open and its
 * control deviations that are not resolved (carried over, linked to where they came from).
 */
import type { Db } from '../../db/index.js';
import { caseRows, findCaseRow, openCase, updateCase, type CaseRowOf } from '../caseCore.js';
import type { RiskRow } from '../../db/tables.js';
import { assessRisk, matrixProblems, risksOutsideMatrix, type RiskColour, type RiskMatrix } from './matrix.js';

export * from './matrix.js';

export const OCCASIONS = ['planned-change', 'yearly-vor'] as const;
export type Occasion = (typeof OCCASIONS)[number];

export interface RiskAnalysis {
  id: number;
  caseNumber: string;
  year: number;
  processInstanceKey: string;
  unitId: string;
  occasion: Occasion;
  subject: string;
  status: 'open' | 'assessed' | 'decided' | 'closed';
}

export interface Risk {
  id: number;
  position: number;
  description: string;
  probability: number;
  consequence: number;
  score: number;
  colour: RiskColour;
  causes: string | null;
  forInternalControl: boolean;
  status: 'open' | 'accepted' | 'resolved' | 'carried-over';
  carriedOverFrom: number | null;
  carriedOverFromResult: number | null;
}

/** A risk as the identification form gives it; `carriedOverFrom` is `risk:<id>` or `kontroll:<id>` for a carried-over gap. */
export interface RiskInput {
  description: string;
  probability?: number | null;
  consequence?: number | null;
  causes?: string | null;
  carriedOverFrom?: string | null;
}

/** Probability or consequence outside the matrix: the positions of the offending risks. */
export class RiskOutsideMatrixError extends Error {
  override name = 'RiskOutsideMatrixError';
  constructor(
    readonly positions: number[],
    readonly size: number,
  ) {
    super(`risks ${positions.join(', ')} do not fit a ${size}×${size} matrix`);
  }
}

const toAnalysis = (r: CaseRowOf<'risk-analysis'>): RiskAnalysis => ({
  id: Number(r.id),
  caseNumber: r.case_number,
  year: Number(r.year),
  processInstanceKey: r.process_instance_key,
  unitId: r.unit_id!,
  occasion: r.occasion,
  subject: r.subject,
  status: r.status as RiskAnalysis['status'],
});
const toRisk = (r: RiskRow): Risk => ({
  id: Number(r.id),
  position: Number(r.position),
  description: r.description,
  probability: Number(r.probability),
  consequence: Number(r.consequence),
  score: Number(r.score),
  colour: r.colour,
  causes: r.causes ?? null,
  forInternalControl: Boolean(r.for_internal_control),
  status: r.status,
  carriedOverFrom: r.carried_over_from === null ? null : Number(r.carried_over_from),
  carriedOverFromResult: r.carried_over_from_result === null ? null : Number(r.carried_over_from_result),
});

/** The matrix in force. */
export async function activeMatrix(db: Db): Promise<RiskMatrix & { id: number }> {
  const r = await db('risk_matrix').where({ active: true }).first();
  if (!r) throw new Error('no active risk matrix');
  return { id: Number(r.id), size: Number(r.size) as 4 | 5, greenMax: Number(r.green_max), yellowMax: Number(r.yellow_max) };
}

/** Puts a new matrix in force (the old one stays for the analyses scored with it). */
export async function configureMatrix(db: Db, m: RiskMatrix): Promise<RiskMatrix & { id: number }> {
  const problems = matrixProblems(m);
  if (problems.length) throw new RangeError(problems.join('; '));
  return db.transaction(async (tx) => {
    await tx('risk_matrix').where({ active: true }).update({ active: false });
    const [r] = await tx('risk_matrix').insert({ size: m.size, green_max: m.greenMax, yellow_max: m.yellowMax, active: true }).returning('id');
    return { ...m, id: Number(r!.id) };
  });
}

/** Registers an analysis with the year's next RA number; idempotent per process instance. */
export async function registerRiskAnalysis(
  db: Db,
  a: { processInstanceKey: string; unitId: string; occasion: Occasion; subject: string; registeredAt: Date },
): Promise<RiskAnalysis> {
  return db.transaction(async (tx) => {
    const existing = await findCaseRow(tx, 'risk-analysis', { processInstanceKey: a.processInstanceKey });
    if (existing) return toAnalysis(existing);
    const row = await openCase(
      tx,
      'risk-analysis',
      { processInstanceKey: a.processInstanceKey, unitId: a.unitId, openedAt: a.registeredAt },
      {
        occasion: a.occasion,
        subject: a.subject,
      },
    );
    return toAnalysis(row);
  });
}

/**
 * The open gaps of the year before an analysis, for its unit, as risks to start from: risks
 * still open in that year's analyses, and control deviations not resolved in that year's
 * plans. Only for a yearly VoR; each gap is carried over once.
 */
export async function openGapsFor(db: Db, analysis: RiskAnalysis): Promise<RiskInput[]> {
  if (analysis.occasion !== 'yearly-vor') return [];
  const risks = await db('risk as r')
    .join('risk_analysis as a', 'a.id', 'r.analysis_id')
    .join('case as ac', 'ac.id', 'a.case_id')
    .where({ 'ac.unit_id': analysis.unitId, 'ac.year': analysis.year - 1, 'r.status': 'open' })
    .whereNotExists(db('risk as n').whereRaw('n.carried_over_from = r.id'))
    .orderBy([{ column: 'a.id' }, { column: 'r.position' }])
    .select('r.*');
  const deviations = await db('control_result as c')
    .join('control_point as p', 'p.id', 'c.point_id')
    .join('control_plan as k', 'k.id', 'p.plan_id')
    .join('case as kc', 'kc.id', 'k.case_id')
    .where({ 'p.unit_id': analysis.unitId, 'k.plan_year': analysis.year - 1, 'c.result': 'deviation' })
    .whereNull('c.resolved_at')
    .whereNotExists(db('risk as n').whereRaw('n.carried_over_from_result = c.id'))
    .orderBy([{ column: 'c.due_at' }, { column: 'c.id' }])
    .select('c.id', 'c.period', 'c.comment', 'p.what', 'kc.case_number');
  return [
    ...risks.map((r: RiskRow) => ({
      description: r.description,
      probability: Number(r.probability),
      consequence: Number(r.consequence),
      causes: r.causes ?? null,
      carriedOverFrom: `risk:${String(r.id)}`,
    })),
    ...(deviations as OpenGapRow[]).map((d) => ({
      description: `Avvikelse i internkontrollen ${d.case_number} (${d.period}): ${d.what}`,
      probability: null,
      consequence: null,
      causes: d.comment ?? null,
      carriedOverFrom: `kontroll:${String(d.id)}`,
    })),
  ];
}

/** An open gap of last year's internkontroll as openGapsFor selects it. */
type OpenGapRow = { id: number; period: string; comment: string | null; what: string; case_number: string };

const link = (s: string | null | undefined, kind: 'risk' | 'kontroll') => {
  const m = s ? new RegExp(`^${kind}:(\\d+)$`).exec(s) : null;
  return m ? Number(m[1]) : null;
};

/**
 * Scores and stores the identified risks with the matrix in force (replacing any stored for
 * this analysis, so a retried job stores them once). Green risks are accepted; yellow and red
 * stay open; red ones are flagged for the internkontrollplan. A carried-over gap is linked to
 * its source (only a real open gap of the previous year for this unit), and a carried-over
 * risk is closed in the old analysis.
 */
export async function recordRisks(db: Db, processInstanceKey: string, input: RiskInput[], at: Date): Promise<{ analysis: RiskAnalysis; risks: Risk[] }> {
  return db.transaction(async (tx) => {
    const row = (await caseRows(tx, 'risk-analysis').where('c.process_instance_key', processInstanceKey).forUpdate().first()) as
      CaseRowOf<'risk-analysis'> | undefined;
    if (!row) throw new Error('no risk analysis for this process instance');
    const analysis = toAnalysis(row);
    const matrix = await activeMatrix(tx);
    const outside = risksOutsideMatrix(matrix, input);
    if (outside.length) throw new RiskOutsideMatrixError(outside, matrix.size);
    await tx('risk')
      .whereIn('carried_over_from', tx('risk').where({ analysis_id: analysis.id }).whereNotNull('carried_over_from').select('carried_over_from'))
      .update({ status: 'open' });
    await tx('risk').where({ analysis_id: analysis.id }).delete();
    const gaps = new Set((await openGapsFor(tx, analysis)).map((g) => g.carriedOverFrom));
    const rows = input.map((r, i) => {
      const { score, colour } = assessRisk(matrix, r.probability!, r.consequence!);
      const status: Risk['status'] = colour === 'green' ? 'accepted' : 'open';
      const source = r.carriedOverFrom && gaps.has(r.carriedOverFrom) ? r.carriedOverFrom : null;
      return {
        analysis_id: analysis.id,
        position: i + 1,
        description: r.description,
        probability: r.probability!,
        consequence: r.consequence!,
        score,
        colour,
        causes: r.causes ?? null,
        for_internal_control: colour === 'red',
        status,
        carried_over_from: link(source, 'risk'),
        carried_over_from_result: link(source, 'kontroll'),
      };
    });
    const stored = rows.length ? await tx('risk').insert(rows).returning('*') : [];
    const carried = rows.map((r) => r.carried_over_from).filter((x): x is number => x !== null);
    if (carried.length) await tx('risk').whereIn('id', carried).update({ status: 'carried-over' });
    const updated = await updateCase(tx, 'risk-analysis', { detailId: analysis.id }, { status: 'assessed', matrix_id: matrix.id, assessed_at: at });
    return { analysis: toAnalysis(updated!), risks: stored.map(toRisk).sort((a: Risk, b: Risk) => a.position - b.position) };
  });
}

/** Records that the action plan was decided. */
export async function recordRiskDecision(db: Db, processInstanceKey: string, at: Date): Promise<RiskAnalysis> {
  const row = await updateCase(db, 'risk-analysis', { processInstanceKey }, { status: 'decided', decided_at: at });
  if (!row) throw new Error('no risk analysis for this process instance');
  return toAnalysis(row);
}

/** Closes the analysis (its open risks stay open until resolved or carried over). */
export async function closeRiskAnalysis(db: Db, processInstanceKey: string, at: Date): Promise<RiskAnalysis> {
  const row = await updateCase(db, 'risk-analysis', { processInstanceKey }, { status: 'closed', closed_at: at });
  if (!row) throw new Error('no risk analysis for this process instance');
  return toAnalysis(row);
}

/** An analysis with its risks, by process instance. */
export async function getRiskAnalysisByInstance(db: Db, processInstanceKey: string): Promise<(RiskAnalysis & { risks: Risk[] }) | undefined> {
  const r = await findCaseRow(db, 'risk-analysis', { processInstanceKey });
  if (!r) return undefined;
  const risks = await db('risk')
    .where({ analysis_id: Number(r.id) })
    .orderBy('position');
  return { ...toAnalysis(r), risks: risks.map(toRisk) };
}

/** Red risks of a year's analyses not yet taken into a control point: proposals for the internkontrollplan. */
export async function risksForInternalControl(db: Db, year: number): Promise<(Risk & { unitId: string; caseNumber: string })[]> {
  const rows = await db('risk as r')
    .join('risk_analysis as a', 'a.id', 'r.analysis_id')
    .join('case as ac', 'ac.id', 'a.case_id')
    .where({ 'r.for_internal_control': true, 'ac.year': year })
    .whereIn('r.status', ['open'])
    .whereNotExists(db('control_point as p').whereRaw('p.risk_id = r.id'))
    .orderBy([{ column: 'a.id' }, { column: 'r.position' }])
    .select('r.*', 'ac.unit_id', 'ac.case_number');
  return (rows as (RiskRow & { unit_id: string; case_number: string })[]).map((r) => ({ ...toRisk(r), unitId: r.unit_id, caseNumber: r.case_number }));
}
