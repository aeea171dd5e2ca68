/**
 * Counts what an engine asks of its database, from knex's `query` / `query-response` events:
 * commits (a transaction's COMMIT, or a write statement outside a transaction, which commits
 * by itself), round trips, and per statement shape how often it ran and how long it took.
 * Used by the benchmark (commits per instance) and by bench/profile.ts (where the time goes).
 */
import type { Db } from '../src/db/index.js';

interface Shape {
  count: number;
  ms: number;
}

/** The statement with its literal lists folded, so `in (?, ?, ?)` and `in (?)` are one shape. */
function shapeOf(sql: string): string {
  let shape = shapes.get(sql);
  if (shape === undefined) {
    shape = normalise(sql);
    // The engine sends a few dozen texts; a cap keeps a run with ad-hoc texts bounded.
    if (shapes.size < 2000) shapes.set(sql, shape);
  }
  return shape;
}

/** Shapes by statement text: the bench measures the engine, not these regular expressions (they were 8 % of the process's CPU). */
const shapes = new Map<string, string>();

function normalise(sql: string): string {
  return sql
    .replace(/\b(trx)\d+/g, '$1N')
    .replace(/\s+/g, ' ')
    .replace(/\(\s*(\?|\$\d+)(\s*,\s*(\?|\$\d+))*\s*\)/g, '(…)')
    .replace(/(\(…\)\s*,\s*)+\(…\)/g, '(…), …')
    .trim();
}

/** Live counters over one knex instance; `reset()` starts a measuring window. */
export class QueryStats {
  commits = 0;
  /** Reads sent outside a transaction: each is a (read-only) transaction the server counts in xact_commit. */
  autocommitReads = 0;
  roundTrips = 0;
  readonly shapes = new Map<string, Shape>();
  private readonly started = new Map<string, { at: number; shape: string }>();
  private on = true;

  constructor(db: Db) {
    db.on('query', (q: { sql: string; __knexTxId?: string; __knexQueryUid?: string }) => this.query(q));
    db.on('query-response', (_r: unknown, q: { __knexQueryUid?: string }) => this.done(q.__knexQueryUid));
    db.on('query-error', (_e: unknown, q: { __knexQueryUid?: string }) => this.done(q.__knexQueryUid));
  }

  /** Zeroes the counters (the end of a warm-up). */
  reset(): void {
    this.commits = 0;
    this.autocommitReads = 0;
    this.roundTrips = 0;
    this.shapes.clear();
  }

  /** Stops counting (the end of the measured window). */
  freeze(): void {
    this.on = false;
  }

  private query(q: { sql: string; __knexTxId?: string; __knexQueryUid?: string }): void {
    if (!this.on) return;
    this.roundTrips++;
    const sql = q.sql.trim();
    if (/^commit/i.test(sql) || (!q.__knexTxId && /^(insert|update|delete|with)/i.test(sql))) this.commits++;
    else if (!q.__knexTxId && !/^(begin|rollback)/i.test(sql)) this.autocommitReads++;
    const shape = shapeOf(sql);
    if (q.__knexQueryUid) this.started.set(q.__knexQueryUid, { at: performance.now(), shape });
    const s = this.shapes.get(shape) ?? { count: 0, ms: 0 };
    s.count++;
    this.shapes.set(shape, s);
  }

  private done(uid: string | undefined): void {
    const st = uid ? this.started.get(uid) : undefined;
    if (!st || !uid) return;
    this.started.delete(uid);
    const s = this.shapes.get(st.shape);
    if (s) s.ms += performance.now() - st.at;
  }
}
