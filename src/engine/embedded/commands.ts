/**
 * Commands on the embedded engine's state. Each runs in one transaction that first locks the
 * root instance row, loads the tree, runs the interpreter to a standstill, writes the event
 * log and calls the event listeners inside the same transaction.
 */
import type { Knex } from 'knex';
import { isServer, type Db } from '../../db/index.js';
import { EngineConflict, EngineNotFound, type EngineEventListener, type Variables } from '../port.js';
import { openBoundaries, openEventGateway, openEventSubprocesses, trigger } from './events.js';
import { activateMultiInstance, innerCompleted, innerCompleting } from './multiInstance.js';
import { throwError, thrownCode } from './catch.js';
import { throwEscalation } from './escalation.js';
import { throwLink } from './links.js';
import type { ProcessModel } from '../model.js';
import { afterCommand, missingRow } from './history.js';
import { lockCorrelation, startBufferedAfterEnd } from './messageStart.js';
import { KEY_BLOCK } from './keys.js';
import { Run, type RunContext, type RunHooks } from './run.js';
import { callProcess, cancelCalled, closeWaits, completeInstance, createJob, createUserTask, openMessage, openTimer, raiseIncident, type LocalJobs } from './waits.js';

export interface CommandDeps {
  db: Db;
  now(): Date;
  model(definitionKey: string, tx: Knex.Transaction): Promise<ProcessModel>;
  listeners: Set<EngineEventListener>;
  /** Called after a commit that created work (jobs, timers). */
  wake(): void;
  /** Tells other processes, inside the transaction, that it creates work (PostgreSQL: pg_notify). */
  notify?(tx: Knex.Transaction): Promise<void>;
  /** This process's workers: jobs a command creates for them are activated in its transaction. */
  localJobs?: LocalJobs & {
    describe(tx: Knex.Transaction, run: Run): void;
    settled(tx: Knex.Transaction, ok: boolean): void;
  };
}

/** Event-log kinds that mean work for the Poller. */
const WORK = new Set(['job.failed', 'timer.created', 'incident.resolved']);

/** Whether a run left work for a Poller: a job no local worker took, a timer, a retry, a resolved incident. */
function createsWork(run: Run): boolean {
  let jobs = 0;
  for (const l of run.log) {
    if (l.kind === 'job.created') jobs++;
    else if (l.kind === 'job.activated') jobs--;
    else if (WORK.has(l.kind as string)) return true;
  }
  return jobs > 0;
}

/** A new engine key, drawn inside the transaction. */
export async function newKey(tx: Knex.Transaction | Knex): Promise<string> {
  return String((await tx.raw("select nextval('engine_key_seq') as k")).rows[0].k);
}

/** Builds the hooks object that joins run.ts with waits.ts and events.ts. */
function hooksFor(run: Run, local?: LocalJobs): RunHooks {
  return {
    activateMultiInstance: (i, d, s) => activateMultiInstance(run, i, d, s),
    innerCompleting: (b, r) => innerCompleting(run, b, r),
    innerCompleted: (b, r, s) => innerCompleted(run, b, r, s),
    openBoundaries: (r, d) => openBoundaries(run, r, d),
    openEventSubprocesses: (s, d, i) => openEventSubprocesses(run, s, d, i),
    openEventGateway: (r, d) => openEventGateway(run, r, d),
    openTimer: (o, d, s) => openTimer(run, o, d, s),
    openMessage: (r, d, o) => openMessage(run, r, d, o),
    createJob: (r, d) => createJob(run, r, d, local),
    createUserTask: (r, d) => createUserTask(run, r, d),
    callProcess: (r, d) => callProcess(run, r, d),
    cancelCalled: (r) => cancelCalled(run, r),
    closeWaits: (k) => closeWaits(run, k, local),
    throwError: (r, c, m) => throwError(run, r, thrownCode(run, r, c), m),
    throwEscalation: (r, d) => throwEscalation(run, r, d),
    throwLink: (r, d) => throwLink(run, r, d),
    raiseIncident: (r, t, m, p, j) => raiseIncident(run, r, t, m, p, j),
    completeInstance: (i) => completeInstance(run, i),
  };
}

