/**
 * The inbox: open tasks a user may work on, and completing them exactly once. A user may
 * work on a task assigned to them, or when one of their roles matches a candidate group at
 * the task's unit or above.
 */
import type { Knex } from 'knex';
import type { UserTaskRow } from '../../db/tables.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import { AssigneeIneligibleError, ConflictError, InputError, NotFoundError, TaskClaimedError } from '../../errors.js';
import type { ProcessEngine } from '../../engine/port.js';
import { audit } from '../audit/index.js';
import type { Outbox } from '../outbox/index.js';
import { recordKey, type IdempotencyClaim } from '../outbox/idempotency.js';
import { formSchema } from '../forms/store.js';
import { fields, validateAgainstForm } from '../forms/validate.js';
import { ruleOn } from '../calendar/rules.js';
import { deadlineRuleOf, shownDeadlineOf } from '../calendar/taskDeadlines.js';
import type { OrgService, User } from '../org/index.js';
import { authorize, may, refused } from '../policy.js';
import { claimedByOther, eligibleAssignee, taskScope } from './policy.js';
import { cappedCount, countCap, pageOf, type Paged } from '../paging.js';
import type { DefinitionModels } from '../processes/models.js';
import { instanceView, visibleVariables } from '../visibility/index.js';
import { taskContext, type TaskContext } from './context.js';
import { deleteDrafts, findDraft, oversizedDraftFields, saveDraft, unknownDraftFields, type Draft } from './drafts.js';

export interface Task {
  key: string;
  name: string | null;
  processInstanceKey: string;
  processId: string;
  elementId: string;
  state: 'open' | 'completing' | 'completed' | 'canceled';
  assignee: string | null;
  candidateGroups: string[];
  dueDate: string | null;
  followUpDate: string | null;
  priority: number;
  createdAt: string;
  completedAt: string | null;
  unitId: string | null;
  unitName: string | null;
  formId: string | null;
  caseNumber: string | null;
  /** Whose the task was when someone else took it from them (they see it here and in their counts). */
  takenFrom: string | null;
}

export interface TaskFilter {
  state: 'open' | 'completed';
  processId?: string;
  assignee?: 'me' | 'unassigned';
  unitId?: string;
  /** `overdue`: past its due date; `soon`: due within two days. */
  due?: 'overdue' | 'soon';
  /** `due` (default): earliest due first, then highest priority; `priority`: highest first; `created`: newest first. */
  sort?: 'due' | 'priority' | 'created';
  page: number;
  pageSize: number;
}

/** The deadline rule behind a task's due date (calendar/rules.ts). */
export interface Deadline {
  kind: 'legal' | 'local';
  title: string;
  basis: string;
}

/** How far ahead "due soon" looks. */
const DUE_SOON_MS = 2 * 86_400_000;

const iso = (v: Date | null) => (v ? new Date(v).toISOString() : null);

/** A task row as `shown` reads it: the task, its unit's name, and its case number filled in from the instance. */
type ShownTask = UserTaskRow & { unit_name: string | null };

function present(r: ShownTask): Task {
  return {
    key: r.key,
    name: r.name ?? null,
    processInstanceKey: r.process_instance_key,
    processId: r.process_id,
    elementId: r.element_id,
    state: r.state,
    assignee: r.assignee ?? null,
    candidateGroups: r.candidate_groups,
    dueDate: iso(r.due_date),
    followUpDate: iso(r.follow_up_date),
    priority: Number(r.priority),
    createdAt: iso(r.created_at)!,
    completedAt: iso(r.completed_at),
    unitId: r.unit_id ?? null,
    unitName: r.unit_name ?? null,
    formId: r.form_id ?? null,
    caseNumber: r.case_number ?? null,
    takenFrom: r.taken_from ?? null,
  };
}

/** The refusal of a task claimed by someone else (409 task-claimed); names nobody. */
const claimed = () =>
  new TaskClaimedError('Uppgiften är tagen av en kollega. Be hen lämna tillbaka den, eller be en chef ta över den, innan du slutför eller sparar den.');

