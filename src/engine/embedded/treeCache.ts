/**
 * Call trees kept in memory between commands, so that a command whose tree nobody changed since
 * this process last committed on it needs no load (state.ts LOAD_TREE: three aggregates and a
 * JSON parse, a fifth of a step's database time in bench/profile.ts).
 *
 * A tree's rows are kept with the revision its last command wrote (`engine_instance.rev` on the
 * root row, raised by every command's write statement). A command takes its tree out of the
 * cache (it owns it from then on) and the tree goes back only after the command committed, with
 * the revision the command wrote; a command that fails drops it. So what is kept is always
 * what some commit left.
 * - On PostgreSQL the command locks the root row first and reads its revision there: a kept
 *   tree is used only when its revision is the one in the database, so another process's
 *   commands (or this one's, through another pool) are never missed.
 * - On PGlite there is one connection, which a transaction holds to its end, and one process:
 *   every command on the database runs through this cache (one per Db), so the kept tree is
 *   the tree and no revision is read.
 * Only the engine's commands write a running tree's instances, element instances and
 * variables (the Zeebe adapter writes them only where the embedded engine does not run).
 */
import type { Db } from '../../db/index.js';
import type { ElementRow, InstanceRow } from './state.js';

/** The rows of a tree as its last command left them. */
export interface KeptTree {
  rev: string;
  instances: Map<string, InstanceRow>;
  elements: Map<string, ElementRow>;
  variables: Map<string, Map<string, unknown>>;
}

/** Trees kept at most; the least recently used goes first. */
const TREES_KEPT = 5_000;

/** The kept trees of one database. */
export class TreeCache {
  private readonly trees = new Map<string, KeptTree>();

  /** Takes the tree out when kept at `rev` (any revision when `rev` is undefined: PGlite). */
  take(rootKey: string, rev: string | undefined): KeptTree | undefined {
    const kept = this.trees.get(rootKey);
    if (!kept) return undefined;
    this.trees.delete(rootKey);
    return rev === undefined || kept.rev === rev ? kept : undefined;
  }

  /** Keeps a tree as a committed command left it. */
  keep(rootKey: string, tree: KeptTree): void {
    this.trees.delete(rootKey);
    this.trees.set(rootKey, tree);
    if (this.trees.size > TREES_KEPT) this.trees.delete(this.trees.keys().next().value!);
  }

  /** Forgets a tree (its command failed, or the tree ended). */
  drop(rootKey: string): void {
    this.trees.delete(rootKey);
  }

  get size(): number {
    return this.trees.size;
  }
}

const caches = new WeakMap<Db, TreeCache>();

/** The cache of a database: engines sharing a Db object share it. */
export function treeCacheOf(db: Db): TreeCache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new TreeCache()));
  return c;
}