/** The command runner. */
export class Commands {
  constructor(private readonly deps: CommandDeps) {}

  private context(): RunContext {
    return {
      now: this.deps.now(),
      model: (k, tx) => this.deps.model(k, tx),
      latestDefinition: async (tx, processId) => {
        const d = await tx('engine_definition').where({ process_id: processId }).orderBy('version', 'desc').first();
        return d ? { key: String(d.key), processId: d.process_id, version: d.version } : undefined;
      },
    };
  }

  /**
   * Runs `fn` on the locked tree of `rootKey`; `fresh` skips the lock (a new root). PGlite has
   * one connection, which a transaction holds to its end: commands cannot overlap there, so
   * the lock is left out and the load (inTx) finds out whether the tree exists.
   */
  async onTree<T>(rootKey: string, fn: (run: Run) => Promise<T>, fresh = false): Promise<T> {
    return this.command(async (tx) => {
      if (!fresh && this.server) {
        const locked = await tx('engine_instance').where({ key: rootKey }).forUpdate().first('key');
        if (!locked) throw new EngineNotFound(`process instance ${rootKey} not found`);
      }
      return this.runTree(tx, rootKey, fn, fresh);
    });
  }

  private get server(): boolean {
    return isServer(this.deps.db);
  }

  /** Runs `fn` on a new tree whose root key is drawn inside the same transaction. */
  async onNewTree<T>(fn: (run: Run) => Promise<T>): Promise<T> {
    return this.command(async (tx) => this.runTree(tx, await newKey(tx), fn, true));
  }

  /**
   * One command = one transaction. Commits that created work for the Poller (jobs, timers,
   * outcomes) wake it: in this process at once, and other processes through `notify`
   * (pg_notify inside the transaction, so the wake-up is sent only if the work committed).
   */
  async command<T>(fn: (tx: Knex.Transaction) => Promise<T>): Promise<T> {
    // PGlite answers without I/O, so a busy engine (handlers completing into commands that
    // start the next handlers) would run on promise callbacks alone and starve timers and
    // sockets (the HTTP server, the Poller's sleep, a bench's clock). Each command first lets
    // the event loop turn.
    if (!this.server) await new Promise((r) => setImmediate(r));
    let work = false;
    let open: Knex.Transaction | undefined;
    let result: T;
    try {
      result = await this.deps.db.transaction(async (tx) => {
        open = tx;
        const r = await fn(tx);
        work = this.createdWork.delete(tx);
        if (work) await this.deps.notify?.(tx);
        return r;
      });
    } catch (e) {
      if (open) { this.createdWork.delete(open); this.deps.localJobs?.settled(open, false); }
      throw e;
    }
    // Jobs activated in the transaction go to their handlers now that it committed.
    this.deps.localJobs?.settled(open!, true);
    if (work) this.deps.wake();
    return result;
  }

  private readonly createdWork = new Set<Knex.Transaction>();

  /** Marks the transaction as having created work for the Poller (see `command`). */
  markWork(tx: Knex.Transaction): void {
    this.createdWork.add(tx);
  }

  /** Runs `fn` on a tree inside an open transaction (a command's or a publish's); returns what `fn` returned. */
  async runTree<T>(tx: Knex.Transaction, rootKey: string, fn: (run: Run) => Promise<T>, fresh: boolean): Promise<T> {
    let r!: T;
    const run = await this.inTx(tx, rootKey, async (x) => { r = await fn(x); }, fresh);
    // An ended message-started instance lets a buffered message with its key start the next one.
    await startBufferedAfterEnd(run, (root, f) => this.inTx(tx, root, f, true));
    return r;
  }

