/**
 * The outbox (issue 12, point 2; DESIGN.md §3): everything that must reach the engine — a
 * start, a completion, an assignment, a message, a cancellation, variables, an incident's
 * resolution — is written as an `outbox_command` row in the same transaction as the domain
 * data and the audit row (`enqueue`). After the commit the request applies its own row at once
 * (`dispatch`, bounded wait); whatever is left — the engine was down, the process died — the
 * dispatcher (dispatcher.ts) applies on start-up and periodically, with retry and back-off.
 *
 * A row is claimed with a lease (`claimed_until`, taken under FOR UPDATE SKIP LOCKED), not held
 * locked during the engine call: the embedded engine needs a connection of its own for the
 * command (PGlite has only one), and a process that dies simply lets its lease run out. A row
 * applied twice — a lease that ran out under a slow engine, a crash between the engine's commit
 * and ours — is harmless: the command carries its row id, and the engine answers a repeat with
 * the first result (commands.ts). The row is finished, and its follow-up (the domain's part
 * after the engine's: e.g. the started instance's reference and audit rows) run, in one
 * transaction that only the first finisher gets (`where state = 'pending'`).
 */
import type { OutboxCommandRow } from '../../db/tables.js';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import { EngineConflict, EngineInvalid, EngineNotFound, type ProcessEngine } from '../../engine/port.js';
import type { Logger } from '../../logger.js';
import { applyCommand, type EngineCommand } from './commands.js';

export type { EngineCommand } from './commands.js';

/** An outbox row as the domain sees it. */
export interface OutboxCommand {
  id: string;
  kind: EngineCommand['kind'];
  command: EngineCommand;
  followUp: string | null;
  followUpData: Record<string, unknown>;
  actor: string;
  state: 'pending' | 'done' | 'failed';
  attempts: number;
  result: unknown;
  /** For a failed command: the engine's refusal (`EngineConflict: …`); keys only, no payloads. */
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** What the domain does once the engine has applied (or refused) a command; runs in the finishing transaction. */
export interface FollowUp {
  applied?(tx: Knex.Transaction, row: OutboxCommand, result: unknown): Promise<void>;
  failed?(tx: Knex.Transaction, row: OutboxCommand, error: Error): Promise<void>;
}

export interface OutboxOptions {
  /** How long a claim reserves a row for one dispatcher (ms). */
  leaseMs: number;
  /** First retry after this many ms, doubling up to `maxBackOffMs`. */
  backOffMs: number;
  maxBackOffMs: number;
}

const iso = (v: Date | null) => (v ? new Date(v).toISOString() : null);

function present(r: OutboxCommandRow): OutboxCommand {
  return {
    id: r.id,
    kind: r.kind as OutboxCommand['kind'],
    // jsonb written only by enqueue, from an EngineCommand and its follow-up's data
    command: r.command as EngineCommand,
    followUp: r.follow_up ?? null,
    followUpData: (r.follow_up_data as Record<string, unknown> | null) ?? {},
    actor: r.actor,
    state: r.state,
    attempts: Number(r.attempts),
    result: r.result ?? null,
    error: r.error ?? null,
    createdAt: iso(r.created_at)!,
    finishedAt: iso(r.finished_at),
  };
}

/** The engine refused the command for good: applying it again would not change that. */
function isPermanent(e: unknown): boolean {
  return e instanceof EngineConflict || e instanceof EngineNotFound || e instanceof EngineInvalid;
}

/** The outbox over one engine. */
export class Outbox {
  private readonly followUps = new Map<string, FollowUp>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    readonly db: Db,
    private readonly engine: ProcessEngine,
    private readonly logger: Logger,
    private readonly opts: OutboxOptions,
  ) {}

  /** Registers what follows a command of this name once the engine has applied or refused it. */
  onSettled(name: string, f: FollowUp): void {
    this.followUps.set(name, f);
  }

  /** Records a command in the caller's transaction; returns its id. */
  async enqueue(tx: Knex.Transaction, command: EngineCommand, actor: string, followUp?: { name: string; data?: Record<string, unknown> }): Promise<string> {
    return enqueueCommand(tx, command, actor, followUp);
  }

  /** One command by id. */
  async get(id: string): Promise<OutboxCommand | undefined> {
    const r = await this.db('outbox_command').where({ id }).first();
    return r ? present(r) : undefined;
  }

