/**
 * Events inside a Run: boundary events, event sub-processes, event-based gateways, and what
 * happens when a timer fires or a message correlates. BPMN errors and escalations are caught
 * in catch.ts; multi-instance bodies are in multiInstance.ts.
 */
import type { ElementDef } from '../model.js';
import { IncidentSignal, type Run, type Vars } from './run.js';
import type { ElementRow, InstanceRow } from './state.js';
import { openMessage, openTimer } from './waits.js';

/** Opens the timers and message subscriptions of an activity's boundary events. */
export async function openBoundaries(run: Run, row: ElementRow, def: ElementDef): Promise<void> {
  const inst = run.state.instances.get(row.instanceKey)!;
  const model = await run.modelOf(inst);
  for (const id of def.boundaryIds) {
    const b = model.elements.get(id)!;
    if (b.timer) await openTimer(run, row.key, b, row.key);
    else if (b.message) await openMessage(run, row, b, row.key);
  }
}

/** Opens the timer/message starts of a scope's event sub-processes (owned by the scope). */
export async function openEventSubprocesses(run: Run, scopeKey: string, scopeDef: ElementDef, inst: InstanceRow): Promise<void> {
  const model = await run.modelOf(inst);
  for (const espId of scopeDef.eventSubprocessIds) {
    const esp = model.elements.get(espId)!;
    const start = [...model.elements.values()].find((e) => e.scopeId === espId && e.type === 'startEvent');
    if (!start) continue;
    if (start.timer) await openTimer(run, scopeKey, start, scopeKey);
    else if (start.message) {
      const owner = run.state.elements.get(scopeKey) ?? ({ key: scopeKey, instanceKey: inst.key } as ElementRow);
      await openMessage(run, owner, start, scopeKey, scopeKey);
    }
    void esp;
  }
}

/** Event-based gateway: subscribes to every event after it; the first to happen wins. */
export async function openEventGateway(run: Run, row: ElementRow, def: ElementDef): Promise<void> {
  const model = await run.modelOf(run.state.instances.get(row.instanceKey)!);
  for (const f of def.outgoing) {
    const ev = model.elements.get(f.targetId)!;
    if (ev.timer) await openTimer(run, row.key, ev, row.key);
    else await openMessage(run, row, ev, row.key);
  }
}

/**
 * A timer fired or a message correlated for `elementId`, owned by `ownerKey`: complete the
 * catch event, trigger the boundary event, take the gateway's branch or start the event
 * sub-process.
 */
export async function trigger(run: Run, ownerKey: string, elementId: string, vars: Vars): Promise<void> {
  const owner = run.state.elements.get(ownerKey);
  const inst = owner ? run.state.instances.get(owner.instanceKey)! : run.state.instances.get(ownerKey)!;
  const model = await run.modelOf(inst);
  const def = model.elements.get(elementId)!;
  if (owner && owner.elementId === elementId) return run.complete(owner, vars);
  if (def.type === 'boundaryEvent') {
    if (def.interrupting) await run.terminate(owner!);
    const b = await run.createElement(inst, def, owner!.scopeKey);
    return run.complete(b, vars);
  }
  if (owner?.elementType === 'eventBasedGateway') {
    // The gateway ends without taking a flow of its own: the event after it continues.
    await run.hooks.closeWaits(owner.key);
    await run.endElement(owner, 'COMPLETED');
    const ev = await run.createElement(inst, def, owner.scopeKey);
    return run.complete(ev, vars);
  }
  // An event sub-process start event; the scope is `ownerKey`.
  return startEventSubprocess(run, inst, ownerKey, def, vars);
}

/**
 * Starts the event sub-process of start event `start` in scope `ownerKey` (an interrupting one
 * first terminates the scope's elements); `vars` are the start event's completion variables
 * (a message's), `locals` its local variables (an error's, for its output mappings).
 */
export async function startEventSubprocess(run: Run, inst: InstanceRow, ownerKey: string, start: ElementDef, vars: Vars, locals: Vars = {}): Promise<void> {
  const model = await run.modelOf(inst);
  const esp = model.elements.get(start.scopeId!)!;
  if (start.interrupting) {
    for (const c of run.state.children(ownerKey)) await run.terminate(c);
    await closeEventSubprocessStarts(run, ownerKey, model.elements.get(esp.scopeId ?? '') ?? model.root);
  }
  const espRow = await run.createElement(inst, esp, ownerKey);
  // Input mappings of the event sub-process create its local variables (docs: event-subprocesses#variables).
  try {
    for (const m of esp.inputs) await run.setLocal(espRow.key, m.target, run.evalIn(espRow.key, m.source, 'IO_MAPPING_ERROR', 'activate'));
  } catch (e) {
    if (e instanceof IncidentSignal) return run.hooks.raiseIncident(espRow, e.errorType, e.message, e.phase);
    throw e;
  }
  await run.hooks.openEventSubprocesses(espRow.key, esp, inst);
  const startRow = await run.createElement(inst, start, espRow.key);
  for (const [n, v] of Object.entries(locals)) await run.setLocal(startRow.key, n, v);
  await run.complete(startRow, vars);
}

/**
 * An interrupting event sub-process was triggered: no start event of the scope's event
 * sub-processes can trigger any more. The scope's own boundary events stay (the scope is
 * still active; Zeebe's interrupted event scope accepts boundary events only:
 * DbEventScopeInstanceState.canTriggerEvent).
 */
async function closeEventSubprocessStarts(run: Run, scopeKey: string, scopeDef: ElementDef): Promise<void> {
  const model = await run.modelOf(run.state.instanceOf(scopeKey));
  const starts = [...model.elements.values()].filter((e) => e.type === 'startEvent' && scopeDef.eventSubprocessIds.includes(e.scopeId ?? '')).map((e) => e.id);
  await run.tx('engine_timer').where({ element_key: scopeKey, state: 'ACTIVE' }).whereIn('element_id', starts).update({ state: 'CANCELED' });
  await run.tx('engine_subscription').where({ element_key: scopeKey, state: 'OPEN' }).whereIn('element_id', starts).update({ state: 'CLOSED' });
}
