/**
 * The element, variable, job and event-log writes of one command, held until the command ends and
 * then written in one statement (data-modifying CTEs: multi-row inserts, an upsert and an
 * `update … from jsonb_to_recordset`). A row created and changed in the same command is
 * inserted as it ended up; a variable set twice is written once.
 *
 * The contract: the tree's element and variable rows in the database are those of the command's
 * start until `flush()`. The Run keeps them in memory (state.ts), and nothing inside a command
 * reads them with SQL; code that must (e.g. moving an ended instance's rows to history) calls
 * `run.writes.flush()` first. Jobs created in the command are buffered too: `closeWaits`
 * (the one statement inside a command that looks for jobs by element) flushes them first.
 */
import type { Knex } from 'knex';
import { prepared } from './prepared.js';

type Row = Record<string, unknown>;

/** A change to an element row that already exists in the database. */
export interface ElementPatch {
  state?: string;
  ended_at?: Date;
  data?: unknown;
}

const ELEMENT_INSERT = `ins_el as (insert into engine_element (key, instance_key, root_key, element_id, element_type, scope_key, state, seq, started_at, ended_at, data)
  select key, instance_key, root_key, element_id, element_type, scope_key, state, seq, started_at, ended_at, data
  from jsonb_to_recordset(?::jsonb) as x(key bigint, instance_key bigint, root_key bigint, element_id text, element_type text,
    scope_key bigint, state text, seq bigint, started_at timestamptz, ended_at timestamptz, data jsonb))`;
const ELEMENT_UPDATE = `upd_el as (update engine_element e set state = coalesce(p.state, e.state), ended_at = coalesce(p.ended_at, e.ended_at),
    data = case when p.set_data then p.data else e.data end
  from jsonb_to_recordset(?::jsonb) as p(key bigint, state text, ended_at timestamptz, data jsonb, set_data boolean) where e.key = p.key)`;
const VARIABLE_UPSERT = `ups_var as (insert into engine_variable (scope_key, name, root_key, value)
  select scope_key, name, root_key, value::jsonb from jsonb_to_recordset(?::jsonb) as x(scope_key bigint, name text, root_key bigint, value text)
  on conflict (scope_key, name) do update set value = excluded.value, root_key = excluded.root_key)`;
const JOB_INSERT = `ins_job as (insert into engine_job (key, type, state, instance_key, root_key, element_key, element_id, retries, headers, due_at, activation, deadline)
  select key, type, state, instance_key, root_key, element_key, element_id, retries, headers, due_at, activation, deadline
  from jsonb_to_recordset(?::jsonb) as x(key bigint, type text, state text, instance_key bigint, root_key bigint, element_key bigint,
    element_id text, retries int, headers jsonb, due_at timestamptz, activation text, deadline timestamptz))`;
const LOG_INSERT = `ins_log as (insert into engine_event_log (at, instance_key, kind, element_id, subject_key, data)
  select at, instance_key, kind, element_id, subject_key, data::jsonb
  from jsonb_to_recordset(?::jsonb) as x(n int, at timestamptz, instance_key bigint, kind text, element_id text, subject_key bigint, data text) order by n)`;

/** Buffered writes of one command. */
export class WriteBuffer {
  private readonly inserts = new Map<string, Row>();
  private readonly patches = new Map<string, Row>();
  private readonly variables = new Map<string, Row>();
  private jobs: Row[] = [];
  private log: Row[] = [];
  /** The root instance's end (`endRoot`), written with the revision by the command's last write. */
  private rootEnd: { state: string; endedAt: Date } | undefined;

  constructor(private readonly tx: Knex.Transaction) {}

  /** A new element row (columns as in engine_element). */
  insertElement(row: Row): void {
    this.inserts.set(String(row.key), { ...row, ended_at: null, data: null });
  }

  /** Changes an element row (new in this command or already stored). */
  patchElement(key: string, patch: ElementPatch): void {
    const pending = this.inserts.get(key);
    if (pending) {
      Object.assign(pending, patch);
      return;
    }
    const p = this.patches.get(key) ?? { key };
    if (patch.state !== undefined) p.state = patch.state;
    if (patch.ended_at !== undefined) p.ended_at = patch.ended_at;
    if ('data' in patch) Object.assign(p, { data: patch.data ?? null, set_data: true });
    this.patches.set(key, p);
  }

