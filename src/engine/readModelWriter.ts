/**
 * `ReadModelWriter`: how an engine whose state lives elsewhere (Zeebe, through its exporter)
 * writes the read model (readModel.ts) — the same engine_* tables the embedded engine keeps as
 * its own state, so the domain reads one shape on both engines. Every method runs in the
 * caller's transaction (the projection moves its cursor in the same one) and is idempotent: an
 * event projected again changes nothing. The methods that record a change return the port's
 * view of the row after it (undefined when there was no such row), for the engine's events.
 */
import type { Knex } from 'knex';
import type { EngineElementRow, EngineIncidentRow, EngineInstanceRow, EngineUserTaskRow } from '../db/tables.js';
import type { ElementInstanceInfo, IncidentInfo, ProcessInstanceInfo, UserTaskInfo, Variables } from './port.js';

type Tx = Knex.Transaction;

/** A process instance as it starts. */
export type InstanceStart = Pick<
  EngineInstanceRow,
  'key' | 'root_key' | 'definition_key' | 'process_id' | 'version' | 'parent_instance_key' | 'parent_element_key' | 'started_at'
>;
/** An element instance as it is entered. */
export type ElementStart = Pick<EngineElementRow, 'key' | 'instance_key' | 'root_key' | 'element_id' | 'element_type' | 'scope_key' | 'seq' | 'started_at'>;
/** The fields of a user task that an assignment or update changes. */
export type UserTaskFields = Pick<EngineUserTaskRow, 'assignee' | 'candidate_groups' | 'candidate_users' | 'due_date' | 'follow_up_date' | 'priority'>;
/** A user task as it is created. */
export type UserTaskStart = UserTaskFields &
  Pick<EngineUserTaskRow, 'key' | 'instance_key' | 'root_key' | 'element_key' | 'element_id' | 'name' | 'form_id' | 'headers' | 'created_at'>;
/** An incident as it is raised. */
export type IncidentStart = Pick<
  EngineIncidentRow,
  'key' | 'instance_key' | 'root_key' | 'element_key' | 'element_id' | 'error_type' | 'error_message' | 'job_key' | 'created_at'
>;

/** The write side of the read model. */
export interface ReadModelWriter {
  /** The root instance key of an instance we hold (undefined: not projected, e.g. started before our cursor). */
  rootOf(tx: Tx, instanceKey: string | undefined): Promise<string | undefined>;
  startInstance(tx: Tx, i: InstanceStart): Promise<ProcessInstanceInfo>;
  endInstance(tx: Tx, key: string, state: 'COMPLETED' | 'TERMINATED', at: Date): Promise<ProcessInstanceInfo | undefined>;
  enterElement(tx: Tx, e: ElementStart): Promise<ElementInstanceInfo>;
  leaveElement(tx: Tx, key: string, state: 'COMPLETED' | 'TERMINATED', at: Date): Promise<ElementInstanceInfo | undefined>;
  /** The element id of an element instance we hold. */
  elementId(tx: Tx, key: string): Promise<string | undefined>;
  /** Sets a variable of a scope; `json` is the value's JSON text as the engine gave it. */
  setVariable(tx: Tx, v: { scopeKey: string; name: string; rootKey: string; json: string }): Promise<void>;
  /** The variables an element sees: its scope and every enclosing one up to the instance, the innermost winning. */
  visibleVariables(tx: Tx, instanceKey: string, elementKey?: string): Promise<Variables>;
  createUserTask(tx: Tx, t: UserTaskStart): Promise<UserTaskInfo>;
  updateUserTask(tx: Tx, key: string, fields: UserTaskFields): Promise<UserTaskInfo | undefined>;
  endUserTask(tx: Tx, key: string, state: 'COMPLETED' | 'CANCELED'): Promise<UserTaskInfo | undefined>;
  raiseIncident(tx: Tx, i: IncidentStart): Promise<IncidentInfo>;
  resolveIncident(tx: Tx, key: string): Promise<IncidentInfo | undefined>;
  /** A deployed definition's process id and XML (the projection reads element names from it). */
  definition(tx: Tx, key: string): Promise<{ processId: string; xml: string } | undefined>;
  /** The form id of a deployed form, by its key. */
  formId(tx: Tx, formKey: string): Promise<string | undefined>;
  /** Records a deployed definition and a deployed form (as the engine numbered them). */
  recordDefinition(
    tx: Tx,
    d: { key: string; processId: string; version: number; name: string | null; resourceName: string; checksum: string; xml: string; deployedAt: Date },
  ): Promise<void>;
  recordForm(tx: Tx, f: { key: string; formId: string; version: number; checksum: string; schema: unknown }): Promise<void>;
}

