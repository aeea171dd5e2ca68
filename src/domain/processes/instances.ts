/**
 * Process instances for monitoring: the list (authorised and paged in SQL), one instance with
 * its history, tasks and incidents, and retrying an incident. Reads are audited.
 */
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import type { UserTaskRow } from '../../db/tables.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { ProcessEngine } from '../../engine/port.js';
import { audit } from '../audit/index.js';
import type { Outbox } from '../outbox/index.js';
import { recordKey, type IdempotencyClaim } from '../outbox/idempotency.js';
import type { User } from '../org/index.js';
import { authorize, may, refused } from '../policy.js';
import type { Paged } from '../paging.js';
import { caseView, showsSteps, viewGroups, visibleVariables } from '../visibility/index.js';
import { INSTANCE_UNIT, instanceRows } from './access.js';
import { listInstances, type InstanceFilter, type InstanceListItem } from './instanceList.js';
import type { DefinitionModels } from './models.js';
import { instanceScope, resolvesIncidents } from './policy.js';

export type { InstanceFilter, InstanceListItem } from './instanceList.js';

const iso = (v: Date | null) => (v ? new Date(v).toISOString() : null);

/** The instance-monitoring service. */
export class InstanceService {
  constructor(
    private readonly db: Db,
    private readonly engine: ProcessEngine,
    private readonly models: DefinitionModels,
    private readonly clock: Clock,
    private readonly outbox?: Outbox,
  ) {}

  /** One page of the instances the user may read (instanceList.ts); the listing is audited once. */
  async list(user: User, f: InstanceFilter): Promise<Paged<InstanceListItem>> {
    const page = await listInstances(this.db, user, f);
    await audit(this.db, this.clock.now(), user.username, 'list', 'process-instance', f.processId ?? '*');
    return page;
  }

  /**
   * An instance with its state, variables, position, history (with element names), tasks and
   * incidents, cut to the field groups the user reads (visibility/index.ts: the variables of her
   * groups; the timeline only with the group that holds it); the read is audited.
   */
  async get(user: User, key: string) {
    const info = await this.engine.getProcessInstance(key).catch(() => undefined);
    // refused reads are audited too (issue 15 point 5): who asked for which key, nothing of the case
    if (!info) {
      await audit(this.db, this.clock.now(), user.username, 'read-not-found', 'process-instance', key);
      throw new NotFoundError('Ärendet finns inte');
    }
    const allowed = await instanceScope(this.db, instanceRows(this.db), user)
      .where('i.key', key)
      .first<{ unit_id: string | null; started_by: number | null } | undefined>(this.db.raw(`${INSTANCE_UNIT} as unit_id`), 'r.started_by');
    // which field groups she reads (visibility/policy.ts); none: refused like a case outside the scope
    const view = allowed
      ? await caseView(this.db, user, { instanceKey: key, processId: info.processId, unitId: allowed.unit_id ?? null, startedBy: allowed.started_by ?? null })
      : undefined;
    // no field group: an incident handler still sees an instance with an open incident — its steps and incidents, no field (policy.ts)
    const operating = view?.groups.size === 0 && resolvesIncidents(user) && (await this.hasOpenIncident(key));
    if (!view || (view.groups.size === 0 && !operating)) {
      await audit(this.db, this.clock.now(), user.username, 'read-refused', 'process-instance', key);
      throw refused('instance.read');
    }
    await audit(this.db, this.clock.now(), user.username, 'read', 'process-instance', key);
    const steps = operating || showsSteps(view);
    const [variables, elements, incidents, model, tasks] = await Promise.all([
      this.engine.getVariables(key),
      steps ? this.engine.listElementInstances(key) : [],
      steps ? this.engine.listIncidents({ processInstanceKey: key }) : [],
      this.models.model(info.processDefinitionKey, info.processId),
      steps && !operating ? this.tasksOf(key) : [],
    ]);
    return {
      key: info.key,
      processId: info.processId,
      version: info.version,
      processDefinitionKey: info.processDefinitionKey,
      state: info.state,
      startedAt: info.startedAt,
      endedAt: info.endedAt ?? null,
      variables: visibleVariables(view, variables),
      fieldGroups: viewGroups(view),
      activeElements: elements.filter((e) => e.state === 'ACTIVE').map((e) => e.elementId),
      history: elements.map((e) => ({
        elementId: e.elementId,
        name: model?.elements.get(e.elementId)?.name ?? null,
        elementType: e.elementType,
        state: e.state,
        startedAt: e.startedAt,
        endedAt: e.endedAt ?? null,
      })),
      incidents: incidents.map((i) => ({ key: i.key, elementId: i.elementId, errorType: i.errorType, errorMessage: i.errorMessage, state: i.state })),
      tasks,
      mayRetry: may(user, 'incident.resolve'),
    };
  }

  private async hasOpenIncident(key: string): Promise<boolean> {
    const open = await this.engine.listIncidents({ processInstanceKey: key });
    return open.some((i) => i.state === 'ACTIVE');
  }

  /** The user tasks of an instance, oldest first, with who completed each (from the audit log). */
  private async tasksOf(key: string) {
    const rows = await this.db('user_task as t')
      .where('t.process_instance_key', key)
      .select('t.key', 't.name', 't.element_id', 't.state', 't.assignee', 't.completed_at', completedBy(this.db))
      .orderBy([
        { column: 't.created_at', order: 'asc' },
        { column: 't.key', order: 'asc' },
      ]);
    return (rows as TaskWithCompleter<'key' | 'name' | 'element_id' | 'state' | 'assignee' | 'completed_at'>[]).map((r) => ({
      key: r.key,
      name: r.name ?? null,
      elementId: r.element_id,
      state: r.state,
      assignee: r.assignee ?? null,
      completedAt: iso(r.completed_at),
      completedBy: r.completed_by ?? null,
    }));
  }

  /**
   * Retries an incident (admin, kvalitetsledare): a failed job gets one retry, then the incident
   * is resolved — a command through the outbox, audited with it; returns the command's id.
   */
  async resolveIncident(user: User, key: string, claim?: IdempotencyClaim): Promise<string> {
    authorize(user, 'incident.resolve');
    const incident = await this.engine.readModel
      .from(this.db, 'incident', 'x')
      .where('x.key', key)
      .first<{ job_key: string | null; state: string } | undefined>('x.job_key', 'x.state');
    if (!incident) throw new NotFoundError('Incidenten finns inte');
    if (incident.state !== 'ACTIVE') throw new ConflictError('Incidenten är redan åtgärdad');
    if (!this.outbox) throw new Error('the instance service was built without the outbox');
    const outbox = this.outbox;
    return this.db.transaction(async (tx) => {
      await audit(tx, this.clock.now(), user.username, 'resolve', 'incident', key);
      const id = await outbox.enqueue(
        tx,
        { kind: 'resolveIncident', incidentKey: key, jobKey: incident.job_key ? String(incident.job_key) : undefined },
        user.username,
      );
      await recordKey(tx, claim, id, this.clock.now());
      return id;
    });
  }
}

/** A task as the instance page reads it, with its completer (`completedBy`). */
export type TaskWithCompleter<C extends keyof UserTaskRow> = Pick<UserTaskRow, C> & { completed_by: string | null };

/** A select of `user_task as t`'s completer: the actor of the task's `complete` audit row. */
export function completedBy(db: Db) {
  return db('audit_log as a')
    .where({ 'a.subject_type': 'task', 'a.action': 'complete' })
    .whereRaw('a.subject_key = t.key')
    .orderBy('a.id', 'desc')
    .limit(1)
    .select('a.actor')
    .as('completed_by');
}