  /** Sets a variable on a scope to a JSON text (the last value set in the command is written). */
  setVariable(scopeKey: string, name: string, rootKey: string, json: string): void {
    this.variables.set(`${scopeKey}\u0000${name}`, { scope_key: scopeKey, name, root_key: rootKey, value: json });
  }

  /** A new job row (columns as in engine_job; `headers` as an object). */
  insertJob(row: Row): void {
    this.jobs.push(row);
  }

  /**
   * The root instance ended (COMPLETED or TERMINATED): its row gets state and end time in the
   * command's last write, with the revision (one row may be updated only once per statement).
   * Nothing in a command reads the root row's state with SQL before that write.
   */
  endRoot(state: 'COMPLETED' | 'TERMINATED', endedAt: Date): void {
    this.rootEnd = { state, endedAt };
  }

  /** Whether job rows wait to be written (code that looks for jobs with SQL flushes first). */
  get hasJobs(): boolean {
    return this.jobs.length > 0;
  }

  /** Event-log rows to write with the rest (taken over; the array is emptied). */
  appendLog(rows: Row[]): void {
    if (rows.length) this.log.push(...rows.splice(0));
  }

  /**
   * Writes everything buffered in one statement; a no-op when nothing is, unless `last` is given:
   * the command's last write then also raises the tree's revision (treeCache.ts), which it
   * returns, and for a running tree (`tidy`) deletes what the tree no longer needs (history.ts
   * TIDY). The deletes see the rows as they were before this statement, so the variables of
   * ended scopes are left out of the upsert here, and what they delete (finished jobs, fired
   * timers, closed subscriptions) was marked so by earlier statements of the command.
   */
  async flush(last?: LastWrite): Promise<string | undefined> {
    const parts: string[] = [];
    const bindings: unknown[] = [];
    // The statement's text depends only on which parts it has: they name the prepared statement.
    let shape = '';
    const add = (sql: string, rows: Row[]) => {
      shape += rows.length ? '1' : '0';
      if (!rows.length) return;
      parts.push(sql);
      bindings.push(JSON.stringify(rows));
    };
    const ended = new Set(last?.endedScopes ?? []);
    add(ELEMENT_INSERT, [...this.inserts.values()]);
    add(ELEMENT_UPDATE, [...this.patches.values()]);
    add(
      VARIABLE_UPSERT,
      [...this.variables.values()].filter((v) => !ended.has(String(v.scope_key))),
    );
    add(JOB_INSERT, this.jobs);
    add(
      LOG_INSERT,
      this.log.map((r, n) => ({ ...r, n })),
    );
    this.inserts.clear();
    this.patches.clear();
    this.variables.clear();
    this.jobs = [];
    this.log = [];
    shape += last ? (last.tidy ? 't' : 'l') : 'n';
    if (last) {
      parts.push(REV_UPDATE);
      bindings.push(this.rootEnd?.state ?? null, this.rootEnd?.endedAt ?? null, last.rootKey);
      this.rootEnd = undefined;
      if (last.tidy) {
        parts.push(TIDY);
        bindings.push(last.rootKey, last.rootKey, last.rootKey, last.rootKey, `{${[...ended].join(',')}}`);
      }
    } else if (!parts.length) return undefined;
    const sql = `with ${parts.join(',\n')} select ${last ? '(select rev from rev)' : 'null'} as rev`;
    const r = await prepared(this.tx, `write_${shape}`, sql, bindings as string[]);
    return (r.rows[0] as { rev: string | null } | undefined)?.rev ?? undefined;
  }
}

/** What the last write of a command also does (see `flush`). */
export interface LastWrite {
  rootKey: string;
  tidy: boolean;
  endedScopes: string[];
}

const REV_UPDATE = `rev as (update engine_instance set rev = rev + 1, state = coalesce(?::text, state), ended_at = coalesce(?::timestamptz, ended_at)
  where key = ? returning rev::text as rev)`;
/** history.ts: what a running tree no longer needs (finished jobs and timers, closed subscriptions, ended scopes' variables). */
const TIDY = `tidy_job as (delete from engine_job where root_key = ? and state in ('COMPLETED', 'CANCELED')),
  tidy_timer as (delete from engine_timer where root_key = ? and state in ('FIRED', 'CANCELED')),
  tidy_sub as (delete from engine_subscription where root_key = ? and state = 'CLOSED'),
  tidy_var as (delete from engine_variable where root_key = ? and scope_key = any(cast(? as bigint[])))`;
