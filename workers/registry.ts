/**
 * The worker registry. A worker declares its job type, a zod schema for its input (the
 * job's variables) and output (the variables it completes with), and returns an explicit
 * outcome: `done(vars)` or `raise(code)`. A thrown error means "fail the job": the engine
 * retries with back-off and raises an incident when retries run out.
 *
 * Workers are engine-agnostic: they see the port's Job, never an engine client.
 */
import type { z } from 'zod';
import type { Clock } from '../src/clock.js';
import type { Db } from '../src/db/index.js';
import type { Logger } from '../src/logger.js';
import type {
  DeployResource,
  DeploymentResult,
  Job,
  JobOutcome,
  JobWorkerRegistration,
  ProcessEngine,
  PublishMessageCommand,
  UserTaskUpdate,
} from '../src/engine/port.js';

/** What every worker may use. Built once by the composition root. */
export interface WorkerDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: {
    lexSarahIvoTargetWorkdays: number;
    synpunktFeedbackWorkdays: number;
    /** Lex Maria: a händelseanalys from this risk score (p × k) up; unset = LEX_MARIA_DEFAULTS (9). */
    lexMariaEventAnalysisThreshold?: number;
    /** Lex Maria: the local target for anmälan to IVO ("snarast"), in arbetsdagar; unset = LEX_MARIA_DEFAULTS (2). */
    lexMariaIvoTargetWorkdays?: number;
  };
  /**
   * Publishes a message to the engine (e.g. to start a linked process by its message start
   * event). Filled in by registerWorkers; workers see this one capability, not the engine.
   */
  publishMessage?: (command: PublishMessageCommand) => Promise<unknown>;
  /**
   * Changes the open user tasks of an instance at an element (e.g. the due date of an
   * investigation after a decision to extend its deadline); returns how many. Filled in by
   * registerWorkers.
   */
  updateOpenUserTasks?: (processInstanceKey: string, elementId: string, changes: UserTaskUpdate) => Promise<number>;
  /** Deploys models (an adopted process version is published). Filled in by registerWorkers. */
  deploy?: (resources: DeployResource[]) => Promise<DeploymentResult>;
}

export type WorkerResult<O> = { kind: 'done'; variables: O } | { kind: 'bpmnError'; errorCode: string; message?: string };

/** Completes the job with these (output-schema checked) variables. */
export const done = <O>(variables: O): WorkerResult<O> => ({ kind: 'done', variables });
/**
 * Throws a BPMN error with this code (caught by a boundary or event sub-process).
 * @public The worker contract's second outcome (STYLE.md); no worker raises one yet (BpmnErrorCodes in jobTypes.ts is empty).
 */
export const raise = <O = never>(errorCode: string, message?: string): WorkerResult<O> => ({
  kind: 'bpmnError',
  errorCode,
  message,
});

export interface WorkerDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  jobType: string;
  /** One line: what the worker does (shown in docs and logs). */
  description: string;
  input: I;
  output: O;
  timeoutMs?: number;
  handle(input: z.infer<I>, job: Job, deps: WorkerDeps): Promise<WorkerResult<z.infer<O>>>;
}

/** Declares a worker with its types inferred from the schemas. */
export function defineWorker<I extends z.ZodType, O extends z.ZodType>(def: WorkerDefinition<I, O>): WorkerDefinition<I, O> {
  return def;
}

/** Adapts a worker definition to the engine port: validates input and output with zod. */
export function toRegistration(def: WorkerDefinition, deps: WorkerDeps): JobWorkerRegistration {
  return {
    jobType: def.jobType,
    timeoutMs: def.timeoutMs,
    async handler(job: Job): Promise<JobOutcome> {
      const input = def.input.safeParse(job.variables);
      if (!input.success) {
        // Field names only: values may hold personal data.
        const fields = input.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
        return { outcome: 'fail', errorMessage: `invalid input for ${def.jobType}: ${fields}`, retries: 0 };
      }
      const result = await def.handle(input.data, job, deps);
      if (result.kind === 'bpmnError') {
        return { outcome: 'bpmnError', errorCode: result.errorCode, errorMessage: result.message };
      }
      const output = def.output.safeParse(result.variables);
      if (!output.success) {
        const fields = output.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
        return { outcome: 'fail', errorMessage: `invalid output from ${def.jobType}: ${fields}`, retries: 0 };
      }
      deps.logger.debug({ event: 'job.completed', jobType: def.jobType, jobKey: job.key }, 'job.completed');
      return { outcome: 'complete', variables: output.data as Record<string, unknown> };
    },
  };
}

/** Registers every worker with the engine. */
export function registerWorkers(engine: ProcessEngine, workers: WorkerDefinition[], deps: WorkerDeps): void {
  const withEngine: WorkerDeps = {
    ...deps,
    publishMessage: (command) => engine.publishMessage(command),
    deploy: (resources) => engine.deploy(resources),
    updateOpenUserTasks: async (processInstanceKey, elementId, changes) => {
      const open = (await engine.listUserTasks({ processInstanceKey, state: 'CREATED' })).filter((t) => t.elementId === elementId);
      for (const t of open) await engine.updateUserTask(t.key, changes);
      return open.length;
    },
  };
  for (const w of workers) engine.registerWorker(toRegistration(w, withEngine));
}
