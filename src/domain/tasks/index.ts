/**
 * The inbox: open tasks a user may work on, and completing them exactly once. A user may
 * work on a task assigned to them, or when one of their roles matches a candidate group at
 * the task's unit or above.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../../errors.js';
import { EngineConflict, type ProcessEngine } from '../../engine/port.js';
import { audit } from '../audit/index.js';
import { validateAgainstForm } from '../forms/validate.js';
import type { User } from '../org/index.js';

export interface Task {
  key: string; name: string | null; processInstanceKey: string; processId: string; elementId: string;
  state: 'open' | 'completing' | 'completed' | 'canceled'; assignee: string | null; candidateGroups: string[];
  dueDate: string | null; followUpDate: string | null; priority: number; createdAt: string; completedAt: string | null;
  unitId: string | null; unitName: string | null; formId: string | null; caseNumber: string | null;
}

export interface TaskFilter {
  state: 'open' | 'completed'; processId?: string; assignee?: 'me' | 'unassigned'; unitId?: string;
  /** `overdue`: past its due date; `soon`: due within two days. */
  due?: 'overdue' | 'soon';
  /** `due` (default): earliest due first, then highest priority; `priority`: highest first; `created`: newest first. */
  sort?: 'due' | 'priority' | 'created';
  page: number; pageSize: number;
}

/** How far ahead "due soon" looks. */
const DUE_SOON_MS = 2 * 86_400_000;

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

function present(r: Record<string, unknown>): Task {
  return {
    key: r.key as string, name: (r.name as string) ?? null, processInstanceKey: r.process_instance_key as string, processId: r.process_id as string,
    elementId: r.element_id as string, state: r.state as Task['state'], assignee: (r.assignee as string) ?? null,
    candidateGroups: r.candidate_groups as string[], dueDate: iso(r.due_date), followUpDate: iso(r.follow_up_date), priority: Number(r.priority),
    createdAt: iso(r.created_at)!, completedAt: iso(r.completed_at), unitId: (r.unit_id as string) ?? null, unitName: (r.unit_name as string) ?? null,
    formId: (r.form_id as string) ?? null, caseNumber: (r.case_number as string) ?? null,
  };
}

/** The inbox service. */
export class TaskService {
  constructor(private readonly db: Db, private readonly engine: ProcessEngine, private readonly clock: Clock) {}

  private base() {
    // The case number is copied onto the task when it is created; if it was not known yet then
    // (seen once on Camunda in CI), the instance's variable fills it in (both engines keep them).
    return this.db('user_task as t').leftJoin('org_node as n', 'n.id', 't.unit_id')
      .leftJoin('engine_variable as cv', (j) => j.on(this.db.raw('cv.scope_key = t.process_instance_key::bigint')).andOn('cv.name', this.db.raw('?', ['caseNumber'])))
      .select('t.*', 'n.name as unit_name', this.db.raw("coalesce(t.case_number, cv.value #>> '{}') as case_number"));
  }

  /**
   * Limits a query of `user_task as t` to the tasks the user may work on, in SQL (the inbox must
   * stay fast with tens of thousands of tasks): assigned to them, offered to them by name, or
   * offered to a role they hold at the task's unit or a node above it.
   */
  private visibleTo<Q extends Knex.QueryBuilder>(q: Q, user: User): Q {
    const scopes = user.roles.filter((r) => r.nodeId);
    if (scopes.length) {
      const values = scopes.map(() => '(?, ?)').join(', ');
      q.withRecursive('visible_scope', ['role', 'node_id'], this.db.raw(
        `select r.role, r.node_id from (values ${values}) as r(role, node_id)
         union select s.role, n.id from org_node n join visible_scope s on n.parent_id = s.node_id`,
        scopes.flatMap((r) => [r.role, r.nodeId])));
    }
    return q.where((w) => {
      w.where('t.assignee', user.username).orWhereRaw('jsonb_exists(t.candidate_users, ?)', [user.username]);
      if (scopes.length) {
        w.orWhereExists((e) => e.select(this.db.raw('1')).from('visible_scope as s').whereRaw('s.node_id = t.unit_id and jsonb_exists(t.candidate_groups, s.role)'));
      }
    }) as Q;
  }

