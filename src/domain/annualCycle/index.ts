/**
 * The årshjul (DOMAIN.md §5.7, §5.8): a configurable list of recurring duties that become
 * tasks for the right role at the right node on the right date. One `arshjul` process
 * instance per year plans the year's occurrences (schedule.ts) and records each one
 * (`AH-<year>-<nnnn>`); every occurrence is its own `arshjul-uppgift` instance that waits for
 * its day, gives the task and records the outcome. On nyårsdagen each year's instance starts
 * the next year's.
 */
import type { AnnualDutyOccurrenceRow, AnnualDutyRow } from '../../db/tables.js';
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import type { ProcessEngine } from '../../engine/port.js';
import { zonedDateTime } from '../calendar/index.js';
import { nextCaseNumber } from '../caseNumbers.js';
import { defaultAnnualDuties } from './defaults.js';
import { occurrencesOf, type AnnualDuty } from './schedule.js';

export { occurrencesOf, type AnnualDuty } from './schedule.js';
export { defaultAnnualDuties } from './defaults.js';

/** The process of a year's cycle (bpmn/arshjul.bpmn). */
const ANNUAL_CYCLE_PROCESS_ID = 'arshjul';
/** The message that starts next year's cycle (arshjul.bpmn, `StartEvent_NextYear`). */
export const ANNUAL_CYCLE_NEXT_YEAR_MESSAGE = 'arshjul-next-year';

/** When a year's cycle starts the next one: 00:00 on nyårsdagen, Stockholm. */
export function newYearAt(year: number): string {
  return zonedDateTime(`${year}-01-01`, '00:00');
}

/** An occurrence as the process gets it: one task instance each. */
export interface ScheduledOccurrence {
  occurrenceId: number;
  caseNumber: string;
  dutyId: string;
  title: string;
  description: string;
  role: string;
  unitId: string;
  dueAt: string;
  deadlineAt: string;
}

export interface OccurrenceRecord {
  id: number;
  caseNumber: string;
  year: number;
  dutyId: string;
  period: number;
  title: string;
  role: string;
  unitId: string;
  dueAt: Date;
  deadlineAt: Date;
  processInstanceKey: string;
  taskInstanceKey: string | null;
  status: 'planned' | 'skipped' | 'done';
  completedAt: Date | null;
  outcome: 'ok' | 'brister' | null;
  doneSummary: string | null;
  comment: string | null;
}

const toDuty = (r: AnnualDutyRow): AnnualDuty => ({
  id: r.id,
  title: r.title,
  description: r.description,
  role: r.role,
  nodeId: r.node_id,
  recurrence: r.recurrence,
  dayOfMonth: Number(r.day_of_month),
  month: r.month,
  deadlineWorkdays: r.deadline_workdays,
  deadlineMonth: r.deadline_month,
  deadlineDay: r.deadline_day,
  active: Boolean(r.active),
});

const fromDuty = (d: AnnualDuty): Omit<AnnualDutyRow, 'created_at'> => ({
  id: d.id,
  title: d.title,
  description: d.description,
  role: d.role,
  node_id: d.nodeId,
  recurrence: d.recurrence,
  day_of_month: d.dayOfMonth,
  month: d.month,
  deadline_workdays: d.deadlineWorkdays,
  deadline_month: d.deadlineMonth,
  deadline_day: d.deadlineDay,
  active: d.active,
});

const toOccurrence = (r: AnnualDutyOccurrenceRow): OccurrenceRecord => ({
  id: Number(r.id),
  caseNumber: r.case_number,
  year: Number(r.year),
  dutyId: r.duty_id,
  period: Number(r.period),
  title: r.title,
  role: r.role,
  unitId: r.node_id,
  dueAt: new Date(r.due_at),
  deadlineAt: new Date(r.deadline_at),
  processInstanceKey: r.process_instance_key,
  taskInstanceKey: r.task_instance_key ?? null,
  status: r.status,
  completedAt: r.completed_at ? new Date(r.completed_at) : null,
  outcome: r.outcome ?? null,
  doneSummary: r.done_summary ?? null,
  comment: r.comment ?? null,
});

/** The configured duties, in id order. */
export async function listDuties(db: Db | Knex.Transaction, opts: { activeOnly?: boolean } = {}): Promise<AnnualDuty[]> {
  const q = db('annual_duty').orderBy('id');
  if (opts.activeOnly) q.where({ active: true });
  return (await q).map(toDuty);
}

/** Adds or replaces a duty (configuration). */
export async function saveDuty(db: Db, duty: AnnualDuty): Promise<void> {
  await db('annual_duty').insert(fromDuty(duty)).onConflict('id').merge();
}

/** Seeds the default duties (defaults.ts); idempotent, and never overwrites a duty an organisation has edited. */
export async function ensureDefaultAnnualDuties(db: Db): Promise<void> {
  await db('annual_duty').insert(defaultAnnualDuties().map(fromDuty)).onConflict('id').ignore();
}

/** The middle of a year: numbers of a year's occurrences carry that year, whenever it is planned. */
const inYear = (year: number) => new Date(Date.UTC(year, 6, 1, 12));

