/**
 * Wait states: jobs, user tasks, timers, message subscriptions, called processes; incidents
 * and instance start/completion. Each function works inside a Run (one locked transaction).
 */
import { evalDate, evalFeel, evalTyped, FeelError } from './feel.js';
import { prepared } from './prepared.js';
import type { ElementDef } from '../model.js';
import { IncidentSignal, type Run, type Vars } from './run.js';
import type { ElementRow, InstanceRow } from './state.js';
import { resultType } from '../feel/zeebeValues.js';
import { timerSchedule, TimerValueError, type TimerSchedule } from './timers.js';
import type { IncidentInfo, ProcessInstanceInfo, UserTaskInfo } from '../port.js';
import { jobRetries, jobType, taskPriority } from './taskValues.js';
import type { JobBase } from './jobs.js';

/** Public shape of an instance row. */
function instanceInfo(i: InstanceRow, endedAt?: Date): ProcessInstanceInfo {
  return {
    key: i.key,
    processId: i.processId,
    version: i.version,
    processDefinitionKey: i.definitionKey,
    state: i.state,
    parentProcessInstanceKey: i.parentInstanceKey ?? undefined,
    startedAt: i.startedAt,
    endedAt,
  };
}

/** Creates a process instance (top level or called) and activates its none start event (or `startId`). */
export async function createInstance(
  run: Run,
  def: { key: string; processId: string; version: number },
  vars: Vars,
  parent?: { instanceKey: string; elementKey: string },
  start?: { elementId: string; messageName?: string; correlationKey?: string },
): Promise<InstanceRow> {
  const key = parent ? await run.key() : run.state.rootKey;
  const inst: InstanceRow = {
    key,
    rootKey: run.state.rootKey,
    definitionKey: def.key,
    processId: def.processId,
    version: def.version,
    state: 'ACTIVE',
    parentInstanceKey: parent?.instanceKey ?? null,
    parentElementKey: parent?.elementKey ?? null,
    startCorrelationKey: start?.correlationKey ?? null,
    startedAt: run.now,
  };
  await run.tx('engine_instance').insert({
    key,
    root_key: inst.rootKey,
    definition_key: def.key,
    process_id: def.processId,
    version: def.version,
    state: 'ACTIVE',
    parent_instance_key: inst.parentInstanceKey,
    parent_element_key: inst.parentElementKey,
    start_correlation_key: start?.correlationKey ?? null,
    start_message_name: start?.messageName ?? null,
    started_at: run.now,
  });
  run.state.instances.set(key, inst);
  run.created(key);
  run.record('instance.started', key, def.processId, key);
  run.events.push({ type: 'instanceStarted', instance: instanceInfo(inst) });
  for (const [n, v] of Object.entries(vars)) await run.setLocal(key, n, v);
  const model = await run.modelOf(inst);
  await run.hooks.openEventSubprocesses(key, model.root, inst);
  const startEl = model.elements.get(start?.elementId ?? model.root.noneStartId ?? '');
  if (!startEl) throw new IncidentSignal('UNKNOWN', `process ${def.processId} has no none start event`, 'activate');
  await run.activate(inst, startEl, key);
  return inst;
}

/** Ends an instance: completed (a called child hands its variables to the call activity). */
export async function completeInstance(run: Run, inst: InstanceRow): Promise<void> {
  // An instance owns waits only through the start events of its event sub-processes (their
  // timers and subscriptions, an incident opening one): without any there is nothing to close.
  if ((await run.modelOf(inst)).root.eventSubprocessIds.length) await run.hooks.closeWaits(inst.key);
  inst.state = 'COMPLETED';
  await endInstanceRow(run, inst.key, 'COMPLETED');
  run.record('instance.completed', inst.key, inst.processId, inst.key);
  run.events.push({ type: 'instanceCompleted', instance: instanceInfo(inst, run.now) });
  if (!inst.parentElementKey) return;
  const caller = run.state.elements.get(inst.parentElementKey);
  if (!caller) return;
  // All child variables are the call activity's completion variables; whether they propagate
  // without output mappings is decided in run.complete (propagateAllChildVariables).
  const vars = Object.fromEntries(run.state.scopeVars(inst.key));
  run.schedule(() => run.complete(caller, vars));
}

