/**
 * Events inside a Run: boundary events, event sub-processes, event-based gateways and
 * multi-instance bodies (BPMN errors and escalations are caught in catch.ts), and
 * what happens when a timer fires or a message correlates.
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
    await run.hooks.closeWaits(ownerKey);
  }
  const espRow = await run.createElement(inst, esp, ownerKey);
  await run.hooks.openEventSubprocesses(espRow.key, esp, inst);
  const start = await run.createElement(inst, def, espRow.key);
  await run.complete(start, vars);
}

// BPMN errors are caught in catch.ts (shared with escalations); re-exported for callers here.
export { throwError } from './catch.js';

// ---- multi-instance ----------------------------------------------------------------------

/** Activates a multi-instance body: evaluates the input collection and starts the inner instances. */
export async function activateMultiInstance(run: Run, inst: InstanceRow, def: ElementDef, scopeKey: string): Promise<ElementRow> {
  const body = await run.createElement(inst, def, scopeKey, 'multiInstanceBody');
  run.schedule(async () => {
    try {
      const items = run.evalIn(body.key, def.loop!.inputCollection, 'EXTRACT_VALUE_ERROR', 'activate');
      if (!Array.isArray(items)) throw new IncidentSignal('EXTRACT_VALUE_ERROR', `Expected result of the expression '${def.loop!.inputCollection}' to be 'ARRAY', but was '${items === null ? 'NULL' : typeof items}'.`, 'activate');
      await openBoundaries(run, body, def);
      body.data = { items, next: 0, completed: 0 };
      if (def.loop!.outputCollection) await run.setLocal(body.key, def.loop!.outputCollection, items.map(() => null));
      if (!items.length) return finishBody(run, body, def);
      const n = def.loop!.sequential ? 1 : items.length;
      for (let i = 0; i < n; i++) await startInner(run, inst, def, body);
      await saveBody(run, body);
    } catch (e) {
      if (e instanceof IncidentSignal) return run.hooks.raiseIncident(body, e.errorType, e.message, e.phase);
      throw e;
    }
  });
  return body;
}

async function startInner(run: Run, inst: InstanceRow, def: ElementDef, body: ElementRow): Promise<void> {
  const data = body.data as { items: unknown[]; next: number };
  const i = data.next++;
  const locals: Vars = { loopCounter: i + 1 };
  if (def.loop!.inputElement) locals[def.loop!.inputElement] = data.items[i];
  await run.activate(inst, def, body.key, locals, true);
}

async function saveBody(run: Run, body: ElementRow): Promise<void> {
  await run.tx('engine_element').where({ key: body.key }).update({ data: JSON.stringify(body.data) });
}

/** An inner instance completed: collect its output, check the completion condition, go on. */
export async function innerCompleted(run: Run, body: ElementRow, inner: ElementRow): Promise<void> {
  const def = await run.defOf(body);
  const inst = run.state.instances.get(body.instanceKey)!;
  const data = body.data as { items: unknown[]; next: number; completed: number };
  data.completed++;
  const loop = def.loop!;
  if (loop.outputCollection && loop.outputElement) {
    const counter = Number(run.state.variables.get(inner.key)?.get('loopCounter') ?? 1);
    const ctx = { ...run.state.visible(body.key), ...Object.fromEntries(run.state.variables.get(inner.key) ?? []) };
    const out = [...((run.state.scopeVars(body.key).get(loop.outputCollection) as unknown[]) ?? [])];
    const { evalValue } = await import('./feel.js');
    out[counter - 1] = evalValue(loop.outputElement, ctx, run.now);
    await run.setLocal(body.key, loop.outputCollection, out);
  }
  let done = data.completed >= data.items.length;
  if (!done && loop.completionCondition) {
    const ctx = {
      ...run.state.visible(body.key), ...Object.fromEntries(run.state.variables.get(inner.key) ?? []),
      numberOfInstances: data.items.length, numberOfCompletedInstances: data.completed,
      numberOfActiveInstances: run.state.children(body.key).length,
    };
    const { evalCondition } = await import('./feel.js');
    done = evalCondition(loop.completionCondition, ctx, run.now);
  }
  if (done) {
    for (const c of run.state.children(body.key)) await run.terminate(c);
    return finishBody(run, body, def);
  }
  if (loop.sequential) await startInner(run, inst, def, body);
  await saveBody(run, body);
}

async function finishBody(run: Run, body: ElementRow, def: ElementDef): Promise<void> {
  const loop = def.loop!;
  const out = loop.outputCollection ? run.state.scopeVars(body.key).get(loop.outputCollection) : undefined;
  await run.hooks.closeWaits(body.key);
  await run.endElement(body, 'COMPLETED');
  if (loop.outputCollection) await run.propagate(body.scopeKey, { [loop.outputCollection]: out });
  await run.leave(body, def, def.outgoing);
}
