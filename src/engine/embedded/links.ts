/**
 * Link events (docs: components/modeler/bpmn/link-events): an intermediate throw link event
 * completes and the flow goes on at the catch link event with the same name in the same scope
 * (lint, kvh/link-event, makes sure there is exactly one). The catch link event completes at once.
 */
import type { ElementDef } from '../model.js';
import { IncidentSignal, type Run } from './run.js';
import type { ElementRow } from './state.js';

/** Jumps from a throw link event to its catch link event. */
export async function throwLink(run: Run, row: ElementRow, def: ElementDef): Promise<void> {
  const inst = run.state.instances.get(row.instanceKey)!;
  const model = await run.modelOf(inst);
  const target = [...model.elements.values()].find((e) => e.type === 'intermediateCatchEvent' && e.linkName === def.linkName && e.scopeId === def.scopeId);
  if (!target) throw new IncidentSignal('UNKNOWN', `no catch link event named '${def.linkName}' in the scope of ${def.id}`, 'activate');
  await run.complete(row, {}, []);
  await run.activate(inst, target, row.scopeKey);
}
