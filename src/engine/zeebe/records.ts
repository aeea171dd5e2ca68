/**
 * The read side of the Zeebe adapter. Our exporter (camunda/exporter) writes the broker's
 * events, in log order, into `<schema>.record` of a PostgreSQL database. This pump reads them
 * past our cursor and projects them into the engine's read model (readModel.ts: instances,
 * element instances, variables, user tasks, incidents) through its `ReadModelWriter`, and hands the port's
 * events to the listeners (the inbox projection) inside the same transaction that moves the
 * cursor: a projection is never lost and never applied twice, even with several app
 * processes (the cursor rows are locked).
 */
import type { Knex } from 'knex';
import { isSafeNumber, parse as parseLossless } from 'lossless-json';
import { isServer, type Db } from '../../db/index.js';
import type { Logger } from '../../logger.js';
import { parseBpmn } from '../model.js';
import { tableWriter, type ReadModelWriter } from '../readModelWriter.js';
import type { EngineEvent, EngineEventListener } from '../port.js';

type Value = Record<string, unknown>;

/** pg_advisory_xact_lock key of the projection ("kvh-zeebe" as a number). */
const PROJECTION_LOCK = 0x6b76687a;

/** Tries before an event that cannot be projected is set aside. */
const MAX_FAILURES = 5;

interface RecordRow {
  partition_id: number;
  position: string;
  value_type: string;
  intent: string;
  timestamp: string;
  key: string;
  value: string;
}

/** JSON with int64 keys kept exact: integers beyond 2^53 become strings. */
export function parseJson(text: string): unknown {
  return parseLossless(text, null, (n: string) => (isSafeNumber(n) ? Number(n) : n));
}

/** A Zeebe key (number or string, -1 or 0 for none) as our string key, or undefined. */
const keyOf = (v: unknown): string | undefined => {
  if (v === undefined || v === null) return undefined;
  const s = String(v);
  return s === '-1' || s === '0' || s === '' ? undefined : s;
};

/** Zeebe's BpmnElementType (`SERVICE_TASK`) as bpmn-moddle's name without prefix (`serviceTask`). */
export function elementTypeName(t: string): string {
  if (t === 'MULTI_INSTANCE_BODY') return 'multiInstanceBody';
  if (t === 'EVENT_SUB_PROCESS') return 'subProcess';
  return t.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Zeebe's dates are ISO 8601, sometimes with a region: `2026-03-04T08:00Z[Etc/UTC]`. */
export function zeebeDate(v: unknown): Date | null {
  if (typeof v !== 'string' || v === '') return null;
  const d = new Date(v.replace(/\[[^\]]*\]$/, ''));
  return Number.isNaN(d.getTime()) ? null : d;
}
const date = zeebeDate;

export interface RecordPumpOptions {
  db: Db;
  exportDb: Db;
  schema: string;
  listeners: Set<EngineEventListener>;
  logger?: Logger;
  pollMs: number;
  /** A fresh database starts at the end of the log (test runs sharing a broker). */
  skipHistory: boolean;
}

/** Reads the exporter's table and projects it; `start()` runs it in the background. */
export class RecordPump {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private readonly names = new Map<string, Promise<Map<string, string | undefined>>>();
  /** Where the projection writes: the read model's tables. */
  private readonly w: ReadModelWriter = tableWriter;
  /** Resolvers waiting for the projection to reach a position (see `caughtUp`). */
  private lastTick = 0;
  /** Where the log stood when this pump started (timers older than that are not ours to wait for). */
  private startPosition = '0';

  constructor(private readonly o: RecordPumpOptions) {}

