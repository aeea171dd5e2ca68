/**
 * Command ids on the embedded engine (issue 12, point 2): a command sent with a `commandId`
 * (the outbox's row id) is recorded in `engine_command` in the same transaction as its effect.
 * Applied again — after a crash between the engine's commit and the outbox's update, or by a
 * second dispatcher whose lease overlapped — it is recognised and answered with the first
 * result, and nothing happens twice.
 */
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import type { CommandOptions } from '../port.js';

/** The recorded result of a command id, or undefined when it has not been applied. */
export async function appliedResult(db: Db | Knex.Transaction, options: CommandOptions | undefined): Promise<{ result: unknown } | undefined> {
  if (!options?.commandId) return undefined;
  const row = await db('engine_command').where({ id: options.commandId }).first('result');
  return row ? { result: row.result ?? null } : undefined;
}

/**
 * Records the command id inside the command's transaction; true when it was already recorded
 * (the caller then skips the effect). Two concurrent applications of one id: the second waits
 * on the first's unique row and, once it has committed, sees it.
 */
export async function alreadyApplied(tx: Knex.Transaction, options: CommandOptions | undefined, kind: string, result: unknown = null): Promise<boolean> {
  if (!options?.commandId) return false;
  const inserted = await tx('engine_command')
    .insert({ id: options.commandId, kind, result: JSON.stringify(result) })
    .onConflict('id')
    .ignore()
    .returning('id');
  return inserted.length === 0;
}

/** Records a command id after the fact (publish, whose transaction is the Poller's). */
export async function recordApplied(db: Db, options: CommandOptions | undefined, kind: string, result: unknown): Promise<void> {
  if (!options?.commandId) return;
  await db('engine_command')
    .insert({ id: options.commandId, kind, result: JSON.stringify(result) })
    .onConflict('id')
    .ignore();
}
