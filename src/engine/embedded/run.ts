/**
 * One command's execution over a locked call tree: element lifecycle (activate, complete,
 * terminate), variables with Zeebe's scoping, flows and gateways, and scope completion.
 * Waiting elements (jobs, user tasks, timers, messages, called processes) are in waits.ts;
 * events, errors and multi-instance in events.ts.
 */
import type { Knex } from 'knex';
import type { EngineEvent } from '../port.js';
import { evalValue } from './feel.js';
import { chooseExclusive, chooseInclusive, tryJoin } from './gateways.js';
import { ActivationBudget } from './loopGuard.js';
import { KeyBlock, type KeyPool } from './keys.js';
import { inputVariables, outputVariables } from './mappings.js';
import type { ElementDef, FlowDef, ProcessModel } from '../model.js';
import { WriteBuffer } from './writeBuffer.js';
import { asStored, TreeState, type ElementRow, type InstanceRow } from './state.js';

export interface RunContext {
  now: Date;
  model(definitionKey: string, tx: Knex.Transaction): Promise<ProcessModel>;
  latestDefinition(tx: Knex.Transaction, processId: string): Promise<{ key: string; processId: string; version: number } | undefined>;
}

export type Vars = Record<string, unknown>;

/** Raised inside a step when the step must stop with an incident. */
export class IncidentSignal extends Error {
  constructor(
    readonly errorType: string,
    message: string,
    readonly phase: 'activate' | 'complete',
  ) {
    super(message);
  }
}

/** The interpreter state of one command. */
export class Run {
  readonly state: TreeState;
  readonly events: EngineEvent[] = [];
  readonly log: Record<string, unknown>[] = [];
  /** Subscriptions opened by this command: buffered messages may correlate to them. */
  readonly pendingBufferedChecks: { subscriptionKey: string; name: string; correlationKey: string }[] = [];
  /** Steps to run, in order (Zeebe processes follow-up commands in the order written). */
  private agenda: (() => Promise<void>)[] = [];
  private models = new Map<string, ProcessModel>();
  /** Tokens scheduled to travel a flow, per scope: a scope with one on its way is not done. */
  private inTransit = new Map<string, number>();
  /** Bounds the activations of this command (a loop without a wait state ends in an incident). */
  readonly budget = new ActivationBudget();
  // Filled by waits.ts / events.ts (kept apart to keep files small).
  hooks!: RunHooks;
  private readonly keys: KeyBlock;
  /** Element, variable and event-log writes, written in one statement when the command ends. */
  readonly writes: WriteBuffer;
  /**
   * Scopes that cannot own a job, task, timer, subscription or incident in the database, so
   * closing their waits needs no statement (`waitsFree`): element instances and instances
   * created in this command, and job elements whose job this command consumed (jobs.ts);
   * `owners` are those this command gave a wait to (waits.ts).
   */
  private readonly noWaits = new Set<string>();
  private readonly owners = new Set<string>();

  /** The job row the root lock took for a completion (commands.ts `TakeJob`): null when it was not there, unset when not asked (PGlite). */
  taken: { key: string; element_key: string } | null | undefined;

  /** The tree's revision after this command's write statement (treeCache.ts); unset until then. */
  rev: string | undefined;

  constructor(
    readonly tx: Knex.Transaction,
    rootKey: string,
    readonly ctx: RunContext,
    keyPool?: KeyPool,
  ) {
    this.state = new TreeState(tx, rootKey);
    this.keys = new KeyBlock(tx, this.state.prefetchedKeys, keyPool);
    this.writes = new WriteBuffer(tx);
  }

  get now(): Date {
    return this.ctx.now;
  }

  /** A new engine key. */
  async key(): Promise<string> {
    return this.keys.next();
  }

  /** An element instance or instance created by this command: nothing in the database belongs to it yet. */
  created(key: string): void {
    this.noWaits.add(key);
  }

  /** A job element whose only wait, its job, this command consumed (no boundary events: jobs.ts checks). */
  waitsConsumed(key: string): void {
    this.noWaits.add(key);
  }