/**
 * Plans a year for the cycle's process instance: records every occurrence of the active
 * duties (those whose deadline has already passed as `skipped`) and returns the ones to
 * schedule. Idempotent for the same instance (a repeated job gets the same occurrences);
 * `taken` when another instance already holds the year.
 */
export async function planYear(
  db: Db,
  p: { year: number; processInstanceKey: string; now: Date },
): Promise<{ taken: true } | { taken: false; scheduled: ScheduledOccurrence[] }> {
  return db.transaction(async (tx) => {
    await tx('annual_cycle').insert({ year: p.year, process_instance_key: p.processInstanceKey, planned_at: p.now }).onConflict('year').ignore();
    const cycle = await tx('annual_cycle').where({ year: p.year }).forUpdate().first();
    if (cycle?.process_instance_key !== p.processInstanceKey) return { taken: true as const };
    const duties = await listDuties(tx, { activeOnly: true });
    const byId = new Map(duties.map((d) => [d.id, d]));
    const scheduled: ScheduledOccurrence[] = [];
    for (const o of occurrencesOf(p.year, duties)) {
      let row = await tx('annual_duty_occurrence').where({ duty_id: o.dutyId, year: o.year, period: o.period }).first();
      if (!row) {
        const { caseNumber, sequence } = await nextCaseNumber(tx, 'AH', inYear(p.year));
        const status = new Date(o.deadlineAt) <= p.now ? 'skipped' : 'planned';
        [row] = await tx('annual_duty_occurrence')
          .insert({
            case_number: caseNumber,
            year: o.year,
            sequence,
            duty_id: o.dutyId,
            period: o.period,
            title: o.title,
            role: o.role,
            node_id: o.unitId,
            due_at: o.dueAt,
            deadline_at: o.deadlineAt,
            process_instance_key: p.processInstanceKey,
            status,
          })
          .returning('*');
      }
      if (!row || row.status !== 'planned') continue;
      scheduled.push({
        occurrenceId: Number(row.id),
        caseNumber: row.case_number,
        dutyId: o.dutyId,
        title: o.title,
        description: byId.get(o.dutyId)!.description,
        role: o.role,
        unitId: o.unitId,
        dueAt: o.dueAt,
        deadlineAt: o.deadlineAt,
      });
    }
    return { taken: false as const, scheduled };
  });
}

/** Records that an occurrence's task was done; idempotent for the same task instance. */
export async function recordOccurrenceDone(
  db: Db,
  d: {
    occurrenceId: number;
    taskInstanceKey: string;
    outcome: 'ok' | 'brister';
    doneSummary: string;
    comment?: string;
    at: Date;
  },
): Promise<OccurrenceRecord> {
  const [row] = await db('annual_duty_occurrence')
    .where({ id: d.occurrenceId, status: 'planned' })
    .update({
      status: 'done',
      task_instance_key: d.taskInstanceKey,
      completed_at: d.at,
      outcome: d.outcome,
      done_summary: d.doneSummary,
      comment: d.comment ?? null,
    })
    .returning('*');
  if (row) return toOccurrence(row);
  const again = await db('annual_duty_occurrence').where({ id: d.occurrenceId, task_instance_key: d.taskInstanceKey }).first();
  if (again) return toOccurrence(again);
  throw new Error(`occurrence ${d.occurrenceId} is not planned`);
}

/** Marks a year's cycle complete; returns how its occurrences went. */
export async function completeYear(db: Db, processInstanceKey: string, at: Date): Promise<{ year: number; done: number; withGaps: number; skipped: number }> {
  const cycle = await db('annual_cycle').where({ process_instance_key: processInstanceKey }).first();
  if (!cycle) throw new Error('no annual cycle for this process instance');
  await db('annual_cycle').where({ year: cycle.year }).whereNull('completed_at').update({ completed_at: at });
  const rows = await db('annual_duty_occurrence').where({ year: cycle.year }).select('status', 'outcome');
  return {
    year: Number(cycle.year),
    done: rows.filter((r) => r.status === 'done').length,
    withGaps: rows.filter((r) => r.outcome === 'brister').length,
    skipped: rows.filter((r) => r.status === 'skipped').length,
  };
}

/** A year's occurrences in the order they fall due. */
export async function occurrencesOfYear(db: Db, year: number): Promise<OccurrenceRecord[]> {
  return (
    await db('annual_duty_occurrence')
      .where({ year })
      .orderBy([{ column: 'due_at' }, { column: 'duty_id' }, { column: 'period' }])
  ).map(toOccurrence);
}

/**
 * Starts the year's cycle unless it has been planned already (the server at startup, when
 * configured). A start that races another start is harmless: the second plan finds the year
 * taken and its instance ends at once.
 */
export async function ensureAnnualCycleStarted(db: Db, engine: ProcessEngine, year: number): Promise<string | undefined> {
  if (await db('annual_cycle').where({ year }).first()) return undefined;
  const ref = await engine.startInstance(ANNUAL_CYCLE_PROCESS_ID, { year });
  return ref.key;
}
