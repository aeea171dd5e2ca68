/**
 * The process-engine port: what the domain needs from a BPMN engine, implemented by the
 * embedded Zeebe-dialect interpreter (src/engine/embedded) and by Camunda 8 / Zeebe
 * (src/engine/zeebe). Keys are strings (Zeebe keys are int64). Times are Date objects.
 *
 * Semantics follow Zeebe; the conformance suite (test/conformance) runs the same scenarios
 * on both implementations.
 */
import type { EngineReadModel } from './readModel.js';

export type Variables = Record<string, unknown>;

/** A resource to deploy: a BPMN model (`*.bpmn`) or a form (`*.form`, form-js JSON). */
export interface DeployResource {
  name: string;
  content: string;
}

export interface DeployedProcess {
  processId: string;
  name: string | undefined;
  version: number;
  key: string;
  resourceName: string;
}

export interface DeployedForm {
  formId: string;
  version: number;
  key: string;
}

export interface DeploymentResult {
  key: string;
  processes: DeployedProcess[];
  forms: DeployedForm[];
}

export interface InstanceRef {
  key: string;
  processId: string;
  version: number;
  processDefinitionKey: string;
}

export type InstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

export interface ElementInstanceInfo {
  key: string;
  elementId: string;
  /** BPMN type as in bpmn-moddle without prefix, e.g. `serviceTask`, `exclusiveGateway`. */
  elementType: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  /** Key of the flow scope element instance (or the process instance key). */
  flowScopeKey: string | undefined;
  startedAt: Date;
  endedAt: Date | undefined;
}

export interface IncidentInfo {
  key: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
  /** Zeebe's error types, e.g. `JOB_NO_RETRIES`, `UNHANDLED_ERROR_EVENT`, `EXTRACT_VALUE_ERROR`, `CONDITION_ERROR`, `IO_MAPPING_ERROR`, `CALLED_ELEMENT_ERROR`. */
  errorType: string;
  errorMessage: string;
  jobKey: string | undefined;
  state: 'ACTIVE' | 'RESOLVED';
  createdAt: Date;
}

export interface ProcessInstanceInfo {
  key: string;
  processId: string;
  version: number;
  processDefinitionKey: string;
  state: InstanceState;
  /** Set for an instance started by a call activity. */
  parentProcessInstanceKey: string | undefined;
  startedAt: Date;
  endedAt: Date | undefined;
}

/** A user task (`zeebe:userTask`) as the engine knows it; our inbox projects these. */
export interface UserTaskInfo {
  key: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  processId: string;
  elementId: string;
  elementInstanceKey: string;
  /** The task's name (BPMN `name`). */
  name: string | undefined;
  state: 'CREATED' | 'COMPLETED' | 'CANCELED';
  assignee: string | undefined;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate: Date | undefined;
  followUpDate: Date | undefined;
  priority: number;
  /** `zeebe:formDefinition formId` (linked form), if any. */
  formId: string | undefined;
  /** Custom headers (`zeebe:taskHeaders`). */
  customHeaders: Record<string, string>;
  createdAt: Date;
}

/** An activated job, as handed to a worker. */
export interface Job {
  key: string;
  type: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  processId: string;
  elementId: string;
  elementInstanceKey: string;
  retries: number;
  /** Variables visible at the job's element (all scopes merged, inner wins). */
  variables: Variables;
  customHeaders: Record<string, string>;
  deadline: Date;
}

/** What a job handler decided. A thrown error means: fail the job (retries − 1, back-off). */
export type JobOutcome =
  | { outcome: 'complete'; variables?: Variables }
  | { outcome: 'bpmnError'; errorCode: string; errorMessage?: string; variables?: Variables }
  | { outcome: 'fail'; errorMessage: string; retries?: number; retryBackOffMs?: number };

/** Outcome constructors, so handlers read `return complete({ caseNumber })`. */
export const complete = (variables?: Variables): JobOutcome => ({ outcome: 'complete', variables });
export const bpmnError = (errorCode: string, errorMessage?: string, variables?: Variables): JobOutcome => ({
  outcome: 'bpmnError',
  errorCode,
  errorMessage,
  variables,
});
export const fail = (errorMessage: string, retries?: number, retryBackOffMs?: number): JobOutcome => ({
  outcome: 'fail',
  errorMessage,
  retries,
  retryBackOffMs,
});

/** A job worker as the engine runs it. Domain workers (workers/) are adapted to this. */
export interface JobWorkerRegistration {
  jobType: string;
  /** How long an activated job is reserved for this worker before it times out. */
  timeoutMs?: number;
  /** How many jobs may run at once in this process. */
  maxJobsActive?: number;
  /** Only these variables are fetched (all when unset). */
  fetchVariables?: string[];
  handler(job: Job): Promise<JobOutcome>;
}

/** Events the domain projects into its own tables (inbox, monitoring). */
export type EngineEvent =
  | { type: 'instanceStarted'; instance: ProcessInstanceInfo }
  | { type: 'instanceCompleted'; instance: ProcessInstanceInfo }
  | { type: 'instanceTerminated'; instance: ProcessInstanceInfo }
  | { type: 'elementEntered'; processInstanceKey: string; element: ElementInstanceInfo }
  | { type: 'elementLeft'; processInstanceKey: string; element: ElementInstanceInfo }
  | { type: 'userTaskCreated'; task: UserTaskInfo; variables: Variables }
  | { type: 'userTaskUpdated'; task: UserTaskInfo }
  | { type: 'userTaskCompleted'; task: UserTaskInfo }
  | { type: 'userTaskCanceled'; task: UserTaskInfo }
  | { type: 'incidentRaised'; incident: IncidentInfo }
  | { type: 'incidentResolved'; incident: IncidentInfo };

