/**
 * Jobs for this process's workers: activation, the handler outside any transaction, and its
 * outcome applied in a command.
 *
 * - Activation claims rows with FOR UPDATE SKIP LOCKED (PostgreSQL re-checks the claim's
 *   state and due time on the locked row), and gives each activation a fresh token; only the
 *   activation holding the token, before its deadline, may complete, fail or throw on the job
 *   (a late one gets EngineConflict: its job was handed out again).
 * - An outcome that cannot be applied for a reason that is not the job's (a listener throws,
 *   the database hiccups) is parked on the job row (state OUTCOME, `outcome`) and applied
 *   again with back-off by whichever process's Poller finds it due; the handler does not run
 *   again. After OUTCOME_ATTEMPTS failures an incident is raised on the element; resolving it
 *   applies the parked outcome once more. The happy path commits once.
 */
import { randomUUID } from 'node:crypto';
import { prepared } from './prepared.js';
import type { Knex } from 'knex';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import type { Logger } from '../../logger.js';
import { EngineConflict, EngineNotFound, type Job, type JobOutcome, type JobWorkerRegistration } from '../port.js';
import { throwError } from './catch.js';
import type { Commands } from './commands.js';
import type { Run } from './run.js';
import { TreeState } from './state.js';
import { raiseIncident } from './waits.js';

/** How long an activated job is reserved; after a crash its jobs are handed out again after this. */
const DEFAULT_JOB_TIMEOUT_MS = 30_000;
/** Failed attempts at applying a parked outcome before an incident is raised. */
export const OUTCOME_ATTEMPTS = 5;
/** Back-off before the next attempt at a parked outcome. */
const outcomeBackOff = (attempts: number) => Math.min(30_000, 200 * 2 ** attempts);

/** Only the named variables (those that exist), or all when no names are given. */
function pick(vars: Record<string, unknown>, names: string[] | undefined): Record<string, unknown> {
  if (!names?.length) return vars;
  return Object.fromEntries(names.filter((n) => n in vars).map((n) => [n, vars[n]]));
}

/** A job activated in a command for a worker of this process. */
interface Handoff {
  type: string;
  jobKey: string;
  rootKey: string;
  base: JobBase;
  activation: string;
  deadline: Date;
  job?: Job;
}

/** What createJob knows of a job; the rest is filled in when the command has run (`describe`). */
export type JobBase = Omit<Job, 'variables' | 'processDefinitionKey' | 'processId' | 'deadline'>;

export interface JobDeps {
  db: Db;
  clock: Clock;
  commands: Commands;
  logger?: Logger;
  wake(): void;
}

/** The registered workers of this process and their running handlers. */
export class JobRunner {
  readonly workers = new Map<string, JobWorkerRegistration>();
  readonly inflight = new Set<Promise<void>>();
  private readonly active = new Map<string, number>();
  /** Jobs activated inside a command's transaction for this process's workers, handed over after its commit. */
  private readonly handoffs = new WeakMap<Knex.Transaction, Handoff[]>();
  /** Whether this process takes jobs (the Poller runs). */
  accepting = false;
  /** Handler runs started and finished (settle() waits until both stand still). */
  started = 0;
  finished = 0;

  constructor(private readonly d: JobDeps) {}

  /**
   * A command is creating a job of `type`: if a worker of this process has a free slot, the
   * slot is taken and the job is created ACTIVATED with a fresh token (`local` in createJob);
   * its handler starts right after the commit, without an activation commit or poll delay.
   */
  reserve(tx: Knex.Transaction, rootKey: string, base: JobBase, now: Date): { activation: string; deadline: Date } | undefined {
    const w = this.workers.get(base.type);
    if (!this.accepting || !w || this.free(base.type) <= 0) return undefined;
    this.active.set(base.type, (this.active.get(base.type) ?? 0) + 1);
    const h: Handoff = {
      type: base.type,
      jobKey: base.key,
      rootKey,
      base,
      activation: randomUUID(),
      deadline: new Date(now.getTime() + (w.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS)),
    };
    const list = this.handoffs.get(tx) ?? [];
    list.push(h);
    this.handoffs.set(tx, list);
    return h;
  }

