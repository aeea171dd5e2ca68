/**
 * Deviations per activity (issue 14 point 5): how many avvikelser and synpunkter name each
 * activity of a process as where it happened, opened within a period — for the process page's
 * diagram, where the process owner sees where the process fails (SOSFS 2011:9 5 kap.). Figures
 * only: no case, unit or reporter leaves here.
 */
import type { Db } from '../../db/index.js';
import { InputError } from '../../errors.js';
import { addDays, zonedDateTime, type LocalDate } from '../calendar/localDate.js';
import type { User } from '../org/index.js';
import { caseUnitScope } from './policy.js';

/** The count at one activity (`elementId` null: the process was named, no activity). */
export interface DeviationCount {
  elementId: string | null;
  deviations: number;
  feedback: number;
}

/**
 * The counts of `processId`'s cases opened from `from` to `to` (Stockholm dates, both included),
 * at the units the user may see.
 */
export async function deviationCounts(db: Db, user: User, processId: string, period: { from: LocalDate; to: LocalDate }): Promise<DeviationCount[]> {
  if (period.from > period.to) throw new InputError('Perioden slutar före den börjar', [{ field: 'to', message: 'ska vara samma dag som from eller senare' }]);
  const q = db('case as c')
    .where('c.concerns_process_id', processId)
    .whereIn('c.type', ['deviation', 'feedback'])
    .where('c.opened_at', '>=', new Date(zonedDateTime(period.from, '00:00')))
    .where('c.opened_at', '<', new Date(zonedDateTime(addDays(period.to, 1), '00:00')))
    .groupBy('c.concerns_element_id')
    .orderBy('c.concerns_element_id')
    .select(
      'c.concerns_element_id',
      db.raw("count(*) filter (where c.type = 'deviation')::int as deviations"),
      db.raw("count(*) filter (where c.type = 'feedback')::int as feedback"),
    );
  type CountRow = { concerns_element_id: string | null; deviations: number; feedback: number };
  const rows = (await caseUnitScope(db, q, user)) as unknown as CountRow[];
  return rows.map((r) => ({
    elementId: r.concerns_element_id,
    deviations: Number(r.deviations),
    feedback: Number(r.feedback),
  }));
}
