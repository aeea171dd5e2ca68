/**
 * The Camunda 8 / Zeebe engine behind the port, through `@camunda8/sdk` (REST v2 API).
 * Commands go to the broker; what happened comes back through our exporter (records.ts),
 * projected into the read model the embedded engine keeps (readModel.ts), so the port's queries
 * (queries.ts of the embedded engine) serve both. Only src/engine/zeebe imports `@camunda8/*`.
 */
import { Camunda8 } from '@camunda8/sdk';
import type { Clock } from '../../clock.js';
import { ControlledClock } from '../../clock.js';
import { createDb, type Db } from '../../db/index.js';
import type { Logger } from '../../logger.js';
import { Queries } from '../embedded/queries.js';
import {
  EngineConflict,
  EngineInvalid,
  EngineNotFound,
  EngineUnavailable,
  type DeployResource,
  type DeploymentResult,
  type EngineEventListener,
  type InstanceRef,
  type Job,
  type JobOutcome,
  type JobWorkerRegistration,
  type ProcessEngine,
  type PublishMessageCommand,
  type UserTaskUpdate,
  type Variables,
} from '../port.js';
import { checkResources, sha } from '../resources.js';
import { parseJson, RecordPump } from './records.js';
import { engineTables } from '../readModel.js';
import { tableWriter } from '../readModelWriter.js';

export interface ZeebeEngineOptions {
  db: Db;
  clock: Clock;
  logger?: Logger;
  /** e.g. http://localhost:8080 */
  restAddress: string;
  /** e.g. grpc://localhost:26500 (the SDK wants it; we use REST). */
  grpcAddress?: string;
  /** postgres:// URL of the database our exporter writes to. */
  exportDatabaseUrl: string;
  exportSchema?: string;
  /** How often the projection looks for new events when idle (ms). */
  pollMs?: number;
  skipHistory?: boolean;
}

export function createZeebeEngine(opts: ZeebeEngineOptions): ProcessEngine {
  return new ZeebeEngine(opts);
}

type Rest = ReturnType<Camunda8['getCamundaRestClient']>;

/** Maps an SDK/HTTP error to the port's typed errors, without echoing request bodies. */
function engineError(e: unknown, what: string): Error {
  const err = e as { response?: { statusCode?: number; body?: unknown }; code?: string; message?: string };
  const status = err.response?.statusCode;
  let detail = '';
  try {
    const body = typeof err.response?.body === 'string' ? JSON.parse(err.response.body) : err.response?.body;
    detail = (body as { detail?: string })?.detail ?? '';
  } catch {
    detail = '';
  }
  const msg = `${what}: ${detail || err.message || 'failed'}`;
  if (status === 404) return new EngineNotFound(msg);
  if (status === 409) return new EngineConflict(msg);
  if (status === 400) {
    // Zeebe answers 400 INVALID_STATE-like rejections for e.g. a task that is no longer active.
    if (/not active|already|INVALID_STATE|but it is in state/i.test(detail)) return new EngineConflict(msg);
    return new EngineInvalid(msg, detail ? [detail] : []);
  }
  if (status === undefined || status >= 500 || status === 429) return new EngineUnavailable(msg);
  return new EngineInvalid(msg, detail ? [detail] : []);
}

interface RunningWorker {
  reg: JobWorkerRegistration;
  active: number;
  pending: { cancel(): void } | undefined;
  loop: Promise<void> | undefined;
  running: Set<Promise<void>>;
}

class ZeebeEngine extends Queries implements ProcessEngine {
  readonly kind = 'zeebe' as const;
  /** The tables the projection (records.ts) writes through `tableWriter`. */
  readonly readModel = engineTables;
  private readonly listeners = new Set<EngineEventListener>();
  private readonly rest: Rest;
  private readonly exportDb: Db;
  private readonly pump: RecordPump;
  private readonly workers: RunningWorker[] = [];
  private started = false;

