/**
 * Processes: deployed definitions and their activities, start forms, and starting instances
 * (variables checked against the start form). Reading instances: instances.ts.
 */
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import { InputError, NotFoundError } from '../../errors.js';
import type { DeployResource, InstanceRef, ProcessEngine } from '../../engine/port.js';
import { audit } from '../audit/index.js';
import type { Outbox } from '../outbox/index.js';
import { recordKey, type IdempotencyClaim } from '../outbox/idempotency.js';
import { validateAgainstForm } from '../forms/validate.js';
import { deployedFormProblems } from '../forms/lint.js';
import { formSchema } from '../forms/store.js';
import type { User } from '../org/index.js';
import { ACTIVITY_TYPES, type Routine } from '../routines/index.js';
import { authorize, may } from '../policy.js';
import { catalogueEntry, performedBy } from './catalogue.js';
import { ProcessMap, refuseConcerns, splitConcerns } from './concerns.js';
import { ownsProcess } from './policy.js';
import type { DefinitionModels } from './models.js';

/** An activity of a process's latest version, with its live figures. */
export interface Activity {
  elementId: string;
  name: string | null;
  type: string;
  /** The candidate groups of a user task, joined; else (or when they are an expression) the process's owner role. */
  role: string;
  routines: Routine[];
  /** Open instances (any version) waiting at this activity. */
  waiting: number;
  /** Open tasks at this activity past their due date. */
  overdue: number;
}

/** The process service. */
export class ProcessService {
  /** The deployed map as reports point into it (issue 14 point 5). */
  readonly map: ProcessMap;

  constructor(
    private readonly db: Db,
    private readonly engine: ProcessEngine,
    private readonly clock: Clock,
    private readonly models: DefinitionModels,
    private readonly routines: { byActivity(processId: string): Promise<Map<string, Routine[]>> },
    private readonly outbox?: Outbox,
    /** The adoption dates of the published versions (governance); without it, the deployment dates. */
    private readonly adoptions?: { adoptedDates(): Promise<Map<string, string>> },
  ) {
    this.map = new ProcessMap(engine, models);
    // The instance's reference row and the start's audit row are written in the transaction
    // that finishes the start command, so they exist exactly when the instance does (a
    // command applied again after a crash returns the same instance: it is written once).
    outbox?.onSettled('process-start', {
      applied: async (tx, row, result) => {
        const ref = result as InstanceRef;
        const d = row.followUpData as { processId: string; unitId: string | null; startedBy: number };
        await tx('process_instance_ref')
          .insert({ key: ref.key, process_id: d.processId, unit_id: d.unitId, started_by: d.startedBy, started_at: this.clock.now() })
          .onConflict('key')
          .ignore();
        await audit(tx, this.clock.now(), row.actor, 'start', 'process-instance', ref.key);
      },
    });
  }

  /** Latest version of each deployed process, with its place on the process map and whether this user may start it. */
  async definitions(user: User) {
    const now = this.clock.now();
    // the process map's live figures: open instances, open and overdue tasks, per process
    const definitions = await this.engine.listProcessDefinitions();
    const [instances, tasks, deployed, adopted] = await Promise.all([
      this.engine.readModel
        .from(this.db, 'instance', 'i', 'running')
        .where({ state: 'ACTIVE' })
        .groupBy('process_id')
        .select<{ process_id: string; n: number }[]>('process_id', this.db.raw('count(*)::int as n')),
      this.db('user_task')
        .where({ state: 'open' })
        .groupBy('process_id')
        .select<{ process_id: string; open: number; overdue: number }[]>(
          'process_id',
          this.db.raw('count(*)::int as open'),
          this.db.raw('count(*) filter (where due_date < ?)::int as overdue', [now]),
        ),
      this.engine.readModel
        .from(this.db, 'definition', 'd')
        .whereIn(
          'key',
          definitions.map((d) => d.key),
        )
        .select<{ key: string; deployed_at: Date }[]>('key', 'deployed_at'),
      this.adoptions?.adoptedDates() ?? new Map<string, string>(),
    ]);
    // "Fastställd" is the published version's adoption date; a process without one, its deployment
    const deployedAt = new Map(deployed.map((r) => [String(r.key), new Date(r.deployed_at).toISOString()]));
    const openInstances = new Map(instances.map((r) => [r.process_id, Number(r.n)]));
    const taskFigures = new Map(tasks.map((r) => [r.process_id, r]));
    return definitions.map((d) => {
      const c = catalogueEntry(d.processId);
      const t = taskFigures.get(d.processId);
      return {
        processId: d.processId,
        name: d.name ?? d.processId,
        version: d.version,
        key: d.key,
        adoptedAt: adopted.get(d.processId) ?? deployedAt.get(d.key) ?? null,
        group: c.group,
        ownerRole: c.ownerRole,
        startable: may(user, 'process.start', { processId: d.processId }),
        owned: ownsProcess(user, d.processId),
        openInstances: openInstances.get(d.processId) ?? 0,
        openTasks: Number(t?.open ?? 0),
        overdueTasks: Number(t?.overdue ?? 0),
      };
    });
  }

