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

/** Hands out keys from blocks fetched on demand. */
export class KeyBlock {
  /** `prefetched`: keys fetched with the tree's load (state.ts), used first. */
  constructor(private readonly tx: Knex.Transaction, private keys: string[] = []) {}

  /** The next key (fetching a new block when this one is used up). */
  async next(): Promise<string> {
    if (!this.keys.length) {
      const r = await this.tx.raw(`select nextval('engine_key_seq')::text as k from generate_series(1, ${KEY_BLOCK})`);
      this.keys = (r.rows as { k: string }[]).map((x) => x.k).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    }
    return this.keys.shift()!;
  }
}