/** The inbox service. */
export class TaskService {
  constructor(
    private readonly db: Db,
    private readonly engine: ProcessEngine,
    private readonly clock: Clock,
    private readonly org: OrgService,
    private readonly models: DefinitionModels,
    private readonly outbox?: Outbox,
  ) {
    // The engine has completed the task (the projection has marked it) or refused: a refused
    // completion leaves `completing` for `open` again, said in the audit log.
    // The audit row of a completion is written here, when the engine has accepted it (issue 15
    // point 5: it used to be written with the request, so a refused one stayed in the log).
    outbox?.onSettled('task-complete', {
      applied: async (tx, row) => {
        const key = row.followUpData.taskKey as string;
        await deleteDrafts(tx, key);
        await audit(tx, this.clock.now(), row.actor, 'complete', 'task', key);
      },
      failed: async (tx, row) => {
        const key = row.followUpData.taskKey as string;
        const n = await tx('user_task').where({ key, state: 'completing' }).update({ state: 'open' });
        if (n) await audit(tx, this.clock.now(), 'system', 'complete-refused', 'task', key);
      },
    });
    // A refused assignment gives the task back its assignee before.
    outbox?.onSettled('task-assign', {
      failed: async (tx, row) => {
        const d = row.followUpData as { taskKey: string; assignee: string | null; previous: string | null };
        const n = await tx('user_task').where({ key: d.taskKey, assignee: d.assignee }).update({ assignee: d.previous, taken_from: null });
        if (n) await audit(tx, this.clock.now(), 'system', 'assign-refused', 'task', d.taskKey);
      },
    });
  }

  private commands(): Outbox {
    if (!this.outbox) throw new Error('the task service was built without the outbox');
    return this.outbox;
  }

  private base() {
    return this.shown(this.db('user_task as t'));
  }

  /** Adds the unit's name and the case number to the rows of `user_task as t` (or a page of them). */
  private shown(q: Knex.QueryBuilder) {
    // The case number is copied onto the task when it is created; if it was not known yet then
    // (seen once on Camunda in CI), the instance's variable fills it in (both engines keep them;
    // an ended instance's variables are in history, hence the view).
    return q
      .leftJoin('org_node as n', 'n.id', 't.unit_id')
      .joinRaw(this.engine.readModel.variable('cv', 'caseNumber', 't.process_instance_key::bigint'))
      .select('t.*', 'n.name as unit_name', this.db.raw("coalesce(t.case_number, cv.value #>> '{}') as case_number"));
  }

  /**
   * The tasks the user may work on, filtered, sorted and one page of them; paging and
   * authorisation in SQL. The page is read from the task table alone, along an index in the
   * sort's order (migration 20261202_30), and only its rows get their unit name and case
   * number; the total is counted up to the page's cap (paging.ts).
   */
  async list(user: User, f: TaskFilter): Promise<Paged<Task>> {
    const now = this.clock.now();
    // a task being completed stays in the inbox, shown as such, until the engine has completed it
    const q = taskScope(this.db, this.db('user_task as t'), user).whereIn('t.state', f.state === 'open' ? ['open', 'completing'] : ['completed']);
    if (f.processId) q.where('t.process_id', f.processId);
    if (f.unitId) q.where('t.unit_id', f.unitId);
    if (f.assignee === 'me') q.where('t.assignee', user.username);
    if (f.assignee === 'unassigned') q.whereNull('t.assignee');
    if (f.due === 'overdue') q.where('t.due_date', '<', now);
    if (f.due === 'soon') q.where('t.due_date', '>=', now).where('t.due_date', '<', new Date(now.getTime() + DUE_SOON_MS));
    const order: { column: string; order: 'asc' | 'desc'; nulls?: 'first' | 'last' }[] = [
      ...(f.sort === 'priority'
        ? [
            { column: 'priority', order: 'desc' as const },
            { column: 'due_date', order: 'asc' as const, nulls: 'last' as const },
          ]
        : f.sort === 'created'
          ? [{ column: 'created_at', order: 'desc' as const }]
          : [
              { column: 'due_date', order: 'asc' as const, nulls: 'last' as const },
              { column: 'priority', order: 'desc' as const },
            ]),
      { column: 'key', order: 'desc' },
    ];
    const inner = q
      .clone()
      .select('t.*')
      .orderBy(order.map((o) => ({ ...o, column: `t.${o.column}` })))
      .limit(f.pageSize + 1)
      .offset((f.page - 1) * f.pageSize);
    // the count and the page are independent reads: on a pool they run side by side
    const [counted, read] = await Promise.all([
      cappedCount(this.db, q, countCap(f.page, f.pageSize)),
      this.shown(this.db.from(inner.as('t'))).orderBy(order.map((o) => ({ ...o, column: `t.${o.column}` }))) as Promise<ShownTask[]>,
    ]);
    const { rows, hasMore } = pageOf(read, f.pageSize);
    // the inbox read is audited once per page (issue 15 point 5): who, and which filter — no task contents
    await audit(this.db, now, user.username, 'list', 'task', f.processId ?? '*', { state: f.state, page: f.page, count: rows.length });
    return { items: rows.map(present), ...counted, hasMore, page: f.page, pageSize: f.pageSize };
  }

