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
  EngineConflict,
  EngineNotFound,
  type CommandOptions,
  type DeployResource,
  type DeploymentResult,
  type EngineEventListener,
  type InstanceRef,
  type JobWorkerRegistration,
  type ProcessEngine,
  type PublishMessageCommand,
  type UserTaskUpdate,
  type Variables,
} from '../port.js';
import { alreadyApplied, appliedResult, recordApplied } from './commandIds.js';
import { Commands } from './commands.js';
import { deployResources, ModelCache } from './deploy.js';
import { Queries } from './queries.js';
import { createInstance, taskFromRow, terminateInstance } from './waits.js';
import { notifyWork } from './wakeup.js';
import { Sweeper } from './sweeper.js';
import { Poller } from './worker.js';
import { engineTables } from '../readModel.js';

export interface EmbeddedEngineOptions {
  db: Db;
  /** The engine's clock; `advanceClock` needs a ControlledClock. */
  clock: Clock;
  logger?: Logger;
  /** The safety poll (ms): the longest the Poller sleeps; commits that create work wake it at once. */
  pollMs?: number;
  /**
   * Whether this process fires due timers and times out jobs (default true); a process that
   * only serves the API or only runs workers leaves that to the engine role (config ROLE).
   */
  timers?: boolean;
}

/** Creates the embedded engine. Call `start()` to begin processing jobs and timers. */
export function createEmbeddedEngine(opts: EmbeddedEngineOptions): ProcessEngine {
  return new EmbeddedEngine(opts);
}

class EmbeddedEngine extends Queries implements ProcessEngine {
  readonly kind = 'embedded' as const;
  /** Its state is the read model's tables. */
  readonly readModel = engineTables;
  private readonly listeners = new Set<EngineEventListener>();
  private readonly models: ModelCache;
  private readonly commands: Commands;
  private readonly poller: Poller;
  private readonly sweeper: Sweeper;

  constructor(private readonly opts: EmbeddedEngineOptions) {
    super(opts.db);
    this.models = new ModelCache(opts.db);
    this.commands = new Commands({
      db: opts.db,
      now: () => opts.clock.now(),
      model: (k, tx) => this.models.get(k, tx),
      listeners: this.listeners,
      wake: () => this.poller?.wake(),
      notify: notifyWork,
      localJobs: {
        reserve: (tx, root, base, now) => this.poller.jobs.reserve(tx, root, base, now),
        drop: (tx, keys) => this.poller.jobs.drop(tx, keys),
        describe: (tx, run) => this.poller.jobs.describe(tx, run),
        settled: (tx, ok) => this.poller.jobs.settled(tx, ok),
      },
    });
    this.sweeper = new Sweeper(opts.db, opts.clock, opts.logger);
    this.poller = new Poller({
      db: opts.db,
      clock: opts.clock,
      commands: this.commands,
      models: this.models,
      pollMs: opts.pollMs ?? 1_000,
      timers: opts.timers ?? true,
      logger: opts.logger,
    });
  }

  /** Starts the Poller; the sweeper (tidying finished rows) runs where timers run, the engine role. */
  async start(): Promise<void> {
    await this.poller.start();
    if (this.opts.timers ?? true) this.sweeper.start();
  }
  async stop(): Promise<void> {
    await this.sweeper.stop();
    await this.poller.stop();
  }

  async deploy(resources: DeployResource[]): Promise<DeploymentResult> {
    const result = await deployResources(this.opts.db, this.models, resources, this.opts.clock.now());
    // Timer start events are work for every process.
    await this.opts.db.transaction((tx) => notifyWork(tx));
    this.poller.wake();
    return result;
  }

  async startInstance(processId: string, variables: Variables = {}, options?: CommandOptions): Promise<InstanceRef> {
    const seen = await appliedResult(this.opts.db, options);
    if (seen) return seen.result as InstanceRef;
    // One transaction: the latest definition is read and the root key drawn inside it, with the command id's record.
    const out = await this.commands.onNewTreeOf(processId, async (run, d) => {
      const ref: InstanceRef = { key: run.state.rootKey, processId: d.processId, version: d.version, processDefinitionKey: d.key };
      if (await alreadyApplied(run.tx, options, 'startInstance', ref)) return undefined;
      await createInstance(run, d, variables);
      return ref;
    });
    return out ?? ((await appliedResult(this.opts.db, options))!.result as InstanceRef);
  }