/**
 * Called for each event. For the embedded engine it runs inside the transaction that made
 * the change (`tx` is that knex transaction), so a projection is never lost or ahead;
 * for Zeebe it is called after the fact with `tx` undefined.
 */
export type EngineEventListener = (event: EngineEvent, tx: unknown) => Promise<void> | void;

export interface PublishMessageCommand {
  name: string;
  correlationKey: string;
  variables?: Variables;
  /** How long the message waits for a subscription; 0 = correlate now or drop. */
  timeToLiveMs?: number;
  /** Unique id; a second publish with the same id within the TTL is rejected (EngineConflict). */
  messageId?: string;
}

/**
 * Options of a state-changing command. `commandId` (the outbox's row id) makes the command
 * idempotent: the embedded engine records it in the command's own transaction and answers a
 * second application with the first result instead of applying it again. The Zeebe adapter
 * ignores it; the outbox checks Zeebe's state before re-applying (src/domain/outbox/apply.ts).
 */
export interface CommandOptions {
  commandId?: string;
}

export interface UserTaskUpdate {
  dueDate?: Date | null;
  followUpDate?: Date | null;
  candidateGroups?: string[];
  candidateUsers?: string[];
  priority?: number;
}

/** The port. */
export interface ProcessEngine {
  readonly kind: 'embedded' | 'zeebe';
  /** The engine's read side in our database, at the level of SQL (readModel.ts): what the domain's lists and figures read. */
  readonly readModel: EngineReadModel;

  /** Starts background work (job activation, timers). Workers may be registered before or after. */
  start(): Promise<void>;
  /** Stops background work and waits for running handlers. */
  stop(): Promise<void>;

  /** Deploys BPMN models and forms; a model that fails lint is refused (EngineInvalid). */
  deploy(resources: DeployResource[]): Promise<DeploymentResult>;
  /** The latest version of every deployed process. */
  listProcessDefinitions(): Promise<DeployedProcess[]>;
  /** The BPMN XML of a process definition (by key). */
  getProcessDefinitionXml(processDefinitionKey: string): Promise<string>;
  /** A deployed form's form-js JSON, by form id (latest version) . */
  getForm(formId: string): Promise<unknown>;

  /** Starts an instance of the latest version of `processId` (none start event). */
  startInstance(processId: string, variables?: Variables, options?: CommandOptions): Promise<InstanceRef>;
  /** Cancels an instance (and its called children). */
  cancelInstance(processInstanceKey: string, options?: CommandOptions): Promise<void>;
  /** Publishes a message; returns its key. */
  publishMessage(command: PublishMessageCommand, options?: CommandOptions): Promise<{ key: string }>;

  /** Completes a user task, with variables (propagated as Zeebe does). */
  completeUserTask(userTaskKey: string, variables?: Variables, options?: CommandOptions): Promise<void>;
  /** Sets (or clears, with null) the assignee. */
  assignUserTask(userTaskKey: string, assignee: string | null, options?: CommandOptions): Promise<void>;
  /** Changes due date, follow-up date, candidates or priority. */
  updateUserTask(userTaskKey: string, changes: UserTaskUpdate, options?: CommandOptions): Promise<void>;

  /** Registers a job worker; the engine activates jobs of its type and runs the handler. */
  registerWorker(worker: JobWorkerRegistration): void;
  /** Gives a job retries again (e.g. to resolve a JOB_NO_RETRIES incident). */
  updateJobRetries(jobKey: string, retries: number): Promise<void>;
  /** Resolves an incident: the element is retried. */
  resolveIncident(incidentKey: string, options?: CommandOptions): Promise<void>;
  /** Sets variables on a scope (element instance or process instance key). */
  setVariables(scopeKey: string, variables: Variables, local?: boolean, options?: CommandOptions): Promise<void>;

  /** Subscribes to engine events; returns an unsubscribe function. */
  onEvent(listener: EngineEventListener): () => void;

  // Queries (monitoring and tests). Zeebe answers from its secondary storage (eventually consistent).
  getProcessInstance(processInstanceKey: string): Promise<ProcessInstanceInfo>;
  /** Variables of the process instance's root scope. */
  getVariables(processInstanceKey: string): Promise<Variables>;
  /** Every element instance of a process instance, in the order they were entered. */
  listElementInstances(processInstanceKey: string): Promise<ElementInstanceInfo[]>;
  listIncidents(filter: { processInstanceKey?: string; state?: IncidentInfo['state'] }): Promise<IncidentInfo[]>;
  listUserTasks(filter: { processInstanceKey?: string; state?: UserTaskInfo['state'] }): Promise<UserTaskInfo[]>;
  /** Instances started by a process (e.g. by a message or timer start event) or called by a parent. */
  listProcessInstances(filter: { processId?: string; parentProcessInstanceKey?: string; state?: InstanceState }): Promise<ProcessInstanceInfo[]>;

  /** Tests: the engine's current time. */
  now(): Promise<Date>;
  /** Tests: moves the engine clock forward; due timers fire. */
  advanceClock(ms: number): Promise<void>;
}

/** Thrown by an engine when the referenced key or process does not exist. */
export class EngineNotFound extends Error {
  override name = 'EngineNotFound';
}
/** Thrown when a command conflicts with the current state (task already completed, duplicate message id …). */
export class EngineConflict extends Error {
  override name = 'EngineConflict';
}
/** Thrown when the engine cannot be reached. */
export class EngineUnavailable extends Error {
  override name = 'EngineUnavailable';
}
/** Thrown when a deployment or command is invalid (lint problems, bad variables). */
export class EngineInvalid extends Error {
  override name = 'EngineInvalid';
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}
