/**
 * The background side of the embedded engine: activates jobs for registered workers (claimed
 * with FOR UPDATE SKIP LOCKED), runs handlers outside any transaction, completes/fails them
 * in a command; fires due timers; publishes messages; resolves incidents.
 */
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import type { Logger } from '../../logger.js';
import { EngineConflict, EngineNotFound, type Job, type JobOutcome, type JobWorkerRegistration, type PublishMessageCommand } from '../port.js';
import type { Commands } from './commands.js';
import type { ModelCache } from './deploy.js';
import { throwError } from './catch.js';
import { trigger } from './events.js';
import { startMessageName } from './messageStart.js';
import type { Run } from './run.js';
import { TreeState } from './state.js';
import { nextOccurrence } from './time.js';
import { createInstance, incidentFromRow, raiseIncident } from './waits.js';

/** Only the named variables (those that exist), or all when no names are given. */
function pick(vars: Record<string, unknown>, names: string[] | undefined): Record<string, unknown> {
  if (!names?.length) return vars;
  return Object.fromEntries(names.filter((n) => n in vars).map((n) => [n, vars[n]]));
}

/** The instance a timer's owner (element or scope) belongs to, so the event log row moves to history with it. */
function timerInstance(run: Run, ownerKey: string): string | null {
  try {
    return run.state.instanceOf(ownerKey).key;
  } catch {
    return null;
  }
}

/** How long an activated job is reserved; after a crash its jobs are handed out again after this. */
const DEFAULT_JOB_TIMEOUT_MS = 30_000;

export interface PollerDeps { db: Db; clock: Clock; commands: Commands; models: ModelCache; pollMs: number; logger?: Logger }

/** Jobs, timers and messages. */
export class Poller {
  private readonly workers = new Map<string, JobWorkerRegistration>();
  private readonly active = new Map<string, number>();
  private readonly inflight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private ticking: Promise<number> | undefined;

  constructor(private readonly d: PollerDeps) {}

