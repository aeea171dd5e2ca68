/**
 * Commands on the embedded engine's state. Each runs in one transaction that first locks the
 * root instance row, loads the tree, runs the interpreter to a standstill, writes the event
 * log and calls the event listeners inside the same transaction.
 */
import type { Knex } from 'knex';
import { prepared } from './prepared.js';
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
import { drawKeys, KEY_BLOCK, keyPoolOf, type KeyPool } from './keys.js';
import { treeCacheOf, type TreeCache } from './treeCache.js';
import { Run, type RunContext, type RunHooks } from './run.js';
import {
  callProcess,
  cancelCalled,
  closeWaits,
  completeInstance,
  createJob,
  createUserTask,
  openMessage,
  openTimer,
  raiseIncident,
  type LocalJobs,
} from './waits.js';

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

/** What locking a root row tells: the tree's revision and new keys drawn after the lock (a new tree: its first keys only). */
export interface RootLock {
  rev?: string;
  keys: string[];
  /** The job row a completion took with the lock (`TakeJob`), null when it was not there to take; unset when none was asked. */
  taken?: TakenJob | null;
}

/** A job row a completion takes (deletes) with the root lock when its activation holds the token before the deadline. */
export interface TakeJob {
  jobKey: string;
  token: string;
}

/** The row `TakeJob` took. */
export interface TakenJob {
  key: string;
  element_key: string;
}

/**
 * Locks the root row of a tree (PostgreSQL) and, in the same statement, reads its revision and
 * draws a block of new keys. The keys come from a subquery that reads the locked row, so when
 * the lock had to wait for a command that changed the tree (every command raises `rev`), the
 * row is read again after that commit and the keys are drawn then: they are larger than any
 * key the tree has (keys.ts).
 *
 * With `take` (a job completion's happy path, jobs.ts) the same statement also takes the job
 * row: `delete … returning`, token and deadline checked on the row. The delete waits for the
 * lock (its `exists (select 1 from lock)` is a one-time filter PostgreSQL evaluates before it
 * scans, so no job row is locked before the tree is: no deadlock with a command that holds the
 * tree and cancels the job), and a job row another transaction changed meanwhile is re-checked
 * on its newest version (READ COMMITTED), so a timed-out or cancelled job is not taken.
 */
async function lockRoot(tx: Knex.Transaction, rootKey: string, now: Date, take?: TakeJob): Promise<RootLock> {
  const lock = `select i.rev::text as rev,
      (select array_agg(k::text order by k) from (select nextval('engine_key_seq') as k from generate_series(1, ?::bigint + 0 * i.rev)) n) as keys
    from engine_instance i where i.key = ? for update of i`;
  const r = take
    ? await prepared(
        tx,
        'lock_take',
        `with lock as materialized (${lock}),
        taken as (delete from engine_job where key = ? and state = 'ACTIVATED' and activation = ? and deadline > ? and exists (select 1 from lock)
          returning key::text as key, element_key::text as element_key)
      select lock.rev, lock.keys, (select to_jsonb(t) from taken t) as taken from lock`,
        [KEY_BLOCK, rootKey, take.jobKey, take.token, now],
      )
    : await prepared(tx, 'lock', lock, [KEY_BLOCK, rootKey]);
  const row = r.rows[0] as { rev: string; keys: string[]; taken?: TakenJob | string | null } | undefined;
  if (!row) throw new EngineNotFound(`process instance ${rootKey} not found`);
  const taken = typeof row.taken === 'string' ? (JSON.parse(row.taken) as TakenJob) : row.taken;
  return take ? { rev: row.rev, keys: row.keys, taken: taken ?? null } : { rev: row.rev, keys: row.keys };
}

/** A deployed process definition: key, process id and version. */
export interface DefinitionRef {
  key: string;
  processId: string;
  version: number;
}

