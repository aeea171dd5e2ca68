/**
 * Sekretess applied (issue 15 point 6): which field groups of one case a user reads (the policy
 * table in ./policy.ts: the starter's groups, her roles' groups at the case's unit, and what her
 * tasks in the case need), and the filters that cut a case's variables, timeline and earlier
 * steps down to those groups before they are presented. The lists are limited in SQL by
 * processes/policy.ts's instanceScope, which reads the same table; a case whose groups come out
 * empty is refused like one outside the scope.
 */
import type { Db } from '../../db/index.js';
import type { User } from '../org/index.js';
import { ANCESTORS } from '../org/scope.js';
import { INSTANCE_UNIT, instanceRows } from '../processes/access.js';
import { taskScope } from '../tasks/policy.js';
import { caseVisibility, readerGroups, STEPS, type CaseVisibility } from './policy.js';

export { caseVisibility, VISIBILITY, UNKNOWN_CASE, type CaseVisibility } from './policy.js';

/** The facts of one case that decide what a user reads in it. */
export interface CaseFacts {
  instanceKey: string;
  processId: string;
  unitId: string | null;
  startedBy: number | null;
}

/** What a user reads in one case: its type and the field groups (empty: nothing, refuse). */
export interface CaseView {
  visibility: CaseVisibility;
  groups: ReadonlySet<string>;
}

/** The group a variable belongs to: the one that names it, else the type's last (most restricted) group. */
export function groupOf(v: CaseVisibility, name: string): string {
  const names = Object.keys(v.groups);
  return names.find((g) => v.groups[g]!.includes(name)) ?? names[names.length - 1]!;
}

/** Whether the view shows the case's timeline (history, position, tasks, incidents). */
export const showsSteps = (view: CaseView): boolean => view.groups.has(groupOf(view.visibility, STEPS));

/** The variables of the groups the view reads; every other one is left out. */
export function visibleVariables(view: CaseView, variables: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(variables).filter(([name]) => view.groups.has(groupOf(view.visibility, name))));
}

/** The node and the nodes above it (null for no node). */
async function lineage(db: Db, unitId: string | null): Promise<string[] | null> {
  if (!unitId) return null;
  const r = await db.raw<{ rows: { id: string }[] }>(`select a.id from ${ANCESTORS} a`, [unitId]);
  return r.rows.map((x) => x.id);
}

/**
 * What `user` reads in the case: the starter's groups if she started it, her roles' groups at
 * its unit (or everywhere), and the groups of every task she has or had in it (assigned, or
 * offered to her by name or by a role she holds at the task's unit or above: tasks/policy.ts).
 */
export async function caseView(db: Db, user: User, c: CaseFacts): Promise<CaseView> {
  const visibility = caseVisibility(c.processId);
  const [units, tasks] = await Promise.all([
    lineage(db, c.unitId),
    taskScope(db, db('user_task as t'), user).where('t.process_instance_key', c.instanceKey).distinct<{ element_id: string }[]>('t.element_id'),
  ]);
  const groups = new Set<string>(readerGroups(user, visibility, units));
  if (c.startedBy !== null && c.startedBy === user.id) for (const g of visibility.starter) groups.add(g);
  for (const t of tasks) for (const g of visibility.tasks[t.element_id] ?? visibility.participant) groups.add(g);
  return { visibility, groups };
}

/** The groups of a view, in the table's order (for the presenter: what the reader is shown). */
export const viewGroups = (view: CaseView): string[] => Object.keys(view.visibility.groups).filter((g) => view.groups.has(g));

/** caseView for an instance by its key, reading its unit and starter (access.ts) — for the task context and form. */
export async function instanceView(db: Db, user: User, instanceKey: string, processId: string): Promise<CaseView> {
  const r = await instanceRows(db, 'all', true)
    .where('i.key', instanceKey)
    .first<{ unit_id: string | null; started_by: number | null } | undefined>(db.raw(`${INSTANCE_UNIT} as unit_id`), 'r.started_by');
  return caseView(db, user, { instanceKey, processId, unitId: r?.unit_id ?? null, startedBy: r?.started_by ?? null });
}
