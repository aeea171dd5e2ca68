/**
 * The rows a process instance is authorised on (policy.ts's instanceScope), for the single read
 * and the list: the instance, its start row and its unit. The unit is the one given when it was
 * started by hand (process_instance_ref) or, for instances started by a message or called by
 * another process, its `unitId` variable.
 */
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import { engineTables as engine, type ReadSource } from '../../engine/readModel.js';

/** SQL for the unit of the instance `i` in `instanceRows`. */
export const INSTANCE_UNIT = "coalesce(r.unit_id, uv.value #>> '{}')";

/** Which instances `instanceRows` reads: running and ended (the view), the runtime tables only, or history only. */
export type InstanceSource = ReadSource;

/**
 * A lateral lookup of one variable of the instance `key` (a column expression) as `alias`, from
 * the engine's variables on the side `variables` (readModel.ts: `engine.variable`). A lookup of
 * one row (not a join to the view): the planner then knows each instance has at most one,
 * instead of guessing a fan-out through the UNION ALL (and JIT-compiling for it).
 */
export const variableJoin = (alias: string, name: string, key = 'i.key', variables: InstanceSource = 'all') => engine.variable(alias, name, key, variables);

/**
 * The engine's instances as `i` (readModel.ts; running and ended instances: ended trees are in
 * the engine's history; `from` may read one side alone) with its start row (r), unit variable (uv), case
 * number variable (cv) and unit node (n); `lean` leaves out what only the listed columns need
 * (cv, n), for counting and authorising.
 */
export function instanceRows(db: Db, from: InstanceSource = 'all', lean = false): Knex.QueryBuilder {
  const q = engine
    .from(db, 'instance', 'i', from)
    .leftJoin('process_instance_ref as r', (j) => j.on(db.raw('r.key = i.key::text')))
    .joinRaw(variableJoin('uv', 'unitId', 'i.key', from));
  if (lean) return q;
  return q.joinRaw(variableJoin('cv', 'caseNumber', 'i.key', from)).leftJoin('org_node as n', (j) => j.on(db.raw(`n.id = ${INSTANCE_UNIT}`)));
}