  async cancelInstance(key: string, options?: CommandOptions): Promise<void> {
    if (await appliedResult(this.opts.db, options)) return;
    const root = await this.commands.rootOf(key, 'engine_instance');
    await this.commands.onTree(root, async (run) => {
      if (await alreadyApplied(run.tx, options, 'cancelInstance')) return;
      const inst = run.state.instances.get(key);
      if (!inst || inst.state !== 'ACTIVE') throw new EngineNotFound(`process instance ${key} is not active`);
      await terminateInstance(run, inst);
    });
  }

  async publishMessage(cmd: PublishMessageCommand, options?: CommandOptions): Promise<{ key: string }> {
    const seen = await appliedResult(this.opts.db, options);
    if (seen) return seen.result as { key: string };
    if (!options?.commandId) return this.poller.publish(cmd);
    // Without an id of the caller's the message carries the command id, so the message row —
    // written in the publish's own transaction — is the record of the command.
    if (!cmd.messageId) {
      const m = await this.opts.db('engine_message').where({ name: cmd.name, correlation_key: cmd.correlationKey, message_id: options.commandId }).first('key');
      if (m) return { key: String(m.key) };
    }
    const r = await this.poller.publish({ ...cmd, messageId: cmd.messageId ?? options.commandId });
    await recordApplied(this.opts.db, options, 'publishMessage', r);
    return r;
  }

  async completeUserTask(key: string, variables: Variables = {}, options?: CommandOptions): Promise<void> {
    if (await appliedResult(this.opts.db, options)) return;
    const root = await this.commands.rootOf(key, 'engine_user_task');
    await this.commands.onTree(root, async (run) => {
      if (await alreadyApplied(run.tx, options, 'completeUserTask')) return;
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

  async assignUserTask(key: string, assignee: string | null, options?: CommandOptions): Promise<void> {
    await this.updateTask(key, { assignee }, options);
  }

  async updateUserTask(key: string, changes: UserTaskUpdate, options?: CommandOptions): Promise<void> {
    const patch: Record<string, unknown> = {};
    if (changes.dueDate !== undefined) patch.due_date = changes.dueDate;
    if (changes.followUpDate !== undefined) patch.follow_up_date = changes.followUpDate;
    if (changes.candidateGroups) patch.candidate_groups = JSON.stringify(changes.candidateGroups);
    if (changes.candidateUsers) patch.candidate_users = JSON.stringify(changes.candidateUsers);
    if (changes.priority !== undefined) patch.priority = changes.priority;
    await this.updateTask(key, patch, options);
  }

  private async updateTask(key: string, patch: Record<string, unknown>, options?: CommandOptions): Promise<void> {
    if (await appliedResult(this.opts.db, options)) return;
    const root = await this.commands.rootOf(key, 'engine_user_task');
    await this.commands.onTree(root, async (run) => {
      if (await alreadyApplied(run.tx, options, 'updateUserTask')) return;
      const t = await run.tx('engine_user_task').where({ key }).forUpdate().first();
      Commands.expectState(t, `user task ${key}`, ['CREATED']);
      const [u] = await run.tx('engine_user_task').where({ key }).update(patch).returning('*');
      run.record('task.updated', String(t.instance_key), t.element_id, key);
      run.events.push({ type: 'userTaskUpdated', task: taskFromRow(u!, run) });
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

  async resolveIncident(incidentKey: string, options?: CommandOptions): Promise<void> {
    if (await appliedResult(this.opts.db, options)) return;
    const root = await this.commands.rootOf(incidentKey, 'engine_incident');
    await this.commands.onTree(root, async (run) => {
      if (await alreadyApplied(run.tx, options, 'resolveIncident')) return;
      await this.poller.resolve(run, incidentKey);
    });
  }

  async setVariables(scopeKey: string, variables: Variables, local = false, options?: CommandOptions): Promise<void> {
    if (await appliedResult(this.opts.db, options)) return;
    const inst = await this.opts.db('engine_instance').where({ key: scopeKey }).first('root_key');
    const root = inst ? String(inst.root_key) : await this.commands.rootOf(scopeKey, 'engine_element');
    await this.commands.onTree(root, async (run) => {
      if (await alreadyApplied(run.tx, options, 'setVariables')) return;
      if (!run.state.instances.has(scopeKey) && !run.state.elements.has(scopeKey)) throw new EngineNotFound(`scope ${scopeKey} is not active`);
      if (local) for (const [n, v] of Object.entries(variables)) await run.setLocal(scopeKey, n, v);
      else await run.propagate(scopeKey, variables);
    });
  }

  onEvent(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async now(): Promise<Date> {
    return this.opts.clock.now();
  }

  async advanceClock(ms: number): Promise<void> {
    if (!(this.opts.clock instanceof ControlledClock)) throw new EngineConflict('the engine clock is not controllable');
    this.opts.clock.advance(ms);
    await this.poller.settle();
  }
}
