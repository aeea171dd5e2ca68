/**
 * The engine commands the outbox carries, and applying one to the engine port. Both engines:
 * the embedded engine recognises a repeated command by its id (engine/embedded/commandIds.ts);
 * on Zeebe, which has no command ids, a repeat (an attempt after one whose outcome is unknown)
 * first looks at the engine's state — see `applyToZeebe` for what that does and does not cover.
 */
import { EngineConflict, EngineNotFound, type ProcessEngine, type PublishMessageCommand, type Variables } from '../../engine/port.js';

/** A command that must reach the engine; stored as JSON (dates as ISO strings). */
export type EngineCommand =
  | { kind: 'startInstance'; processId: string; variables: Variables }
  | { kind: 'completeUserTask'; userTaskKey: string; processInstanceKey?: string; variables: Variables }
  | { kind: 'assignUserTask'; userTaskKey: string; assignee: string | null }
  | {
      kind: 'updateUserTask';
      userTaskKey: string;
      changes: { dueDate?: string | null; followUpDate?: string | null; candidateGroups?: string[]; candidateUsers?: string[]; priority?: number };
    }
  | { kind: 'publishMessage'; message: PublishMessageCommand }
  | { kind: 'cancelInstance'; processInstanceKey: string }
  | { kind: 'setVariables'; scopeKey: string; variables: Variables; local: boolean }
  | { kind: 'resolveIncident'; incidentKey: string; jobKey?: string };

const date = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));

/**
 * Applies one command with its id; `repeat` says an earlier attempt may have reached the
 * engine. Returns the command's result (JSON), e.g. the started instance.
 */
export async function applyCommand(engine: ProcessEngine, id: string, c: EngineCommand, repeat: boolean): Promise<unknown> {
  if (engine.kind === 'zeebe' && repeat) {
    const known = await zeebeAlreadyApplied(engine, id, c);
    if (known) return known.result;
  }
  const o = { commandId: id };
  switch (c.kind) {
    case 'startInstance':
      return engine.startInstance(c.processId, c.variables, o);
    case 'completeUserTask':
      return engine.completeUserTask(c.userTaskKey, c.variables, o).then(() => null);
    case 'assignUserTask':
      return engine.assignUserTask(c.userTaskKey, c.assignee, o).then(() => null);
    case 'updateUserTask': {
      const { dueDate, followUpDate, ...rest } = c.changes;
      return engine.updateUserTask(c.userTaskKey, { ...rest, dueDate: date(dueDate), followUpDate: date(followUpDate) }, o).then(() => null);
    }
    case 'publishMessage':
      return publishOnce(engine, c.message, o, repeat);
    case 'cancelInstance':
      return engine.cancelInstance(c.processInstanceKey, o).then(() => null);
    case 'setVariables':
      return engine.setVariables(c.scopeKey, c.variables, c.local, o).then(() => null);
    case 'resolveIncident': {
      // giving the job a retry again is harmless when repeated; the resolution carries the id
      if (c.jobKey && (!repeat || !(await resolvedBefore(engine, c.incidentKey)))) await engine.updateJobRetries(c.jobKey, 1);
      return engine.resolveIncident(c.incidentKey, o).then(() => null);
    }
  }
}

/** A repeated publish whose message id is already buffered was the first attempt's (both engines refuse it as a duplicate). */
async function publishOnce(engine: ProcessEngine, m: PublishMessageCommand, o: { commandId: string }, repeat: boolean): Promise<unknown> {
  try {
    return await engine.publishMessage(engine.kind === 'zeebe' ? { ...m, messageId: m.messageId ?? o.commandId } : m, o);
  } catch (e) {
    if (repeat && e instanceof EngineConflict) return { key: null };
    throw e;
  }
}

async function resolvedBefore(engine: ProcessEngine, incidentKey: string): Promise<boolean> {
  const open = await engine.listIncidents({ state: 'ACTIVE' });
  return !open.some((i) => i.key === incidentKey);
}

/**
 * Zeebe: before applying a command again, its state tells whether the first attempt took.
 * Covered: a completed user task (completion), an instance no longer active (cancel), a
 * resolved incident. A publish is de-duplicated by Zeebe itself through its message id (the
 * command id) while the message is buffered. Not covered: a start — Zeebe has no idempotent
 * start, so a crash in the moment between Zeebe's answer and our commit can start a second
 * instance; an assignment, update or variables set again writes the same values (harmless).
 */
async function zeebeAlreadyApplied(engine: ProcessEngine, _id: string, c: EngineCommand): Promise<{ result: unknown } | undefined> {
  try {
    if (c.kind === 'completeUserTask' && c.processInstanceKey) {
      const tasks = await engine.listUserTasks({ processInstanceKey: c.processInstanceKey });
      if (tasks.some((t) => t.key === c.userTaskKey && t.state === 'COMPLETED')) return { result: null };
    }
    if (c.kind === 'cancelInstance' && (await engine.getProcessInstance(c.processInstanceKey)).state !== 'ACTIVE') return { result: null };
    if (c.kind === 'resolveIncident' && (await resolvedBefore(engine, c.incidentKey))) return { result: null };
  } catch (e) {
    if (!(e instanceof EngineNotFound)) throw e;
  }
  return undefined;
}
