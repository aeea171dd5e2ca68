/**
 * Internkontroll (DOMAIN.md §5.6) as records: the year's internkontrollplan (IK-år-nummer)
 * adopted by the nämnd, its control points (what, how, how often, how documented, who, where)
 * and one result row per occurrence of each point (src/domain/internalControl/schedule.ts),
 * recorded ok or deviation. Unresolved deviations are open gaps for next year's VoR
 * (src/domain/risk: openGapsFor).
 */
import { dateColumn, type Db } from '../../db/index.js';
import { findCaseRow, openCase, updateCase, caseRows, type CaseRowOf } from '../caseCore.js';
import { occurrencesIn, yearEndReportDue, type Frequency } from './schedule.js';

export * from './schedule.js';

export interface ControlPlan {
  id: number;
  caseNumber: string;
  planYear: number;
  processInstanceKey: string;
  unitId: string;
  status: 'draft' | 'adopted' | 'reported';
  adoptedBy: string | null;
  adoptedOn: string | null;
  decisionParagraph: string | null;
}

export interface ControlPointInput {
  what: string;
  how: string;
  frequency: Frequency;
  documentation: string;
  role: string;
  unitId?: string | null;
  riskId?: number | null;
}

/** One occurrence of a control as the process runs it (one element of the multi-instance). */
export interface ControlOccurrence {
  resultId: number;
  pointId: number;
  what: string;
  how: string;
  documentation: string;
  role: string;
  unitId: string;
  period: string;
  opensAt: string;
  dueAt: string;
}

export type ControlResultValue = 'ok' | 'deviation';

const toPlan = (r: CaseRowOf<'control-plan'>): ControlPlan => ({
  id: Number(r.id),
  caseNumber: r.case_number,
  planYear: Number(r.plan_year),
  processInstanceKey: r.process_instance_key,
  unitId: r.unit_id!,
  status: r.status as ControlPlan['status'],
  adoptedBy: r.adopted_by ?? null,
  adoptedOn: dateColumn(r.adopted_on) ?? null,
  decisionParagraph: r.decision_paragraph ?? null,
});

/** The organisation node a plan belongs to: the förvaltning (the nämnd's administration), else the root. */
export async function planUnitId(db: Db): Promise<string> {
  const admin = await db('org_node').where({ type: 'administration' }).orderBy('id').first('id');
  const root = admin ?? (await db('org_node').whereNull('parent_id').orderBy('id').first('id'));
  if (!root) throw new Error('no organisation to hold the internkontrollplan');
  return root.id;
}

/** Registers the year's plan (draft) with the next IK number; idempotent per process instance. */
export async function registerControlPlan(
  db: Db,
  p: { processInstanceKey: string; planYear: number; unitId: string; registeredAt: Date },
): Promise<ControlPlan> {
  return db.transaction(async (tx) => {
    const existing = await findCaseRow(tx, 'control-plan', { processInstanceKey: p.processInstanceKey });
    if (existing) return toPlan(existing);
    const row = await openCase(
      tx,
      'control-plan',
      { processInstanceKey: p.processInstanceKey, unitId: p.unitId, openedAt: p.registeredAt },
      { plan_year: p.planYear },
    );
    return toPlan(row);
  });
}

/**
 * Records the nämnd's adoption and the plan's control points, and schedules every occurrence
 * of every point in the plan year (one result row each). Replaces points stored before for
 * this plan (a retried job stores them once). Occurrences come back in date order.
 */