  /** The counts for the navigation: open tasks the user may work on, overdue, due soon, assigned to them. */
  async counts(user: User): Promise<{ open: number; overdue: number; dueSoon: number; assignedToMe: number; takenFromMe: number }> {
    const now = this.clock.now();
    const r = await taskScope(this.db, this.db('user_task as t'), user)
      .where('t.state', 'open')
      .first<{ open: number; overdue: number; due_soon: number; assigned_to_me: number } | undefined>(
        this.db.raw('count(*)::int as open'),
        this.db.raw('count(*) filter (where t.due_date < ?)::int as overdue', [now]),
        this.db.raw('count(*) filter (where t.due_date >= ? and t.due_date < ?)::int as due_soon', [now, new Date(now.getTime() + DUE_SOON_MS)]),
        this.db.raw('count(*) filter (where t.assignee = ?)::int as assigned_to_me', [user.username]),
      );
    // taken over from the user: counted whether or not they may still see the task (only a number)
    const taken = await this.db('user_task')
      .where({ taken_from: user.username, state: 'open' })
      .first<{ n: number } | undefined>(this.db.raw('count(*)::int as n'));
    return {
      open: Number(r?.open ?? 0),
      overdue: Number(r?.overdue ?? 0),
      dueSoon: Number(r?.due_soon ?? 0),
      assignedToMe: Number(r?.assigned_to_me ?? 0),
      takenFromMe: Number(taken?.n ?? 0),
    };
  }

  /**
   * One task, if the user may work on it (404 if unknown, 403 if not theirs), with the deadline
   * rule that produced its due date (null when none did) and whether the user may take it over
   * from the person who claimed it; the read is audited.
   */
  async get(user: User, key: string): Promise<Task & { deadline: Deadline | null; mayTakeOver: boolean }> {
    const r = await this.row(user, key);
    await audit(this.db, this.clock.now(), user.username, 'read', 'task', key);
    const task = present(r);
    // claimed by someone else: a manager who may assign at its unit may take it over (assign())
    const mayTakeOver =
      r.state === 'open' && claimedByOther(user, r.assignee) && may(user, 'task.assign', { unitLineage: r.unit_id ? await this.org.lineage(r.unit_id) : null });
    return { ...task, deadline: task.dueDate ? await this.deadline(task) : null, mayTakeOver };
  }

  private async deadline(task: Task): Promise<Deadline | null> {
    const variables = await this.engine.getVariables(task.processInstanceKey).catch(() => ({}));
    const id = deadlineRuleOf(task.processId, task.elementId, variables);
    if (!id) return shownDeadlineOf(task.processId, task.elementId) ?? null;
    // the rule's wording valid when the task was created (its period started then or just before)
    try {
      const rule = ruleOn(id, task.createdAt);
      return { kind: rule.kind, title: rule.title, basis: rule.basis };
    } catch {
      return null;
    }
  }

  /** Where the task's instance has been and what its earlier tasks recorded (audited like a read). */
  async context(user: User, key: string): Promise<TaskContext> {
    const r = await this.row(user, key);
    await audit(this.db, this.clock.now(), user.username, 'read-context', 'task', key);
    // what she reads of the case: the groups her task needs, and her roles' and the starter's (visibility/)
    const view = await instanceView(this.db, user, r.process_instance_key, r.process_id);
    return taskContext(this.db, this.engine, this.models, r.process_instance_key, view);
  }

