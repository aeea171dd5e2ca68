/**
 * Processes: deployed definitions, start forms, starting instances (variables checked against
 * the start form) and reading an instance (allowed to its starter and to anyone with a role
 * at or above its unit; every read is audited).
 */
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import { ForbiddenError, InputError, NotFoundError } from '../../errors.js';
import type { DeployResource, ProcessEngine } from '../../engine/port.js';
import { audit } from '../audit/index.js';
import { validateAgainstForm } from '../forms/validate.js';
import type { OrgService, User } from '../org/index.js';
import { catalogueEntry, mayStart } from './catalogue.js';

/** The process service. */
export class ProcessService {
  constructor(private readonly db: Db, private readonly engine: ProcessEngine, private readonly org: OrgService, private readonly clock: Clock) {}

  /** Latest version of each deployed process, with its place on the process map and whether this user may start it. */
  async definitions(user?: User) {
    const roles = user?.roles.map((r) => r.role) ?? [];
    const now = this.clock.now();
    // the process map's live figures: open instances, open and overdue tasks, per process
    const [instances, tasks] = await Promise.all([
      this.db('engine_instance').where({ state: 'ACTIVE' }).groupBy('process_id').select('process_id', this.db.raw('count(*)::int as n')),
      this.db('user_task').where({ state: 'open' }).groupBy('process_id')
        .select('process_id', this.db.raw('count(*)::int as open'), this.db.raw('count(*) filter (where due_date < ?)::int as overdue', [now])),
    ]);
    const openInstances = new Map(instances.map((r: { process_id: string; n: number }) => [r.process_id, Number(r.n)]));
    const taskFigures = new Map(tasks.map((r: { process_id: string; open: number; overdue: number }) => [r.process_id, r]));
    return (await this.engine.listProcessDefinitions()).map((d) => {
      const c = catalogueEntry(d.processId);
      const t = taskFigures.get(d.processId);
      return {
        processId: d.processId, name: d.name ?? d.processId, version: d.version, key: d.key, group: c.group, ownerRole: c.ownerRole,
        startable: mayStart(d.processId, roles), openInstances: openInstances.get(d.processId) ?? 0,
        openTasks: Number(t?.open ?? 0), overdueTasks: Number(t?.overdue ?? 0),
      };
    });
  }

  private async latest(processId: string) {
    const d = (await this.engine.listProcessDefinitions()).find((x) => x.processId === processId);
    if (!d) throw new NotFoundError('Processen finns inte');
    return d;
  }

  /** The BPMN XML of the latest version. */
  async xml(processId: string): Promise<string> {
    return this.engine.getProcessDefinitionXml((await this.latest(processId)).key);
  }

  /** The start form (form-js JSON) of the latest version. */
  async startForm(processId: string): Promise<unknown> {
    const xml = await this.xml(processId);
    const formId = startFormId(xml);
    if (!formId) throw new NotFoundError('Processen har inget startformulär');
    return this.engine.getForm(formId);
  }

  /** Starts an instance; with a start form, the variables must satisfy it. */
  async start(user: User, processId: string, variables: Record<string, unknown>, dynamicValues: Record<string, unknown[]>) {
    const xml = await this.xml(processId);
    const formId = startFormId(xml);
    // A process with no start form is started by other processes or by a message, never by hand.
    if (!formId || catalogueEntry(processId).startableBy === 'called') {
      throw new InputError('Processen startas av andra processer, inte här', [{ field: 'processId', message: 'kan inte startas för hand' }]);
    }
    if (!mayStart(processId, user.roles.map((r) => r.role))) throw new ForbiddenError('Du får inte starta den här processen');
    const errors = validateAgainstForm(await this.engine.getForm(formId), variables, dynamicValues);
    if (errors.length) throw new InputError('Formuläret är inte korrekt ifyllt', errors);
    const ref = await this.engine.startInstance(processId, variables);
    await this.db('process_instance_ref').insert({
      key: ref.key, process_id: processId, unit_id: typeof variables.unitId === 'string' ? variables.unitId : null, started_by: user.id, started_at: this.clock.now(),
    });
    await audit(this.db, this.clock.now(), user.username, 'start', 'process-instance', ref.key);
    return { key: ref.key, processId: ref.processId, version: ref.version };
  }

  /** An instance with its state, variables, position, history and incidents. */
  async instance(user: User, key: string) {
    const ref = await this.db('process_instance_ref').where({ key }).first();
    const info = await this.engine.getProcessInstance(key).catch(() => undefined);
    if (!info) throw new NotFoundError('Ärendet finns inte');
    // Instances started by a message (e-service, another process) have no start row: their unit is a variable.
    const startUnit = ref ? undefined : (await this.engine.getVariables(key)).unitId;
    const unitId = ref?.unit_id ?? (typeof startUnit === 'string' ? startUnit : null);
    const allowed = ref?.started_by === user.id || (unitId && (await this.org.holdsRoleAt(user, user.roles.map((r) => r.role), unitId)))
      || user.roles.some((r) => r.role === 'admin');
    if (!allowed) throw new ForbiddenError('Du har inte behörighet till ärendet');
    await audit(this.db, this.clock.now(), user.username, 'read', 'process-instance', key);
    const [variables, elements, incidents] = await Promise.all([
      this.engine.getVariables(key), this.engine.listElementInstances(key), this.engine.listIncidents({ processInstanceKey: key }),
    ]);
    return {
      key: info.key, processId: info.processId, version: info.version, processDefinitionKey: info.processDefinitionKey, state: info.state,
      startedAt: info.startedAt, endedAt: info.endedAt ?? null, variables,
      activeElements: elements.filter((e) => e.state === 'ACTIVE').map((e) => e.elementId),
      history: elements.map((e) => ({ elementId: e.elementId, elementType: e.elementType, state: e.state, startedAt: e.startedAt, endedAt: e.endedAt ?? null })),
      incidents: incidents.map((i) => ({ key: i.key, elementId: i.elementId, errorType: i.errorType, errorMessage: i.errorMessage, state: i.state })),
    };
  }

  /** Deploys models and forms (lint-checked by the engine). */
  async deploy(user: User, resources: DeployResource[]) {
    if (!user.roles.some((r) => r.role === 'admin' || r.role === 'kvalitetsledare')) throw new ForbiddenError('Endast admin och kvalitetsledare får driftsätta processer');
    for (const r of resources) {
      if (/<!DOCTYPE|<!ENTITY/i.test(r.content)) throw new InputError('XML med DOCTYPE eller entiteter tillåts inte', [{ field: `resources.${r.name}`, message: 'DOCTYPE/ENTITY är inte tillåtet' }]);
    }
    const result = await this.engine.deploy(resources);
    await audit(this.db, this.clock.now(), user.username, 'deploy', 'deployment', result.key);
    return result;
  }
}

/** The form id of the process's none start event, if it has one. */
export function startFormId(xml: string): string | undefined {
  const starts = xml.match(/<(\w+:)?startEvent\b[\s\S]*?<\/(\w+:)?startEvent>/g) ?? [];
  for (const s of starts) {
    if (/EventDefinition/.test(s)) continue;
    const m = /formDefinition[^>]*formId="([^"]+)"/.exec(s);
    if (m) return m[1];
  }
  return undefined;
}