  /**
   * Applies a just-committed command now (unless another dispatcher holds it) and waits at most
   * `waitMs` for it to finish; returns the row as it then is (still `pending`: answer 202).
   */
  async dispatch(id: string, waitMs: number): Promise<OutboxCommand> {
    const deadline = Date.now() + waitMs;
    const [row] = await this.claim({ id }, 1);
    // not claimable: this process is applying it, another one is, or it is finished or waiting for its next attempt
    const work = row ? this.apply(row) : (this.running.get(id) ?? this.finished(id, deadline));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      work,
      new Promise<void>((r) => {
        timer = setTimeout(r, waitMs);
      }),
    ]);
    clearTimeout(timer);
    const now = await this.get(id);
    if (!now) throw new Error(`outbox command ${id} not found`);
    return now;
  }

  /** Resolves when the row is no longer pending, or at the deadline. */
  private async finished(id: string, deadline: number): Promise<void> {
    while (Date.now() < deadline) {
      const r = await this.db('outbox_command').where({ id }).first('state');
      if (!r || r.state !== 'pending') return;
      await new Promise((res) => setTimeout(res, 50));
    }
  }

  /** Claims up to `limit` due pending rows and applies them; returns how many were claimed. */
  async drainOnce(limit = 20): Promise<number> {
    // one cheap look outside a transaction first: an idle dispatcher costs one query a poll
    const due = await this.db('outbox_command')
      .where({ state: 'pending' })
      .whereRaw('next_attempt_at <= now()')
      .where((w) => {
        w.whereNull('claimed_until').orWhereRaw('claimed_until < now()');
      })
      .first('id');
    if (!due) return 0;
    const rows = await this.claim({}, limit);
    await Promise.all(rows.map((r) => this.apply(r)));
    return rows.length;
  }

  /** Waits for the commands this process is applying. */
  async settle(): Promise<void> {
    await Promise.all(this.running.values());
  }

  private async claim(where: { id?: string }, limit: number): Promise<OutboxCommand[]> {
    const rows = await this.db.transaction(async (tx) => {
      const due = await tx('outbox_command')
        .where({ ...where, state: 'pending' })
        .whereRaw('next_attempt_at <= now()')
        .where((w) => {
          w.whereNull('claimed_until').orWhereRaw('claimed_until < now()');
        })
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .select('id');
      if (!due.length) return [];
      return tx('outbox_command')
        .whereIn(
          'id',
          due.map((d: { id: string }) => d.id),
        )
        .update({ claimed_until: tx.raw(`now() + interval '${Math.ceil(this.opts.leaseMs)} milliseconds'`), attempts: tx.raw('attempts + 1') })
        .returning('*');
    });
    return rows.map(present);
  }

  private apply(row: OutboxCommand): Promise<void> {
    const p = this.applyNow(row)
      .catch((e) => {
        this.logger.error({ event: 'outbox.error', commandId: row.id, kind: row.kind, err: (e as Error).name }, 'outbox.error');
      })
      .finally(() => this.running.delete(row.id));
    this.running.set(row.id, p);
    return p;
  }

  private async applyNow(row: OutboxCommand): Promise<void> {
    let result: unknown;
    try {
      result = await applyCommand(this.engine, row.id, row.command, row.attempts > 1);
    } catch (e) {
      if (isPermanent(e)) return this.finish(row, 'failed', null, e as Error);
      return this.retry(row, e as Error);
    }
    await this.finish(row, 'done', result ?? null);
  }

  private async finish(row: OutboxCommand, state: 'done' | 'failed', result: unknown, error?: Error): Promise<void> {
    await this.db.transaction(async (tx) => {
      const n = await tx('outbox_command')
        .where({ id: row.id, state: 'pending' })
        .update({
          state,
          result: JSON.stringify(result),
          error: error ? `${error.name}: ${error.message}`.slice(0, 500) : null,
          finished_at: tx.fn.now(),
          claimed_until: null,
        });
      if (n !== 1) return; // another dispatcher finished it first
      const f = row.followUp ? this.followUps.get(row.followUp) : undefined;
      if (state === 'done') await f?.applied?.(tx, row, result);
      else await f?.failed?.(tx, row, error!);
    });
    this.logger.info(
      { event: state === 'done' ? 'outbox.applied' : 'outbox.refused', commandId: row.id, kind: row.kind, attempts: row.attempts },
      'outbox.finished',
    );
  }

  private async retry(row: OutboxCommand, e: Error): Promise<void> {
    const backOff = Math.min(this.opts.maxBackOffMs, this.opts.backOffMs * 2 ** Math.max(0, row.attempts - 1));
    await this.db('outbox_command')
      .where({ id: row.id, state: 'pending' })
      .update({
        claimed_until: null,
        error: e.name.slice(0, 100),
        next_attempt_at: this.db.raw(`now() + interval '${Math.ceil(backOff)} milliseconds'`),
      });
    this.logger.warn({ event: 'outbox.retry', commandId: row.id, kind: row.kind, attempts: row.attempts, err: e.name, backOffMs: backOff }, 'outbox.retry');
  }
}

/**
 * Writes an engine command to the outbox in the caller's transaction (what `Outbox.enqueue`
 * does), for code that has the database but not the outbox: a worker whose domain change
 * starts or cancels an instance (the dispatcher applies it like any other).
 */
export async function enqueueCommand(
  tx: Knex.Transaction,
  command: EngineCommand,
  actor: string,
  followUp?: { name: string; data?: Record<string, unknown> },
): Promise<string> {
  const id = randomUUID();
  await tx('outbox_command').insert({
    id,
    kind: command.kind,
    command: JSON.stringify(command),
    actor,
    follow_up: followUp?.name ?? null,
    follow_up_data: followUp ? JSON.stringify(followUp.data ?? {}) : null,
  });
  return id;
}