  /** Saves the user's draft of an open task; keys must be fields of its form (values are not checked). */
  async saveDraft(user: User, key: string, variables: Record<string, unknown>): Promise<Draft> {
    const r = await this.row(user, key);
    if (r.state !== 'open') throw new ConflictError('Uppgiften är inte öppen');
    if (claimedByOther(user, r.assignee)) throw claimed();
    if (!r.form_id) throw new InputError('Uppgiften har inget formulär', [{ field: 'variables', message: 'uppgiften har inget formulär' }]);
    const form = await formSchema(this.db, this.engine, r.form_id, r.form_version_id);
    const errors = [...unknownDraftFields(form, variables), ...oversizedDraftFields(form, variables)];
    if (errors.length) throw new InputError('Utkastet har fält som inte finns i formuläret', errors);
    return this.db.transaction(async (tx) => {
      await audit(tx, this.clock.now(), user.username, 'save-draft', 'task', key);
      return saveDraft(tx, key, user.username, variables, this.clock.now());
    });
  }

  /** Throws away the user's draft of a task. */
  async deleteDraft(user: User, key: string): Promise<void> {
    await this.row(user, key);
    await this.db.transaction(async (tx) => {
      await deleteDrafts(tx, key, user.username);
      await audit(tx, this.clock.now(), user.username, 'delete-draft', 'task', key);
    });
  }

  private async row(user: User, key: string): Promise<ShownTask> {
    const r = (await this.base().where('t.key', key).first()) as ShownTask | undefined;
    // a refused read is audited as such (issue 15 point 5): who asked for which key
    if (!r) {
      await audit(this.db, this.clock.now(), user.username, 'read-not-found', 'task', key);
      throw new NotFoundError('Uppgiften finns inte');
    }
    // the same rule as the inbox, in one place (tasks/policy.ts)
    const mine = await taskScope(this.db, this.db('user_task as t'), user).where('t.key', key).first<{ ok: number } | undefined>(this.db.raw('1 as ok'));
    if (!mine) {
      await audit(this.db, this.clock.now(), user.username, 'read-refused', 'task', key);
      throw refused('task.work');
    }
    return r;
  }

  /** The task's form with the current variables to prefill, the user's draft (if any) over them. */
  async form(
    user: User,
    key: string,
    units: { label: string; value: string }[],
  ): Promise<{ schema: unknown; data: Record<string, unknown>; draftSavedAt: string | null }> {
    const r = await this.row(user, key);
    await audit(this.db, this.clock.now(), user.username, 'read-form', 'task', key);
    if (!r.form_id) throw new NotFoundError('Uppgiften har inget formulär');
    const [schema, variables, draft, view] = await Promise.all([
      formSchema(this.db, this.engine, r.form_id, r.form_version_id),
      this.engine.getVariables(r.process_instance_key),
      findDraft(this.db, key, user.username),
      instanceView(this.db, user, r.process_instance_key, r.process_id),
    ]);
    // the prefill: the form's own fields and what she reads of the case (visibility/), nothing else
    const own = new Set(fields(schema).map((f) => f.key));
    const data = { ...visibleVariables(view, variables), ...Object.fromEntries(Object.entries(variables).filter(([k]) => own.has(k))) };
    return { schema, data: { ...data, ...draft?.variables, units }, draftSavedAt: draft?.savedAt ?? null };
  }