/** Terminates an instance and everything in it. */
export async function terminateInstance(run: Run, inst: InstanceRow): Promise<void> {
  for (const c of run.state.children(inst.key)) await run.terminate(c);
  await run.hooks.closeWaits(inst.key);
  inst.state = 'TERMINATED';
  await endInstanceRow(run, inst.key, 'TERMINATED');
  run.record('instance.terminated', inst.key, inst.processId, inst.key);
  run.events.push({ type: 'instanceTerminated', instance: instanceInfo(inst, run.now) });
}

/** The ended instance's row: the root's with the command's last write (writeBuffer.ts endRoot), a called one's now. */
async function endInstanceRow(run: Run, key: string, state: 'COMPLETED' | 'TERMINATED'): Promise<void> {
  if (key === run.state.rootKey) run.writes.endRoot(state, run.now);
  else await run.tx('engine_instance').where({ key }).update({ state, ended_at: run.now });
}

/** Call activity: starts the latest version of the called process in this transaction. */
export async function callProcess(run: Run, row: ElementRow, def: ElementDef): Promise<void> {
  const processId = run.evalIn(row.key, def.calledElement?.processId ?? '', 'EXTRACT_VALUE_ERROR', 'activate');
  if (typeof processId !== 'string') {
    throw new IncidentSignal(
      'EXTRACT_VALUE_ERROR',
      `Expected result of the expression '${def.calledElement?.processId}' to be 'STRING', but was '${processId === null ? 'NULL' : typeof processId === 'object' ? 'CONTEXT' : (typeof processId).toUpperCase()}'.`,
      'activate',
    );
  }
  const target = await run.ctx.latestDefinition(run.tx, processId);
  if (!target)
    throw new IncidentSignal('CALLED_ELEMENT_ERROR', `Expected process with BPMN process id '${processId}' to be deployed, but not found.`, 'activate');
  // Zeebe (CallActivityProcessor): a called process without a none start event cannot start.
  if (!(await run.ctx.model(target.key, run.tx)).root.noneStartId) {
    throw new IncidentSignal(
      'CALLED_ELEMENT_ERROR',
      `Expected process with BPMN process id '${processId}' to have a none start event, but not found.`,
      'activate',
    );
  }
  const vars = def.calledElement?.propagateParent === false ? Object.fromEntries(run.state.scopeVars(row.key)) : run.state.visible(row.key);
  await createInstance(run, target, vars, { instanceKey: row.instanceKey, elementKey: row.key });
}

/** Cancels the instance a call activity started, if any. */
export async function cancelCalled(run: Run, row: ElementRow): Promise<void> {
  if (row.elementType !== 'callActivity') return;
  for (const inst of run.state.instances.values()) {
    if (inst.parentElementKey === row.key && inst.state === 'ACTIVE') await terminateInstance(run, inst);
  }
}

/** This process's workers, for jobs activated in the transaction that creates them (jobs.ts). */
export interface LocalJobs {
  reserve(tx: Run['tx'], rootKey: string, base: JobBase, now: Date): { activation: string; deadline: Date } | undefined;
  drop(tx: Run['tx'], jobKeys: string[]): void;
}

/** Creates a job for a task (or message throw/end event) with a task definition; activated at once when a local worker has room. */
export async function createJob(run: Run, row: ElementRow, def: ElementDef, local?: LocalJobs): Promise<void> {
  const vars = run.state.visible(row.key);
  const type = jobType(def.jobType ?? '', vars, run.now);
  const retries = jobRetries(def.retries, vars, run.now);
  const key = await run.key();
  const base: JobBase = {
    key,
    type,
    processInstanceKey: row.instanceKey,
    elementId: row.elementId,
    elementInstanceKey: row.key,
    retries,
    customHeaders: def.headers,
  };
  const act = local?.reserve(run.tx, run.state.rootKey, base, run.now);
  // Written with the command's other rows (writeBuffer.ts); closeWaits flushes it before it looks for jobs.
  run.writes.insertJob({
    key,
    type,
    state: act ? 'ACTIVATED' : 'ACTIVATABLE',
    instance_key: row.instanceKey,
    root_key: run.state.rootKey,
    element_key: row.key,
    element_id: row.elementId,
    retries,
    headers: def.headers ?? {},
    due_at: run.now,
    activation: act?.activation ?? null,
    deadline: act?.deadline ?? null,
  });
  run.ownsWaits(row.key);
  run.record('job.created', row.instanceKey, row.elementId, key, { type });
  if (act) run.record('job.activated', row.instanceKey, row.elementId, key, { type, local: true });
}