  /** The activities (tasks, call activities, sub-processes) of the latest version, with routines and live figures. */
  async activities(processId: string): Promise<Activity[]> {
    const d = await this.latest(processId);
    const model = await this.models.model(d.key, processId);
    const now = this.clock.now();
    const [waiting, overdue, routines] = await Promise.all([
      this.engine.readModel
        .from(this.db, 'element', 'e', 'running')
        .join(`${this.engine.readModel.relation('instance', 'running')} as i`, 'i.key', 'e.instance_key')
        .where({ 'i.process_id': processId, 'i.state': 'ACTIVE', 'e.state': 'ACTIVE' })
        .groupBy('e.element_id')
        .select<{ element_id: string; n: number }[]>('e.element_id', this.db.raw('count(distinct e.instance_key)::int as n')),
      this.db('user_task')
        .where({ process_id: processId, state: 'open' })
        .where('due_date', '<', now)
        .groupBy('element_id')
        .select<{ element_id: string; n: number }[]>('element_id', this.db.raw('count(*)::int as n')),
      this.routines.byActivity(processId),
    ]);
    const count = (rows: { element_id: string; n: unknown }[]) => new Map(rows.map((r) => [r.element_id, Number(r.n)]));
    const [waitingAt, overdueAt] = [count(waiting), count(overdue)];
    const { ownerRole } = catalogueEntry(processId);
    const activities = [...(model?.elements.values() ?? [])].filter((e) => ACTIVITY_TYPES.has(e.type));
    return activities.map((e) => {
      return {
        elementId: e.id,
        name: e.name ?? null,
        type: e.type,
        role: performedBy(e.userTask?.candidateGroups, ownerRole),
        routines: routines.get(e.id) ?? [],
        waiting: waitingAt.get(e.id) ?? 0,
        overdue: overdueAt.get(e.id) ?? 0,
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
    return formSchema(this.db, this.engine, formId);
  }

  /**
   * Accepts a start: with a start form, the variables must satisfy it; the start command goes
   * to the outbox (with the idempotency key, if any) and its id is returned. The reference and
   * audit rows follow when the engine has started it (constructor).
   */
  async start(
    user: User,
    processId: string,
    variables: Record<string, unknown>,
    dynamicValues: Record<string, unknown[]>,
    claim?: IdempotencyClaim,
  ): Promise<string> {
    const xml = await this.xml(processId);
    const formId = startFormId(xml);
    // A process with no start form is started by other processes or by a message, never by hand.
    if (!formId || catalogueEntry(processId).startableBy === 'called') {
      throw new InputError('Processen startas av andra processer, inte här', [{ field: 'processId', message: 'kan inte startas för hand' }]);
    }
    authorize(user, 'process.start', { processId });
    // where it happened (avvikelse, synpunkt): beside the form's fields, checked against the map
    const { concerns, rest, errors: concernErrors } = splitConcerns(variables);
    refuseConcerns(processId, concerns);
    const errors = [...concernErrors, ...validateAgainstForm(await formSchema(this.db, this.engine, formId), rest, dynamicValues)];
    if (errors.length) throw new InputError('Formuläret är inte korrekt ifyllt', errors);
    if (concerns) await this.map.check(concerns);
    if (!this.outbox) throw new Error('the process service was built without the outbox');
    const outbox = this.outbox;
    return this.db.transaction(async (tx) => {
      const started = concerns ? { ...rest, concernsProcessId: concerns.processId, concernsElementId: concerns.elementId } : rest;
      const id = await outbox.enqueue(tx, { kind: 'startInstance', processId, variables: started }, user.username, {
        name: 'process-start',
        data: { processId, unitId: typeof variables.unitId === 'string' ? variables.unitId : null, startedBy: user.id },
      });
      await recordKey(tx, claim, id, this.clock.now());
      return id;
    });
  }

  /** Deploys models and forms (lint-checked by the engine). */
  async deploy(user: User, resources: DeployResource[]) {
    authorize(user, 'process.deploy');
    for (const r of resources) {
      if (/<!DOCTYPE|<!ENTITY/i.test(r.content))
        throw new InputError('XML med DOCTYPE eller entiteter tillåts inte', [{ field: `resources.${r.name}`, message: 'DOCTYPE/ENTITY är inte tillåtet' }]);
    }
    const formErrors = deployedFormProblems(resources);
    if (formErrors.length) throw new InputError('Formulären godtas inte', formErrors);
    const result = await this.engine.deploy(resources);
    await audit(this.db, this.clock.now(), user.username, 'deploy', 'deployment', result.key);
    return result;
  }
}

/** The form id of the process's none start event, if it has one. */
function startFormId(xml: string): string | undefined {
  const starts = xml.match(/<(\w+:)?startEvent\b[\s\S]*?<\/(\w+:)?startEvent>/g) ?? [];
  for (const s of starts) {
    if (/EventDefinition/.test(s)) continue;
    const m = /formDefinition[^>]*formId="([^"]+)"/.exec(s);
    if (m) return m[1];
  }
  return undefined;
}
