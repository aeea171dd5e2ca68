/**
 * Message start events with a correlation key (docs: components/modeler/bpmn/message-events
 * #message-correlation): while an instance started by a message with key K is active, further
 * messages with K do not start one but stay buffered (TTL > 0); when that instance completes or
 * is terminated, the first such buffered message starts a new instance of the latest version.
 */
import type { Knex } from 'knex';
import type { ElementDef } from '../model.js';
import { evalValue } from './feel.js';
import type { Run } from './run.js';
import { createInstance } from './waits.js';

/**
 * Serialises, per (message name, correlation key), a publisher listing subscriptions and a
 * command looking for buffered messages after it opened a subscription. The lock is held to
 * the end of the transaction; see publish.ts for why this makes a lost correlation impossible.
 */
export async function lockCorrelation(tx: Knex.Transaction | Knex, name: string, correlationKey: string): Promise<void> {
  // Two int4 halves of one 64-bit space; hashtext collisions only serialise unrelated pairs.
  await tx.raw('select pg_advisory_xact_lock(hashtext(?), hashtext(?))', [`msg:${name}`, correlationKey]);
}

/** A message start waiting for its turn: the next instance to start after `ended`. */
interface Next {
  def: { key: string; processId: string; version: number };
  elementId: string;
  msg: Record<string, unknown>;
}

/** Runs `start` (a fresh tree) for each buffered message whose single-instance block the run's ended instances lifted. */
export async function startBufferedAfterEnd(run: Run, start: (rootKey: string, fn: (r: Run) => Promise<void>) => Promise<Run>): Promise<void> {
  const ended = run.events.flatMap((e) =>
    (e.type === 'instanceCompleted' || e.type === 'instanceTerminated') && !e.instance.parentProcessInstanceKey ? [e.instance] : [],
  );
  for (const inst of ended) {
    // The run has the instance's row (a tree kept in memory too, treeCache.ts).
    const correlationKey = run.state.instances.get(inst.key)?.startCorrelationKey;
    if (!correlationKey) continue;
    const root = await run.key(); // increasing like the run's own keys (keys.ts)
    let started = false;
    const next = await start(root, async (r) => {
      const n = await nextBuffered(r, inst.processId, correlationKey);
      if (!n) return;
      await r
        .tx('engine_message')
        .where({ key: String(n.msg.key) })
        .update({ correlated: JSON.stringify([...(n.msg.correlated as string[]), inst.processId]) });
      await createInstance(r, n.def, (n.msg.variables as Record<string, unknown>) ?? {}, undefined, {
        elementId: n.elementId,
        messageName: n.msg.name as string,
        correlationKey,
      });
      started = true;
    });
    // The new instance may itself have ended at once: then the next buffered message goes on.
    if (started) await startBufferedAfterEnd(next, start);
  }
}

async function nextBuffered(run: Run, processId: string, correlationKey: string): Promise<Next | undefined> {
  const tx: Knex.Transaction = run.tx;
  await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [`start:${processId}:${correlationKey}`]);
  const active = await tx('engine_instance').where({ process_id: processId, start_correlation_key: correlationKey, state: 'ACTIVE' }).first('key');
  if (active) return undefined;
  const def = await run.ctx.latestDefinition(tx, processId);
  if (!def) return undefined;
  const starts = (await run.ctx.model(def.key, tx)).startEvents.filter((s) => s.message);
  if (!starts.length) return undefined;
  const msgs = await tx('engine_message')
    .whereIn(
      'name',
      starts.flatMap((s) => startMessageName(s, run.now) ?? []),
    )
    .where({ correlation_key: correlationKey })
    .where('expires_at', '>', run.now)
    .orderBy('key')
    .forUpdate();
  const msg = msgs.find((m) => !(m.correlated as string[]).includes(processId));
  if (!msg) return undefined;
  return { def, elementId: starts.find((s) => startMessageName(s, run.now) === msg.name)!.id, msg };
}

/**
 * A message start event's message name: an expression is evaluated without variables, as Zeebe
 * does on deployment (docs: components/modeler/bpmn/message-events#messages); one that fails
 * or gives no string matches no message.
 */
export function startMessageName(start: ElementDef, now: Date): string | undefined {
  try {
    const name = evalValue(start.message?.name ?? '', {}, now);
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}