  /** A wait (job, task, timer, subscription, incident) was opened for `key` in this command. */
  ownsWaits(key: string): void {
    this.owners.add(key);
  }

  /** Whether `key` certainly owns no open wait (closeWaits skips its statement). */
  waitsFree(key: string): boolean {
    return this.noWaits.has(key) && !this.owners.has(key);
  }

  /** The parsed model of an instance. */
  async modelOf(inst: InstanceRow): Promise<ProcessModel> {
    let m = this.models.get(inst.definitionKey);
    if (!m) this.models.set(inst.definitionKey, (m = await this.ctx.model(inst.definitionKey, this.tx)));
    return m;
  }

  /** The element definition for an element row. */
  async defOf(row: ElementRow): Promise<ElementDef> {
    const m = await this.modelOf(this.state.instances.get(row.instanceKey)!);
    const d = m.elements.get(row.elementId);
    if (!d) throw new Error(`unknown element ${row.elementId}`);
    return d;
  }

  /** Queues a step. */
  schedule(step: () => Promise<void>): void {
    this.agenda.push(step);
  }

  /** Runs queued steps until none are left. */
  async drain(): Promise<void> {
    while (this.agenda.length) await this.agenda.shift()!();
  }

  /** Records an event-log row. */
  record(kind: string, instanceKey: string | null, elementId: string | null, subjectKey: string | null, data?: unknown): void {
    this.log.push({
      at: this.now,
      instance_key: instanceKey,
      kind,
      element_id: elementId,
      subject_key: subjectKey,
      data: data === undefined ? null : JSON.stringify(data),
    });
  }

  // ---- variables ----------------------------------------------------------------------

  /** Sets a variable on exactly this scope. */
  async setLocal(scopeKey: string, name: string, value: unknown): Promise<void> {
    const inst = this.state.instanceOf(scopeKey);
    // Kept as the database will give it back (a kept tree must equal a loaded one, treeCache.ts).
    const json = JSON.stringify(value ?? null);
    this.state.scopeVars(scopeKey).set(name, asStored(json));
    this.writes.setVariable(scopeKey, name, this.state.rootKey, json);
    this.record('variable', inst.key, null, scopeKey, { name });
  }

  /** Zeebe propagation: each variable goes to the nearest scope (from `fromScope` up) that holds it, else the instance root. */
  async propagate(fromScope: string, vars: Vars): Promise<void> {
    const chain = this.state.chain(fromScope);
    for (const [name, value] of Object.entries(vars)) {
      const target = chain.find((k) => this.state.variables.get(k)?.has(name)) ?? chain[chain.length - 1]!;
      await this.setLocal(target, name, value);
    }
  }

  /** Evaluates a FEEL value in a scope; FEEL failures become an incident signal. */
  evalIn(scopeKey: string, expr: string, errorType: string, phase: 'activate' | 'complete', vars: Vars = this.state.visible(scopeKey)): unknown {
    try {
      return evalValue(expr, vars, this.now);
    } catch (e) {
      throw new IncidentSignal(errorType, (e as Error).message, phase);
    }
  }

  // ---- element lifecycle ----------------------------------------------------------------

  /** Creates an element instance row in a scope. */
  async createElement(inst: InstanceRow, def: ElementDef, scopeKey: string, type = def.type, state: ElementRow['state'] = 'ACTIVE'): Promise<ElementRow> {
    const row: ElementRow = {
      key: await this.key(),
      instanceKey: inst.key,
      elementId: def.id,
      elementType: type,
      scopeKey,
      state,
      loopCounter: null,
      data: null,
      startedAt: this.now,
    };
    this.state.elements.set(row.key, row);
    this.created(row.key);
    this.writes.insertElement({
      key: row.key,
      instance_key: inst.key,
      root_key: this.state.rootKey,
      element_id: def.id,
      element_type: type,
      scope_key: scopeKey,
      state,
      seq: row.key,
      started_at: this.now,
    });
    if (state === 'ACTIVE') {
      this.record('element.entered', inst.key, def.id, row.key);
      this.events.push({ type: 'elementEntered', processInstanceKey: inst.key, element: this.info(row) });
    }
    return row;
  }