  constructor(private readonly o: ZeebeEngineOptions) {
    super(o.db);
    const c8 = new Camunda8({
      ZEEBE_REST_ADDRESS: o.restAddress,
      ZEEBE_GRPC_ADDRESS: o.grpcAddress ?? 'grpc://localhost:26500',
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'error',
    });
    this.rest = c8.getCamundaRestClient();
    this.exportDb = createDb({ url: o.exportDatabaseUrl });
    this.pump = new RecordPump({
      db: o.db,
      exportDb: this.exportDb,
      schema: o.exportSchema ?? 'zeebe_export',
      listeners: this.listeners,
      logger: o.logger,
      pollMs: o.pollMs ?? 50,
      skipHistory: o.skipHistory ?? false,
    });
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw engineError(e, what);
    }
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (this.o.clock instanceof ControlledClock && this.o.clock.isPinned()) {
      const now = this.o.clock.now().getTime();
      await this.call('pin the broker clock', () => this.rest.pinInternalClock(now));
    } else {
      // Real time: a broker with clock control on may still be pinned by a test run; on a
      // production broker (clock control off) this is refused, which is fine.
      await this.rest.resetClock().catch(() => undefined);
    }
    await this.pump.start();
    for (const w of this.workers) this.startWorker(w);
  }

  async stop(): Promise<void> {
    if (!this.started) {
      await this.exportDb.destroy();
      return;
    }
    this.started = false;
    for (const w of this.workers) w.pending?.cancel();
    await Promise.all(
      this.workers.map(async (w) => {
        await w.loop;
        await Promise.allSettled([...w.running]);
      }),
    );
    await this.pump.stop();
    await this.exportDb.destroy();
  }

  async deploy(resources: DeployResource[]): Promise<DeploymentResult> {
    const checked = await checkResources(resources);
    const res = await this.call('deploy', () => this.rest.deployResources(resources.map((r) => ({ name: r.name, content: r.content }))));
    const result: DeploymentResult = { key: String(res.deploymentKey), processes: [], forms: [] };
    const now = this.o.clock.now();
    await this.o.db.transaction(async (tx) => {
      for (const p of res.processes ?? []) {
        const source = checked.models.find((m) => m.res.name === p.resourceName);
        const model = source?.models.find((m) => m.processId === p.processDefinitionId);
        await tableWriter.recordDefinition(tx, {
          key: String(p.processDefinitionKey),
          processId: p.processDefinitionId,
          version: p.processDefinitionVersion,
          name: model?.name ?? null,
          resourceName: p.resourceName,
          checksum: sha(source?.res.content ?? ''),
          xml: source?.res.content ?? '',
          deployedAt: now,
        });
        result.processes.push({
          processId: p.processDefinitionId,
          name: model?.name,
          version: p.processDefinitionVersion,
          key: String(p.processDefinitionKey),
          resourceName: p.resourceName,
        });
      }
      for (const f of (res as unknown as { forms?: { formId: string; version: number; formKey: string }[] }).forms ?? []) {
        const source = checked.forms.find((x) => x.id === f.formId);
        await tableWriter.recordForm(tx, {
          key: String(f.formKey),
          formId: f.formId,
          version: f.version,
          checksum: sha(source?.res.content ?? ''),
          schema: source?.schema ?? {},
        });
        result.forms.push({ formId: f.formId, version: f.version, key: String(f.formKey) });
      }
    });
    return result;
  }

  async startInstance(processId: string, variables: Variables = {}): Promise<InstanceRef> {
    const r = await this.call(`start ${processId}`, () => this.rest.createProcessInstance({ processDefinitionId: processId, variables }));
    this.pump.wake();
    return {
      key: String(r.processInstanceKey),
      processId: r.processDefinitionId,
      version: Number(r.processDefinitionVersion),
      processDefinitionKey: String(r.processDefinitionKey),
    };
  }

  async cancelInstance(processInstanceKey: string): Promise<void> {
    await this.call(`cancel instance ${processInstanceKey}`, () => this.rest.cancelProcessInstance({ processInstanceKey }));
    this.pump.wake();
  }

  async publishMessage(cmd: PublishMessageCommand): Promise<{ key: string }> {
    const r = await this.call(`publish message ${cmd.name}`, () =>
      this.rest.publishMessage({
        name: cmd.name,
        correlationKey: cmd.correlationKey,
        variables: cmd.variables ?? {},
        timeToLive: cmd.timeToLiveMs ?? 0,
        ...(cmd.messageId ? { messageId: cmd.messageId } : {}),
      } as never),
    );
    this.pump.wake();
    return { key: String((r as { messageKey: string }).messageKey) };
  }

  async completeUserTask(userTaskKey: string, variables: Variables = {}): Promise<void> {
    await this.call(`complete user task ${userTaskKey}`, () => this.rest.completeUserTask({ userTaskKey, variables }));
    this.pump.wake();
  }

  async assignUserTask(userTaskKey: string, assignee: string | null): Promise<void> {
    if (assignee === null) await this.call(`unassign user task ${userTaskKey}`, () => this.rest.unassignUserTask({ userTaskKey }));
    else await this.call(`assign user task ${userTaskKey}`, () => this.rest.assignUserTask({ userTaskKey, assignee, allowOverride: true }));
    this.pump.wake();
  }

  async updateUserTask(userTaskKey: string, changes: UserTaskUpdate): Promise<void> {
    const changeset: Record<string, unknown> = {};
    // Zeebe clears a date with an empty string.
    if (changes.dueDate !== undefined) changeset.dueDate = changes.dueDate ? changes.dueDate.toISOString() : '';
    if (changes.followUpDate !== undefined) changeset.followUpDate = changes.followUpDate ? changes.followUpDate.toISOString() : '';
    if (changes.candidateGroups) changeset.candidateGroups = changes.candidateGroups;
    if (changes.candidateUsers) changeset.candidateUsers = changes.candidateUsers;
    if (changes.priority !== undefined) changeset.priority = changes.priority;
    // PATCH /v2/user-tasks/{key} (8.6–8.9); the SDK's updateUserTask speaks a later API.
    await this.call(`update user task ${userTaskKey}`, () => this.http('PATCH', `/v2/user-tasks/${encodeURIComponent(userTaskKey)}`, { changeset }));
    this.pump.wake();
  }

  /** A REST call the SDK does not make the way this broker expects; errors look like the SDK's. */
  private async http(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.o.restAddress), {
        method,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (e) {
      throw Object.assign(new Error((e as Error).message), { code: 'ECONNREFUSED' });
    }
    const text = await res.text();
    if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { response: { statusCode: res.status, body: text } });
    return text ? parseJson(text) : undefined;
  }

  registerWorker(reg: JobWorkerRegistration): void {
    const w: RunningWorker = { reg, active: 0, pending: undefined, loop: undefined, running: new Set() };
    this.workers.push(w);
    if (this.started) this.startWorker(w);
  }

  private startWorker(w: RunningWorker): void {
    w.loop = this.workLoop(w);
  }

  /** Long-polls for jobs of one type while fewer than maxJobsActive run; runs each handler. */
  private async workLoop(w: RunningWorker): Promise<void> {
    const max = w.reg.maxJobsActive ?? 32;
    while (this.started) {
      if (w.active >= max) {
        await Promise.race(w.running);
        continue;
      }
      let jobs: unknown[] = [];
      try {
        // Our own call, parsed losslessly: the job key is an int64 (8.6 sends it as a JSON number).
        const abort = new AbortController();
        w.pending = { cancel: () => abort.abort() };
        const res = (await this.http(
          'POST',
          '/v2/jobs/activation',
          {
            type: w.reg.jobType,
            worker: 'kvh',
            maxJobsToActivate: max - w.active,
            timeout: w.reg.timeoutMs ?? 30_000,
            requestTimeout: 1_000,
            ...(w.reg.fetchVariables ? { fetchVariable: w.reg.fetchVariables } : {}),
          },
          abort.signal,
        )) as { jobs?: unknown[] } | undefined;
        jobs = res?.jobs ?? [];
      } catch (e) {
        if (!this.started) break;
        this.o.logger?.warn({ jobType: w.reg.jobType, err: engineError(e, 'activate jobs').message }, 'job activation failed; retrying');
        await new Promise((r) => setTimeout(r, 500));
        continue;
      } finally {
        w.pending = undefined;
      }
      for (const raw of jobs) {
        const j = raw as Record<string, unknown>;
        const job: Job = {
          key: String(j.jobKey ?? j.key),
          type: String(j.type),
          processInstanceKey: String(j.processInstanceKey),
          processDefinitionKey: String(j.processDefinitionKey),
          processId: String(j.processDefinitionId ?? j.bpmnProcessId),
          elementId: String(j.elementId),
          elementInstanceKey: String(j.elementInstanceKey),
          retries: Number(j.retries),
          variables: (j.variables ?? {}) as Variables,
          customHeaders: (j.customHeaders ?? {}) as Record<string, string>,
          deadline: new Date(Number(j.deadline)),
        };
        w.active++;
        const p = this.runJob(w.reg, job).finally(() => {
          w.active--;
          w.running.delete(p);
        });
        w.running.add(p);
      }
    }
  }

  private async runJob(reg: JobWorkerRegistration, job: Job): Promise<void> {
    let outcome: JobOutcome;
    try {
      outcome = await reg.handler(job);
    } catch (e) {
      outcome = { outcome: 'fail', errorMessage: (e as Error).message ?? 'the worker failed' };
    }
    try {
      if (outcome.outcome === 'complete') {
        await this.rest.completeJob({ jobKey: job.key, variables: (outcome.variables ?? {}) as never });
      } else if (outcome.outcome === 'bpmnError') {
        await this.rest.errorJob({
          jobKey: job.key,
          errorCode: outcome.errorCode,
          errorMessage: outcome.errorMessage ?? '',
          variables: outcome.variables ?? {},
        } as never);
      } else {
        await this.rest.failJob({
          jobKey: job.key,
          retries: outcome.retries ?? Math.max(0, job.retries - 1),
          errorMessage: outcome.errorMessage,
          retryBackOff: outcome.retryBackOffMs ?? 0,
        });
      }
      this.pump.wake();
    } catch (e) {
      // The job times out on the broker and is handed out again: at least once, as on Zeebe.
      this.o.logger?.warn({ jobType: reg.jobType, jobKey: job.key, err: engineError(e, 'report job outcome').message }, 'could not report a job outcome');
    }
  }

  async updateJobRetries(jobKey: string, retries: number): Promise<void> {
    await this.call(`update job ${jobKey}`, () => this.rest.updateJob({ jobKey, retries }));
  }

  async resolveIncident(incidentKey: string): Promise<void> {
    await this.call(`resolve incident ${incidentKey}`, () => this.rest.resolveIncident(incidentKey));
    this.pump.wake();
  }

  async setVariables(scopeKey: string, variables: Variables, local = false): Promise<void> {
    await this.call(`set variables on ${scopeKey}`, () => this.rest.updateElementInstanceVariables({ elementInstanceKey: scopeKey, variables, local }));
    this.pump.wake();
  }

  onEvent(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async now(): Promise<Date> {
    return this.o.clock.now();
  }

  async advanceClock(ms: number): Promise<void> {
    if (!(this.o.clock instanceof ControlledClock)) throw new EngineConflict('the engine clock is not controllable');
    this.o.clock.advance(ms);
    const now = this.o.clock.now();
    await this.call('pin the broker clock', () => this.rest.pinInternalClock(now.getTime()));
    // Like the embedded engine, return once the timers due by now have fired and been projected.
    const end = Date.now() + 30_000;
    while ((await this.pump.dueTimers(now)) > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    await this.pump.settle();
  }

  /** Tests and the benchmark: waits until the projection has read what the broker exported so far. */
  async settle(): Promise<void> {
    await this.pump.settle();
  }
}