  /** At the end of a tree's run in the transaction: the jobs handed over get their variables as the command leaves them. */
  describe(tx: Knex.Transaction, run: Run): void {
    for (const h of this.handoffs.get(tx) ?? []) {
      const j = h.base;
      if (h.job || h.rootKey !== run.state.rootKey) continue;
      const inst = run.state.instances.get(j.processInstanceKey);
      // A copy: the handler may change its variables, the tree's stay kept (treeCache.ts).
      const visible = run.state.elements.has(j.elementInstanceKey) ? run.state.visible(j.elementInstanceKey) : {};
      h.job = {
        ...j,
        processDefinitionKey: inst?.definitionKey ?? '',
        processId: inst?.processId ?? '',
        variables: structuredClone(pick(visible, this.workers.get(h.type)?.fetchVariables)),
        deadline: h.deadline,
      };
    }
  }

  /** A job handed over in this transaction was cancelled in it again: give its slot back. */
  drop(tx: Knex.Transaction, jobKeys: string[]): void {
    const list = this.handoffs.get(tx);
    if (!list) return;
    for (const h of list.filter((x) => jobKeys.includes(x.jobKey))) this.release(h.type);
    this.handoffs.set(
      tx,
      list.filter((x) => !jobKeys.includes(x.jobKey)),
    );
  }

  /** After the commit (`ok`) the handlers start; after a rollback the slots are given back. */
  settled(tx: Knex.Transaction, ok: boolean): void {
    const list = this.handoffs.get(tx);
    this.handoffs.delete(tx);
    for (const h of list ?? []) {
      if (ok && h.job) this.launch(this.workers.get(h.type)!, h.activation, async () => h.job!, h.rootKey);
      else this.release(h.type);
    }
  }

  private release(type: string): void {
    this.active.set(type, (this.active.get(type) ?? 1) - 1);
  }

  /** Free handler slots of a type in this process. */
  free(type: string): number {
    const w = this.workers.get(type);
    return w ? (w.maxJobsActive ?? 32) - (this.active.get(type) ?? 0) : 0;
  }

  /** Types with a free slot. */
  hungryTypes(): string[] {
    return [...this.workers.keys()].filter((t) => this.free(t) > 0);
  }

  /** Hands timed-out activations back (any type: their process may be gone). */
  async timeOut(now: Date): Promise<number> {
    return this.d.db('engine_job').where({ state: 'ACTIVATED' }).where('deadline', '<', now).update({ state: 'ACTIVATABLE', activation: null });
  }

  /** Claims due jobs of every type with free slots in one transaction and runs their handlers. */
  async activate(now: Date): Promise<number> {
    const types = this.hungryTypes();
    if (!types.length) return 0;
    const limit = types.reduce((s, t) => s + this.free(t), 0);
    const rows = await this.d.db.transaction(async (tx) => {
      const cand = await tx('engine_job')
        .whereIn('type', types)
        .where({ state: 'ACTIVATABLE' })
        .where('due_at', '<=', now)
        .orderBy('due_at')
        .orderBy('key')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .select('key', 'type');
      const out: Record<string, unknown>[] = [];
      for (const type of types) {
        const keys = cand
          .filter((c) => c.type === type)
          .slice(0, this.free(type))
          .map((c) => c.key);
        if (!keys.length) continue;
        const w = this.workers.get(type)!;
        out.push(
          ...(await tx('engine_job')
            .whereIn('key', keys)
            .update({
              state: 'ACTIVATED',
              activation: tx.raw('gen_random_uuid()::text'),
              deadline: new Date(now.getTime() + (w.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS)),
            })
            .returning('*')),
        );
      }
      return out;
    });
    for (const r of rows) this.run(this.workers.get(r.type as string)!, r);
    return rows.length;
  }

  /** Runs a handler on an activated job row (not awaited: the Poller tracks it in `inflight`). */
  run(w: JobWorkerRegistration, r: Record<string, unknown>): void {
    this.active.set(w.jobType, (this.active.get(w.jobType) ?? 0) + 1);
    this.launch(w, String(r.activation), () => this.toJob(r, w.fetchVariables), String(r.root_key));
  }

  /** Runs the handler of an activation whose slot is taken, then delivers its outcome. */
  private launch(w: JobWorkerRegistration, token: string, load: () => Promise<Job>, rootKey: string): void {
    this.started++;
    let key = '';
    const p = (async () => {
      const job = await load();
      key = job.key;
      let outcome: JobOutcome;
      try {
        outcome = await w.handler(job);
      } catch (e) {
        outcome = { outcome: 'fail', errorMessage: (e as Error).message ?? String(e) };
      }
      await this.deliver(job.key, token, outcome, rootKey);
    })()
      .catch((e) => this.d.logger?.warn({ event: 'job.run.failed', jobKey: key, err: (e as Error).message }, 'job.run.failed'))
      .finally(() => {
        // A type that was full may have jobs waiting for this slot: look again.
        const wasFull = this.free(w.jobType) <= 0;
        this.release(w.jobType);
        this.finished++;
        this.inflight.delete(p);
        if (wasFull) this.d.wake();
      });
    this.inflight.add(p);
  }