const noDefinition = (processId: string) => new EngineNotFound(`Expected to find process definition with process ID '${processId}', but none found`);

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
  constructor(private readonly deps: CommandDeps) {
    this.trees = treeCacheOf(deps.db);
    this.keyPool = keyPoolOf(deps.db);
  }

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
  async onTree<T>(rootKey: string, fn: (run: Run) => Promise<T>, fresh = false, take?: TakeJob): Promise<T> {
    return this.command(async (tx) => {
      const lock = !fresh && this.server ? await lockRoot(tx, rootKey, this.deps.now(), take) : undefined;
      return this.runTree(tx, rootKey, fn, fresh, lock);
    });
  }

  private get server(): boolean {
    return isServer(this.deps.db);
  }

  /** A new engine key inside `tx` (PGlite: from the key pool, so keys keep increasing, keys.ts). */
  async newKey(tx: Knex.Transaction): Promise<string> {
    return this.server ? (await drawKeys(tx, 1))[0]! : this.keyPool.next(tx);
  }

  /** Runs `fn` on a new tree whose root key is drawn inside the same transaction. */
  async onNewTree<T>(fn: (run: Run) => Promise<T>): Promise<T> {
    return this.command(async (tx) => {
      if (!this.server) return this.runTree(tx, await this.keyPool.next(tx), fn, true);
      // The root key and the new tree's first key block in one round trip.
      const [root, ...keys] = await drawKeys(tx, KEY_BLOCK + 1);
      return this.runTree(tx, root!, fn, true, { keys });
    });
  }

  /**
   * Runs `fn` on a new tree of the latest version of `processId` (EngineNotFound when none is
   * deployed). On PostgreSQL the definition, the root key and the tree's first key block come
   * in one round trip, inside the command's transaction.
   */
  async onNewTreeOf<T>(processId: string, fn: (run: Run, def: DefinitionRef) => Promise<T>): Promise<T> {
    return this.command(async (tx) => {
      if (!this.server) {
        const d = await tx('engine_definition').where({ process_id: processId }).orderBy('version', 'desc').first('key', 'process_id', 'version');
        if (!d) throw noDefinition(processId);
        const def = { key: String(d.key), processId: d.process_id, version: Number(d.version) };
        return this.runTree(tx, await this.keyPool.next(tx), (run) => fn(run, def), true);
      }
      const r = await prepared(
        tx,
        'new_tree',
        `select d.key::text as key, d.process_id, d.version,
          (select array_agg(k::text order by k) from (select nextval('engine_key_seq') as k from generate_series(1, ?::int)) n) as keys
        from (select * from engine_definition where process_id = ? order by version desc limit 1) d`,
        [KEY_BLOCK + 1, processId],
      );
      const d = r.rows[0] as { key: string; process_id: string; version: number; keys: string[] } | undefined;
      if (!d) throw noDefinition(processId);
      const [root, ...keys] = d.keys;
      return this.runTree(tx, root!, (run) => fn(run, { key: d.key, processId: d.process_id, version: Number(d.version) }), true, { keys });
    });
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
      if (open) {
        this.createdWork.delete(open);
        this.deps.localJobs?.settled(open, false);
        this.settleTrees(open, false);
      }
      throw e;
    }
    // The trees it ran on are kept as it left them; jobs activated in it go to their handlers.
    this.settleTrees(open!, true);
    this.deps.localJobs?.settled(open!, true);
    if (work) this.deps.wake();
    return result;
  }

  private readonly createdWork = new Set<Knex.Transaction>();

  /** Call trees kept between commands (treeCache.ts), and the Runs of each open transaction. */
  private readonly trees: TreeCache;
  private readonly runs = new Map<Knex.Transaction, Run[]>();
  /** PGlite: keys handed out from one pool (see `keysFor`). */
  private readonly keyPool: KeyPool;

  /** After the commit (`ok`) each tree goes back to the cache as its Run left it; after a rollback it is forgotten. */
  private settleTrees(tx: Knex.Transaction, ok: boolean): void {
    const runs = this.runs.get(tx) ?? [];
    this.runs.delete(tx);
    for (const run of runs) {
      const root = run.state.instances.get(run.state.rootKey);
      if (ok && run.rev !== undefined && root?.state === 'ACTIVE') this.trees.keep(run.state.rootKey, run.state.toKeep(run.rev));
      else this.trees.drop(run.state.rootKey);
    }
  }

  /** Marks the transaction as having created work for the Poller (see `command`). */
  markWork(tx: Knex.Transaction): void {
    this.createdWork.add(tx);
  }

  /** Runs `fn` on a tree inside an open transaction (a command's or a publish's); returns what `fn` returned. */
  async runTree<T>(tx: Knex.Transaction, rootKey: string, fn: (run: Run) => Promise<T>, fresh: boolean, lock?: RootLock): Promise<T> {
    let r!: T;
    const run = await this.inTx(
      tx,
      rootKey,
      async (x) => {
        r = await fn(x);
      },
      fresh,
      lock,
    );
    // An ended message-started instance lets a buffered message with its key start the next one.
    await startBufferedAfterEnd(run, (root, f) => this.inTx(tx, root, f, true));
    return r;
  }

  /** Runs `fn` on a tree inside an open transaction, to a standstill; returns the finished Run. */
  private async inTx(tx: Knex.Transaction, rootKey: string, fn: (run: Run) => Promise<void>, fresh: boolean, lock?: RootLock): Promise<Run> {
    const run = new Run(tx, rootKey, this.context(), this.server ? undefined : this.keyPool);
    if (lock) run.state.prefetchedKeys.push(...lock.keys);
    run.taken = lock?.taken;
    run.hooks = hooksFor(run, this.deps.localJobs);
    if (!this.runs.has(tx)) this.runs.set(tx, []);
    this.runs.get(tx)!.push(run);
    if (!fresh) {
      // A kept tree at the revision just locked (PostgreSQL), or the kept tree (PGlite); else a load.
      const kept = this.server && lock?.rev === undefined ? undefined : this.trees.take(rootKey, lock?.rev);
      if (kept) run.state.adopt(kept);
      else await run.state.load(this.server && !lock?.keys.length ? KEY_BLOCK : 0);
      if (!run.state.instances.has(rootKey)) throw new EngineNotFound(`process instance ${rootKey} not found`);
    }
    await fn(run);
    await this.settle(run);
    await this.flush(tx, run);
    this.deps.localJobs?.describe(tx, run);
    if (createsWork(run)) this.markWork(tx);
    // An ended tree moves to history (a running one dropped what it no longer needs in `flush`).
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
    const msgs = await run.tx('engine_message').where({ name, correlation_key: correlationKey }).where('expires_at', '>', run.now).orderBy('key').forUpdate();
    const msg = msgs.find((m) => !(m.correlated as string[]).includes(sub.process_id));
    if (!msg) return;
    await this.correlate(run, sub, msg);
  }

  /** Correlates one message to one open subscription (inside the subscription's tree). */
  async correlate(run: Run, sub: Record<string, unknown>, msg: Record<string, unknown>): Promise<void> {
    const stays = await this.staysOpen(run, sub);
    if (!stays)
      await run
        .tx('engine_subscription')
        .where({ key: String(sub.key) })
        .update({ state: 'CLOSED' });
    const correlated = [...(msg.correlated as string[]), sub.process_id as string];
    await run
      .tx('engine_message')
      .where({ key: String(msg.key) })
      .update({ correlated: JSON.stringify(correlated) });
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
    const root = run.state.instances.get(run.state.rootKey);
    run.rev = await run.writes.flush({ rootKey: run.state.rootKey, tidy: root?.state === 'ACTIVE', endedScopes: run.state.endedScopes() });
    for (const ev of run.events) for (const l of this.deps.listeners) await l(ev, tx);
  }

  /** Finds the root key of an instance (or of an element instance's instance). */
  async rootOf(key: string, table: 'engine_instance' | 'engine_element' | 'engine_job' | 'engine_user_task' | 'engine_incident'): Promise<string> {
    const row = await this.deps.db(table).where({ key }).first('root_key');
    if (!row) throw await missingRow(this.deps.db, table, key);
    return String(row.root_key);
  }

  /** Throws EngineConflict unless the row exists in one of the states. */
  static expectState<R extends { state: string }>(row: R | undefined, what: string, states: R['state'][]): asserts row is R {
    if (!row) throw new EngineNotFound(`${what} not found`);
    if (!states.includes(row.state)) throw new EngineConflict(`${what} is ${row.state.toLowerCase()}`);
  }
}