  /** Public shape of an element row. */
  info(row: ElementRow) {
    return {
      key: row.key,
      elementId: row.elementId,
      elementType: row.elementType,
      state: row.state === 'WAITING' ? ('ACTIVE' as const) : row.state,
      flowScopeKey: row.scopeKey,
      startedAt: row.startedAt,
      endedAt: row.state === 'ACTIVE' ? undefined : this.now,
    };
  }

  /** Marks an element row ended (COMPLETED or TERMINATED) and forgets it. */
  async endElement(row: ElementRow, state: 'COMPLETED' | 'TERMINATED'): Promise<void> {
    row.state = state;
    this.state.elements.delete(row.key);
    this.writes.patchElement(row.key, { state, ended_at: this.now });
    this.record(state === 'COMPLETED' ? 'element.completed' : 'element.terminated', row.instanceKey, row.elementId, row.key);
    this.events.push({ type: 'elementLeft', processInstanceKey: row.instanceKey, element: this.info(row) });
  }

  /** Activates an element in a scope: row, input mappings, then its behaviour. */
  async activate(inst: InstanceRow, def: ElementDef, scopeKey: string, locals: Vars = {}, asInner = false): Promise<ElementRow> {
    const body = def.loop && !asInner;
    if (this.budget.spend()) {
      const row = await this.createElement(inst, def, scopeKey, body ? 'multiInstanceBody' : def.type);
      for (const [n, v] of Object.entries(locals)) await this.setLocal(row.key, n, v);
      await this.hooks.raiseIncident(row, 'UNKNOWN', this.budget.message(def), 'activate');
      return row;
    }
    if (body) return this.hooks.activateMultiInstance(inst, def, scopeKey);
    const row = await this.createElement(inst, def, scopeKey);
    for (const [n, v] of Object.entries(locals)) await this.setLocal(row.key, n, v);
    this.schedule(() => this.enter(row, def));
    return row;
  }

  /** Runs the input mappings and the behaviour of an active element; incidents stop it. */
  async enter(row: ElementRow, def: ElementDef): Promise<void> {
    // Terminated before its turn (e.g. an error caught on a multi-instance body ended it).
    if (!this.state.elements.has(row.key)) return;
    try {
      for (const [n, v] of Object.entries(inputVariables(this, row.key, def.inputs))) await this.setLocal(row.key, n, v);
      if (!def.loop || row.elementType === 'multiInstanceBody') await this.hooks.openBoundaries(row, def);
      await this.behave(row, def);
    } catch (e) {
      if (e instanceof IncidentSignal) return this.hooks.raiseIncident(row, e.errorType, e.message, e.phase);
      throw e;
    }
  }

  private async behave(row: ElementRow, def: ElementDef): Promise<void> {
    if (def.jobType) return this.hooks.createJob(row, def);
    switch (def.type) {
      case 'userTask':
        return this.hooks.createUserTask(row, def);
      case 'scriptTask': {
        const v = this.evalIn(row.key, def.script?.expression ?? '=null', 'EXTRACT_VALUE_ERROR', 'activate');
        return this.complete(row, def.script?.resultVariable ? { [def.script.resultVariable]: v } : {});
      }
      case 'receiveTask':
        return this.hooks.openMessage(row, def, row.key);
      case 'intermediateCatchEvent':
        if (def.linkName !== undefined) return this.complete(row, {});
        if (def.timer) return this.hooks.openTimer(row.key, def, row.key);
        return this.hooks.openMessage(row, def, row.key);
      case 'intermediateThrowEvent':
        if (def.isEscalationEvent) return this.hooks.throwEscalation(row, def);
        if (def.linkName !== undefined) return this.hooks.throwLink(row, def);
        return this.complete(row, {});
      case 'endEvent':
        if (def.isErrorEvent) return this.hooks.throwError(row, def.errorCode ?? '', undefined);
        if (def.isEscalationEvent) return this.hooks.throwEscalation(row, def);
        if (def.terminate) return this.terminateEnd(row);
        return this.complete(row, {});
      // Zeebe: a gateway without outgoing flows is an implicit end of its scope.
      case 'exclusiveGateway':
        return this.complete(row, {}, def.outgoing.length ? [chooseExclusive(this, row, def)] : []);
      case 'inclusiveGateway':
        return this.complete(row, {}, chooseInclusive(this, row, def));
      case 'eventBasedGateway':
        return this.hooks.openEventGateway(row, def);
      case 'subProcess':
        return this.enterSubProcess(row, def);
      case 'callActivity':
        return this.hooks.callProcess(row, def);
      default:
        return this.complete(row, {});
    }
  }