  /** The job as a worker sees it: every visible variable (inner scopes win), or only `fetch` (docs: components/concepts/job-workers#variables). */
  private async toJob(r: Record<string, unknown>, fetch?: string[]): Promise<Job> {
    const state = new TreeState(this.d.db as never, String(r.root_key));
    await state.load();
    const inst = state.instances.get(String(r.instance_key));
    return {
      key: String(r.key),
      type: r.type as string,
      processInstanceKey: String(r.instance_key),
      processDefinitionKey: inst?.definitionKey ?? '',
      processId: inst?.processId ?? '',
      elementId: r.element_id as string,
      elementInstanceKey: String(r.element_key),
      retries: Number(r.retries),
      variables: state.elements.has(String(r.element_key)) ? pick(state.visible(String(r.element_key)), fetch) : {},
      customHeaders: r.headers as Record<string, string>,
      deadline: new Date(r.deadline as string),
    };
  }

  /** Applies a handler's outcome; if that fails for a reason not the job's, parks it on the job row. */
  private async deliver(jobKey: string, token: string, o: JobOutcome, rootKey: string): Promise<void> {
    try {
      await this.apply(jobKey, { token, rootKey }, o);
    } catch (e) {
      if (e instanceof EngineNotFound || e instanceof EngineConflict) {
        this.d.logger?.warn({ event: 'job.outcome.refused', jobKey, err: e.message }, 'job.outcome.refused');
        return;
      }
      this.d.logger?.warn({ event: 'job.outcome.failed', jobKey, err: (e as Error).message }, 'job.outcome.failed');
      await this.park(jobKey, token, o, e as Error);
    }
  }

  /** Keeps the outcome on the job row, so that any process applies it later (retried while the database is away, until the deadline). */
  private async park(jobKey: string, token: string, o: JobOutcome, err: Error): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const now = this.d.clock.now();
        const n = await this.d
          .db('engine_job')
          .where({ key: jobKey, state: 'ACTIVATED', activation: token })
          .where('deadline', '>', now)
          .update({
            state: 'OUTCOME',
            outcome: JSON.stringify(o),
            outcome_attempts: 1,
            outcome_error: errorName(err),
            due_at: new Date(now.getTime() + outcomeBackOff(0)),
          });
        if (n) this.d.wake();
        return;
      } catch (e) {
        if (attempt >= 8) throw e;
        await new Promise((r) => setTimeout(r, outcomeBackOff(attempt)));
      }
    }
  }

  /** Poller: applies parked outcomes that are due; after OUTCOME_ATTEMPTS failures raises an incident. */
  async applyParked(now: Date): Promise<number> {
    const rows = await this.d
      .db('engine_job')
      .where({ state: 'OUTCOME' })
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(50)
      .select('key', 'outcome', 'outcome_attempts');
    for (const r of rows) {
      const key = String(r.key);
      try {
        await this.apply(key, { parked: true }, r.outcome as JobOutcome);
      } catch (e) {
        if (e instanceof EngineNotFound || e instanceof EngineConflict) continue;
        await this.parkedFailed(key, Number(r.outcome_attempts) + 1, e as Error).catch(() => undefined);
      }
    }
    return rows.length;
  }

  private async parkedFailed(key: string, attempts: number, err: Error): Promise<void> {
    const now = this.d.clock.now();
    await this.d
      .db('engine_job')
      .where({ key, state: 'OUTCOME' })
      .update({ outcome_attempts: attempts, outcome_error: errorName(err), due_at: new Date(now.getTime() + outcomeBackOff(attempts)) });
    if (attempts < OUTCOME_ATTEMPTS) return;
    const root = await this.d.commands.rootOf(key, 'engine_job');
    await this.d.commands.onTree(root, async (run) => {
      const j = await run.tx('engine_job').where({ key, state: 'OUTCOME' }).forUpdate().first();
      const row = j && run.state.elements.get(String(j.element_key));
      if (!row) return;
      await run.tx('engine_job').where({ key }).update({ state: 'OUTCOME_FAILED' });
      await raiseIncident(
        run,
        row,
        'UNKNOWN',
        `The worker's result for job ${key} could not be applied after ${attempts} attempts ` +
          `(last error: ${errorName(err)}); the worker is not run again. Resolve the incident to apply the result once more.`,
        'activate',
        key,
      );
    });
  }

  /** Applies an outcome in a command on the job's tree: from the activation holding `token` before its deadline, or a parked one. */
  private async apply(jobKey: string, from: { token?: string; rootKey?: string; parked?: boolean }, o: JobOutcome): Promise<void> {
    // A job never changes tree: the root known from its activation saves a look-up.
    const root = from.rootKey ?? (await this.d.commands.rootOf(jobKey, 'engine_job'));
    // The happy path: the activation's completion takes the job row in one statement (the
    // token and deadline checked on the locked row); a completed job has no further use. On
    // PostgreSQL that statement is the root lock's (commands.ts lockRoot).
    const take = o.outcome === 'complete' && from.token ? { jobKey, token: from.token } : undefined;
    await this.d.commands.onTree(
      root,
      async (run) => {
        if (take && o.outcome === 'complete') {
          const taken =
            run.taken !== undefined
              ? run.taken
              : ((await prepared(run.tx, 'take_job', TAKE_JOB, [jobKey, take.token, run.now])).rows[0] as Record<string, unknown> | undefined);
          if (taken) return completeTaken(run, taken, o.variables ?? {});
        }
        const j = await run.tx('engine_job').where({ key: jobKey }).forUpdate().first();
        if (from.parked) {
          if (j?.state !== 'OUTCOME') throw new EngineNotFound(`job ${jobKey} has no parked result`);
        } else {
          if (!j || j.state !== 'ACTIVATED') throw new EngineNotFound(`job ${jobKey} is not activated`);
          if (j.activation !== from.token || !j.deadline || j.deadline <= run.now) {
            throw new EngineConflict(`job ${jobKey}: this activation timed out (the job was handed out again)`);
          }
        }
        const row = run.state.elements.get(String(j.element_key));
        if (!row) throw new EngineNotFound(`job ${jobKey} has no active element`);
        await applyOutcome(run, j, row, o);
      },
      false,
      take,
    );
  }
}

