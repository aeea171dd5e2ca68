/**
 * The instance list for monitoring (InstanceService.list), built so that years of history do
 * not slow it down (issue 12 point 4):
 * - the page is chosen along an index in the list's order before anything is joined to it:
 *   all instances newest first read the runtime and the history table each in their
 *   `(started_at desc, key desc)` order, the top rows of each merged (a sort above the UNION
 *   ALL view could not use their indexes once the authorisation joins sat between them);
 *   instances waiting at an element are read from the active element instances there in
 *   `(started_at, instance_key)` order (migration 20261202_30), each instance once;
 * - only the page's rows get their start row, unit, case number and unit name;
 * - the total is counted up to the page's cap (paging.ts), never over all of history.
 */
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import type { User } from '../org/index.js';
import { engineTables as engine, type RelationRow } from '../../engine/readModel.js';
import { cappedCount, countCap, pageOf, type Paged } from '../paging.js';
import { INSTANCE_UNIT, instanceRows, variableJoin, type InstanceSource } from './access.js';
import { instanceScope } from './policy.js';

export interface InstanceFilter {
  processId?: string;
  /** Only instances waiting at this element now (an ACTIVE element instance there). */
  elementId?: string;
  /** `active`: running; `completed`: ended (completed or cancelled). */
  state?: 'active' | 'completed';
  page: number;
  pageSize: number;
}

export interface InstanceListItem {
  key: string;
  processId: string;
  caseNumber: string | null;
  unitId: string | null;
  unitName: string | null;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  startedAt: string;
  endedAt: string | null;
  waitingSince: string | null;
}

type Order = { column: string; order: 'asc' | 'desc' }[];
const NEWEST: Order = [
  { column: 'started_at', order: 'desc' },
  { column: 'key', order: 'desc' },
];
const LONGEST_WAITING: Order = [
  { column: 'waiting_since', order: 'asc' },
  { column: 'key', order: 'asc' },
];
const COLUMNS = ['i.key', 'i.process_id', 'i.state', 'i.started_at', 'i.ended_at'];
const iso = (v: Date | null) => (v ? new Date(v).toISOString() : null);
/** A page row as listInstances reads it: COLUMNS, when it began waiting (element filter only), and its unit and case number. */
type ListedRow = Pick<RelationRow<'instance'>, 'key' | 'process_id' | 'state' | 'started_at' | 'ended_at'> & {
  waiting_since: Date | null;
  unit_id: string | null;
  unit_name: string | null;
  case_number: string | null;
};

/** The instances of `from` the user may read, with the filter's process and state (no columns selected). */
function readable(db: Db, user: User, f: InstanceFilter, from: InstanceSource): Knex.QueryBuilder {
  // the visibility table decides (processes/policy.ts); nobody reads everything by being admin
  const q = instanceScope(db, instanceRows(db, from, true), user);
  if (f.processId) q.where('i.process_id', f.processId);
  if (f.state === 'active') q.where('i.state', 'ACTIVE');
  if (f.state === 'completed') q.whereIn('i.state', ['COMPLETED', 'TERMINATED']);
  return q;
}

/** Instances waiting at the filter's element: one row per instance, its earliest active element instance there. */
function waiting(db: Db, user: User, f: InstanceFilter): Knex.QueryBuilder {
  const earlier = engine
    .from(db, 'element', 'e2', 'running')
    .select(db.raw('1'))
    .whereRaw('e2.element_id = e.element_id and e2.instance_key = e.instance_key')
    .where('e2.state', 'ACTIVE')
    .whereRaw('(e2.started_at, e2.key) < (e.started_at, e.key)');
  // waiting is running: the runtime tables hold every active element instance
  return readable(db, user, f, 'running')
    .join(`${engine.relation('element', 'running')} as e`, 'e.instance_key', 'i.key')
    .where({ 'e.element_id': f.elementId, 'e.state': 'ACTIVE' })
    .whereNotExists(earlier);
}

/** The page's instance rows (pageSize + 1 of them), in the list's order, before any decoration. */
function pageRows(db: Db, user: User, f: InstanceFilter): Knex.QueryBuilder {
  const offset = (f.page - 1) * f.pageSize;
  if (f.elementId) {
    return waiting(db, user, f)
      .select(...COLUMNS, 'e.started_at as waiting_since')
      .orderBy([
        { column: 'e.started_at', order: 'asc' },
        { column: 'e.instance_key', order: 'asc' },
      ])
      .limit(f.pageSize + 1)
      .offset(offset);
  }
  // the first page + 1 rows of each side hold the page + 1 rows of both
  const top = (from: InstanceSource) =>
    readable(db, user, f, from)
      .select(...COLUMNS, db.raw('null::timestamptz as waiting_since'))
      .orderBy(NEWEST.map((o) => ({ ...o, column: `i.${o.column}` })))
      .limit(offset + f.pageSize + 1);
  // running instances are all in the runtime tables; ended ones mostly in history
  const merged =
    f.state === 'active'
      ? top('running')
      : db
          .select('*')
          .from(top('running').as('rt'))
          .unionAll(db.select('*').from(top('history').as('h')));
  return db
    .from(merged.as('i'))
    .select('i.*')
    .orderBy(NEWEST.map((o) => ({ ...o, column: `i.${o.column}` })))
    .limit(f.pageSize + 1)
    .offset(offset);
}

/** One page of the instances the user may read (not audited: the caller does that). */
export async function listInstances(db: Db, user: User, f: InstanceFilter): Promise<Paged<InstanceListItem>> {
  const order = f.elementId ? LONGEST_WAITING : NEWEST;
  const decorated = db
    .from(pageRows(db, user, f).as('p'))
    .leftJoin('process_instance_ref as r', (j) => j.on(db.raw('r.key = p.key::text')))
    .joinRaw(variableJoin('uv', 'unitId', 'p.key'))
    .joinRaw(variableJoin('cv', 'caseNumber', 'p.key'))
    .leftJoin('org_node as n', (j) => j.on(db.raw(`n.id = ${INSTANCE_UNIT}`)))
    .select('p.*', 'n.name as unit_name', db.raw(`${INSTANCE_UNIT} as unit_id`), db.raw("cv.value #>> '{}' as case_number"))
    .orderBy(order.map((o) => ({ ...o, column: `p.${o.column}` })));
  // the count and the page are independent reads: on a pool they run side by side
  const [counted, read] = await Promise.all([
    cappedCount(db, f.elementId ? waiting(db, user, f) : readable(db, user, f, f.state === 'active' ? 'running' : 'all'), countCap(f.page, f.pageSize)),
    decorated,
  ]);
  const { rows, hasMore } = pageOf(read as ListedRow[], f.pageSize);
  return {
    items: rows.map((r) => ({
      key: String(r.key),
      processId: r.process_id,
      caseNumber: r.case_number ?? null,
      unitId: r.unit_id ?? null,
      unitName: r.unit_name ?? null,
      state: r.state,
      startedAt: iso(r.started_at)!,
      endedAt: iso(r.ended_at),
      waitingSince: iso(r.waiting_since),
    })),
    ...counted,
    hasMore,
    page: f.page,
    pageSize: f.pageSize,
  };
}
