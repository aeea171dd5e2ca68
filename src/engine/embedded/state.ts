/**
 * The rows of one call tree (a root instance and the instances it called), loaded at the
 * start of a command after the root row is locked, and written through as the command runs.
 */
import type { Knex } from 'knex';
import { prepared } from './prepared.js';
import type { KeptTree } from './treeCache.js';

export interface InstanceRow {
  key: string;
  rootKey: string;
  definitionKey: string;
  processId: string;
  version: number;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  parentInstanceKey: string | null;
  parentElementKey: string | null;
  /** The correlation key of the message that started it (message start events), else null. */
  startCorrelationKey: string | null;
  startedAt: Date;
}

export interface ElementRow {
  key: string;
  instanceKey: string;
  elementId: string;
  elementType: string;
  scopeKey: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | 'WAITING';
  loopCounter: number | null;
  data: Record<string, unknown> | null;
  startedAt: Date;
}

type Row = Record<string, unknown>;

/** Maps a DB row of engine_instance. */
function instanceFromRow(r: Row): InstanceRow {
  return {
    key: String(r.key),
    rootKey: String(r.root_key),
    definitionKey: String(r.definition_key),
    processId: r.process_id as string,
    version: Number(r.version),
    state: r.state as InstanceRow['state'],
    parentInstanceKey: r.parent_instance_key ? String(r.parent_instance_key) : null,
    parentElementKey: r.parent_element_key ? String(r.parent_element_key) : null,
    startCorrelationKey: (r.start_correlation_key as string | null | undefined) ?? null,
    startedAt: new Date(r.started_at as string),
  };
}

/** Maps a DB row of engine_element. */
function elementFromRow(r: Row): ElementRow {
  return {
    key: String(r.key),
    instanceKey: String(r.instance_key),
    elementId: r.element_id as string,
    elementType: r.element_type as string,
    scopeKey: String(r.scope_key),
    state: r.state as ElementRow['state'],
    loopCounter: r.loop_counter === null || r.loop_counter === undefined ? null : Number(r.loop_counter),
    data: (r.data as Record<string, unknown>) ?? null,
    startedAt: new Date(r.started_at as string),
  };
}

/**
 * The rows a command needs, as JSON arrays in one statement (bigint keys as text, so they keep
 * every digit): the tree's instances, its active elements, the variables of those scopes (an
 * ended element's locals are visible to nobody) and, when asked, a block of new engine keys —
 * fetched after the root lock, so they are larger than any key the tree already has.
 */
const LOAD_TREE = `select
  (select coalesce(jsonb_agg(to_jsonb(i) || jsonb_build_object('key', i.key::text, 'root_key', i.root_key::text,
     'definition_key', i.definition_key::text, 'parent_instance_key', i.parent_instance_key::text,
     'parent_element_key', i.parent_element_key::text)), '[]'::jsonb)
   from engine_instance i where i.root_key = ?) as insts,
  (select coalesce(jsonb_agg(to_jsonb(e) || jsonb_build_object('key', e.key::text, 'instance_key', e.instance_key::text,
     'root_key', e.root_key::text, 'scope_key', e.scope_key::text, 'seq', e.seq::text) order by e.key), '[]'::jsonb)
   from engine_element e where e.root_key = ? and e.state in ('ACTIVE', 'WAITING')) as els,
  (select coalesce(jsonb_agg(jsonb_build_object('scope_key', v.scope_key::text, 'name', v.name, 'value', v.value)), '[]'::jsonb)
   from engine_variable v where v.root_key = ? and (
     exists (select 1 from engine_instance i where i.key = v.scope_key)
     or exists (select 1 from engine_element e where e.key = v.scope_key and e.root_key = ? and e.state in ('ACTIVE', 'WAITING')))) as vars,
  (select coalesce(jsonb_agg(k::text order by k), '[]'::jsonb) from (select nextval('engine_key_seq') as k from generate_series(1, ?::int)) n) as keys`;

/** A jsonb column as pg (parsed) or PGlite (parsed or text) hands it over. */
function json(v: Row[] | string): Row[] {
  return typeof v === 'string' ? (JSON.parse(v) as Row[]) : v;
}

/** In-memory view of a tree's active rows; writes go straight to the transaction. */
export class TreeState {
  readonly instances = new Map<string, InstanceRow>();
  readonly elements = new Map<string, ElementRow>();
  readonly variables = new Map<string, Map<string, unknown>>();

