/**
 * Retention (gallring) of ended process instances. A rule per process id says how many months
 * an ended call tree is kept and on what basis (retention_rule; migration 20261202_21). A run
 * deletes every tree in the engine's history whose instances are all past their own process's
 * rule — a tree is kept as long as its longest-kept instance — with its event log and the
 * inbox's finished task rows and start rows of those instances (they are the engine's data
 * projected for the inbox, and say nothing once the instance is gone). Domain records (cases,
 * reports, the audit log) follow the organisation's records plan and are not touched here.
 * Each run is recorded in retention_run and in the audit log, with counts only.
 */
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import { InputError, NotFoundError } from '../../errors.js';
import type { User } from '../org/index.js';
import { authorize } from '../policy.js';
import { audit } from '../audit/index.js';

export interface RetentionRule { processId: string; keepMonths: number | null; legalBasis: string; decidedBy: string | null; updatedAt: string }

/** What one run deleted: rows per table, and trees per process id. */
export interface RetentionCounts { tables: Record<string, number>; trees: Record<string, number> }

/** Trees deleted per transaction: small enough to keep locks short. */
const BATCH = 500;

/** Root keys of ended trees past their retention, at most `limit`. */
const DUE_ROOTS = `
  select h.root_key from engine_instance_hist h join retention_rule r on r.process_id = h.process_id
  where h.key = h.root_key and r.keep_months is not null and h.ended_at < cast(:now as timestamptz) - make_interval(months => r.keep_months)
    and not exists (
      select 1 from engine_instance_hist c left join retention_rule cr on cr.process_id = c.process_id
      where c.root_key = h.root_key and c.key <> c.root_key
        and (cr.keep_months is null or c.ended_at >= cast(:now as timestamptz) - make_interval(months => cr.keep_months)))
  limit :limit`;

/** Deletes the trees in :roots from history, with the inbox rows of their instances; counts per table. */
const DELETE_TREES = `
  with inst as (delete from engine_instance_hist where root_key = any(cast(:roots as bigint[])) returning key, root_key, process_id),
       el as (delete from engine_element_hist where root_key = any(cast(:roots as bigint[])) returning 1),
       va as (delete from engine_variable_hist where root_key = any(cast(:roots as bigint[])) returning 1),
       inc as (delete from engine_incident_hist where root_key = any(cast(:roots as bigint[])) returning 1),
       ut as (delete from engine_user_task_hist where root_key = any(cast(:roots as bigint[])) returning 1),
       ev as (delete from engine_event_log_hist where root_key = any(cast(:roots as bigint[])) returning 1),
       inbox as (delete from user_task where process_instance_key in (select key::text from inst) and state in ('completed', 'canceled') returning 1),
       refs as (delete from process_instance_ref where key in (select key::text from inst) returning 1)
  select (select count(*) from inst)::int as engine_instance_hist, (select count(*) from el)::int as engine_element_hist,
         (select count(*) from va)::int as engine_variable_hist, (select count(*) from inc)::int as engine_incident_hist,
         (select count(*) from ut)::int as engine_user_task_hist, (select count(*) from ev)::int as engine_event_log_hist,
         (select count(*) from inbox)::int as user_task, (select count(*) from refs)::int as process_instance_ref,
         (select coalesce(jsonb_object_agg(process_id, n), '{}') from (select process_id, count(*)::int as n from inst where key = root_key group by process_id) p) as trees`;

