/**
 * The log review (loggkontroll, issue 15 point 5): the audit log filtered by person, case number,
 * period and unit (with the units below), within the reviewer's part of the log (policy.ts
 * `reviewScope`), as server pages, as unusual-access views and as CSV. Views: every row; reads of
 * a case outside the reader's own units (the roles she held that day,
 * `active_role_assignment_on`, at the case's unit or above); reads of a case she reported
 * herself; bursts — many distinct cases read by one person within a short window. Every review and
 * export is itself audited, with its filters (ids, never a case's content).
 */
import type { Knex } from 'knex';
import type { Clock } from '../../clock.js';
import type { AuditLogRow, Db } from '../../db/index.js';
import { addDays, toLocalDate, zonedDateTime } from '../calendar/localDate.js';
import type { User } from '../org/index.js';
import { cappedCount, countCap, pageOf, type Paged } from '../paging.js';
import { audit } from './index.js';
import { auditCsv } from './csv.js';
import { reviewScope } from './policy.js';

/** The actions that read a case (a task's, an instance's): what the unusual-access views look at. */
const CASE_READS = ['read', 'read-context', 'read-form', 'read-refused'] as const;
/** The most rows one export holds; past it the file says it was cut and the reviewer narrows the filters. */
const EXPORT_MAX_ROWS = 10_000;

export type AuditView = 'all' | 'outside-unit' | 'own-case';

export interface AuditFilter {
  person?: string | undefined;
  caseNumber?: string | undefined;
  unitId?: string | undefined;
  /** Stockholm dates, both included. */
  from?: string | undefined;
  to?: string | undefined;
  view?: AuditView | undefined;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectKey: string;
  address: string | null;
  instanceKey: string | null;
  caseNumber: string | null;
  unitId: string | null;
  unitName: string | null;
}

export interface Burst {
  actor: string;
  actorName: string | null;
  start: string;
  end: string;
  /** The most distinct cases read within one window of the burst. */
  cases: number;
}

type EntryRow = {
  id: string;
  at: Date;
  actor: string;
  actor_name: string | null;
  action: string;
  subject_type: string;
  subject_key: string;
  address: string | null;
  instance_key: string | null;
  case_number: string | null;
  unit_id: string | null;
  unit_name: string | null;
};

const present = (r: EntryRow): AuditEntry => ({
  id: String(r.id),
  at: new Date(r.at).toISOString(),
  actor: r.actor,
  actorName: r.actor_name,
  action: r.action,
  subjectType: r.subject_type,
  subjectKey: r.subject_key,
  address: r.address,
  instanceKey: r.instance_key,
  caseNumber: r.case_number,
  unitId: r.unit_id,
  unitName: r.unit_name,
});

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
/** The nodes bound to `?…` and every node below them, as a recursive subquery with a column `id`. */
const below = (n: number) => `(with recursive b (id) as (
    select id from org_node where id in (${marks(n)})
    union select o.id from org_node o join b on o.parent_id = b.id
  ) select id from b)`;
/** The case's unit (`a.unit_id`) and every node above it. */
const ABOVE_ROW = `(with recursive up (id, parent_id, depth) as (
    select id, parent_id, 0 from org_node where id = a.unit_id
    union all select o.id, o.parent_id, up.depth + 1 from org_node o join up on o.id = up.parent_id where up.depth < 20
  ) select id from up)`;
/** Whether the reader held a role that day at the case's unit or above it. */
const OWN_UNIT = `exists (select 1 from active_role_assignment_on((a.at at time zone 'Europe/Stockholm')::date) r
    join app_user ru on ru.id = r.user_id where ru.username = a.actor and r.node_id in ${ABOVE_ROW})`;
/**
 * Whether the reader reported the case herself: its reporter, or the starter of its instance (the
 * case row can be opened by a worker before the start row it copies `reported_by` from exists).
 */
const OWN_CASE = `exists (select 1 from app_user cu where cu.username = a.actor and (
    exists (select 1 from "case" c where c.case_number = a.case_number and c.reported_by = cu.id)
    or exists (select 1 from process_instance_ref p where p.key = a.instance_key and p.started_by = cu.id)))`;

