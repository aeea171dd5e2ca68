/**
 * Avvikelser (DOMAIN.md §5.3) as records. Severity follows Tyresö's three levels:
 * 1 allvarlig (an allvarligt missförhållande or allvarlig vårdskada, or the risk of one: to
 * IVO), 2 missförhållande or vårdskada (or the risk of one), 3 other avvikelse. The risk score
 * is probability × consequence (1–4 each). Where it goes next:
 * - levels 1–2 in socialtjänst or LSS → a linked lex Sarah case;
 * - levels 1–2 in hälso- och sjukvård (HSL) → the MAS reviews it (lex Maria);
 * - level 3 → the unit's own actions.
 * Reports are about what happened, never about blaming someone.
 */
import { dateColumn, type Db } from '../../db/index.js';
import { caseRows, findCaseRow, openCase, updateCase, type CasePatch, type CaseRowOf, type Concerns } from '../caseCore.js';

export const AREAS = ['sol', 'lss', 'hsl'] as const;
export type Area = (typeof AREAS)[number];
export type Route = 'lex-sarah' | 'mas' | 'none';

export interface Deviation {
  caseNumber: string;
  processInstanceKey: string;
  unitId: string;
  area: Area;
  category: string;
  severity: number | undefined;
  riskScore: number | undefined;
  route: Route | undefined;
  actionsDueOn: string | undefined;
  actionsEffective: boolean | undefined;
  status: 'open' | 'closed';
}

const toDeviation = (r: CaseRowOf<'deviation'>): Deviation => ({
  caseNumber: r.case_number,
  processInstanceKey: r.process_instance_key,
  unitId: r.unit_id!,
  area: r.area,
  category: r.category,
  severity: r.severity === null ? undefined : Number(r.severity),
  riskScore: r.risk_score === null ? undefined : Number(r.risk_score),
  route: r.route ?? undefined,
  status: r.status as Deviation['status'],
  actionsDueOn: dateColumn(r.actions_due_on),
  actionsEffective: r.actions_effective ?? undefined,
});

/** Where a deviation goes after the manager's assessment. */
function routeFor(area: Area, severity: number): Route {
  if (severity <= 2) return area === 'hsl' ? 'mas' : 'lex-sarah';
  return 'none';
}

/** Registers a report with the year's next AV number; idempotent per process instance. */
export async function registerDeviation(
  db: Db,
  d: { processInstanceKey: string; unitId: string; area: Area; category: string; occurredAt: Date; reportedAt: Date; concerns?: Concerns },
): Promise<Deviation> {
  return db.transaction(async (tx) => {
    const existing = await findCaseRow(tx, 'deviation', { processInstanceKey: d.processInstanceKey });
    if (existing) return toDeviation(existing);
    const row = await openCase(
      tx,
      'deviation',
      { processInstanceKey: d.processInstanceKey, unitId: d.unitId, openedAt: d.reportedAt, concerns: d.concerns },
      {
        area: d.area,
        category: d.category,
        occurred_at: d.occurredAt,
      },
    );
    return toDeviation(row);
  });
}

async function update(db: Db, processInstanceKey: string, patch: CasePatch<'deviation'>): Promise<Deviation> {
  const row = await updateCase(db, 'deviation', { processInstanceKey }, patch);
  if (!row) throw new Error('no deviation for this process instance');
  return toDeviation(row);
}

/** Records the manager's assessment; returns the route and the risk score. */
export async function recordAssessment(
  db: Db,
  processInstanceKey: string,
  a: { severity: number; probability: number; consequence: number },
): Promise<Deviation> {
  const current = await findCaseRow(db, 'deviation', { processInstanceKey });
  if (!current) throw new Error('no deviation for this process instance');
  return update(db, processInstanceKey, {
    severity: a.severity,
    probability: a.probability,
    consequence: a.consequence,
    risk_score: a.probability * a.consequence,
    route: routeFor(current.area, a.severity),
  });
}

/** Records the actions decided: the deviation is due when its last action is. */
export async function recordActions(db: Db, processInstanceKey: string, dueDates: string[]): Promise<Deviation> {
  const last = [...dueDates]
    .map((d) => d.slice(0, 10))
    .sort()
    .at(-1);
  if (!last) throw new Error('an avvikelse needs at least one action');
  return update(db, processInstanceKey, { actions_due_on: last });
}

/**
 * Closes the deviation when its actions are closed (bpmn/atgard.bpmn): effective when every
 * action was carried out and had the intended effect.
 */
export async function closeDeviation(db: Db, processInstanceKey: string, at: Date): Promise<Deviation> {
  const d = await getDeviationByInstance(db, processInstanceKey);
  if (!d) throw new Error('no deviation for this process instance');
  const actions = (await caseRows(db, 'action').where('c.source_case_number', d.caseNumber)) as CaseRowOf<'action'>[];
  const effective = actions.length > 0 && actions.every((a) => a.status === 'closed' && a.effect === 'ja');
  return update(db, processInstanceKey, { actions_effective: effective, status: 'closed', closed_at: at });
}

export async function getDeviationByInstance(db: Db, processInstanceKey: string): Promise<Deviation | undefined> {
  const r = await findCaseRow(db, 'deviation', { processInstanceKey });
  return r ? toDeviation(r) : undefined;
}