function present(r: Record<string, unknown>): RetentionRule {
  return {
    processId: r.process_id as string, keepMonths: r.keep_months === null ? null : Number(r.keep_months), legalBasis: r.legal_basis as string,
    decidedBy: (r.decided_by as string) ?? null, updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}

/** The retention rules and runs. */
export class RetentionService {
  constructor(private readonly db: Db) {}

  /** Every rule, by process id. */
  async rules(): Promise<RetentionRule[]> {
    return (await this.db('retention_rule').orderBy('process_id')).map(present);
  }

  /** Sets a process's rule (admin only; audited): months kept (null: for ever), legal basis, who decided. */
  async setRule(user: User, at: Date, processId: string, rule: { keepMonths: number | null; legalBasis: string; decidedBy: string | null }): Promise<RetentionRule> {
    authorize(user, 'retention.rule.set');
    if (rule.keepMonths !== null && (!Number.isInteger(rule.keepMonths) || rule.keepMonths < 1)) {
      throw new InputError('Bevarandetiden är ogiltig', [{ field: 'keepMonths', message: 'ett helt antal månader, minst 1' }]);
    }
    if (!rule.legalBasis.trim()) throw new InputError('Ange grund för gallringen', [{ field: 'legalBasis', message: 'krävs' }]);
    return this.db.transaction(async (tx) => {
      const [row] = await tx('retention_rule')
        .insert({ process_id: processId, keep_months: rule.keepMonths, legal_basis: rule.legalBasis, decided_by: rule.decidedBy, updated_at: at })
        .onConflict('process_id').merge().returning('*');
      if (!row) throw new NotFoundError('Regeln finns inte');
      await audit(tx, at, user.username, 'update', 'retention-rule', processId);
      return present(row);
    });
  }

  /** Deletes every history tree past its rule at `now`, in batches; records the run and audits its counts. */
  async run(now: Date, actor = 'system'): Promise<RetentionCounts> {
    const [{ id }] = await this.db('retention_run').insert({ started_at: now }).returning('id');
    return this.execute(String(id), now, actor);
  }

  /**
   * Runs when the last run started `everyMs` or longer ago (default a day). Several app
   * processes may ask at once: an advisory lock and the run row decide which one runs.
   */
  async runIfDue(now: Date, everyMs = 86_400_000): Promise<RetentionCounts | undefined> {
    const id = await this.db.transaction(async (tx) => {
      const lock = await tx.raw('select pg_try_advisory_xact_lock(hashtext(?)) as ok', ['kvh:retention']);
      if (!lock.rows[0].ok) return undefined;
      const last = await tx('retention_run').max('started_at as at').first();
      if (last?.at && now.getTime() - new Date(last.at as string).getTime() < everyMs) return undefined;
      const [row] = await tx('retention_run').insert({ started_at: now }).returning('id');
      return String(row.id);
    });
    return id === undefined ? undefined : this.execute(id, now, 'system');
  }

  private async execute(id: string, now: Date, actor: string): Promise<RetentionCounts> {
    const counts: RetentionCounts = { tables: {}, trees: {} };
    for (;;) {
      const n = await this.db.transaction((tx) => this.batch(tx, now, counts));
      if (n < BATCH) break;
    }
    await this.db.transaction(async (tx) => {
      await tx('retention_run').where({ id }).update({ finished_at: now, deleted: JSON.stringify(counts) });
      await tx('audit_log').insert({ at: now, actor, action: 'cull', subject_type: 'retention-run', subject_key: String(id), detail: JSON.stringify(counts) });
    });
    return counts;
  }

  /** One batch of trees in one transaction; returns how many trees it found. */
  private async batch(tx: Knex.Transaction, now: Date, counts: RetentionCounts): Promise<number> {
    const roots = (await tx.raw(DUE_ROOTS, { now, limit: BATCH })).rows.map((r: { root_key: unknown }) => String(r.root_key));
    if (!roots.length) return 0;
    const r = (await tx.raw(DELETE_TREES, { roots: `{${roots.join(',')}}` })).rows[0] as Record<string, unknown>;
    for (const [k, v] of Object.entries(r)) {
      if (k === 'trees') for (const [p, n] of Object.entries(v as Record<string, number>)) counts.trees[p] = (counts.trees[p] ?? 0) + n;
      else counts.tables[k] = (counts.tables[k] ?? 0) + Number(v);
    }
    return roots.length;
  }
}
