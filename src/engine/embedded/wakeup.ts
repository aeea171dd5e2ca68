/**
 * One wake-up for the Poller across processes. On PostgreSQL a dedicated connection LISTENs
 * on one channel; every command that creates work (jobs, timers, a parked outcome) calls
 * pg_notify in its own transaction, so the notification is delivered only if the work
 * committed. The payload is the schema, so engines in other schemas of the same database
 * (tests, the suites) ignore each other. The connection reconnects after an error; while it
 * is down the Poller's safety poll still runs. PGlite (one process) needs none of this:
 * commands wake the Poller in-process.
 */
import type { Knex } from 'knex';
import pg from 'pg';
import { isServer, type Db } from '../../db/index.js';
import type { Logger } from '../../logger.js';

const CHANNEL = 'kvh_engine_work';

/** Inside a transaction: tells every listening process that work was committed. */
export async function notifyWork(tx: Knex.Transaction): Promise<void> {
  if (isServer(tx)) await tx.raw('select pg_notify(?, current_schema())', [CHANNEL]);
}

/** Listens for work notifications and calls `onWake` for those of this engine's schema. */
export class WakeListener {
  private client: pg.Client | undefined;
  private running = false;
  private schema = '';
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly onWake: () => void,
    private readonly logger?: Logger,
  ) {}

  /** Starts listening (PostgreSQL only). */
  async start(): Promise<void> {
    if (!isServer(this.db)) return;
    this.running = true;
    this.schema = String((await this.db.raw('select current_schema() as s')).rows[0].s);
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    const conn = this.db.client.config.connection as string | pg.ClientConfig;
    const client = new pg.Client(typeof conn === 'string' ? { connectionString: conn } : conn);
    client.on('notification', (n) => {
      if (n.channel === CHANNEL && n.payload === this.schema) this.onWake();
    });
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      this.client = client;
      // Whatever was committed while we were not listening: look once.
      this.onWake();
    } catch (e) {
      this.lost(client, e as Error);
    }
  }

  private lost(client: pg.Client, e?: Error): void {
    if (this.client === client) this.client = undefined;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    if (!this.running || this.retry) return;
    if (e) this.logger?.warn({ event: 'engine.listen.lost', err: e.message }, 'engine.listen.lost');
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, 1_000);
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.retry) clearTimeout(this.retry);
    const c = this.client;
    this.client = undefined;
    if (c) {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
    }
  }
}