  /**
   * Sets or clears the assignee. Anyone who may work on the task may take it or give back their
   * own; giving it to someone else, or taking it from them, is for those `task.assign` allows at
   * the task's unit (or above), and only to a person the task is offered to (tasks/policy.ts
   * eligibleAssignee; else 422 on `assignee`). Taking it from someone marks the task with whose
   * it was (`takenFrom`, shown to them on the task and in their counts) and is audited as a take-over.
   */
  async assign(user: User, key: string, assignee: string | null, claim?: IdempotencyClaim): Promise<string> {
    const r = await this.row(user, key);
    if (r.state !== 'open') throw new ConflictError('Uppgiften är inte öppen');
    // from nobody or themself, to nobody or themself
    const own = [assignee, r.assignee].every((a) => a === null || a === user.username);
    if (!own) {
      const unitLineage = r.unit_id ? await this.org.lineage(r.unit_id) : null;
      authorize(user, 'task.assign', { unitLineage });
      if (assignee !== null && assignee !== user.username) {
        const person = await this.org.userByName(assignee);
        if (!person || !eligibleAssignee(person, { candidateGroups: r.candidate_groups, candidateUsers: r.candidate_users, unitLineage }))
          throw new AssigneeIneligibleError('Personen kan inte få uppgiften', [
            { field: 'assignee', message: 'finns inte, eller har ingen av uppgiftens roller vid enheten eller ovanför' },
          ]);
      }
    }
    const takenFrom = r.assignee !== null && r.assignee !== user.username && r.assignee !== assignee ? r.assignee : null;
    // The inbox shows it at once; the engine gets it through the outbox (on Camunda the
    // projection of the assignment comes a moment later and writes the same value).
    return this.db.transaction(async (tx) => {
      // only from the assignee read above: a claim that came in between is not overwritten
      const n = await tx('user_task')
        .where({ key, state: 'open' })
        .where((w) => {
          if (r.assignee === null) w.whereNull('assignee');
          else w.where('assignee', r.assignee);
        })
        .update({ assignee, taken_from: takenFrom });
      if (n !== 1) throw new ConflictError('Uppgiften har ändrats, läs in den igen');
      if (takenFrom) await audit(tx, this.clock.now(), user.username, 'take-over', 'task', key, { from: takenFrom, to: assignee });
      else await audit(tx, this.clock.now(), user.username, 'assign', 'task', key);
      const id = await this.commands().enqueue(tx, { kind: 'assignUserTask', userTaskKey: key, assignee }, user.username, {
        name: 'task-assign',
        data: { taskKey: key, assignee, previous: r.assignee ?? null },
      });
      await recordKey(tx, claim, id, this.clock.now());
      return id;
    });
  }

  /** A task as the inbox shows it (after a command on it, whoever may see it). */
  async present(key: string): Promise<Task | undefined> {
    const r = (await this.base().where('t.key', key).first()) as ShownTask | undefined;
    return r ? present(r) : undefined;
  }

  /**
   * Accepts a task's completion exactly once: in one transaction the row moves open →
   * completing (a second, concurrent attempt finds no open row: 409) and the outbox row for the
   * engine is written; returns the outbox command's id. The dispatcher completes it in the
   * engine, however often the process dies on the way, and the audit row `complete` is written
   * in the transaction that records the engine's acceptance. A task claimed by someone else is
   * refused (409 task-claimed).
   */
  async complete(
    user: User,
    key: string,
    variables: Record<string, unknown>,
    dynamicValues: Record<string, unknown[]>,
    claim?: IdempotencyClaim,
  ): Promise<string> {
    const r = await this.row(user, key);
    if (r.state !== 'open') throw new ConflictError('Uppgiften är redan slutförd');
    if (claimedByOther(user, r.assignee)) throw claimed();
    if (r.form_id) {
      const errors = validateAgainstForm(await formSchema(this.db, this.engine, r.form_id, r.form_version_id), variables, dynamicValues);
      if (errors.length) throw new InputError('Formuläret är inte korrekt ifyllt', errors);
    }
    return this.db.transaction(async (tx) => {
      // open, and still nobody's or the user's (a claim in between is not completed past)
      const n = await tx('user_task')
        .where({ key, state: 'open' })
        .where((w) => {
          w.whereNull('assignee').orWhere('assignee', user.username);
        })
        .update({ state: 'completing' });
      if (n !== 1) throw new ConflictError('Uppgiften är redan slutförd');
      // the audit row is written when the engine has accepted the completion (the 'task-complete' follow-up)
      const id = await this.commands().enqueue(
        tx,
        { kind: 'completeUserTask', userTaskKey: key, processInstanceKey: r.process_instance_key, variables },
        user.username,
        { name: 'task-complete', data: { taskKey: key } },
      );
      await recordKey(tx, claim, id, this.clock.now());
      return id;
    });
  }
}
