/**
 * The port's queries: plain SQL over the engine_* tables. The embedded engine keeps them as its
 * state; the Zeebe adapter projects the broker's events into them (zeebe/records.ts). Ended
 * trees live in history (history.ts): reads go through the `*_all` views (runtime UNION ALL
 * history), except where only running rows can match (active instances, open tasks and incidents).
 */
import type { Db } from '../../db/index.js';
import {
  EngineNotFound,
  type DeployedProcess,
  type ElementInstanceInfo,
  type IncidentInfo,
  type InstanceState,
  type ProcessInstanceInfo,
  type UserTaskInfo,
  type Variables,
} from '../port.js';
import { taskFromRow } from './waits.js';

type Row = Record<string, unknown>;
const date = (v: unknown) => (v ? new Date(v as string) : undefined);

function instance(r: Row): ProcessInstanceInfo {
  return {
    key: String(r.key),
    processId: r.process_id as string,
    version: Number(r.version),
    processDefinitionKey: String(r.definition_key),
    state: r.state as InstanceState,
    parentProcessInstanceKey: r.parent_instance_key ? String(r.parent_instance_key) : undefined,
    startedAt: new Date(r.started_at as string),
    endedAt: date(r.ended_at),
  };
}

/** The query methods of the port. */
export class Queries {
  constructor(protected readonly db: Db) {}

  async getProcessInstance(key: string): Promise<ProcessInstanceInfo> {
    const r = await this.db('engine_instance_all').where({ key }).first();
    if (!r) throw new EngineNotFound(`process instance ${key} not found`);
    return instance(r);
  }

  async getVariables(key: string): Promise<Variables> {
    await this.getProcessInstance(key);
    const rows = await this.db('engine_variable_all').where({ scope_key: key });
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  }

  async listElementInstances(key: string): Promise<ElementInstanceInfo[]> {
    const rows = await this.db('engine_element_all').where({ instance_key: key }).whereNot({ element_type: 'joinToken' }).orderBy('key');
    return rows.map((r) => ({
      key: String(r.key),
      elementId: r.element_id,
      elementType: r.element_type,
      state: r.state as ElementInstanceInfo['state'],
      flowScopeKey: String(r.scope_key),
      startedAt: new Date(r.started_at),
      endedAt: date(r.ended_at),
    }));
  }

  async listIncidents(filter: { processInstanceKey?: string; state?: IncidentInfo['state'] }): Promise<IncidentInfo[]> {
    const q = this.db(filter.state === 'ACTIVE' ? 'engine_incident' : 'engine_incident_all').orderBy('key');
    if (filter.processInstanceKey) q.where({ instance_key: filter.processInstanceKey });
    if (filter.state) q.where({ state: filter.state });
    return (await q).map((r) => ({
      key: String(r.key),
      processInstanceKey: String(r.instance_key),
      elementInstanceKey: String(r.element_key),
      elementId: r.element_id,
      errorType: r.error_type,
      errorMessage: r.error_message,
      jobKey: r.job_key ? String(r.job_key) : undefined,
      state: r.state,
      createdAt: new Date(r.created_at),
    }));
  }

  async listUserTasks(filter: { processInstanceKey?: string; state?: UserTaskInfo['state'] }): Promise<UserTaskInfo[]> {
    const running = filter.state === 'CREATED';
    const q = this.db(running ? 'engine_user_task as t' : 'engine_user_task_all as t')
      .join(running ? 'engine_instance as i' : 'engine_instance_all as i', 'i.key', 't.instance_key')
      .select('t.*', 'i.process_id', 'i.definition_key')
      .orderBy('t.key');
    if (filter.processInstanceKey) q.where('t.instance_key', filter.processInstanceKey);
    if (filter.state) q.where('t.state', filter.state);
    return (await q).map((r) => taskFromRow(r));
  }

  async listProcessInstances(filter: { processId?: string; parentProcessInstanceKey?: string; state?: InstanceState }): Promise<ProcessInstanceInfo[]> {
    const q = this.db(filter.state === 'ACTIVE' ? 'engine_instance' : 'engine_instance_all').orderBy('key');
    if (filter.processId) q.where({ process_id: filter.processId });
    if (filter.parentProcessInstanceKey) q.where({ parent_instance_key: filter.parentProcessInstanceKey });
    if (filter.state) q.where({ state: filter.state });
    return (await q).map(instance);
  }

  /** The latest version of every deployed process. */
  async listProcessDefinitions(): Promise<DeployedProcess[]> {
    const rows = await this.db('engine_definition as d')
      .whereRaw('d.version = (select max(version) from engine_definition x where x.process_id = d.process_id)')
      .orderBy('process_id');
    return rows.map((r) => ({ processId: r.process_id, name: r.name ?? undefined, version: r.version, key: String(r.key), resourceName: r.resource_name }));
  }

  /** A deployed form's schema, latest version. */
  async getForm(formId: string): Promise<unknown> {
    const f = await this.db('engine_form').where({ form_id: formId }).orderBy('version', 'desc').first();
    if (!f) throw new EngineNotFound(`form ${formId} not found`);
    return f.schema;
  }

  async getProcessDefinitionXml(key: string): Promise<string> {
    const d = await this.db('engine_definition').where({ key }).first('xml');
    if (!d) throw new EngineNotFound(`process definition ${key} not found`);
    return d.xml;
  }
}