/** Creates a Camunda user task: assignment, schedule, priority and form from the model. */
export async function createUserTask(run: Run, row: ElementRow, def: ElementDef): Promise<void> {
  const u = def.userTask ?? {};
  const ev = <T>(raw: string | undefined, kind: Parameters<typeof evalTyped>[3]): T | undefined => {
    if (raw === undefined || raw === '') return undefined;
    try {
      return evalTyped<T>(raw, run.state.visible(row.key), run.now, kind);
    } catch (e) {
      if (e instanceof FeelError) throw new IncidentSignal('EXTRACT_VALUE_ERROR', e.message, 'activate');
      throw e;
    }
  };
  const date = (raw: string | undefined) => {
    if (raw === undefined || raw === '') return null;
    try {
      return evalDate(raw, run.state.visible(row.key), run.now);
    } catch (e) {
      if (e instanceof FeelError) throw new IncidentSignal('EXTRACT_VALUE_ERROR', e.message, 'activate');
      throw e;
    }
  };
  // Zeebe: a linked form must be deployed, else the task is not created (FORM_NOT_FOUND incident).
  if (u.formId && !(await run.tx('engine_form').where({ form_id: u.formId }).first('key'))) {
    throw new IncidentSignal(
      'FORM_NOT_FOUND',
      `Expected to find a form with id '${u.formId}', but no form with this id is found, at least a form with this id should be available. To resolve the Incident please deploy a form with the same id`,
      'activate',
    );
  }
  const inst = run.state.instances.get(row.instanceKey)!;
  const task: UserTaskInfo = {
    key: await run.key(),
    processInstanceKey: inst.key,
    processDefinitionKey: inst.definitionKey,
    processId: inst.processId,
    elementId: def.id,
    elementInstanceKey: row.key,
    name: def.name,
    state: 'CREATED',
    assignee: ev<string>(u.assignee, 'string'),
    candidateGroups: ev<string[]>(u.candidateGroups, 'stringList') ?? [],
    candidateUsers: ev<string[]>(u.candidateUsers, 'stringList') ?? [],
    dueDate: date(u.dueDate) ?? undefined,
    followUpDate: date(u.followUpDate) ?? undefined,
    priority: taskPriority(u.priority, run.state.visible(row.key), run.now),
    formId: u.formId,
    customHeaders: def.headers,
    createdAt: run.now,
  };
  run.ownsWaits(row.key);
  await run.tx('engine_user_task').insert({
    key: task.key,
    instance_key: inst.key,
    root_key: run.state.rootKey,
    element_key: row.key,
    element_id: def.id,
    name: def.name ?? null,
    state: 'CREATED',
    assignee: task.assignee ?? null,
    candidate_groups: JSON.stringify(task.candidateGroups),
    candidate_users: JSON.stringify(task.candidateUsers),
    due_date: task.dueDate ?? null,
    follow_up_date: task.followUpDate ?? null,
    priority: task.priority,
    form_id: task.formId ?? null,
    headers: JSON.stringify(task.customHeaders),
    created_at: run.now,
  });
  run.record('task.created', inst.key, def.id, task.key);
  run.events.push({ type: 'userTaskCreated', task, variables: run.state.visible(row.key) });
}