  constructor(
    readonly tx: Knex.Transaction,
    readonly rootKey: string,
  ) {}

  /** Engine keys fetched with the load (`load(n)`), for the command's first new rows (keys.ts). */
  readonly prefetchedKeys: string[] = [];

  /** Loads the tree's instances, active elements and their variables in one round trip (and `keys` new engine keys). */
  async load(keys = 0): Promise<void> {
    const r = await prepared(this.tx, 'load_tree', LOAD_TREE, [this.rootKey, this.rootKey, this.rootKey, this.rootKey, keys]);
    const row = r.rows[0] as { insts: Row[] | string; els: Row[] | string; vars: Row[] | string; keys: string[] | string | null };
    const fetched = row.keys ?? [];
    this.prefetchedKeys.push(...((typeof fetched === 'string' ? JSON.parse(fetched) : fetched) as string[]));
    for (const x of json(row.insts)) this.instances.set(String(x.key), instanceFromRow(x));
    for (const x of json(row.els)) this.elements.set(String(x.key), elementFromRow(x));
    for (const x of json(row.vars)) this.scopeVars(String(x.scope_key)).set(x.name as string, x.value);
  }

  /** Takes over a tree kept in memory (treeCache.ts) instead of loading it. */
  adopt(kept: KeptTree): void {
    for (const [k, v] of kept.instances) this.instances.set(k, v);
    for (const [k, v] of kept.elements) this.elements.set(k, v);
    for (const [k, v] of kept.variables) this.variables.set(k, v);
  }

  /**
   * The tree as a load would now find it, to keep after the commit: the variables of scopes
   * that ended are left out (the command's write statement deleted them).
   */
  toKeep(rev: string): KeptTree {
    for (const k of this.endedScopes()) this.variables.delete(k);
    return { rev, instances: this.instances, elements: this.elements, variables: this.variables };
  }

  /** Scopes with variables in memory that are neither an instance nor an active element any more. */
  endedScopes(): string[] {
    return [...this.variables.keys()].filter((k) => !this.elements.has(k) && !this.instances.has(k));
  }

  /** The variable map of a scope (created empty when missing). */
  scopeVars(scopeKey: string): Map<string, unknown> {
    let m = this.variables.get(scopeKey);
    if (!m) this.variables.set(scopeKey, (m = new Map()));
    return m;
  }

  /** The chain of scope keys from `scopeKey` up to its instance (innermost first). */
  chain(scopeKey: string): string[] {
    const out: string[] = [];
    let k: string | undefined = scopeKey;
    while (k) {
      out.push(k);
      if (this.instances.has(k)) break;
      k = this.elements.get(k)?.scopeKey;
    }
    return out;
  }

  /** Every variable visible from a scope, inner scopes winning. */
  visible(scopeKey: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of this.chain(scopeKey).reverse()) {
      for (const [n, v] of this.variables.get(k) ?? []) out[n] = v;
    }
    return out;
  }

  /** Active child elements (and waiting join tokens) of a scope. */
  children(scopeKey: string): ElementRow[] {
    return [...this.elements.values()].filter((e) => e.scopeKey === scopeKey);
  }

  /** The instance a scope belongs to. */
  instanceOf(scopeKey: string): InstanceRow {
    const chain = this.chain(scopeKey);
    const inst = this.instances.get(chain[chain.length - 1] ?? '');
    if (!inst) throw new Error(`scope ${scopeKey} has no instance`);
    return inst;
  }
}

/**
 * A value as a jsonb column gives it back: through JSON (no undefined, no -0, Dates as strings)
 * with the keys of every object in jsonb's order (shorter keys first, then bytewise), so a tree
 * kept in memory (treeCache.ts) holds exactly what a load would read.
 */
export function asStored(json: string): unknown {
  return jsonbOrder(JSON.parse(json));
}

const utf8 = new TextEncoder();

function jsonbOrder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(jsonbOrder);
  if (v === null || typeof v !== 'object') return v;
  const keys = Object.keys(v).map((k) => ({ k, b: utf8.encode(k) }));
  keys.sort((x, y) => x.b.length - y.b.length || Buffer.compare(x.b, y.b));
  const out: Record<string, unknown> = {};
  for (const { k } of keys) out[k] = jsonbOrder((v as Record<string, unknown>)[k]);
  return out;
}
