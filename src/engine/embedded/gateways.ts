/**
 * Gateways inside a Run: which outgoing flows an exclusive or inclusive gateway takes, and when
 * a parallel or inclusive join fires (docs: components/modeler/bpmn/exclusive-gateways,
 * inclusive-gateways, parallel-gateways).
 */
import type { ElementDef, FlowDef, ProcessModel } from '../model.js';
import { evalCondition, FeelError } from './feel.js';
import { IncidentSignal, type Run } from './run.js';
import type { ElementRow, InstanceRow } from './state.js';

/** Zeebe: first flow whose condition is true, else the default, else an incident. */
export function chooseExclusive(run: Run, row: ElementRow, def: ElementDef): FlowDef {
  if (def.outgoing.length === 1 && !def.outgoing[0]!.condition) return def.outgoing[0]!;
  for (const f of def.outgoing) {
    if (f.id === def.defaultFlow || !f.condition) continue;
    if (condition(run, row, f)) return f;
  }
  const d = def.outgoing.find((f) => f.id === def.defaultFlow);
  if (d) return d;
  throw new IncidentSignal('CONDITION_ERROR', `Expected at least one condition to evaluate to true, or to have a default flow`, 'activate');
}

/** Inclusive fork: every flow whose condition is true, else the default, else an incident. */
export function chooseInclusive(run: Run, row: ElementRow, def: ElementDef): FlowDef[] {
  if (def.outgoing.length <= 1 && !def.outgoing[0]?.condition) return def.outgoing;
  // Zeebe evaluates only the conditional flows (a flow without a condition is never taken here).
  const taken = def.outgoing.filter((f) => f.id !== def.defaultFlow && !!f.condition && condition(run, row, f));
  if (taken.length) return taken;
  const d = def.outgoing.find((f) => f.id === def.defaultFlow);
  if (d) return [d];
  throw new IncidentSignal('CONDITION_ERROR', `Expected at least one condition to evaluate to true, or to have a default flow`, 'activate');
}

function condition(run: Run, row: ElementRow, f: FlowDef): boolean {
  try {
    return evalCondition(f.condition!, run.state.visible(row.key), run.now);
  } catch (e) {
    // Zeebe: a condition that fails to evaluate (not a boolean, e.g. null) is an
    // EXTRACT_VALUE_ERROR; CONDITION_ERROR is only "no flow to take" (ExclusiveGatewayProcessor).
    if (e instanceof FeelError) throw new IncidentSignal('EXTRACT_VALUE_ERROR', e.message, 'activate');
    throw e;
  }
}

/** Fires a join when it has what it needs: parallel, a token per incoming flow; inclusive, every token that can still arrive. */
export async function tryJoin(run: Run, inst: InstanceRow, gw: ElementDef, scopeKey: string): Promise<void> {
  const tokens = run.state.children(scopeKey).filter((e) => e.elementType === 'joinToken' && e.elementId === gw.id);
  const byFlow = new Map<string, ElementRow>();
  for (const t of tokens) if (!byFlow.has(String(t.data?.flow))) byFlow.set(String(t.data?.flow), t);
  let ready: boolean;
  if (gw.type === 'parallelGateway') ready = gw.incoming.every((f) => byFlow.has(f));
  else ready = byFlow.size > 0 && !(await canStillArrive(run, inst, gw, scopeKey, byFlow));
  if (!ready) return;
  for (const t of byFlow.values()) {
    run.state.elements.delete(t.key);
    run.writes.patchElement(t.key, { state: 'COMPLETED', ended_at: run.now });
  }
  await run.activate(inst, gw, scopeKey);
}

/** Whether an active element of the scope can still reach one of the join's empty incoming flows. */
async function canStillArrive(run: Run, inst: InstanceRow, gw: ElementDef, scopeKey: string, byFlow: Map<string, ElementRow>): Promise<boolean> {
  const model = await run.modelOf(inst);
  const missing = gw.incoming.filter((f) => !byFlow.has(f));
  const sources = new Set<string>();
  for (const el of model.elements.values()) for (const f of el.outgoing) if (missing.includes(f.id)) sources.add(el.id);
  const active = run.state.children(scopeKey).filter((e) => e.elementType !== 'joinToken' || e.elementId !== gw.id);
  return active.some((a) => reaches(model, a.elementId, sources, gw.id));
}

/** Whether `from` can reach one of `targets` without passing through `via`. */
function reaches(model: ProcessModel, from: string, targets: Set<string>, via: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (targets.has(id)) return true;
    if (seen.has(id) || (id === via && id !== from)) continue;
    seen.add(id);
    const el = model.elements.get(id);
    for (const f of el?.outgoing ?? []) stack.push(f.targetId);
    for (const b of el?.boundaryIds ?? []) stack.push(b);
  }
  return false;
}