/** Opens a timer owned by an element (catch event, boundary, event gateway, event sub-process start). */
export async function openTimer(run: Run, ownerKey: string, def: ElementDef, scopeKey: string): Promise<void> {
  const t = def.timer!;
  let s: TimerSchedule;
  try {
    // The raw FEEL value: a duration or date-time value is read as such, not as its JSON string.
    s = timerSchedule(t.kind, t.expression, evalFeel(t.expression, run.state.visible(scopeKey), run.now), run.now);
  } catch (e) {
    if (e instanceof FeelError || e instanceof TimerValueError) throw new IncidentSignal('EXTRACT_VALUE_ERROR', e.message, 'activate');
    throw e;
  }
  const key = await run.key();
  run.ownsWaits(ownerKey);
  await run.tx('engine_timer').insert({
    key,
    root_key: run.state.rootKey,
    element_key: ownerKey,
    element_id: def.id,
    due_at: s.due,
    repetitions: s.repetitions,
    interval: s.interval,
    state: 'ACTIVE',
  });
  run.record('timer.created', run.state.instanceOf(scopeKey).key, def.id, key, { due: s.due });
}

/** Opens a message subscription; a buffered message that matches correlates at once. */
export async function openMessage(run: Run, row: ElementRow, def: ElementDef, ownerKey: string, evalScope = row.key): Promise<void> {
  const name = run.evalIn(evalScope, def.message?.name ?? '', 'EXTRACT_VALUE_ERROR', 'activate');
  if (typeof name !== 'string') {
    throw new IncidentSignal(
      'EXTRACT_VALUE_ERROR',
      `Expected result of the expression '${unprefixed(def.message?.name)}' to be 'STRING', but was '${resultType(name)}'.`,
      'activate',
    );
  }
  const raw = run.evalIn(evalScope, def.message?.correlationKey ?? '', 'EXTRACT_VALUE_ERROR', 'activate');
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    throw new IncidentSignal(
      'EXTRACT_VALUE_ERROR',
      `Failed to extract the correlation key for '${unprefixed(def.message?.correlationKey)}': The value must be either a string or a number, but was '${resultType(raw)}'.`,
      'activate',
    );
  }
  // Zeebe converts a number with Long.toString(number.longValue()): 42.0 → "42", 42.7 → "42".
  const correlationKey = typeof raw === 'number' ? String(Math.trunc(raw)) : raw;
  const key = await run.key();
  run.ownsWaits(ownerKey);
  await run.tx('engine_subscription').insert({
    key,
    message_name: name,
    correlation_key: correlationKey,
    root_key: run.state.rootKey,
    element_key: ownerKey,
    element_id: def.id,
    instance_key: row.instanceKey,
    process_id: run.state.instances.get(row.instanceKey)!.processId,
    state: 'OPEN',
  });
  run.record('message.subscribed', row.instanceKey, def.id, key);
  run.pendingBufferedChecks.push({ subscriptionKey: key, name, correlationKey });
}

/**
 * Closes the jobs, tasks, timers and subscriptions owned by an element or scope, and resolves
 * its incidents: one statement (five updates as CTEs) rather than five round trips. Jobs this
 * process had activated locally in the same command give their worker slots back.
 */
export async function closeWaits(run: Run, ownerKey: string, local?: LocalJobs): Promise<void> {
  // Most elements own nothing: say so without a round trip (Run.waitsFree).
  if (run.waitsFree(ownerKey)) return;
  if (run.writes.hasJobs) await run.writes.flush();
  const r = await prepared(run.tx, 'close_waits', CLOSE_WAITS, [ownerKey, ownerKey, ownerKey, ownerKey, ownerKey]);
  const jobs: string[] = [];
  for (const x of r.rows as { kind: string; row: Record<string, unknown> | string }[]) {
    const row = typeof x.row === 'string' ? (JSON.parse(x.row) as Record<string, unknown>) : x.row;
    if (x.kind === 'job') jobs.push(String(row.key));
    // Zeebe resolves the incidents of a terminated element (and says so: the domain projects it).
    else if (x.kind === 'incident') run.events.push({ type: 'incidentResolved', incident: incidentFromRow(row) });
    else run.events.push({ type: 'userTaskCanceled', task: taskFromRow(row, run) });
  }
  if (jobs.length) local?.drop(run.tx, jobs);
}

