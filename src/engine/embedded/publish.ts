/**
 * Publishing a message (docs: components/concepts/messages): buffered for its TTL, correlated
 * to open subscriptions (one per process) and to message start events.
 *
 * Why a message and a subscription opening at the same time cannot miss each other, on
 * PostgreSQL under READ COMMITTED with any number of connections and processes: both sides
 * take the transaction-scoped advisory lock of (name, correlation key) (`lockCorrelation`)
 * and look for the other side only after they hold it, and each wrote its own side before
 * (the subscriber) or writes it under (the publisher) the lock. The lock is released at
 * commit, so whoever gets it second starts its look-up after the first one committed; under
 * READ COMMITTED each statement sees what was committed when it began, so the second one sees
 * the first one's row: the subscriber finds the buffered message, or the publisher finds the
 * open subscription. Both cannot correlate the same pair: the publisher does not see an
 * uncommitted subscription, and a subscriber that runs after the publisher finds the message
 * already correlated to its process (engine_message.correlated, read under the row lock).
 *
 * One publish is one transaction: the message row, the subscriptions still to correlate
 * (`pending`) and the instances its message start events start. Correlating a pending
 * subscription is a command on that subscription's tree (its root lock is taken first, as in
 * every command, so no lock order is reversed); a crash in between leaves `pending` set, and
 * the Poller finishes it.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import type { Logger } from '../../logger.js';
import { EngineConflict, EngineNotFound, type PublishMessageCommand } from '../port.js';
import type { Commands } from './commands.js';
import type { ModelCache } from './deploy.js';
import { lockCorrelation, startMessageName } from './messageStart.js';
import { createInstance } from './waits.js';

export interface PublishDeps {
  db: Db;
  clock: Clock;
  commands: Commands;
  models: ModelCache;
  logger?: Logger;
  wake?(): void;
}

/** Publishes messages and finishes pending correlations. */
export class Publisher {
  constructor(private readonly d: PublishDeps) {}

  /** Publishes a message; returns once it is correlated to every subscription it found. */
  async publish(cmd: PublishMessageCommand): Promise<{ key: string }> {
    const key = await this.d.commands.command(async (tx) => {
      const now = this.d.clock.now();
      await lockCorrelation(tx, cmd.name, cmd.correlationKey);
      if (cmd.messageId) {
        // Unique by name, correlation key and id while buffered (docs: components/concepts/messages#message-uniqueness).
        const dup = await tx('engine_message')
          .where({ name: cmd.name, correlation_key: cmd.correlationKey, message_id: cmd.messageId })
          .where('expires_at', '>', now)
          .first('key');
        if (dup) throw new EngineConflict(`a message with id ${cmd.messageId} was already published and is still buffered`);
      }
      const subs = await tx('engine_subscription')
        .where({ message_name: cmd.name, correlation_key: cmd.correlationKey, state: 'OPEN' })
        .orderBy('key')
        .select('key', 'process_id');
      const started = await this.startByMessage(tx, cmd, new Set(subs.map((s) => s.process_id)));
      const k = await this.d.commands.newKey(tx);
      await tx('engine_message').insert({
        key: k,
        name: cmd.name,
        correlation_key: cmd.correlationKey,
        message_id: cmd.messageId ?? null,
        variables: JSON.stringify(cmd.variables ?? {}),
        expires_at: new Date(now.getTime() + (cmd.timeToLiveMs ?? 0)),
        correlated: JSON.stringify(started),
        pending: subs.length ? JSON.stringify(subs.map((s) => String(s.key))) : null,
      });
      return k;
    });
    try {
      await this.correlatePending(key);
    } catch (e) {
      // The publish is committed (with what is still to correlate): a failing correlation is
      // retried by the Poller, and the caller must not publish again.
      this.d.logger?.warn({ event: 'message.correlation.deferred', messageKey: key, err: (e as Error).message }, 'message.correlation.deferred');
      this.d.wake?.();
    }
    return { key };
  }

  /** Starts the message start events the message names (latest versions), inside the publish's transaction; returns their process ids. */
  private async startByMessage(tx: Knex.Transaction, cmd: PublishMessageCommand, skip: Set<string>): Promise<string[]> {
    const defs = await tx('engine_definition as d').whereRaw('d.version = (select max(version) from engine_definition x where x.process_id = d.process_id)');
    const started: string[] = [];
    for (const def of defs) {
      if (skip.has(def.process_id)) continue;
      const model = await this.d.models.get(String(def.key), tx);
      const start = model.startEvents.find((s) => s.message && startMessageName(s, this.d.clock.now()) === cmd.name);
      if (!start) continue;
      await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [`start:${def.process_id}:${cmd.correlationKey}`]);
      if (cmd.correlationKey) {
        const active = await tx('engine_instance')
          .where({ process_id: def.process_id, start_correlation_key: cmd.correlationKey, state: 'ACTIVE' })
          .first('key');
        if (active) continue;
      }
      await this.d.commands.runTree(
        tx,
        await this.d.commands.newKey(tx),
        (run) =>
          createInstance(run, { key: String(def.key), processId: def.process_id, version: def.version }, cmd.variables ?? {}, undefined, {
            elementId: start.id,
            messageName: cmd.name,
            correlationKey: cmd.correlationKey || undefined,
          }),
        true,
      );
      started.push(def.process_id);
    }
    return started;
  }

  /** Correlates the message to the subscriptions its publish found, one command per subscription's tree. */
  async correlatePending(msgKey: string): Promise<void> {
    const m = await this.d.db('engine_message').where({ key: msgKey }).first('pending');
    for (const subKey of (m?.pending as string[] | null) ?? []) {
      const sub = await this.d.db('engine_subscription').where({ key: subKey }).first('root_key');
      try {
        if (!sub) throw new EngineNotFound(`subscription ${subKey} not found`);
        await this.d.commands.onTree(String(sub.root_key), (run) =>
          this.correlateOne(run.tx, msgKey, subKey, (s, msg) => this.d.commands.correlate(run, s, msg)),
        );
      } catch (e) {
        if (!(e instanceof EngineNotFound)) throw e;
        await this.d.commands.command((tx) => this.correlateOne(tx, msgKey, subKey, async () => undefined));
      }
    }
  }

  /** Takes `subKey` off the message's pending list and, if the subscription is still open and its process not yet served, correlates. */
  private async correlateOne(
    tx: Knex.Transaction,
    msgKey: string,
    subKey: string,
    correlate: (s: Record<string, unknown>, m: Record<string, unknown>) => Promise<void>,
  ): Promise<void> {
    const m = await tx('engine_message').where({ key: msgKey }).forUpdate().first();
    const pending = (m?.pending as string[] | null) ?? [];
    if (!pending.includes(subKey)) return;
    const rest = pending.filter((k) => k !== subKey);
    await tx('engine_message')
      .where({ key: msgKey })
      .update({ pending: rest.length ? JSON.stringify(rest) : null });
    const s = await tx('engine_subscription').where({ key: subKey, state: 'OPEN' }).first();
    if (s && m && !(m.correlated as string[]).includes(s.process_id)) await correlate(s, m);
  }

  /** Poller: messages whose publish committed but whose correlations did not all run (a crash). */
  async finishPending(): Promise<number> {
    const rows = await this.d.db('engine_message').whereNotNull('pending').orderBy('key').limit(50).select('key');
    for (const r of rows) await this.correlatePending(String(r.key));
    return rows.length;
  }
}