const optional = <T>(v: T | null): T | undefined => v ?? undefined;

async function instanceInfo(tx: Tx, key: string): Promise<ProcessInstanceInfo | undefined> {
  const i = await tx('engine_instance').where({ key }).first();
  return (
    i && {
      key,
      processId: i.process_id,
      version: Number(i.version),
      processDefinitionKey: String(i.definition_key),
      state: i.state,
      parentProcessInstanceKey: optional(i.parent_instance_key),
      startedAt: new Date(i.started_at),
      endedAt: i.ended_at ? new Date(i.ended_at) : undefined,
    }
  );
}

async function elementInfo(tx: Tx, key: string): Promise<ElementInstanceInfo | undefined> {
  const e = await tx('engine_element').where({ key }).first();
  return (
    e && {
      key,
      elementId: e.element_id,
      elementType: e.element_type,
      state: e.state === 'WAITING' ? 'ACTIVE' : e.state,
      flowScopeKey: String(e.scope_key),
      startedAt: new Date(e.started_at),
      endedAt: e.ended_at ? new Date(e.ended_at) : undefined,
    }
  );
}

async function taskInfo(tx: Tx, key: string): Promise<UserTaskInfo | undefined> {
  const t = await tx('engine_user_task').where({ key }).first();
  const i = t && (await tx('engine_instance').where({ key: t.instance_key }).first('process_id', 'definition_key'));
  return (
    t &&
    i && {
      key,
      processInstanceKey: String(t.instance_key),
      processDefinitionKey: String(i.definition_key),
      processId: i.process_id,
      elementId: t.element_id,
      elementInstanceKey: String(t.element_key),
      name: optional(t.name),
      state: t.state,
      assignee: optional(t.assignee),
      candidateGroups: t.candidate_groups,
      candidateUsers: t.candidate_users,
      dueDate: t.due_date ? new Date(t.due_date) : undefined,
      followUpDate: t.follow_up_date ? new Date(t.follow_up_date) : undefined,
      priority: t.priority,
      formId: optional(t.form_id),
      customHeaders: t.headers,
      createdAt: new Date(t.created_at),
    }
  );
}

async function incidentInfo(tx: Tx, key: string): Promise<IncidentInfo | undefined> {
  const i = await tx('engine_incident').where({ key }).first();
  return (
    i && {
      key,
      processInstanceKey: String(i.instance_key),
      elementInstanceKey: String(i.element_key),
      elementId: i.element_id,
      errorType: i.error_type,
      errorMessage: i.error_message,
      jobKey: optional(i.job_key),
      state: i.state,
      createdAt: new Date(i.created_at),
    }
  );
}

/** Reads back a row the caller has just written in the same transaction. */
async function written<T>(info: Promise<T | undefined>, what: string): Promise<T> {
  const v = await info;
  if (v === undefined) throw new Error(`${what} is missing after it was written`);
  return v;
}

// the scopes from the element up its flow scopes (depth 0 = innermost), and the instance, in one query
const VISIBLE = `with recursive up(key, depth) as (
    select ?::bigint, 0
    union all
    select e.scope_key, up.depth + 1 from engine_element e join up on e.key = up.key where up.depth < 64
  )
  select v.name, v.value, coalesce((select min(depth) from up where up.key = v.scope_key), 1000) as depth
    from engine_variable v where v.scope_key in (select key from up) or v.scope_key = ?::bigint
    order by depth desc`;

