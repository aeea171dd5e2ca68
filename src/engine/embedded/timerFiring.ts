/**
 * Firing due timers. Several processes may see the same due timer; each firing is one
 * command that claims the timer row under a lock and re-checks it there: still ACTIVE and
 * still due (`due_at <= now`). A cycle that another process just fired was rescheduled to its
 * next due time, so the re-check finds it not due and nothing fires twice.
 */
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import { EngineNotFound } from '../port.js';
import type { Commands } from './commands.js';
import { trigger } from './events.js';
import type { Run } from './run.js';
import { nextOccurrence } from './time.js';
import { createInstance } from './waits.js';

/** Fires every timer due at `now` (at most `limit`); returns how many fired. */
export async function fireDueTimers(db: Db, commands: Commands, now: Date, limit = 100): Promise<number> {
  const due = await db('engine_timer').where({ state: 'ACTIVE' }).where('due_at', '<=', now).orderBy('due_at').limit(limit).select('key', 'root_key');
  let n = 0;
  for (const t of due) {
    try {
      const fired = t.root_key
        ? await commands.onTree(String(t.root_key), (run) => fireInTree(run, String(t.key)))
        : await commands.onNewTree((run) => fireStart(run, String(t.key)));
      if (fired) n++;
    } catch (e) {
      if (!(e instanceof EngineNotFound)) throw e;
    }
  }
  return n;
}

/** The timer row, locked, if it is still active and due at the command's time. */
async function claim(tx: Knex.Transaction, key: string, now: Date): Promise<Record<string, unknown> | undefined> {
  return tx('engine_timer').where({ key, state: 'ACTIVE' }).where('due_at', '<=', now).forUpdate().skipLocked().first();
}

/** A timer of an element: reschedule (cycle) or mark fired, then trigger its event — in the tree's command. */
async function fireInTree(run: Run, key: string): Promise<boolean> {
  const t = await claim(run.tx, key, run.now);
  if (!t) return false;
  await reschedule(run.tx, t, run.now);
  run.record('timer.fired', timerInstance(run, String(t.element_key)), t.element_id as string, key, { due: t.due_at });
  await trigger(run, String(t.element_key), t.element_id as string, {});
  return true;
}

/** A timer start event: reschedule it and start the instance in one transaction (a crash leaves neither). */
async function fireStart(run: Run, key: string): Promise<boolean> {
  const t = await claim(run.tx, key, run.now);
  if (!t) return false;
  await reschedule(run.tx, t, run.now);
  const def = await run
    .tx('engine_definition')
    .where({ key: String(t.definition_key) })
    .first();
  if (!def) throw new Error(`timer ${key}: its definition is gone`);
  // the row names the instance it started (its root key), so it moves to history with it
  run.record('timer.fired', run.state.rootKey, t.element_id as string, key, { due: t.due_at });
  await createInstance(run, { key: String(def.key), processId: def.process_id, version: def.version }, {}, undefined, { elementId: t.element_id as string });
  return true;
}

/** The instance a timer's owner (element or scope) belongs to, so its event log row moves to history with it. */
function timerInstance(run: Run, ownerKey: string): string | null {
  try {
    return run.state.instanceOf(ownerKey).key;
  } catch {
    return null;
  }
}

async function reschedule(tx: Knex.Transaction, t: Record<string, unknown>, now: Date): Promise<void> {
  const reps = Number(t.repetitions);
  if (t.interval && reps !== 1) {
    // Missed cycles (the engine was down) fire once, then one interval after now.
    const next = nextOccurrence(t.interval as string, new Date(t.due_at as string), now);
    await tx('engine_timer')
      .where({ key: String(t.key) })
      .update({ due_at: next, repetitions: reps < 0 ? -1 : reps - 1 });
  } else {
    await tx('engine_timer')
      .where({ key: String(t.key) })
      .update({ state: 'FIRED' });
  }
}