  async start(): Promise<void> {
    await this.ensureTable();
    const start = await this.o.exportDb.raw(`select coalesce(max(position), 0)::text as p from ${this.o.schema}.record`);
    this.startPosition = this.o.skipHistory ? start.rows[0].p : '0';
    if (this.o.skipHistory) {
      const have = await this.o.db('zeebe_cursor').count<{ n: string }[]>('* as n');
      if (Number(have[0]!.n) === 0) {
        const ends = await this.o.exportDb.raw(`select partition_id, max(position)::text as position from ${this.o.schema}.record group by partition_id`);
        for (const r of ends.rows as { partition_id: number; position: string }[]) {
          await this.o
            .db('zeebe_cursor')
            .insert({ partition_id: r.partition_id, position: r.position, updated_at: new Date() })
            .onConflict('partition_id')
            .ignore();
        }
      }
    }
    await this.listen();
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    await this.unlisten();
  }

  /** The exporter NOTIFYs after each batch; polling stays as the fallback if this fails. */
  private listener: { query(sql: string): Promise<unknown>; on(ev: string, f: () => void): void; removeAllListeners(ev: string): void } | undefined;

  private async listen(): Promise<void> {
    // PGlite has one connection: holding it for LISTEN would starve every other query.
    if (!isServer(this.o.exportDb)) return;
    try {
      const conn = await (this.o.exportDb.client as { acquireConnection(): Promise<NonNullable<RecordPump['listener']>> }).acquireConnection();
      conn.on('notification', () => this.wake());
      await conn.query(`listen ${this.o.schema}`);
      this.listener = conn;
    } catch (e) {
      this.o.logger?.warn({ err: (e as Error).message }, 'LISTEN failed; the projection polls only');
    }
  }

  private async unlisten(): Promise<void> {
    const conn = this.listener;
    if (!conn) return;
    this.listener = undefined;
    conn.removeAllListeners('notification');
    await conn.query('unlisten *').catch(() => undefined);
    await (this.o.exportDb.client as { releaseConnection(c: unknown): Promise<void> }).releaseConnection(conn);
  }

  /** Polls sooner (after a command that will produce events). */
  wake(): void {
    this.wakeUp?.();
  }

