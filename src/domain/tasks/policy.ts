/**
 * Policy for tasks: a user works on the tasks assigned to them, offered to them by name, or
 * offered to a role they hold at the task's unit or a node above it (`taskScope`, in SQL: the
 * inbox stays fast with tens of thousands of tasks); enhetschef and admin at the unit (or above)
 * assign tasks to others.
 */
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import type { User } from '../org/index.js';
import { holdsAny, holdsAt } from '../org/roles.js';
import { SCOPE, withScope } from '../org/scope.js';
import { resourceRule, scopeRule } from '../rule.js';

const ASSIGNERS = ['enhetschef', 'admin'];

export const taskRules = {
  /** The inbox and its counts: the rows are the user's scope. */
  'task.list': scopeRule('Du har inte behörighet till uppgiften', 'taskScope'),
  /** Read one task, its form and context; draft, take, give back, complete it. */
  'task.work': scopeRule('Du har inte behörighet till uppgiften', 'taskScope'),
  /** Give a task to someone else (or take it from them): `unitLineage` is the task's unit and the nodes above it (null: no unit). */
  'task.assign': resourceRule<{ unitLineage: string[] | null }>(
    'Du kan bara ta uppgiften själv eller lämna tillbaka din egen; enhetschef eller admin fördelar till andra',
    (user, t) => (t.unitLineage ? holdsAt(user, ASSIGNERS, t.unitLineage) : holdsAny(user, ['admin'])),
  ),
};

/**
 * Whether a task is claimed by someone other than the user: then only its assignee completes it
 * or saves drafts of it (409 task-claimed); a manager who may `task.assign` takes it over first.
 */
export const claimedByOther = (user: User, assignee: string | null): boolean => assignee !== null && assignee !== user.username;

/** What decides who may be given a task: its candidate roles and people, and its unit with the nodes above it (null: no unit). */
export interface TaskOffer {
  candidateGroups: readonly string[];
  candidateUsers: readonly string[];
  unitLineage: string[] | null;
}

/**
 * Whether `person` may be given the task: offered to them by name, or holding one of its
 * candidate roles at its unit or a node above it (anywhere, for a task with no unit) — the
 * same people the inbox offers it to (taskScope).
 */
export function eligibleAssignee(person: User, t: TaskOffer): boolean {
  if (t.candidateUsers.includes(person.username)) return true;
  return t.unitLineage ? holdsAt(person, t.candidateGroups, t.unitLineage) : holdsAny(person, t.candidateGroups);
}

/**
 * The condition "`user_task as t` is offered to the user" (assigned, offered by name, or to a role
 * she holds at its unit or above) for a where-builder; `scoped`: the query carries withScope's CTE.
 */
export function offeredTo(db: Db, w: Knex.QueryBuilder, user: User, scoped: boolean): void {
  w.where('t.assignee', user.username).orWhereRaw('jsonb_exists(t.candidate_users, ?)', [user.username]);
  if (scoped) {
    w.orWhereExists((e) => {
      e.select(db.raw('1')).from(`${SCOPE} as s`).whereRaw('s.node_id = t.unit_id and jsonb_exists(t.candidate_groups, s.role)');
    });
  }
}

/** Limits a query of `user_task as t` to the tasks the user may work on (task.list, task.work). */
export function taskScope<Q extends Knex.QueryBuilder>(db: Db, q: Q, user: User): Q {
  const scoped = withScope(db, q, user);
  return q.where((w) => offeredTo(db, w, user, scoped)) as Q;
}