/** The completion's job row, taken if the activation holds its token before the deadline. */
const TAKE_JOB = "delete from engine_job where key = ? and state = 'ACTIVATED' and activation = ? and deadline > ? returning key, element_key";

/** A completion whose job row `complete` took (deleted) under its lock: the element completes. */
async function completeTaken(run: Run, j: Record<string, unknown>, vars: Record<string, unknown>): Promise<void> {
  const row = run.state.elements.get(String(j.element_key));
  if (!row) throw new EngineNotFound(`job ${String(j.key)} has no active element`);
  run.record('job.completed', row.instanceKey, row.elementId, String(j.key));
  // Its job was the element's only wait unless boundary events hang on it (their timers, subscriptions).
  if (!(await run.defOf(row)).boundaryIds.length) run.waitsConsumed(row.key);
  await run.complete(row, vars);
}

/** What an outcome does to the job and its element (docs: components/concepts/job-workers). */
async function applyOutcome(run: Run, j: Record<string, unknown>, row: NonNullable<ReturnType<Run['state']['elements']['get']>>, o: JobOutcome): Promise<void> {
  const done = { activation: null, outcome: null };
  if (o.outcome === 'complete') {
    await run
      .tx('engine_job')
      .where({ key: String(j.key) })
      .update({ state: 'COMPLETED', ...done });
    run.record('job.completed', row.instanceKey, row.elementId, String(j.key));
    await run.complete(row, o.variables ?? {});
  } else if (o.outcome === 'bpmnError') {
    await run
      .tx('engine_job')
      .where({ key: String(j.key) })
      .update({ state: 'ERROR_THROWN', error_message: o.errorMessage ?? null, ...done });
    // The error's variables become local variables of the catch event (docs: error-events#variable-mappings).
    await throwError(run, row, o.errorCode, o.errorMessage, o.variables ?? {}, String(j.key));
  } else {
    const retries = o.retries ?? Number(j.retries) - 1;
    const due = new Date(run.now.getTime() + (o.retryBackOffMs ?? 0));
    await run
      .tx('engine_job')
      .where({ key: String(j.key) })
      .update({ retries, error_message: o.errorMessage, state: retries > 0 ? 'ACTIVATABLE' : 'FAILED', due_at: due, ...done });
    run.record('job.failed', row.instanceKey, row.elementId, String(j.key), { retries });
    if (retries <= 0) await raiseIncident(run, row, 'JOB_NO_RETRIES', o.errorMessage, 'activate', String(j.key));
  }
}

/** An error's class and code, never its message (it may quote data). */
function errorName(e: Error): string {
  const code = (e as { code?: unknown }).code;
  return `${e.name ?? 'Error'}${code ? ` ${String(code)}` : ''}`;
}
