/**
 * Engine keys for one command, fetched from `engine_key_seq` in blocks: one round trip hands
 * out several keys. A block belongs to one Run (one transaction holding the tree's root lock),
 * so keys stay increasing within a call tree — element `seq` and `order by key` keep meaning
 * "created later" for the tree — while unused keys of a block are simply skipped (a sequence
 * has gaps anyway).
 */
import type { Knex } from 'knex';

/** Keys fetched per round trip: a service-task step needs two (element, job), a start about four. */
export const KEY_BLOCK = 8;

/** `n` new keys from the sequence, in increasing order. */
export async function drawKeys(tx: Knex.Transaction, n: number): Promise<string[]> {
  const r = await tx.raw(`select nextval('engine_key_seq')::text as k from generate_series(1, ${n})`);
  return (r.rows as { k: string }[]).map((x) => x.k).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
}

/** Hands out keys from blocks fetched on demand (or from the database's pool, PGlite). */
export class KeyBlock {
  /** `prefetched`: keys drawn with the root lock or the tree's load, used first (the array is shared). */
  constructor(
    private readonly tx: Knex.Transaction,
    private readonly keys: string[] = [],
    private readonly pool?: KeyPool,
  ) {}

  /** The next key (fetching a new block when this one is used up). */
  async next(): Promise<string> {
    if (this.keys.length) return this.keys.shift()!;
    if (this.pool) return this.pool.next(this.tx);
    this.keys.push(...(await drawKeys(this.tx, KEY_BLOCK)));
    return this.keys.shift()!;
  }
}

/** Keys a pool draws per round trip. */
const POOL_BLOCK = 256;

/**
 * PGlite: one process and one connection, so commands run one after the other and keys handed
 * out in increasing order from one pool per database stay increasing within every tree, with
 * one round trip per POOL_BLOCK keys. (On PostgreSQL another process draws keys in between:
 * each command draws its own block after its root lock.)
 */
export class KeyPool {
  private readonly keys: string[] = [];

  /** The next key of the pool, drawing a block inside `tx` when it is empty. */
  async next(tx: Knex.Transaction): Promise<string> {
    if (!this.keys.length) this.keys.push(...(await drawKeys(tx, POOL_BLOCK)));
    return this.keys.shift()!;
  }
}

const pools = new WeakMap<object, KeyPool>();

/** The key pool of a database (used on PGlite only). */
export function keyPoolOf(db: object): KeyPool {
  let p = pools.get(db);
  if (!p) pools.set(db, (p = new KeyPool()));
  return p;
}