  /** Runs `fn` on a tree inside an open transaction, to a standstill; returns the finished Run. */
  private async inTx(tx: Knex.Transaction, rootKey: string, fn: (run: Run) => Promise<void>, fresh: boolean): Promise<Run> {
    const run = new Run(tx, rootKey, this.context());
    run.hooks = hooksFor(run, this.deps.localJobs);
    if (!fresh) {
      await run.state.load(KEY_BLOCK);
      if (!run.state.instances.has(rootKey)) throw new EngineNotFound(`process instance ${rootKey} not found`);
    }
    await fn(run);
    await this.settle(run);
    await this.flush(tx, run);
    this.deps.localJobs?.describe(tx, run);
    if (createsWork(run)) this.markWork(tx);
    // An ended tree moves to history; a running one drops what it no longer needs (history.ts).
    await afterCommand(tx, run);
    return run;
  }

  /** Runs the agenda, then lets buffered messages meet newly opened subscriptions, until still. */
  private async settle(run: Run): Promise<void> {
    await run.drain();
    while (run.pendingBufferedChecks.length) {
      const s = run.pendingBufferedChecks.shift()!;
      await this.correlateBuffered(run, s.subscriptionKey, s.name, s.correlationKey);
      await run.drain();
    }
  }

  private async correlateBuffered(run: Run, subKey: string, name: string, correlationKey: string): Promise<void> {
    const sub = await run.tx('engine_subscription').where({ key: subKey, state: 'OPEN' }).first();
    if (!sub) return;
    // The subscription row is written; only now, holding the lock a publisher takes before it
    // lists subscriptions, look for buffered messages (publish.ts explains why neither side can miss the other).
    await lockCorrelation(run.tx, name, correlationKey);
    const msgs = await run.tx('engine_message').where({ name, correlation_key: correlationKey })
      .where('expires_at', '>', run.now).orderBy('key').forUpdate();
    const msg = msgs.find((m) => !(m.correlated as string[]).includes(sub.process_id));
    if (!msg) return;
    await this.correlate(run, sub, msg);
  }

  /** Correlates one message to one open subscription (inside the subscription's tree). */
  async correlate(run: Run, sub: Record<string, unknown>, msg: Record<string, unknown>): Promise<void> {
    const stays = await this.staysOpen(run, sub);
    if (!stays) await run.tx('engine_subscription').where({ key: sub.key }).update({ state: 'CLOSED' });
    const correlated = [...(msg.correlated as string[]), sub.process_id as string];
    await run.tx('engine_message').where({ key: msg.key }).update({ correlated: JSON.stringify(correlated) });
    msg.correlated = correlated;
    run.record('message.correlated', String(sub.instance_key), sub.element_id as string, String(msg.key));
    await trigger(run, String(sub.element_key), sub.element_id as string, (msg.variables as Variables) ?? {});
  }

  /** Non-interrupting event sub-process and boundary message subscriptions stay open. */
  private async staysOpen(run: Run, sub: Record<string, unknown>): Promise<boolean> {
    const inst = run.state.instances.get(String(sub.instance_key));
    if (!inst) return false;
    const def = (await run.modelOf(inst)).elements.get(sub.element_id as string);
    return !!def && (def.type === 'boundaryEvent' || def.type === 'startEvent') && !def.interrupting;
  }

  /** Writes the command's buffered rows and event log (one statement), then calls listeners inside the transaction. */
  private async flush(tx: Knex.Transaction, run: Run): Promise<void> {
    run.writes.appendLog(run.log);
    await run.writes.flush();
    for (const ev of run.events) for (const l of this.deps.listeners) await l(ev, tx);
  }

  /** Finds the root key of an instance (or of an element instance's instance). */
  async rootOf(key: string, table: 'engine_instance' | 'engine_element' | 'engine_job' | 'engine_user_task' | 'engine_incident'): Promise<string> {
    const row = await this.deps.db(table).where({ key }).first('root_key');
    if (!row) throw await missingRow(this.deps.db, table, key);
    return String(row.root_key);
  }

  /** Throws EngineConflict unless the row exists in one of the states. */
  static expectState(row: Record<string, unknown> | undefined, what: string, states: string[]): void {
    if (!row) throw new EngineNotFound(`${what} not found`);
    if (!states.includes(row.state as string)) throw new EngineConflict(`${what} is ${String(row.state).toLowerCase()}`);
  }
}