/** The review's service. */
export class AuditReview {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a read refused by a route's role rule before its input was read (the rule needs no
   * resource, so no service saw it): the route and its path parameters, which are ids.
   */
  async refusedRead(user: User, operationId: string, params: Record<string, string>): Promise<void> {
    await audit(this.db, this.clock.now(), user.username, 'read-refused', 'route', operationId, Object.keys(params).length ? { params } : undefined);
  }

  /** One page of the rows the reviewer may see, newest first; the review is audited. */
  async list(user: User, f: AuditFilter, page: number, pageSize: number): Promise<Paged<AuditEntry>> {
    const q = this.rows(user, f);
    const rows = await q
      .clone()
      .orderBy([
        { column: 'a.at', order: 'desc' },
        { column: 'a.id', order: 'desc' },
      ])
      .offset((page - 1) * pageSize)
      .limit(pageSize + 1);
    const { rows: items, hasMore } = pageOf(rows, pageSize);
    const { total, totalExact } = await cappedCount(this.db, q, countCap(page, pageSize));
    await audit(this.db, this.clock.now(), user.username, 'audit.review', 'audit-log', f.view ?? 'all', { ...filterDetail(f), page, count: items.length });
    return { items: items.map(present), total: Math.max(total, (page - 1) * pageSize + items.length), totalExact, hasMore, page, pageSize };
  }

  /** The rows as CSV (at most EXPORT_MAX_ROWS, newest first); the export is audited with its count. */
  async export(user: User, f: AuditFilter): Promise<{ csv: string; rows: number; truncated: boolean }> {
    const rows = await this.rows(user, f)
      .orderBy([
        { column: 'a.at', order: 'desc' },
        { column: 'a.id', order: 'desc' },
      ])
      .limit(EXPORT_MAX_ROWS + 1);
    const truncated = rows.length > EXPORT_MAX_ROWS;
    const entries = rows.slice(0, EXPORT_MAX_ROWS).map(present);
    await audit(this.db, this.clock.now(), user.username, 'audit.export', 'audit-log', f.view ?? 'all', {
      ...filterDetail(f),
      count: entries.length,
      truncated,
    });
    return { csv: auditCsv(entries, truncated), rows: entries.length, truncated };
  }

  /**
   * Bursts: windows of `windowMinutes` in which one person read at least `minCases` distinct
   * cases (the period defaults to the last 30 days); overlapping windows of a person are merged.
   */
  async bursts(user: User, f: AuditFilter, windowMinutes: number, minCases: number): Promise<Burst[]> {
    const period = { ...f, view: 'all' as const, from: f.from ?? toLocalDate(new Date(this.clock.now().getTime() - 30 * 86_400_000)) };
    const reads = this.rows(user, period).whereIn('a.action', CASE_READS).whereNotNull('a.case_number');
    const db = this.db;
    const windows = await db
      .with('reads', reads)
      .from('reads as r1')
      .join('reads as r2', function () {
        this.on('r2.actor', 'r1.actor')
          .andOn('r2.at', '>=', 'r1.at')
          .andOn(db.raw('r2.at < r1.at + make_interval(mins => ?)', [windowMinutes]));
      })
      .groupBy('r1.id', 'r1.actor', 'r1.actor_name', 'r1.at')
      .havingRaw('count(distinct r2.case_number) >= ?', [minCases])
      .orderBy([
        { column: 'r1.actor', order: 'asc' },
        { column: 'r1.at', order: 'asc' },
      ])
      .limit(5000)
      .select<{ actor: string; actor_name: string | null; start: Date; end: Date; cases: string | number }[]>(
        'r1.actor',
        'r1.actor_name',
        'r1.at as start',
        this.db.raw('max(r2.at) as "end"'),
        this.db.raw('count(distinct r2.case_number) as cases'),
      );
    await audit(this.db, this.clock.now(), user.username, 'audit.review', 'audit-log', 'bursts', { ...filterDetail(period), windowMinutes, minCases });
    return mergeWindows(
      windows.map((w) => ({ actor: w.actor, actorName: w.actor_name, start: new Date(w.start), end: new Date(w.end), cases: Number(w.cases) })),
    );
  }

  /** The filtered rows within the reviewer's part of the log, with the reader's and the unit's names. */
  private rows(user: User, f: AuditFilter): Knex.QueryBuilder<AuditLogRow, EntryRow[]> {
    const db = this.db;
    const scope = reviewScope(user);
    const q = db('audit_log as a')
      .leftJoin('app_user as u', 'u.username', 'a.actor')
      .leftJoin('org_node as n', 'n.id', 'a.unit_id')
      .select<EntryRow[]>(
        'a.id',
        'a.at',
        'a.actor',
        'u.display_name as actor_name',
        'a.action',
        'a.subject_type',
        'a.subject_key',
        'a.address',
        'a.instance_key',
        'a.case_number',
        'a.unit_id',
        'n.name as unit_name',
      );
    q.where((w) => {
      if (scope.nodes.length) w.whereRaw(`a.unit_id in ${below(scope.nodes.length)}`, scope.nodes);
      else w.whereRaw('false');
      if (scope.unitless) w.orWhereNull('a.unit_id');
    });
    if (f.person) q.where('a.actor', f.person);
    if (f.caseNumber) q.where('a.case_number', f.caseNumber);
    if (f.unitId) q.whereRaw(`a.unit_id in ${below(1)}`, [f.unitId]);
    if (f.from) q.where('a.at', '>=', zonedDateTime(toLocalDate(f.from), '00:00:00'));
    if (f.to) q.where('a.at', '<', zonedDateTime(addDays(toLocalDate(f.to), 1), '00:00:00'));
    if (f.view === 'outside-unit') q.whereIn('a.action', CASE_READS).whereNotNull('a.unit_id').whereRaw(`not ${OWN_UNIT}`);
    if (f.view === 'own-case') q.whereIn('a.action', CASE_READS).whereNotNull('a.case_number').whereRaw(OWN_CASE);
    // a query on an alias is untyped (src/db/README.md): its rows are the select above
    return q as Knex.QueryBuilder<AuditLogRow, EntryRow[]>;
  }
}

/** The filters as the review's own audit row keeps them (ids and dates only). */
const filterDetail = (f: AuditFilter) =>
  Object.fromEntries(
    Object.entries({ person: f.person, caseNumber: f.caseNumber, unitId: f.unitId, from: f.from, to: f.to }).filter(([, v]) => v !== undefined),
  );

/** Merges a person's overlapping windows (sorted by person, then start) into one burst each. */
function mergeWindows(windows: { actor: string; actorName: string | null; start: Date; end: Date; cases: number }[]): Burst[] {
  const out: { actor: string; actorName: string | null; start: Date; end: Date; cases: number }[] = [];
  for (const w of windows) {
    const last = out[out.length - 1];
    if (last && last.actor === w.actor && w.start <= last.end) {
      if (w.end > last.end) last.end = w.end;
      last.cases = Math.max(last.cases, w.cases);
    } else out.push({ ...w });
  }
  return out.map((b) => ({ actor: b.actor, actorName: b.actorName, start: b.start.toISOString(), end: b.end.toISOString(), cases: b.cases }));
}
