/**
 * The background side of the embedded engine (the Poller): one wake-up for all job types and
 * timers. A round is one query (`probe`: the next due job of this process's types, timer,
 * parked outcome, activation deadline, and whether a publish left correlations pending), then
 * only the work that is due: time-outs, timers (timerFiring.ts), parked outcomes and job
 * activation (jobs.ts), pending correlations (publish.ts). It sleeps until the next due time,
 * at most `pollMs` (the safety poll); commits that create work wake it at once — in this
 * process directly, in the others through LISTEN/NOTIFY on PostgreSQL (wakeup.ts).
 */
import type { Clock } from '../../clock.js';
import { prepared } from './prepared.js';
import type { Db } from '../../db/index.js';
import type { Logger } from '../../logger.js';
import { EngineConflict, EngineNotFound, type JobWorkerRegistration, type PublishMessageCommand } from '../port.js';
import type { Commands } from './commands.js';
import type { ModelCache } from './deploy.js';
import { JobRunner } from './jobs.js';
import { Publisher } from './publish.js';
import type { Run } from './run.js';
import { fireDueTimers } from './timerFiring.js';
import { incidentFromRow } from './waits.js';
import { WakeListener } from './wakeup.js';

export interface PollerDeps {
  db: Db;
  clock: Clock;
  commands: Commands;
  models: ModelCache;
  pollMs: number;
  /** Fire due timers and time out jobs (the engine role); job activation runs for the workers registered here. */
  timers: boolean;
  logger?: Logger;
}

/** What is due next, from one query. */
interface Probe {
  job: Date | null;
  timer: Date | null;
  outcome: Date | null;
  deadline: Date | null;
  pending: boolean;
}

/** Jobs, timers and messages. */
export class Poller {
  readonly jobs: JobRunner;
  private readonly publisher: Publisher;
  private readonly listener: WakeListener;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private woken = false;
  private ticking: Promise<{ did: number; next: number }> | undefined;

  constructor(private readonly d: PollerDeps) {
    this.jobs = new JobRunner({ db: d.db, clock: d.clock, commands: d.commands, logger: d.logger, wake: () => this.wake() });
    this.publisher = new Publisher({ db: d.db, clock: d.clock, commands: d.commands, models: d.models, logger: d.logger, wake: () => this.wake() });
    this.listener = new WakeListener(d.db, () => this.wake(), d.logger);
  }

  register(w: JobWorkerRegistration): void {
    if (this.jobs.workers.has(w.jobType)) throw new EngineConflict(`a worker for ${w.jobType} is already registered`);
    this.jobs.workers.set(w.jobType, w);
    this.wake();
  }

  async start(): Promise<void> {
    this.running = true;
    this.jobs.accepting = true;
    await this.listener.start();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.jobs.accepting = false;
    if (this.timer) clearTimeout(this.timer);
    await this.listener.stop();
    await this.ticking?.catch(() => undefined);
    // A handler that never returns must not keep the engine from stopping; its job times out.
    await this.inflightSettled(5_000);
  }