  /** The tasks the user may work on, filtered, sorted and one page of them; paging and authorisation in SQL. */
  async list(user: User, f: TaskFilter): Promise<{ items: Task[]; page: number; pageSize: number; total: number }> {
    const now = this.clock.now();
    const q = this.visibleTo(this.base(), user).where('t.state', f.state === 'open' ? 'open' : 'completed');
    if (f.processId) q.where('t.process_id', f.processId);
    if (f.unitId) q.where('t.unit_id', f.unitId);
    if (f.assignee === 'me') q.where('t.assignee', user.username);
    if (f.assignee === 'unassigned') q.whereNull('t.assignee');
    if (f.due === 'overdue') q.where('t.due_date', '<', now);
    if (f.due === 'soon') q.where('t.due_date', '>=', now).where('t.due_date', '<', new Date(now.getTime() + DUE_SOON_MS));
    const total = Number((await q.clone().clearSelect().clearOrder().count({ n: '*' }).first())?.n ?? 0);
    const order: { column: string; order: 'asc' | 'desc'; nulls?: 'first' | 'last' }[] =
      f.sort === 'priority' ? [{ column: 't.priority', order: 'desc' }, { column: 't.due_date', order: 'asc', nulls: 'last' }]
      : f.sort === 'created' ? [{ column: 't.created_at', order: 'desc' }]
      : [{ column: 't.due_date', order: 'asc', nulls: 'last' }, { column: 't.priority', order: 'desc' }];
    const rows = await q.orderBy([...order, { column: 't.key', order: 'desc' }]).limit(f.pageSize).offset((f.page - 1) * f.pageSize);
    return { items: rows.map(present), page: f.page, pageSize: f.pageSize, total };
  }

  /** The counts for the navigation: open tasks the user may work on, overdue, due soon, assigned to them. */
  async counts(user: User): Promise<{ open: number; overdue: number; dueSoon: number; assignedToMe: number }> {
    const now = this.clock.now();
    const r = await this.visibleTo(this.db('user_task as t'), user).where('t.state', 'open').first(
      this.db.raw('count(*)::int as open'),
      this.db.raw('count(*) filter (where t.due_date < ?)::int as overdue', [now]),
      this.db.raw('count(*) filter (where t.due_date >= ? and t.due_date < ?)::int as due_soon', [now, new Date(now.getTime() + DUE_SOON_MS)]),
      this.db.raw('count(*) filter (where t.assignee = ?)::int as assigned_to_me', [user.username]),
    );
    return { open: Number(r?.open ?? 0), overdue: Number(r?.overdue ?? 0), dueSoon: Number(r?.due_soon ?? 0), assignedToMe: Number(r?.assigned_to_me ?? 0) };
  }

  /** One task, if the user may work on it (404 if unknown, 403 if not theirs); the read is audited. */
  async get(user: User, key: string): Promise<Task> {
    const r = await this.row(user, key);
    await audit(this.db, this.clock.now(), user.username, 'read', 'task', key);
    return present(r);
  }

  private async row(user: User, key: string): Promise<Record<string, unknown>> {
    const r = await this.base().where('t.key', key).first();
    if (!r) throw new NotFoundError('Uppgiften finns inte');
    // the same rule as the inbox, in one place (visibleTo)
    const mine = await this.visibleTo(this.db('user_task as t'), user).where('t.key', key).first(this.db.raw('1 as ok'));
    if (!mine) throw new ForbiddenError('Du har inte behörighet till uppgiften');
    return r;
  }

  /** The task's form with the current variables to prefill. */
  async form(user: User, key: string, units: { label: string; value: string }[]): Promise<{ schema: unknown; data: Record<string, unknown> }> {
    const r = await this.row(user, key);
    await audit(this.db, this.clock.now(), user.username, 'read-form', 'task', key);
    if (!r.form_id) throw new NotFoundError('Uppgiften har inget formulär');
    const schema = await this.engine.getForm(r.form_id as string);
    const data = await this.engine.getVariables(r.process_instance_key as string);
    return { schema, data: { ...data, units } };
  }

  /** Sets or clears the assignee. */
  async assign(user: User, key: string, assignee: string | null): Promise<Task> {
    const r = await this.row(user, key);
    if (r.state !== 'open') throw new ConflictError('Uppgiften är inte öppen');
    await this.engine.assignUserTask(key, assignee);
    await audit(this.db, this.clock.now(), user.username, 'assign', 'task', key);
    return present((await this.base().where('t.key', key).first())!);
  }

  /**
   * Completes a task exactly once: the row moves open → completing in a conditional update
   * (a second, concurrent attempt finds no open row: 409), then the engine completes it.
   */
  async complete(user: User, key: string, variables: Record<string, unknown>, dynamicValues: Record<string, unknown[]>): Promise<void> {
    const r = await this.row(user, key);
    if (r.state !== 'open') throw new ConflictError('Uppgiften är redan slutförd');
    if (r.form_id) {
      const errors = validateAgainstForm(await this.engine.getForm(r.form_id as string), variables, dynamicValues);
      if (errors.length) throw new InputError('Formuläret är inte korrekt ifyllt', errors);
    }
    const claimed = await this.db.transaction(async (tx) => {
      const n = await tx('user_task').where({ key, state: 'open' }).update({ state: 'completing' });
      if (n === 1) await audit(tx, this.clock.now(), user.username, 'complete', 'task', key);
      return n === 1;
    });
    if (!claimed) throw new ConflictError('Uppgiften är redan slutförd');
    try {
      await this.engine.completeUserTask(key, variables);
    } catch (e) {
      await this.db('user_task').where({ key, state: 'completing' }).update({ state: 'open' });
      if (e instanceof EngineConflict) throw new ConflictError('Uppgiften är redan slutförd');
      throw e;
    }
  }
}