  /** Waits until a pass of the pump has finished after this call (the projection caught up with what was exported then). */
  async settle(): Promise<void> {
    const since = Date.now();
    for (let i = 0; i < 400 && this.lastTick <= since; i++) {
      this.wake();
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Timers the broker has created that are due at `now` but not yet triggered or cancelled
   * (tests and the demo clock: after pinning the broker's clock we wait for these to fire).
   */
  async dueTimers(now: Date): Promise<number> {
    const s = this.o.schema;
    const r = await this.o.exportDb.raw(
      `select count(*)::int as n from ${s}.record c where c.value_type = 'TIMER' and c.intent = 'CREATED' and c.position > ?
         and (c.record->'value'->>'dueDate')::bigint <= ?
         and not exists (select 1 from ${s}.record t where t.value_type = 'TIMER' and t.record_key = c.record_key and t.intent in ('TRIGGERED', 'CANCELED'))`,
      [this.startPosition, now.getTime()],
    );
    return Number(r.rows[0].n);
  }

  /** The exporter creates its table when it first writes; create it here too so the app can start first. */
  private async ensureTable(): Promise<void> {
    const s = this.o.schema;
    try {
      await this.o.exportDb.raw(`create schema if not exists ${s}`);
      await this.o.exportDb.raw(
        `create table if not exists ${s}.record (partition_id integer not null, position bigint not null, ` +
          'record_key bigint not null, value_type text not null, intent text not null, process_instance_key bigint, ' +
          'timestamp bigint not null, record jsonb not null, primary key (partition_id, position))',
      );
      await this.o.exportDb.raw(`create index if not exists record_timer_key on ${s}.record (record_key) where value_type = 'TIMER'`);
    } catch (e) {
      // Another process created it at the same moment; it is there now.
      this.o.logger?.debug({ err: (e as Error).message }, 'zeebe export table creation raced');
    }
  }

  private async run(): Promise<void> {
    // After a batch fails, events go one at a time (`single` of them) to find the bad one; a
    // single event that fails MAX_FAILURES times in a row is set aside.
    let single = 0;
    let failures = 0;
    while (this.running) {
      let n = 0;
      try {
        n = await this.tick(single > 0 ? 1 : 500);
        if (single > 0) single = n ? single - 1 : 0;
        failures = 0;
      } catch (e) {
        const msg = (e as Error).message;
        if (single === 0) single = 500;
        else failures++;
        if (this.o.logger) this.o.logger.error({ err: msg, failures }, 'projecting Camunda events failed; retrying');
        else console.error(`projecting Camunda events failed (${failures}); retrying:`, msg);
        if (failures >= MAX_FAILURES) {
          await this.setAside(msg).catch((x) => this.o.logger?.error({ err: (x as Error).message }, 'could not set an event aside'));
          failures = 0;
        }
        await new Promise((r) => setTimeout(r, 50 * failures));
        n = 1;
      }
      this.lastTick = Date.now();
      if (n === 0 && this.running) {
        await new Promise<void>((r) => {
          const t = setTimeout(r, this.o.pollMs);
          this.wakeUp = () => {
            clearTimeout(t);
            r();
          };
        });
        this.wakeUp = undefined;
      }
    }
  }

  /**
   * The next event failed MAX_FAILURES times in a row: record it in zeebe_dead_record with the
   * error and move the cursor past it, so one bad event does not stop every inbox. Its content
   * stays in the export table (it may hold personal data, so it is not copied or logged).
   */
  async setAside(error: string): Promise<void> {
    await this.o.db.transaction(async (tx) => {
      const rows = await this.nextRecords(tx, 1);
      const r = rows[0];
      if (!r) return;
      await tx('zeebe_dead_record')
        .insert({ partition_id: r.partition_id, position: r.position, value_type: r.value_type, intent: r.intent, error: error.slice(0, 2000), at: new Date() })
        .onConflict(['partition_id', 'position'])
        .ignore();
      await tx('zeebe_cursor')
        .insert({ partition_id: r.partition_id, position: r.position, updated_at: new Date() })
        .onConflict('partition_id')
        .merge(['position', 'updated_at']);
      this.o.logger?.error(
        { partition: r.partition_id, position: r.position, valueType: r.value_type, intent: r.intent },
        'a Camunda event was set aside (zeebe_dead_record)',
      );
    });
  }

  /** The next events past the cursors (locked by this transaction). */
  private async nextRecords(tx: Knex.Transaction, limit: number): Promise<RecordRow[]> {
    // One projector at a time per database, also before the first cursor row exists.
    await tx.raw('select pg_advisory_xact_lock(?)', [PROJECTION_LOCK]);
    const cursors = await tx('zeebe_cursor').forUpdate().select('partition_id', 'position');
    const known = new Map(cursors.map((c) => [c.partition_id, c.position]));
    const conds: string[] = [];
    const binds: unknown[] = [];
    for (const [p, pos] of known) {
      conds.push('(partition_id = ? and position > ?)');
      binds.push(p, pos);
    }
    if (known.size) {
      conds.push(`partition_id not in (${[...known.keys()].map(() => '?').join(',')})`);
      binds.push(...known.keys());
    }
    const where = conds.length ? `where ${conds.join(' or ')}` : '';
    const res = await this.o.exportDb.raw(
      `select partition_id, position::text as position, value_type, intent, timestamp::text as timestamp, record_key::text as key, (record->'value')::text as value
       from ${this.o.schema}.record ${where} order by partition_id, position limit ${Number(limit)}`,
      binds as never[],
    );
    return res.rows as RecordRow[];
  }

  /** One batch: lock the cursors, read past them, project, move them. Returns how many records. */
  async tick(limit = 500): Promise<number> {
    return this.o.db.transaction(async (tx) => {
      const rows = await this.nextRecords(tx, limit);
      if (!rows.length) return 0;
      const events: EngineEvent[] = [];
      for (const r of rows) await this.project(tx, r, events);
      for (const ev of events) for (const l of this.o.listeners) await l(ev, tx);
      const last = new Map<number, string>();
      for (const r of rows) last.set(r.partition_id, r.position);
      for (const [p, pos] of last) {
        await tx('zeebe_cursor')
          .insert({ partition_id: p, position: pos, updated_at: new Date() })
          .onConflict('partition_id')
          .merge(['position', 'updated_at']);
      }
      return rows.length;
    });
  }

  private async project(tx: Knex.Transaction, r: RecordRow, events: EngineEvent[]): Promise<void> {
    const v = parseJson(r.value) as Value;
    const at = new Date(Number(r.timestamp));
    switch (r.value_type) {
      case 'PROCESS_INSTANCE':
        return this.processInstance(tx, r, v, at, events);
      case 'VARIABLE':
        return this.variable(tx, v);
      case 'USER_TASK':
        return this.userTask(tx, r, v, at, events);
      case 'INCIDENT':
        return this.incident(tx, r, v, at, events);
      default:
        return;
    }
  }

  private rootOf(tx: Knex.Transaction, instanceKey: string | undefined): Promise<string | undefined> {
    return this.w.rootOf(tx, instanceKey);
  }

  private async processInstance(tx: Knex.Transaction, r: RecordRow, v: Value, at: Date, events: EngineEvent[]): Promise<void> {
    const type = String(v.bpmnElementType);
    if (type === 'SEQUENCE_FLOW') return;
    const pik = keyOf(v.processInstanceKey)!;
    const ended = r.intent === 'ELEMENT_COMPLETED' ? 'COMPLETED' : r.intent === 'ELEMENT_TERMINATED' ? 'TERMINATED' : undefined;
    if (type === 'PROCESS') {
      if (r.intent === 'ELEMENT_ACTIVATING') {
        const parent = keyOf(v.parentProcessInstanceKey);
        const root = parent ? ((await this.rootOf(tx, parent)) ?? pik) : pik;
        const instance = await this.w.startInstance(tx, {
          key: pik,
          root_key: root,
          definition_key: keyOf(v.processDefinitionKey)!,
          process_id: String(v.bpmnProcessId),
          version: Number(v.version),
          parent_instance_key: parent ?? null,
          parent_element_key: keyOf(v.parentElementInstanceKey) ?? null,
          started_at: at,
        });
        events.push({ type: 'instanceStarted', instance });
      } else if (ended) {
        const instance = await this.w.endInstance(tx, pik, ended, at);
        if (instance) events.push({ type: ended === 'COMPLETED' ? 'instanceCompleted' : 'instanceTerminated', instance });
      }
      return;
    }
    const root = await this.rootOf(tx, pik);
    if (!root) return; // an instance from before our cursor started (skipHistory)
    if (r.intent === 'ELEMENT_ACTIVATING') {
      const element = await this.w.enterElement(tx, {
        key: r.key,
        instance_key: pik,
        root_key: root,
        element_id: String(v.elementId),
        element_type: elementTypeName(type),
        scope_key: keyOf(v.flowScopeKey) ?? pik,
        seq: r.position,
        started_at: at,
      });
      events.push({ type: 'elementEntered', processInstanceKey: pik, element });
    } else if (ended) {
      const element = await this.w.leaveElement(tx, r.key, ended, at);
      if (element) events.push({ type: 'elementLeft', processInstanceKey: pik, element });
    }
  }

  private async variable(tx: Knex.Transaction, v: Value): Promise<void> {
    // Zeebe writes an instance's start variables before the instance's ELEMENT_ACTIVATING.
    const pik = keyOf(v.processInstanceKey)!;
    const root = (await this.rootOf(tx, pik)) ?? pik;
    await this.w.setVariable(tx, { scopeKey: keyOf(v.scopeKey)!, name: String(v.name), rootKey: root, json: String(v.value) });
  }

  /** Element names by id for a process definition (user task names are not in the events). */
  private elementNames(tx: Knex.Transaction, definitionKey: string): Promise<Map<string, string | undefined>> {
    let p = this.names.get(definitionKey);
    if (!p) {
      p = (async () => {
        const d = await this.w.definition(tx, definitionKey);
        const out = new Map<string, string | undefined>();
        if (!d) return out;
        for (const m of await parseBpmn(d.xml)) if (m.processId === d.processId) for (const [id, e] of m.elements) out.set(id, e.name);
        return out;
      })();
      this.names.set(definitionKey, p);
      p.then(
        (m) => {
          if (!m.size) this.names.delete(definitionKey);
        },
        () => this.names.delete(definitionKey),
      );
    }
    return p;
  }

  private async userTask(tx: Knex.Transaction, r: RecordRow, v: Value, at: Date, events: EngineEvent[]): Promise<void> {
    const key = keyOf(v.userTaskKey) ?? r.key;
    const pik = keyOf(v.processInstanceKey)!;
    const root = await this.rootOf(tx, pik);
    if (!root) return;
    const strings = (x: unknown) => (Array.isArray(x) ? x.map(String) : []);
    const fields = {
      assignee: typeof v.assignee === 'string' && v.assignee !== '' ? v.assignee : null,
      candidate_groups: strings(v.candidateGroupsList),
      candidate_users: strings(v.candidateUsersList),
      due_date: date(v.dueDate),
      follow_up_date: date(v.followUpDate),
      priority: typeof v.priority === 'number' ? v.priority : 50,
    };
    switch (r.intent) {
      case 'CREATED': {
        const names = await this.elementNames(tx, keyOf(v.processDefinitionKey)!);
        const formKey = keyOf(v.formKey);
        const task = await this.w.createUserTask(tx, {
          key,
          instance_key: pik,
          root_key: root,
          element_key: keyOf(v.elementInstanceKey)!,
          element_id: String(v.elementId),
          name: names.get(String(v.elementId)) ?? null,
          ...fields,
          form_id: (formKey && (await this.w.formId(tx, formKey))) || null,
          headers: (v.customHeaders ?? {}) as Record<string, string>,
          created_at: at,
        });
        events.push({ type: 'userTaskCreated', task, variables: await this.w.visibleVariables(tx, pik, keyOf(v.elementInstanceKey)) });
        return;
      }
      case 'ASSIGNED':
      case 'UPDATED': {
        const task = await this.w.updateUserTask(tx, key, fields);
        if (task) events.push({ type: 'userTaskUpdated', task });
        return;
      }
      case 'COMPLETED':
      case 'CANCELED': {
        const task = await this.w.endUserTask(tx, key, r.intent);
        if (task) events.push({ type: r.intent === 'COMPLETED' ? 'userTaskCompleted' : 'userTaskCanceled', task });
        return;
      }
      default:
        return;
    }
  }

  private async incident(tx: Knex.Transaction, r: RecordRow, v: Value, at: Date, events: EngineEvent[]): Promise<void> {
    const pik = keyOf(v.processInstanceKey)!;
    const root = await this.rootOf(tx, pik);
    if (!root) return;
    if (r.intent === 'CREATED') {
      // Zeebe 8.6 names an unhandled error's incident element "NO_CATCH_EVENT_FOUND"; the port
      // gives the element the incident is on, which the element instance tells.
      const elementKey = keyOf(v.elementInstanceKey) ?? pik;
      const incident = await this.w.raiseIncident(tx, {
        key: r.key,
        instance_key: pik,
        root_key: root,
        element_key: elementKey,
        element_id: (await this.w.elementId(tx, elementKey)) ?? (typeof v.elementId === 'string' ? v.elementId : ''),
        error_type: String(v.errorType),
        error_message: typeof v.errorMessage === 'string' ? v.errorMessage : '',
        job_key: keyOf(v.jobKey) ?? null,
        created_at: at,
      });
      events.push({ type: 'incidentRaised', incident });
    } else if (r.intent === 'RESOLVED') {
      const incident = await this.w.resolveIncident(tx, r.key);
      if (incident) events.push({ type: 'incidentResolved', incident });
    }
  }
}