/** The writer of the engine tables (the ones the embedded engine keeps its state in). */
export const tableWriter: ReadModelWriter = {
  async rootOf(tx, instanceKey) {
    if (!instanceKey) return undefined;
    const row = await tx('engine_instance').where({ key: instanceKey }).first('root_key');
    return row ? String(row.root_key) : undefined;
  },
  async startInstance(tx, i) {
    await tx('engine_instance')
      .insert({ ...i, state: 'ACTIVE' })
      .onConflict('key')
      .ignore();
    return written(instanceInfo(tx, i.key), `instance ${i.key}`);
  },
  async endInstance(tx, key, state, at) {
    const n = await tx('engine_instance').where({ key }).update({ state, ended_at: at });
    return n ? instanceInfo(tx, key) : undefined;
  },
  async enterElement(tx, e) {
    await tx('engine_element')
      .insert({ ...e, state: 'ACTIVE' })
      .onConflict('key')
      .ignore();
    return written(elementInfo(tx, e.key), `element instance ${e.key}`);
  },
  async leaveElement(tx, key, state, at) {
    const n = await tx('engine_element').where({ key }).update({ state, ended_at: at });
    return n ? elementInfo(tx, key) : undefined;
  },
  async elementId(tx, key) {
    return (await tx('engine_element').where({ key }).first('element_id'))?.element_id;
  },
  async setVariable(tx, v) {
    await tx('engine_variable')
      .insert({ scope_key: v.scopeKey, name: v.name, root_key: v.rootKey, value: tx.raw('?::jsonb', [v.json]) })
      .onConflict(['scope_key', 'name'])
      .merge(['value']);
  },
  async visibleVariables(tx, instanceKey, elementKey) {
    const r = await tx.raw<{ rows: { name: string; value: unknown }[] }>(VISIBLE, [elementKey ?? instanceKey, instanceKey]);
    return Object.fromEntries(r.rows.map((x) => [x.name, x.value]));
  },
  async createUserTask(tx, t) {
    await tx('engine_user_task')
      .insert({
        ...t,
        state: 'CREATED',
        candidate_groups: JSON.stringify(t.candidate_groups),
        candidate_users: JSON.stringify(t.candidate_users),
        headers: JSON.stringify(t.headers),
      })
      .onConflict('key')
      .ignore();
    return written(taskInfo(tx, t.key), `user task ${t.key}`);
  },
  async updateUserTask(tx, key, f) {
    const n = await tx('engine_user_task')
      .where({ key })
      .update({ ...f, candidate_groups: JSON.stringify(f.candidate_groups), candidate_users: JSON.stringify(f.candidate_users) });
    return n ? taskInfo(tx, key) : undefined;
  },
  async endUserTask(tx, key, state) {
    const n = await tx('engine_user_task').where({ key }).update({ state });
    return n ? taskInfo(tx, key) : undefined;
  },
  async raiseIncident(tx, i) {
    await tx('engine_incident')
      .insert({ ...i, state: 'ACTIVE', phase: null })
      .onConflict('key')
      .ignore();
    return written(incidentInfo(tx, i.key), `incident ${i.key}`);
  },
  async resolveIncident(tx, key) {
    const n = await tx('engine_incident').where({ key }).update({ state: 'RESOLVED' });
    return n ? incidentInfo(tx, key) : undefined;
  },
  async definition(tx, key) {
    const d = await tx('engine_definition').where({ key }).first('xml', 'process_id');
    return d && { processId: d.process_id, xml: d.xml };
  },
  async formId(tx, formKey) {
    return (await tx('engine_form').where({ key: formKey }).first('form_id'))?.form_id;
  },
  async recordDefinition(tx, d) {
    await tx('engine_definition')
      .insert({
        key: d.key,
        process_id: d.processId,
        version: d.version,
        name: d.name,
        resource_name: d.resourceName,
        checksum: d.checksum,
        xml: d.xml,
        deployed_at: d.deployedAt,
      })
      .onConflict('key')
      .ignore();
  },
  async recordForm(tx, f) {
    await tx('engine_form')
      .insert({ key: f.key, form_id: f.formId, version: f.version, checksum: f.checksum, schema: JSON.stringify(f.schema) })
      .onConflict('key')
      .ignore();
  },
};