export async function adoptControlPlan(
  db: Db,
  processInstanceKey: string,
  a: { points: ControlPointInput[]; adoptedBy: string; adoptedOn: string; decisionParagraph: string },
): Promise<{ plan: ControlPlan; occurrences: ControlOccurrence[]; yearEndAt: string }> {
  return db.transaction(async (tx) => {
    const row = (await caseRows(tx, 'control-plan').where('c.process_instance_key', processInstanceKey).forUpdate().first()) as
      CaseRowOf<'control-plan'> | undefined;
    if (!row) throw new Error('no control plan for this process instance');
    const plan = toPlan(row);
    await tx('control_point').where({ plan_id: plan.id }).delete();
    const occurrences: ControlOccurrence[] = [];
    for (const [i, p] of a.points.entries()) {
      const unitId = p.unitId || plan.unitId;
      const [point] = await tx('control_point')
        .insert({
          plan_id: plan.id,
          position: i + 1,
          what: p.what,
          how: p.how,
          frequency: p.frequency,
          documentation: p.documentation,
          role: p.role,
          unit_id: unitId,
          risk_id: p.riskId ?? null,
        })
        .returning('id');
      const pointId = Number(point!.id);
      for (const o of occurrencesIn(plan.planYear, p.frequency)) {
        const [result] = await tx('control_result').insert({ point_id: pointId, period: o.period, opens_at: o.opensAt, due_at: o.dueAt }).returning('id');
        occurrences.push({
          resultId: Number(result!.id),
          pointId,
          what: p.what,
          how: p.how,
          documentation: p.documentation,
          role: p.role,
          unitId,
          period: o.period,
          opensAt: o.opensAt,
          dueAt: o.dueAt,
        });
      }
    }
    const updated = (await updateCase(
      tx,
      'control-plan',
      { detailId: plan.id },
      { status: 'adopted', adopted_by: a.adoptedBy, adopted_on: a.adoptedOn, decision_paragraph: a.decisionParagraph },
    ))!;
    occurrences.sort((x, y) => x.opensAt.localeCompare(y.opensAt) || x.resultId - y.resultId);
    return { plan: toPlan(updated), occurrences, yearEndAt: yearEndReportDue(plan.planYear).opensAt };
  });
}

/** Records the result of one occurrence of a control. */
export async function recordControlResult(db: Db, resultId: number, r: { result: ControlResultValue; comment?: string | null; at: Date }): Promise<void> {
  const n = await db('control_result')
    .where({ id: resultId })
    .update({ result: r.result, comment: r.comment ?? null, recorded_at: r.at });
  if (n !== 1) throw new Error('no such control result');
}

/** Marks a control deviation as resolved: it is no longer an open gap. */
export async function resolveControlDeviation(db: Db, resultId: number, at: Date): Promise<void> {
  await db('control_result').where({ id: resultId, result: 'deviation' }).update({ resolved_at: at });
}

/** What the year-end report needs: counts per result, and when the report is due. */
export async function yearEndSummary(
  db: Db,
  processInstanceKey: string,
): Promise<{ plan: ControlPlan; controls: number; ok: number; deviations: number; missing: number; reportDueAt: string }> {
  const row = await findCaseRow(db, 'control-plan', { processInstanceKey });
  if (!row) throw new Error('no control plan for this process instance');
  const plan = toPlan(row);
  const counts = (
    await db.raw<{ rows: { controls: number; ok: number; deviations: number }[] }>(
      `select count(*)::int as controls, count(*) filter (where c.result = 'ok')::int as ok, count(*) filter (where c.result = 'deviation')::int as deviations
     from control_result c join control_point p on p.id = c.point_id where p.plan_id = ?`,
      [plan.id],
    )
  ).rows[0]!;
  const { dueAt } = yearEndReportDue(plan.planYear);
  await db('control_plan').where({ id: plan.id }).update({ report_due_at: dueAt });
  const controls = Number(counts.controls);
  const ok = Number(counts.ok);
  const deviations = Number(counts.deviations);
  return { plan, controls, ok, deviations, missing: controls - ok - deviations, reportDueAt: dueAt };
}

/** Records that the year-end report went to the nämnd. */
export async function markPlanReported(db: Db, processInstanceKey: string, at: Date): Promise<ControlPlan> {
  const row = await updateCase(db, 'control-plan', { processInstanceKey }, { status: 'reported', reported_at: at });
  if (!row) throw new Error('no control plan for this process instance');
  return toPlan(row);
}

/** A plan with its points and results, by process instance. */
export async function getControlPlanByInstance(db: Db, processInstanceKey: string) {
  const r = await findCaseRow(db, 'control-plan', { processInstanceKey });
  if (!r) return undefined;
  const points = await db('control_point')
    .where({ plan_id: Number(r.id) })
    .orderBy('position');
  const results = await db('control_result')
    .whereIn(
      'point_id',
      points.map((p) => Number(p.id)),
    )
    .orderBy([{ column: 'due_at' }, { column: 'id' }]);
  return {
    ...toPlan(r),
    points: points.map((p) => ({
      id: Number(p.id),
      what: p.what,
      frequency: p.frequency,
      role: p.role,
      unitId: p.unit_id,
      riskId: p.risk_id === null ? null : Number(p.risk_id),
    })),
    results: results.map((c) => ({
      id: Number(c.id),
      pointId: Number(c.point_id),
      period: c.period,
      dueAt: new Date(c.due_at).toISOString(),
      result: c.result ?? null,
      comment: c.comment ?? null,
    })),
  };
}