  private async inflightSettled(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.jobs.inflight]),
      new Promise((r) => {
        timer = setTimeout(r, ms);
      }),
    ]);
    clearTimeout(timer);
  }

  /** Runs a round soon (after a commit that created work, here or — notified — in another process). */
  wake(): void {
    this.woken = true;
    if (this.running && !this.ticking) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), ms);
  }

  private async loop(): Promise<void> {
    if (!this.running) return;
    let next = this.d.pollMs;
    try {
      next = Math.min(next, (await this.tick()).next);
    } catch (e) {
      this.d.logger?.error({ event: 'engine.poll.failed', err: (e as Error).message }, 'engine.poll.failed');
    }
    if (this.running) this.schedule(this.woken ? 0 : next);
  }

  private tick(): Promise<{ did: number; next: number }> {
    if (!this.ticking)
      this.ticking = this.round().finally(() => {
        this.ticking = undefined;
      });
    return this.ticking;
  }

  /** One round: one query, then what is due. Returns how much it did and how long until the next due time. */
  private async round(): Promise<{ did: number; next: number }> {
    this.woken = false;
    const now = this.d.clock.now();
    const p = await this.probe();
    const due = (t: Date | null) => !!t && t.getTime() <= now.getTime();
    let did = 0;
    // Timers and job time-outs are the engine role's (config ROLE); activation is for the workers here.
    if (this.d.timers && due(p.deadline)) did += await this.jobs.timeOut(now);
    if (this.d.timers && due(p.timer)) did += await fireDueTimers(this.d.db, this.d.commands, now);
    if (due(p.outcome)) did += await this.jobs.applyParked(now);
    if (p.pending) did += await this.publisher.finishPending();
    if (due(p.job)) did += await this.jobs.activate(now);
    const future = [p.job, this.d.timers ? p.timer : null, p.outcome, this.d.timers ? p.deadline : null]
      .filter((t): t is Date => !!t)
      .map((t) => t.getTime() - now.getTime());
    return { did, next: did ? 0 : Math.max(0, Math.min(this.d.pollMs, ...future)) };
  }

  /** The one query of a round (all job types and timers at once). */
  private async probe(): Promise<Probe> {
    const types = this.jobs.hungryTypes();
    const inTypes = types.length ? `type in (${types.map(() => '?').join(',')})` : 'false';
    const r = (
      await prepared(
        this.d.db,
        `probe_${types.length}`,
        `select
      (select min(due_at) from engine_job where state = 'ACTIVATABLE' and ${inTypes}) as job,
      (select min(due_at) from engine_timer where state = 'ACTIVE') as timer,
      (select min(due_at) from engine_job where state = 'OUTCOME') as outcome,
      (select min(deadline) from engine_job where state = 'ACTIVATED') as deadline,
      exists (select 1 from engine_message where pending is not null) as pending`,
        types,
      )
    ).rows[0];
    const date = (v: unknown) => (v ? new Date(v as string) : null);
    return { job: date(r.job), timer: date(r.timer), outcome: date(r.outcome), deadline: date(r.deadline), pending: !!r.pending };
  }

  /** Tests: process everything that is due now, including handlers, until still. */
  async settle(): Promise<void> {
    // A round that began before the clock moved read the old time: let it end, then go again.
    await this.ticking?.catch(() => 0);
    // Handlers also start right after commits (jobs activated in their command): go on until
    // a round did nothing and no handler started or finished meanwhile (a hung one does neither).
    for (let i = 0; i < 1000; i++) {
      const started = this.jobs.started;
      const finished = this.jobs.finished;
      const { did } = await this.tick();
      await this.inflightSettled(2_000);
      if (!did && this.jobs.started === started && this.jobs.finished === finished) return;
    }
  }

  /** Publishes a message (publish.ts). */
  publish(cmd: PublishMessageCommand): Promise<{ key: string }> {
    return this.publisher.publish(cmd);
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
    const outcomeWaits = job?.state === 'OUTCOME_FAILED';
    if (jobWaits && Number(job.retries) <= 0) {
      throw new EngineConflict(`Expected to resolve incident with key '${key}', but job with key '${job.key}' has no retries left; update its retries first`);
    }
    await run.tx('engine_incident').where({ key }).update({ state: 'RESOLVED' });
    run.record('incident.resolved', String(inc.instance_key), inc.element_id, key);
    run.events.push({ type: 'incidentResolved', incident: incidentFromRow({ ...inc, state: 'RESOLVED' }) });
    const row = run.state.elements.get(String(inc.element_key));
    if (!row) return;
    if (inc.job_key) {
      // A worker's result that could not be applied is applied once more (jobs.ts), the worker is not run again.
      if (outcomeWaits) await run.tx('engine_job').where({ key: job.key }).update({ state: 'OUTCOME', outcome_attempts: 0, due_at: run.now });
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
