/**
 * Escalation events (docs: components/modeler/bpmn/escalation-events). An escalation
 * intermediate throw or end event throws its code (a FEEL expression or a static value) to the
 * nearest catch event up the scope chain (catch.ts: boundary events on sub-processes and call
 * activities, escalation start events of event sub-processes; a specific code before a
 * catch-all). Escalations are non-critical: when nobody catches it, or a non-interrupting
 * catch event does, the throw event goes on (takes its outgoing flows, or ends); no incident.
 * An interrupting catch event terminates the scope it belongs to, the throw event with it, and
 * then the throw event's outgoing flows are not taken.
 */
import type { ElementDef } from '../model.js';
import { activateCatch, findCatcher, matchCode, thrownCode } from './catch.js';
import type { Run } from './run.js';
import type { ElementRow } from './state.js';

/** Throws an escalation from an intermediate throw or end event, then lets the event go on unless it was interrupted. */
export async function throwEscalation(run: Run, row: ElementRow, def: ElementDef): Promise<void> {
  const code = thrownCode(run, row, def.escalationCode);
  const catcher = await findCatcher(run, row, (ev) => (ev.isEscalationEvent ? matchCode(ev.escalationCode, code) : undefined));
  if (catcher) {
    run.record('escalation.caught', catcher.inst.key, catcher.event.id, null, { code });
    await activateCatch(run, catcher, {});
  } else {
    run.record('escalation.uncaught', row.instanceKey, row.elementId, row.key, { code });
  }
  // Interrupted: the catch event terminated the scope, the throw event with it.
  if (!run.state.elements.has(row.key)) return;
  await run.complete(row, {});
}