  private async enterSubProcess(row: ElementRow, def: ElementDef): Promise<void> {
    const inst = this.state.instances.get(row.instanceKey)!;
    const model = await this.modelOf(inst);
    await this.hooks.openEventSubprocesses(row.key, def, inst);
    if (def.triggeredByEvent) return; // started by its start event (events.ts)
    const start = def.noneStartId ? model.elements.get(def.noneStartId) : undefined;
    if (!start) throw new IncidentSignal('UNKNOWN', `sub-process ${def.id} has no none start event`, 'activate');
    await this.activate(inst, start, row.key);
  }

  /**
   * Completes an element with variables (from a job, task, message or child): output
   * mappings, then leaves by `flows` (default: all outgoing) or completes the scope.
   */
  async complete(row: ElementRow, vars: Vars, flows?: FlowDef[]): Promise<void> {
    const def = await this.defOf(row);
    const parent = this.state.elements.get(row.scopeKey);
    const body = parent?.elementType === 'multiInstanceBody' && row.elementType !== 'multiInstanceBody' ? parent : undefined;
    let satisfied = false;
    try {
      if (def.outputs.length && row.elementType !== 'multiInstanceBody') {
        for (const [n, v] of Object.entries(vars)) await this.setLocal(row.key, n, v);
        // Zeebe: an inner multi-instance activity writes its outputs into its own scope, where
        // the output element lives; other activities into their flow scope.
        const target = body ? row.key : row.scopeKey;
        await this.propagate(target, outputVariables(this, row.key, target, def.outputs));
      } else if (Object.keys(vars).length && def.calledElement?.propagateChild !== false) {
        await this.propagate(row.key, vars);
      }
      if (body) satisfied = await this.hooks.innerCompleting(body, row);
    } catch (e) {
      if (e instanceof IncidentSignal) return this.hooks.raiseIncident(row, e.errorType, e.message, e.phase);
      throw e;
    }
    await this.hooks.closeWaits(row.key);
    await this.endElement(row, 'COMPLETED');
    if (body) return this.hooks.innerCompleted(body, row, satisfied);
    await this.leave(row, def, flows ?? def.outgoing);
  }

  /** Takes flows out of a completed element, or completes its scope when there are none. */
  async leave(row: ElementRow, def: ElementDef, flows: FlowDef[]): Promise<void> {
    const inst = this.state.instances.get(row.instanceKey)!;
    if (!flows.length) return this.schedule(() => this.maybeCompleteScope(row.scopeKey));
    const scopeKey = row.scopeKey;
    for (const f of flows) {
      this.inTransit.set(scopeKey, (this.inTransit.get(scopeKey) ?? 0) + 1);
      this.schedule(() => {
        this.inTransit.set(scopeKey, this.inTransit.get(scopeKey)! - 1);
        return this.takeFlow(inst, f, scopeKey);
      });
    }
    void def;
  }

  /** A token travels a sequence flow; joins wait for their tokens. */
  async takeFlow(inst: InstanceRow, flow: FlowDef, scopeKey: string): Promise<void> {
    if (!this.state.elements.has(scopeKey) && this.state.instances.get(scopeKey)?.state !== 'ACTIVE') return; // scope ended meanwhile
    this.record('flow.taken', inst.key, flow.id, null);
    const model = await this.modelOf(inst);
    const target = model.elements.get(flow.targetId)!;
    const isJoin = (target.type === 'parallelGateway' || target.type === 'inclusiveGateway') && target.incoming.length > 1;
    if (!isJoin) {
      await this.activate(inst, target, scopeKey);
      return;
    }
    const token = await this.createElement(inst, target, scopeKey, 'joinToken', 'WAITING');
    token.data = { flow: flow.id };
    this.writes.patchElement(token.key, { data: token.data });
    await tryJoin(this, inst, target, scopeKey);
  }

