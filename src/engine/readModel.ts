/**
 * The engine's read side (issue 13 point 3): process instances, element instances, variables,
 * incidents, user tasks and jobs, as the domain may read them. Lists are paged and authorised
 * in SQL (DESIGN.md §3), joined to our own tables (process_instance_ref, org_node, role
 * assignments), so the contract is SQL-level: named relations with documented columns, and
 * query builders over them, rather than rows fetched one by one. Outside src/engine/ nothing
 * names an engine table; it asks this read model (test/unit/engineTables.test.ts checks).
 *
 * Both engines keep the same relations in our database: the embedded engine writes them in its
 * own commands (its state is these tables); the Zeebe adapter's projection writes them from the
 * broker's exported events through `ReadModelWriter` (readModelWriter.ts). So `engineTables`
 * below is the read model of either, and `ProcessEngine.readModel` hands it out.
 *
 * Columns (bigint keys as text in JSON, as strings from the driver; times timestamptz):
 * - instance: key, root_key, definition_key, process_id, version, state (ACTIVE | COMPLETED |
 *   TERMINATED), parent_instance_key, parent_element_key, start_correlation_key,
 *   start_message_name, started_at, ended_at;
 * - element: key, instance_key, root_key, element_id, element_type, scope_key, state (ACTIVE |
 *   WAITING | COMPLETED | TERMINATED), loop_counter, data, seq, started_at, ended_at;
 * - variable: scope_key, name, root_key, value (jsonb); an instance's own variables have its key as scope;
 * - incident: key, instance_key, root_key, element_key, element_id, error_type, error_message,
 *   job_key, state (ACTIVE | RESOLVED), phase, created_at;
 * - userTask: the engine's own user tasks (the inbox is the domain's `user_task`);
 * - job (running only): key, type, state, instance_key, root_key, element_key, element_id, retries, due_at, deadline;
 * - definition (deployed, never in history): key, process_id, version, name, deployed_at.
 * `running` is the runtime side (trees still running, including their ended children),
 * `history` the trees that ended, `all` both (UNION ALL views).
 */
import type { Knex } from 'knex';
import type {
  EngineDefinitionRow,
  EngineElementAllRow,
  EngineIncidentAllRow,
  EngineInstanceAllRow,
  EngineJobRow,
  EngineUserTaskAllRow,
  EngineVariableAllRow,
} from '../db/tables.js';

/** Which side of the engine's state a read covers. */
export type ReadSource = 'all' | 'running' | 'history';

/** The relations of the read model. */
export type Relation = 'instance' | 'element' | 'variable' | 'incident' | 'userTask' | 'job' | 'definition';

/** A relation's row as a select of its columns gives it (on every side: a history row has the runtime row's columns). */
export interface RelationRows {
  instance: EngineInstanceAllRow;
  element: EngineElementAllRow;
  variable: EngineVariableAllRow;
  incident: EngineIncidentAllRow;
  userTask: EngineUserTaskAllRow;
  job: EngineJobRow;
  definition: EngineDefinitionRow;
}
export type RelationRow<R extends Relation> = RelationRows[R];

/** A knex instance or transaction. */
export type Executor = Knex | Knex.Transaction;

/** What a retention run deleted from the engine's history: rows per relation, and the instances that went. */
export interface CulledTrees {
  rows: Record<string, number>;
  /** The deleted instances (every instance of every tree), with their process ids. */
  instances: { key: string; processId: string; root: boolean }[];
}

/** The read side of an engine, at the level of SQL (see the file's comment for the columns). */
export interface EngineReadModel {
  /** The SQL name of a relation on a side (`running` and `history` are tables; `all` a view): for raw SQL and joins. */
  relation(relation: Relation, source?: ReadSource): string;
  /** `select … from <relation> as <alias>`: a query builder to filter, join, page and select. */
  from(db: Executor, relation: Relation, alias: string, source?: ReadSource): Knex.QueryBuilder;
  /**
   * SQL for `joinRaw`: a lateral lookup of one variable `name` of the instance whose key is the
   * column expression `key`, as `alias` (its `value` column, jsonb). One row at most per
   * instance, so the planner does not guess a fan-out through the UNION ALL.
   */
  variable(alias: string, name: string, key: string, source?: ReadSource): string;
  /** Deletes ended trees (by root key) from the engine's history, every relation of them, in the caller's transaction (retention). */
  cullHistory(tx: Knex.Transaction, roots: string[]): Promise<CulledTrees>;
}

const NAMES: Record<Relation, string> = {
  instance: 'engine_instance',
  element: 'engine_element',
  variable: 'engine_variable',
  incident: 'engine_incident',
  userTask: 'engine_user_task',
  job: 'engine_job',
  definition: 'engine_definition',
};
/** Relations with no history side: jobs end with their element, definitions stay. */
const RUNTIME_ONLY = new Set<Relation>(['job', 'definition']);

const SUFFIX: Record<ReadSource, string> = { all: '_all', running: '', history: '_hist' };

function relation(r: Relation, source: ReadSource = 'all'): string {
  if (RUNTIME_ONLY.has(r)) return NAMES[r];
  return NAMES[r] + SUFFIX[source];
}

/** Deletes the trees in :roots from every history table; counts per table, and the instances deleted. */
const CULL = `
  with inst as (delete from engine_instance_hist where root_key = any(cast(:roots as bigint[])) returning key, root_key, process_id),
       el as (delete from engine_element_hist where root_key = any(cast(:roots as bigint[])) returning 1),
       va as (delete from engine_variable_hist where root_key = any(cast(:roots as bigint[])) returning 1),
       inc as (delete from engine_incident_hist where root_key = any(cast(:roots as bigint[])) returning 1),
       ut as (delete from engine_user_task_hist where root_key = any(cast(:roots as bigint[])) returning 1),
       ev as (delete from engine_event_log_hist where root_key = any(cast(:roots as bigint[])) returning 1)
  select (select count(*) from el)::int as engine_element_hist, (select count(*) from va)::int as engine_variable_hist,
         (select count(*) from inc)::int as engine_incident_hist, (select count(*) from ut)::int as engine_user_task_hist,
         (select count(*) from ev)::int as engine_event_log_hist,
         (select coalesce(jsonb_agg(jsonb_build_object('key', key::text, 'processId', process_id, 'root', key = root_key)), '[]') from inst) as instances`;

interface CullRow extends Record<string, unknown> {
  instances: CulledTrees['instances'];
}

/** The read model over the engine tables both engines keep in our database. */
export const engineTables: EngineReadModel = {
  relation,
  from: (db, r, alias, source) => db(`${relation(r, source)} as ${alias}`),
  variable: (alias, name, key, source = 'all') =>
    `left join lateral (select v.value from ${relation('variable', source)} v where v.scope_key = ${key} and v.name = '${name}' limit 1) ${alias} on true`,
  async cullHistory(tx, roots) {
    const res = await tx.raw<{ rows: CullRow[] }>(CULL, { roots: `{${roots.join(',')}}` });
    const { instances, ...counts } = res.rows[0]!;
    const rows: Record<string, number> = { engine_instance_hist: instances.length };
    for (const [k, v] of Object.entries(counts)) rows[k] = Number(v);
    return { rows, instances };
  },
};