  register(w: JobWorkerRegistration): void {
    if (this.workers.has(w.jobType)) throw new EngineConflict(`a worker for ${w.jobType} is already registered`);
    this.workers.set(w.jobType, w);
    this.wake();
  }

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    // A handler that never returns must not keep the engine from stopping; its job times out.
    await this.inflightSettled(5_000);
  }

  private async inflightSettled(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inflight]),
      new Promise((r) => { timer = setTimeout(r, ms); }),
    ]);
    clearTimeout(timer);
  }

  /** Polls soon (after a commit that created work). */
  wake(): void {
    if (this.running) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), ms);
  }

  private async loop(): Promise<void> {
    if (!this.running) return;
    try {
      await this.tick();
    } catch (e) {
      this.d.logger?.error({ event: 'engine.poll.failed', err: (e as Error).message }, 'engine.poll.failed');
    }
    if (this.running) this.schedule(this.d.pollMs);
  }

  /** One round: time-outs, due timers, job activation. Returns how much it did. */
  private tick(): Promise<number> {
    if (!this.ticking) {
      this.ticking = (async () => (await this.timeOutJobs()) + (await this.fireTimers()) + (await this.activateJobs()))()
        .finally(() => { this.ticking = undefined; });
    }
    return this.ticking;
  }

  /** Tests: process everything that is due now, including handlers, until still. */
  async settle(): Promise<void> {
    // A round that began before the clock moved read the old time: let it end, then go again.
    await this.ticking?.catch(() => 0);
    for (let i = 0; i < 1000; i++) {
      const before = this.inflight.size;
      const did = await this.tick();
      await this.inflightSettled(2_000);
      if (!did && this.inflight.size >= before) return;
    }
  }

  private async timeOutJobs(): Promise<number> {
    return this.d.db('engine_job').where({ state: 'ACTIVATED' }).where('deadline', '<', this.d.clock.now()).update({ state: 'ACTIVATABLE' });
  }

  private async activateJobs(): Promise<number> {
    let n = 0;
    for (const w of this.workers.values()) {
      const free = (w.maxJobsActive ?? 32) - (this.active.get(w.jobType) ?? 0);
      if (free <= 0) continue;
      const now = this.d.clock.now();
      const rows = await this.d.db('engine_job')
        .whereIn('key', this.d.db('engine_job').select('key').where({ type: w.jobType, state: 'ACTIVATABLE' })
          .where('due_at', '<=', now).orderBy('key').limit(free).forUpdate().skipLocked())
        .update({ state: 'ACTIVATED', deadline: new Date(now.getTime() + (w.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS)) })
        .returning('*');
      for (const r of rows) this.run(w, await this.toJob(r, w.fetchVariables));
      n += rows.length;
    }
    return n;
  }

  /** The job as a worker sees it: every visible variable (inner scopes win), or only `fetch` (docs: components/concepts/job-workers#variables). */
  private async toJob(r: Record<string, unknown>, fetch?: string[]): Promise<Job> {
    const state = new TreeState(this.d.db as never, String(r.root_key));
    await state.load();
    const inst = state.instances.get(String(r.instance_key));
    return {
      key: String(r.key), type: r.type as string, processInstanceKey: String(r.instance_key),
      processDefinitionKey: inst?.definitionKey ?? '', processId: inst?.processId ?? '', elementId: r.element_id as string,
      elementInstanceKey: String(r.element_key), retries: Number(r.retries),
      variables: state.elements.has(String(r.element_key)) ? pick(state.visible(String(r.element_key)), fetch) : {},
      customHeaders: r.headers as Record<string, string>, deadline: new Date(r.deadline as string),
    };
  }

  private run(w: JobWorkerRegistration, job: Job): void {
    this.active.set(w.jobType, (this.active.get(w.jobType) ?? 0) + 1);
    const p = (async () => {
      let outcome: JobOutcome;
      try {
        outcome = await w.handler(job);
      } catch (e) {
        outcome = { outcome: 'fail', errorMessage: (e as Error).message ?? String(e) };
      }
      try {
        await this.finish(job, outcome);
      } catch (e) {
        if (!(e instanceof EngineNotFound)) this.d.logger?.warn({ event: 'job.finish.failed', jobKey: job.key, err: (e as Error).message }, 'job.finish.failed');
      }
    })().finally(() => {
      this.active.set(w.jobType, (this.active.get(w.jobType) ?? 1) - 1);
      this.inflight.delete(p);
    });
    this.inflight.add(p);
  }

  /** Applies a handler's outcome to its job, in a command on the job's tree. */
  private async finish(job: Job, o: JobOutcome): Promise<void> {
    const root = await this.d.commands.rootOf(job.key, 'engine_job');
    await this.d.commands.onTree(root, async (run) => {
      const j = await run.tx('engine_job').where({ key: job.key, state: 'ACTIVATED' }).forUpdate().first();
      if (!j) throw new EngineNotFound(`job ${job.key} is not activated`);
      const row = run.state.elements.get(String(j.element_key));
      if (!row) throw new EngineNotFound(`job ${job.key} has no active element`);
      if (o.outcome === 'complete') {
        await run.tx('engine_job').where({ key: j.key }).update({ state: 'COMPLETED' });
        run.record('job.completed', row.instanceKey, row.elementId, String(j.key));
        await run.complete(row, o.variables ?? {});
      } else if (o.outcome === 'bpmnError') {
        await run.tx('engine_job').where({ key: j.key }).update({ state: 'ERROR_THROWN', error_message: o.errorMessage ?? null });
        // The error's variables become local variables of the catch event (docs: error-events#variable-mappings).
        await throwError(run, row, o.errorCode, o.errorMessage, o.variables ?? {}, String(j.key));
      } else {
        const retries = o.retries ?? Number(j.retries) - 1;
        const due = new Date(run.now.getTime() + (o.retryBackOffMs ?? 0));
        await run.tx('engine_job').where({ key: j.key }).update({ retries, error_message: o.errorMessage, state: retries > 0 ? 'ACTIVATABLE' : 'FAILED', due_at: due });
        run.record('job.failed', row.instanceKey, row.elementId, String(j.key), { retries });
        if (retries <= 0) await raiseIncident(run, row, 'JOB_NO_RETRIES', o.errorMessage, 'activate', String(j.key));
      }
    });
  }

  private async fireTimers(): Promise<number> {
    const due = await this.d.db('engine_timer').where({ state: 'ACTIVE' }).where('due_at', '<=', this.d.clock.now()).orderBy('due_at').limit(100);
    let n = 0;
    for (const t of due) {
      try {
        if (t.root_key) await this.d.commands.onTree(String(t.root_key), (run) => this.fire(run, String(t.key)));
        else await this.fireStart(String(t.key));
        n++;
      } catch (e) {
        if (!(e instanceof EngineNotFound)) throw e;
      }
    }
    return n;
  }

  private async fire(run: Run, key: string): Promise<void> {
    const t = await run.tx('engine_timer').where({ key, state: 'ACTIVE' }).forUpdate().first();
    if (!t) return;
    await this.reschedule(run.tx as never, t);
    run.record('timer.fired', timerInstance(run, String(t.element_key)), t.element_id, key);
    await trigger(run, String(t.element_key), t.element_id, {});
  }

  private async fireStart(key: string): Promise<void> {
    const t = await this.d.db.transaction(async (tx) => {
      const row = await tx('engine_timer').where({ key, state: 'ACTIVE' }).forUpdate().skipLocked().first();
      if (row) await this.reschedule(tx as never, row);
      return row;
    });
    if (!t) return;
    const def = await this.d.db('engine_definition').where({ key: t.definition_key }).first();
    const root = String((await this.d.db.raw("select nextval('engine_key_seq') as k")).rows[0].k);
    await this.d.commands.onTree(root, async (run) => {
      await createInstance(run, { key: String(def.key), processId: def.process_id, version: def.version }, {}, undefined, { elementId: t.element_id });
    }, true);
  }

  private async reschedule(tx: Db, t: Record<string, unknown>): Promise<void> {
    const reps = Number(t.repetitions);
    if (t.interval && reps !== 1) {
      // Missed cycles (the engine was down) fire once, then one interval after now.
      const next = nextOccurrence(t.interval as string, new Date(t.due_at as string), this.d.clock.now());
      await tx('engine_timer').where({ key: t.key }).update({ due_at: next, repetitions: reps < 0 ? -1 : reps - 1 });
    } else {
      await tx('engine_timer').where({ key: t.key }).update({ state: 'FIRED' });
    }
  }

  /** Publishes a message: buffered for its TTL, correlated to open subscriptions and message starts. */
  async publish(cmd: PublishMessageCommand): Promise<{ key: string }> {
    const now = this.d.clock.now();
    const msg = await this.d.db.transaction(async (tx) => {
      await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [`msg:${cmd.name}`]);
      if (cmd.messageId) {
        // Unique by name, correlation key and id while buffered (docs: components/concepts/messages#message-uniqueness).
        const dup = await tx('engine_message').where({ name: cmd.name, correlation_key: cmd.correlationKey, message_id: cmd.messageId }).where('expires_at', '>', now).first();
        if (dup) throw new EngineConflict(`a message with id ${cmd.messageId} was already published and is still buffered`);
      }
      const key = String((await tx.raw("select nextval('engine_key_seq') as k")).rows[0].k);
      const row = {
        key, name: cmd.name, correlation_key: cmd.correlationKey, message_id: cmd.messageId ?? null,
        variables: JSON.stringify(cmd.variables ?? {}), expires_at: new Date(now.getTime() + (cmd.timeToLiveMs ?? 0)), correlated: JSON.stringify([]),
      };
      await tx('engine_message').insert(row);
      return row;
    });
    const subs = await this.d.db('engine_subscription').where({ message_name: cmd.name, correlation_key: cmd.correlationKey, state: 'OPEN' }).orderBy('key');
    const done = new Set<string>();
    for (const s of subs) {
      if (done.has(s.process_id)) continue;
      const ok = await this.d.commands.onTree(String(s.root_key), async (run) => {
        const sub = await run.tx('engine_subscription').where({ key: s.key, state: 'OPEN' }).first();
        const m = await run.tx('engine_message').where({ key: msg.key }).forUpdate().first();
        if (!sub || (m.correlated as string[]).includes(sub.process_id)) return false;
        await this.d.commands.correlate(run, sub, m);
        return true;
      }).catch((e) => { if (e instanceof EngineNotFound) return false; throw e; });
      if (ok) done.add(s.process_id);
    }
    await this.startByMessage(msg.key, cmd, done);
    return { key: msg.key };
  }

  private async startByMessage(msgKey: string, cmd: PublishMessageCommand, done: Set<string>): Promise<void> {
    const defs = await this.d.db('engine_definition as d')
      .whereRaw('d.version = (select max(version) from engine_definition x where x.process_id = d.process_id)');
    for (const def of defs) {
      if (done.has(def.process_id)) continue;
      const model = await this.d.models.get(String(def.key));
      const start = model.startEvents.find((s) => s.message && startMessageName(s, this.d.clock.now()) === cmd.name);
      if (!start) continue;
      const root = String((await this.d.db.raw("select nextval('engine_key_seq') as k")).rows[0].k);
      await this.d.commands.onTree(root, async (run) => {
        await run.tx.raw('select pg_advisory_xact_lock(hashtext(?))', [`start:${def.process_id}:${cmd.correlationKey}`]);
        if (cmd.correlationKey) {
          const active = await run.tx('engine_instance').where({ process_id: def.process_id, start_correlation_key: cmd.correlationKey, state: 'ACTIVE' }).first();
          if (active) return;
        }
        const m = await run.tx('engine_message').where({ key: msgKey }).forUpdate().first();
        await run.tx('engine_message').where({ key: msgKey }).update({ correlated: JSON.stringify([...(m.correlated as string[]), def.process_id]) });
        await createInstance(run, { key: String(def.key), processId: def.process_id, version: def.version }, cmd.variables ?? {}, undefined,
          { elementId: start.id, messageName: cmd.name, correlationKey: cmd.correlationKey || undefined });
      }, true);
    }
  }

  /**
   * Resolves an incident (docs: components/concepts/incidents#resolving). A job incident gives
   * the job back to the workers — refused while the job has no retries left (the REST API
   * answers 409; docs: apis-tools/orchestration-cluster-api-rest/specifications/resolve-incident);
   * an unhandled BPMN error of a job re-enables the job (docs: error-events#unhandled-errors).
   * Any other incident retries the step that failed; if the problem is still there, a new
   * incident is raised (so an error end event nobody catches raises its incident again).
   */
  async resolve(run: Run, key: string): Promise<void> {
    const inc = await run.tx('engine_incident').where({ key }).forUpdate().first();
    if (!inc || inc.state !== 'ACTIVE') throw new EngineNotFound(`Expected to resolve incident with key '${key}', but no such incident was found`);
    const job = inc.job_key ? await run.tx('engine_job').where({ key: inc.job_key }).first() : undefined;
    const jobWaits = job && ['FAILED', 'ERROR_THROWN'].includes(job.state);
    if (jobWaits && Number(job.retries) <= 0) {
      throw new EngineConflict(`Expected to resolve incident with key '${key}', but job with key '${job.key}' has no retries left; update its retries first`);
    }
    await run.tx('engine_incident').where({ key }).update({ state: 'RESOLVED' });
    run.record('incident.resolved', String(inc.instance_key), inc.element_id, key);
    run.events.push({ type: 'incidentResolved', incident: incidentFromRow({ ...inc, state: 'RESOLVED' }) });
    const row = run.state.elements.get(String(inc.element_key));
    if (!row) return;
    if (inc.job_key) {
      if (jobWaits) await run.tx('engine_job').where({ key: job.key }).update({ state: 'ACTIVATABLE', due_at: run.now });
      return;
    }
    const def = await run.defOf(row);
    if (inc.phase === 'complete') return run.complete(row, {});
    if (row.elementType === 'multiInstanceBody') {
      await run.endElement(row, 'TERMINATED');
      await run.activate(run.state.instances.get(row.instanceKey)!, def, row.scopeKey);
      return;
    }
    await run.hooks.closeWaits(row.key);
    await run.enter(row, def);
  }
}
