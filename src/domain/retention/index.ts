/**
 * Retention (gallring) of ended process instances. A rule per process id says how many months
 * an ended call tree is kept and on what basis (retention_rule; migration 20261202_21). A run
 * deletes every tree in the engine's history whose instances are all past their own process's
 * rule — a tree is kept as long as its longest-kept instance — with its event log and the
 * inbox's finished task rows and start rows of those instances (they are the engine's data
 * projected for the inbox, and say nothing once the instance is gone). Domain records (cases,
 * reports) follow the organisation's records plan and are not touched here; the audit log is
 * culled past AUDIT_RETENTION_MONTHS in the run's last transaction (audit/retention.ts).
 * Each run is recorded in retention_run and in the audit log, with counts only.
 */
import type { Knex } from 'knex';
import type { Db, RetentionRuleRow } from '../../db/index.js';
import { InputError, NotFoundError } from '../../errors.js';
import type { User } from '../org/index.js';
import { authorize } from '../policy.js';
import { audit } from '../audit/index.js';
import { AUDIT_RETENTION_MONTHS, cullAuditLog } from '../audit/retention.js';
import type { EngineReadModel } from '../../engine/readModel.js';

export interface RetentionRule {
  processId: string;
  keepMonths: number | null;
  legalBasis: string;
  decidedBy: string | null;
  updatedAt: string;
}

/** What one run deleted: rows per table, and trees per process id. */
export interface RetentionCounts {
  tables: Record<string, number>;
  trees: Record<string, number>;
}

/** Trees deleted per transaction: small enough to keep locks short. */
const BATCH = 500;

/** Root keys of ended trees past their retention, at most `limit`; `hist` is the engine's history of instances. */
const dueRoots = (hist: string) => `
  select h.root_key from ${hist} h join retention_rule r on r.process_id = h.process_id
  where h.key = h.root_key and r.keep_months is not null and h.ended_at < cast(:now as timestamptz) - make_interval(months => r.keep_months)
    and not exists (
      select 1 from ${hist} c left join retention_rule cr on cr.process_id = c.process_id
      where c.root_key = h.root_key and c.key <> c.root_key
        and (cr.keep_months is null or c.ended_at >= cast(:now as timestamptz) - make_interval(months => cr.keep_months)))
  limit :limit`;

function present(r: RetentionRuleRow): RetentionRule {
  return { processId: r.process_id, keepMonths: r.keep_months, legalBasis: r.legal_basis, decidedBy: r.decided_by, updatedAt: r.updated_at.toISOString() };
}

/** The retention rules and runs. */
export class RetentionService {
  constructor(
    private readonly db: Db,
    private readonly readModel: EngineReadModel,
    /** How many months audit rows are kept (AUDIT_RETENTION_MONTHS). */
    private readonly auditMonths = AUDIT_RETENTION_MONTHS,
  ) {}

  /** Every rule, by process id. */
  async rules(): Promise<RetentionRule[]> {
    return (await this.db('retention_rule').orderBy('process_id')).map(present);
  }

  /** Sets a process's rule (admin only; audited): months kept (null: for ever), legal basis, who decided. */
  async setRule(
    user: User,
    at: Date,
    processId: string,
    rule: { keepMonths: number | null; legalBasis: string; decidedBy: string | null },
  ): Promise<RetentionRule> {
    authorize(user, 'retention.rule.set');
    if (rule.keepMonths !== null && (!Number.isInteger(rule.keepMonths) || rule.keepMonths < 1)) {
      throw new InputError('Bevarandetiden är ogiltig', [{ field: 'keepMonths', message: 'ett helt antal månader, minst 1' }]);
    }
    if (!rule.legalBasis.trim()) throw new InputError('Ange grund för gallringen', [{ field: 'legalBasis', message: 'krävs' }]);
    return this.db.transaction(async (tx) => {
      const [row] = await tx('retention_rule')
        .insert({ process_id: processId, keep_months: rule.keepMonths, legal_basis: rule.legalBasis, decided_by: rule.decidedBy, updated_at: at })
        .onConflict('process_id')
        .merge()
        .returning('*');
      if (!row) throw new NotFoundError('Regeln finns inte');
      await audit(tx, at, user.username, 'update', 'retention-rule', processId);
      return present(row);
    });
  }

  /** Deletes every history tree past its rule at `now`, in batches; records the run and audits its counts. */
  async run(now: Date, actor = 'system'): Promise<RetentionCounts> {
    const [row] = await this.db('retention_run').insert({ started_at: now }).returning('id');
    return this.execute(String(row!.id), now, actor);
  }

  /**
   * Runs when the last run started `everyMs` or longer ago (default a day). Several app
   * processes may ask at once: an advisory lock and the run row decide which one runs.
   */
  async runIfDue(now: Date, everyMs = 86_400_000): Promise<RetentionCounts | undefined> {
    const id = await this.db.transaction(async (tx) => {
      const lock = await tx.raw<{ rows: { ok: boolean }[] }>('select pg_try_advisory_xact_lock(hashtext(?)) as ok', ['kvh:retention']);
      if (!lock.rows[0]?.ok) return undefined;
      const last = await tx('retention_run').max('started_at as at').first();
      const at = (last as { at: Date | null } | undefined)?.at;
      if (at && now.getTime() - at.getTime() < everyMs) return undefined;
      const [row] = await tx('retention_run').insert({ started_at: now }).returning('id');
      return String(row!.id);
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
      counts.tables.audit_log = await cullAuditLog(tx, now, this.auditMonths);
      await tx('retention_run')
        .where({ id })
        .update({ finished_at: now, deleted: JSON.stringify(counts) });
      await tx('audit_log').insert({ at: now, actor, action: 'cull', subject_type: 'retention-run', subject_key: String(id), detail: JSON.stringify(counts) });
    });
    return counts;
  }

  /**
   * One batch of trees in one transaction: the engine deletes them from its history; the inbox's
   * finished task rows and the start rows of their instances go with them. Returns how many trees it found.
   */
  private async batch(tx: Knex.Transaction, now: Date, counts: RetentionCounts): Promise<number> {
    const due = await tx.raw<{ rows: { root_key: string }[] }>(dueRoots(this.readModel.relation('instance', 'history')), { now, limit: BATCH });
    const roots = due.rows.map((r) => String(r.root_key));
    if (!roots.length) return 0;
    const culled = await this.readModel.cullHistory(tx, roots);
    const keys = `{${culled.instances.map((i) => i.key).join(',')}}`;
    const rows: Record<string, number> = {
      ...culled.rows,
      user_task: await tx('user_task').whereRaw('process_instance_key = any(cast(? as text[]))', [keys]).whereIn('state', ['completed', 'canceled']).delete(),
      process_instance_ref: await tx('process_instance_ref').whereRaw('key = any(cast(? as text[]))', [keys]).delete(),
    };
    for (const [k, n] of Object.entries(rows)) counts.tables[k] = (counts.tables[k] ?? 0) + n;
    for (const i of culled.instances) if (i.root) counts.trees[i.processId] = (counts.trees[i.processId] ?? 0) + 1;
    return roots.length;
  }
}
