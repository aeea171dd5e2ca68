/**
 * Events inside a Run: boundary events, event sub-processes, event-based gateways, BPMN
 * errors (caught up the scope chain, across call activities), and what happens when a timer
 * fires or a message correlates. Multi-instance bodies are in multiInstance.ts.
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
  const esp = model.elements.get(def.scopeId!)!;
  if (def.interrupting) {
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
  const start = await run.createElement(inst, def, espRow.key);
  await run.complete(start, vars);
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

/** Finds the catcher of a BPMN error up the scope chain (and across call activities). */
export async function throwError(run: Run, from: ElementRow, code: string, message: string | undefined): Promise<void> {
  let current: ElementRow | undefined = from;
  while (current) {
    const inst: InstanceRow = run.state.instances.get(current.instanceKey)!;
    const model = await run.modelOf(inst);
    const def = model.elements.get(current.elementId)!;
    // Boundary events belong to a multi-instance body, not to its inner instances; and the
    // body is no scope of event sub-processes (the inner sub-process instance is).
    const inBody = run.state.elements.get(current.scopeKey)?.elementType === 'multiInstanceBody';
    if ((current !== from || def.type !== 'endEvent') && !(inBody && current.elementType !== 'multiInstanceBody')) {
      const boundary = def.boundaryIds.map((id) => model.elements.get(id)!).find((b) => b.isErrorEvent && matches(b, code));
      if (boundary) return catchWith(run, current, boundary, inst, code, message);
    }
    const scopeKey: string = current.scopeKey;
    const scopeDef = run.state.instances.has(scopeKey) ? model.root : model.elements.get(run.state.elements.get(scopeKey)!.elementId)!;
    const espStart = inBody ? undefined : scopeDef.eventSubprocessIds
      .map((id) => [...model.elements.values()].find((e) => e.scopeId === id && e.type === 'startEvent')!)
      .find((s) => s?.isErrorEvent && matches(s, code));
    if (espStart) {
      run.record('error.caught', inst.key, espStart.id, null, { code });
      return trigger(run, scopeKey, espStart.id, {});
    }
    if (run.state.instances.has(scopeKey)) {
      current = inst.parentElementKey ? run.state.elements.get(inst.parentElementKey) : undefined;
    } else {
      current = run.state.elements.get(scopeKey);
    }
  }
  await run.hooks.raiseIncident(from, 'UNHANDLED_ERROR_EVENT', `Expected to throw an error event with the code '${code}'${message ? ` with message '${message}'` : ''}, but it was not caught. No error events are available in the scope.`, 'activate');
}

function matches(ev: ElementDef, code: string): boolean {
  return ev.errorCode === undefined || ev.errorCode === '' || ev.errorCode === code;
}

async function catchWith(run: Run, activity: ElementRow, boundary: ElementDef, inst: InstanceRow, code: string, message: string | undefined): Promise<void> {
  run.record('error.caught', inst.key, boundary.id, null, { code, message: message ?? null });
  await trigger(run, activity.key, boundary.id, {});
}