const CLOSE_WAITS = `with
  j as (update engine_job set state = 'CANCELED', activation = null where element_key = ?
    and state in ('ACTIVATABLE', 'ACTIVATED', 'FAILED', 'ERROR_THROWN', 'OUTCOME', 'OUTCOME_FAILED') returning key),
  t as (update engine_timer set state = 'CANCELED' where element_key = ? and state = 'ACTIVE'),
  s as (update engine_subscription set state = 'CLOSED' where element_key = ? and state = 'OPEN'),
  i as (update engine_incident set state = 'RESOLVED' where element_key = ? and state = 'ACTIVE' returning *),
  u as (update engine_user_task set state = 'CANCELED' where element_key = ? and state = 'CREATED' returning *)
select 'job' as kind, jsonb_build_object('key', j.key::text) as row from j
union all
select 'incident', to_jsonb(i) || jsonb_build_object('key', i.key::text, 'instance_key', i.instance_key::text,
    'root_key', i.root_key::text, 'element_key', i.element_key::text, 'job_key', i.job_key::text) as row from i
union all
select 'task', to_jsonb(u) || jsonb_build_object('key', u.key::text, 'instance_key', u.instance_key::text,
    'root_key', u.root_key::text, 'element_key', u.element_key::text) from u`;

/** Raises an incident on an element; it waits until resolved. */
export async function raiseIncident(
  run: Run,
  row: ElementRow,
  errorType: string,
  message: string,
  phase: 'activate' | 'complete',
  jobKey?: string,
): Promise<void> {
  const key = await run.key();
  run.ownsWaits(row.key);
  await run.tx('engine_incident').insert({
    key,
    instance_key: row.instanceKey,
    root_key: run.state.rootKey,
    element_key: row.key,
    element_id: row.elementId,
    error_type: errorType,
    error_message: message,
    job_key: jobKey ?? null,
    state: 'ACTIVE',
    phase,
    created_at: run.now,
  });
  run.record('incident.created', row.instanceKey, row.elementId, key, { errorType });
  run.events.push({
    type: 'incidentRaised',
    incident: {
      key,
      processInstanceKey: row.instanceKey,
      elementInstanceKey: row.key,
      elementId: row.elementId,
      errorType,
      errorMessage: message,
      jobKey,
      state: 'ACTIVE',
      createdAt: run.now,
    },
  });
}

/** Maps an engine_incident row to the port's shape. */
export function incidentFromRow(i: Record<string, unknown>): IncidentInfo {
  return {
    key: String(i.key),
    processInstanceKey: String(i.instance_key),
    elementInstanceKey: String(i.element_key),
    elementId: i.element_id as string,
    errorType: i.error_type as string,
    errorMessage: i.error_message as string,
    jobKey: i.job_key ? String(i.job_key) : undefined,
    state: i.state as IncidentInfo['state'],
    createdAt: new Date(i.created_at as string),
  };
}

/** Maps an engine_user_task row to the port's shape. */
export function taskFromRow(t: Record<string, unknown>, run?: Run): UserTaskInfo {
  const inst = run?.state.instances.get(String(t.instance_key));
  return {
    key: String(t.key),
    processInstanceKey: String(t.instance_key),
    processDefinitionKey: inst?.definitionKey ?? String(t.definition_key ?? ''),
    processId: inst?.processId ?? String(t.process_id ?? ''),
    elementId: t.element_id as string,
    elementInstanceKey: String(t.element_key),
    name: (t.name as string) ?? undefined,
    state: t.state as UserTaskInfo['state'],
    assignee: (t.assignee as string) ?? undefined,
    candidateGroups: t.candidate_groups as string[],
    candidateUsers: t.candidate_users as string[],
    dueDate: t.due_date ? new Date(t.due_date as string) : undefined,
    followUpDate: t.follow_up_date ? new Date(t.follow_up_date as string) : undefined,
    priority: Number(t.priority),
    formId: (t.form_id as string) ?? undefined,
    customHeaders: t.headers as Record<string, string>,
    createdAt: new Date(t.created_at as string),
  };
}

/** An expression as Zeebe quotes it in messages (without the leading `=`). */
function unprefixed(expression: string | undefined): string {
  return (expression ?? '').trim().replace(/^=\s*/, '');
}
