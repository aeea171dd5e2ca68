/**
 * The embedded engine: a Zeebe-dialect BPMN interpreter whose state lives in our database.
 * Commands lock the root instance row (commands.ts); jobs and timers are claimed with
 * FOR UPDATE SKIP LOCKED (worker.ts), so several app processes can share one PostgreSQL.
 */
import type { Clock } from '../../clock.js';
import { ControlledClock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import type { Logger } from '../../logger.js';
import {
  EngineConflict, EngineNotFound,
  type DeployResource, type DeploymentResult, type EngineEventListener, type InstanceRef,
  type JobWorkerRegistration, type ProcessEngine, type PublishMessageCommand, type UserTaskUpdate, type Variables,
} from '../port.js';
import { Commands } from './commands.js';
import { deployResources, ModelCache } from './deploy.js';
import { Queries } from './queries.js';
import { createInstance, taskFromRow, terminateInstance } from './waits.js';
import { Sweeper } from './sweeper.js';
import { Poller } from './worker.js';

export interface EmbeddedEngineOptions {
  db: Db;
  /** The engine's clock; `advanceClock` needs a ControlledClock. */
  clock: Clock;
  logger?: Logger;
  /** Poll interval for due jobs and timers (ms). */
  pollMs?: number;
}

/** Creates the embedded engine. Call `start()` to begin processing jobs and timers. */
export function createEmbeddedEngine(opts: EmbeddedEngineOptions): ProcessEngine {
  return new EmbeddedEngine(opts);
}

class EmbeddedEngine extends Queries implements ProcessEngine {
  readonly kind = 'embedded' as const;
  private readonly listeners = new Set<EngineEventListener>();
  private readonly models: ModelCache;
  private readonly commands: Commands;
  private readonly poller: Poller;
  private readonly sweeper: Sweeper;

  constructor(private readonly opts: EmbeddedEngineOptions) {
    super(opts.db);
    this.models = new ModelCache(opts.db);
    this.commands = new Commands({
      db: opts.db, now: () => opts.clock.now(), model: (k, tx) => this.models.get(k, tx), listeners: this.listeners,
      wake: () => this.poller?.wake(),
    });
    this.sweeper = new Sweeper(opts.db, opts.clock, opts.logger);
    this.poller = new Poller({ db: opts.db, clock: opts.clock, commands: this.commands, models: this.models, pollMs: opts.pollMs ?? 200, logger: opts.logger });
  }

  async start(): Promise<void> { this.poller.start(); this.sweeper.start(); }
  async stop(): Promise<void> { await this.sweeper.stop(); await this.poller.stop(); }

  async deploy(resources: DeployResource[]): Promise<DeploymentResult> {
    const result = await deployResources(this.opts.db, this.models, resources, this.opts.clock.now());
    this.poller.wake();
    return result;
  }

  async startInstance(processId: string, variables: Variables = {}): Promise<InstanceRef> {
    const def = await this.opts.db('engine_definition').where({ process_id: processId }).orderBy('version', 'desc').first();
    if (!def) throw new EngineNotFound(`Expected to find process definition with process ID '${processId}', but none found`);
    const root = String((await this.opts.db.raw("select nextval('engine_key_seq') as k")).rows[0].k);
    const d = { key: String(def.key), processId: def.process_id as string, version: Number(def.version) };
    await this.commands.onTree(root, async (run) => { await createInstance(run, d, variables); }, true);
    return { key: root, processId: d.processId, version: d.version, processDefinitionKey: d.key };
  }

  async cancelInstance(key: string): Promise<void> {
    const root = await this.commands.rootOf(key, 'engine_instance');
    await this.commands.onTree(root, async (run) => {
      const inst = run.state.instances.get(key);
      if (!inst || inst.state !== 'ACTIVE') throw new EngineNotFound(`process instance ${key} is not active`);
      await terminateInstance(run, inst);
    });
  }

  async publishMessage(cmd: PublishMessageCommand): Promise<{ key: string }> {
    return this.poller.publish(cmd);
  }

  async completeUserTask(key: string, variables: Variables = {}): Promise<void> {
    const root = await this.commands.rootOf(key, 'engine_user_task');
    await this.commands.onTree(root, async (run) => {
      const t = await run.tx('engine_user_task').where({ key }).forUpdate().first();
      Commands.expectState(t, `user task ${key}`, ['CREATED']);
      await run.tx('engine_user_task').where({ key }).update({ state: 'COMPLETED' });
      run.record('task.completed', String(t.instance_key), t.element_id, key);
      run.events.push({ type: 'userTaskCompleted', task: { ...taskFromRow(t, run), state: 'COMPLETED' } });
      const row = run.state.elements.get(String(t.element_key));
      if (!row) throw new EngineConflict(`user task ${key} is no longer active`);
      await run.complete(row, variables);
    });
  }

  async assignUserTask(key: string, assignee: string | null): Promise<void> {
    await this.updateTask(key, { assignee });
  }

  async updateUserTask(key: string, changes: UserTaskUpdate): Promise<void> {
    const patch: Record<string, unknown> = {};
    if (changes.dueDate !== undefined) patch.due_date = changes.dueDate;
    if (changes.followUpDate !== undefined) patch.follow_up_date = changes.followUpDate;
    if (changes.candidateGroups) patch.candidate_groups = JSON.stringify(changes.candidateGroups);
    if (changes.candidateUsers) patch.candidate_users = JSON.stringify(changes.candidateUsers);
    if (changes.priority !== undefined) patch.priority = changes.priority;
    await this.updateTask(key, patch);
  }

  private async updateTask(key: string, patch: Record<string, unknown>): Promise<void> {
    const root = await this.commands.rootOf(key, 'engine_user_task');
    await this.commands.onTree(root, async (run) => {
      const t = await run.tx('engine_user_task').where({ key }).forUpdate().first();
      Commands.expectState(t, `user task ${key}`, ['CREATED']);
      const [u] = await run.tx('engine_user_task').where({ key }).update(patch).returning('*');
      run.record('task.updated', String(t.instance_key), t.element_id, key);
      run.events.push({ type: 'userTaskUpdated', task: taskFromRow(u, run) });
    });
  }

  registerWorker(worker: JobWorkerRegistration): void {
    this.poller.register(worker);
  }

  async updateJobRetries(jobKey: string, retries: number): Promise<void> {
    const root = await this.commands.rootOf(jobKey, 'engine_job');
    await this.commands.onTree(root, async (run) => {
      const j = await run.tx('engine_job').where({ key: jobKey }).forUpdate().first();
      Commands.expectState(j, `job ${jobKey}`, ['ACTIVATABLE', 'ACTIVATED', 'FAILED', 'ERROR_THROWN']);
      await run.tx('engine_job').where({ key: jobKey }).update({ retries });
    });
  }

  async resolveIncident(incidentKey: string): Promise<void> {
    const root = await this.commands.rootOf(incidentKey, 'engine_incident');
    await this.commands.onTree(root, (run) => this.poller.resolve(run, incidentKey));
  }

  async setVariables(scopeKey: string, variables: Variables, local = false): Promise<void> {
    const inst = await this.opts.db('engine_instance').where({ key: scopeKey }).first('root_key');
    const root = inst ? String(inst.root_key) : await this.commands.rootOf(scopeKey, 'engine_element');
    await this.commands.onTree(root, async (run) => {
      if (!run.state.instances.has(scopeKey) && !run.state.elements.has(scopeKey)) throw new EngineNotFound(`scope ${scopeKey} is not active`);
      if (local) for (const [n, v] of Object.entries(variables)) await run.setLocal(scopeKey, n, v);
      else await run.propagate(scopeKey, variables);
    });
  }

  onEvent(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async now(): Promise<Date> { return this.opts.clock.now(); }

  async advanceClock(ms: number): Promise<void> {
    if (!(this.opts.clock instanceof ControlledClock)) throw new EngineConflict('the engine clock is not controllable');
    this.opts.clock.advance(ms);
    await this.poller.settle();
  }
}