  /** Completes a scope (sub-process or instance) once nothing is active in it. */
  async maybeCompleteScope(scopeKey: string): Promise<void> {
    if (this.inTransit.get(scopeKey)) return; // completed when that token's element does
    if (this.state.children(scopeKey).length) {
      for (const t of this.state.children(scopeKey).filter((e) => e.elementType === 'joinToken')) {
        const inst = this.state.instances.get(t.instanceKey)!;
        const gw = (await this.modelOf(inst)).elements.get(t.elementId)!;
        if (gw.type === 'inclusiveGateway') return tryJoin(this, inst, gw, scopeKey);
      }
      return;
    }
    const inst = this.state.instances.get(scopeKey);
    if (inst) {
      if (inst.state === 'ACTIVE') await this.hooks.completeInstance(inst);
      return;
    }
    const scope = this.state.elements.get(scopeKey);
    if (scope && scope.state === 'ACTIVE' && scope.elementType !== 'multiInstanceBody') await this.complete(scope, {});
  }

  /** Terminate end event: ends every other element of the scope, then the scope completes. */
  private async terminateEnd(row: ElementRow): Promise<void> {
    for (const c of this.state.children(row.scopeKey)) if (c.key !== row.key) await this.terminate(c);
    await this.endElement(row, 'COMPLETED');
    await this.maybeCompleteScope(row.scopeKey);
  }

  /** Terminates an element and everything inside it (jobs, tasks, timers, children). */
  async terminate(row: ElementRow): Promise<void> {
    for (const c of this.state.children(row.key)) await this.terminate(c);
    await this.hooks.closeWaits(row.key);
    await this.hooks.cancelCalled(row);
    if (row.elementType === 'joinToken') {
      this.state.elements.delete(row.key);
      this.writes.patchElement(row.key, { state: 'TERMINATED', ended_at: this.now });
      return;
    }
    await this.endElement(row, 'TERMINATED');
  }
}

/** Behaviours implemented outside run.ts. */
export interface RunHooks {
  activateMultiInstance(inst: InstanceRow, def: ElementDef, scopeKey: string): Promise<ElementRow>;
  innerCompleting(body: ElementRow, inner: ElementRow): Promise<boolean>;
  innerCompleted(body: ElementRow, inner: ElementRow, satisfied: boolean): Promise<void>;
  openBoundaries(row: ElementRow, def: ElementDef): Promise<void>;
  openEventSubprocesses(scopeKey: string, scopeDef: ElementDef, inst: InstanceRow): Promise<void>;
  openEventGateway(row: ElementRow, def: ElementDef): Promise<void>;
  openTimer(ownerKey: string, def: ElementDef, scopeKey: string): Promise<void>;
  openMessage(row: ElementRow, def: ElementDef, ownerKey: string): Promise<void>;
  createJob(row: ElementRow, def: ElementDef): Promise<void>;
  createUserTask(row: ElementRow, def: ElementDef): Promise<void>;
  callProcess(row: ElementRow, def: ElementDef): Promise<void>;
  cancelCalled(row: ElementRow): Promise<void>;
  closeWaits(ownerKey: string): Promise<void>;
  /** An error end event throws `code` (a FEEL expression or a static value). */
  throwError(row: ElementRow, code: string, message: string | undefined): Promise<void>;
  throwEscalation(row: ElementRow, def: ElementDef): Promise<void>;
  throwLink(row: ElementRow, def: ElementDef): Promise<void>;
  raiseIncident(row: ElementRow, errorType: string, message: string, phase: 'activate' | 'complete', jobKey?: string): Promise<void>;
  completeInstance(inst: InstanceRow): Promise<void>;
}
