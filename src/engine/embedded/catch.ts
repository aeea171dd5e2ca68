/**
 * Catching thrown events (BPMN errors and escalations) up the scope chain, as Zeebe does
 * (docs: components/modeler/bpmn/error-events#catching-the-error,
 * components/modeler/bpmn/escalation-events#catching-the-escalation):
 * starting where the event was thrown, each level is an element instance — an activity with
 * its boundary events, a sub-process or process with the start events of its event
 * sub-processes — and the first level with a matching catch event wins; at one level a catch
 * event with the thrown code comes before a catch-all. A called process's level continues at
 * its call activity in the parent. Errors are in this file; escalations in escalation.ts.
 */
import type { ElementDef, ProcessModel } from '../model.js';
import { isExpression } from './feel.js';
import { IncidentSignal, type Run, type Vars } from './run.js';
import type { ElementRow, InstanceRow } from './state.js';
import { startEventSubprocess } from './events.js';

/** A catch event found for a thrown code: a boundary on `owner`, or an event sub-process start in scope `owner`. */
export interface Catcher {
  inst: InstanceRow;
  /** The element instance (or process instance key) the catch event belongs to. */
  ownerKey: string;
  event: ElementDef;
}

/** How a catch event matches a code: 'code' (the same code), 'all' (catch-all) or undefined. */
export type Matcher = (ev: ElementDef) => 'code' | 'all' | undefined;

/** Matches on a catch event's code: equal → 'code', none → 'all'. */
export function matchCode(catchCode: string | undefined, thrown: string): 'code' | 'all' | undefined {
  if (catchCode === undefined || catchCode === '') return 'all';
  return catchCode === thrown ? 'code' : undefined;
}

/** Finds the catch event for a thrown event, from the element instance `from` outwards. */
export async function findCatcher(run: Run, from: ElementRow, match: Matcher): Promise<Catcher | undefined> {
  let level: string | undefined = from.key;
  while (level) {
    const inst: InstanceRow = run.state.instances.get(level) ?? run.state.instances.get(run.state.elements.get(level)!.instanceKey)!;
    const model = await run.modelOf(inst);
    const candidates = levelCandidates(run, model, level);
    const chosen = candidates.find((c) => match(c) === 'code') ?? candidates.find((c) => match(c) === 'all');
    if (chosen) return { inst, ownerKey: level, event: chosen };
    level = run.state.instances.has(level) ? (inst.parentElementKey ?? undefined) : run.state.elements.get(level)!.scopeKey;
  }
  return undefined;
}

/** The catch events of one level: event sub-process starts of a scope, then boundary events. */
function levelCandidates(run: Run, model: ProcessModel, level: string): ElementDef[] {
  const row = run.state.elements.get(level);
  const def = row ? model.elements.get(row.elementId)! : model.root;
  const out: ElementDef[] = [];
  const isScope = !row || (def.type === 'subProcess' && row.elementType !== 'multiInstanceBody');
  // A scope interrupted by an interrupting event sub-process triggers no other one (Zeebe).
  if (isScope && !interrupted(run, model, level)) {
    for (const espId of def.eventSubprocessIds) {
      const s = [...model.elements.values()].find((e) => e.scopeId === espId && e.type === 'startEvent');
      if (s) out.push(s);
    }
  }
  // Boundary events belong to the multi-instance body, not to its inner instances.
  const innerOfBody = row && row.elementType !== 'multiInstanceBody' && run.state.elements.get(row.scopeKey)?.elementType === 'multiInstanceBody';
  if (row && !innerOfBody) for (const id of def.boundaryIds) out.push(model.elements.get(id)!);
  return out;
}

function interrupted(run: Run, model: ProcessModel, scopeKey: string): boolean {
  return run.state.children(scopeKey).some((c) => {
    const d = model.elements.get(c.elementId);
    if (!d?.triggeredByEvent) return false;
    const s = [...model.elements.values()].find((e) => e.scopeId === d.id && e.type === 'startEvent');
    return s?.interrupting !== false;
  });
}

/**
 * Activates a catch event: an interrupting one first terminates what it interrupts (the
 * activity, or every element of the scope). `locals` become local variables of the catch
 * event, which its output mappings may pass on (docs: error-events#variable-mappings).
 */
export async function activateCatch(run: Run, c: Catcher, locals: Vars): Promise<void> {
  const { inst, ownerKey, event } = c;
  if (event.type === 'boundaryEvent') {
    const owner = run.state.elements.get(ownerKey)!;
    if (event.interrupting) await run.terminate(owner);
    const b = await run.createElement(inst, event, owner.scopeKey);
    for (const [n, v] of Object.entries(locals)) await run.setLocal(b.key, n, v);
    return run.complete(b, {});
  }
  await startEventSubprocess(run, inst, ownerKey, event, {}, locals);
}

/** Evaluates a throw event's code: a FEEL expression (`=…`) must give a string; else the static value. */
export function thrownCode(run: Run, row: ElementRow, raw: string | undefined): string {
  if (!isExpression(raw)) return raw ?? '';
  const v = run.evalIn(row.key, raw, 'EXTRACT_VALUE_ERROR', 'activate');
  if (typeof v !== 'string') {
    throw new IncidentSignal(
      'EXTRACT_VALUE_ERROR',
      `Expected result of the expression '${raw.trimStart().slice(1)}' to be 'STRING', but was '${v === null ? 'NULL' : typeof v === 'number' ? 'NUMBER' : typeof v}'.`,
      'activate',
    );
  }
  return v;
}

/**
 * Throws a BPMN error from an element (a job's task or an error end event): caught up the
 * scope chain, across call activities; else an UNHANDLED_ERROR_EVENT incident on that element
 * (with the job, whose resolution re-enables it: docs error-events#unhandled-errors).
 */
export async function throwError(run: Run, from: ElementRow, code: string, message: string | undefined, variables: Vars = {}, jobKey?: string): Promise<void> {
  const catcher = await findCatcher(run, from, (ev) => (ev.isErrorEvent ? matchCode(ev.errorCode, code) : undefined));
  if (catcher) {
    run.record('error.caught', catcher.inst.key, catcher.event.id, null, { code, message: message ?? null });
    return activateCatch(run, catcher, variables);
  }
  await run.hooks.raiseIncident(
    from,
    'UNHANDLED_ERROR_EVENT',
    `Expected to throw an error event with the code '${code}'${message ? ` with message '${message}'` : ''}, but it was not caught. No error events are available in the scope.`,
    'activate',
    jobKey,
  );
}
