/**
 * The rows of one call tree (a root instance and the instances it called), loaded at the
 * start of a command after the root row is locked, and written through as the command runs.
 */
import type { Knex } from 'knex';

export interface InstanceRow {
  key: string;
  rootKey: string;
  definitionKey: string;
  processId: string;
  version: number;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  parentInstanceKey: string | null;
  parentElementKey: string | null;
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
export function instanceFromRow(r: Row): InstanceRow {
  return {
    key: String(r.key), rootKey: String(r.root_key), definitionKey: String(r.definition_key),
    processId: r.process_id as string, version: Number(r.version), state: r.state as InstanceRow['state'],
    parentInstanceKey: r.parent_instance_key ? String(r.parent_instance_key) : null,
    parentElementKey: r.parent_element_key ? String(r.parent_element_key) : null,
    startedAt: new Date(r.started_at as string),
  };
}

/** Maps a DB row of engine_element. */
export function elementFromRow(r: Row): ElementRow {
  return {
    key: String(r.key), instanceKey: String(r.instance_key), elementId: r.element_id as string,
    elementType: r.element_type as string, scopeKey: String(r.scope_key), state: r.state as ElementRow['state'],
    loopCounter: r.loop_counter === null || r.loop_counter === undefined ? null : Number(r.loop_counter),
    data: (r.data as Record<string, unknown>) ?? null, startedAt: new Date(r.started_at as string),
  };
}

/** In-memory view of a tree's active rows; writes go straight to the transaction. */
export class TreeState {
  readonly instances = new Map<string, InstanceRow>();
  readonly elements = new Map<string, ElementRow>();
  readonly variables = new Map<string, Map<string, unknown>>();

  constructor(readonly tx: Knex.Transaction, readonly rootKey: string) {}

  /** Loads the tree's instances, active elements and variables. */
  async load(): Promise<void> {
    // One connection per transaction: the queries go one after another.
    const insts = await this.tx('engine_instance').where({ root_key: this.rootKey });
    const els = await this.tx('engine_element').where({ root_key: this.rootKey }).whereIn('state', ['ACTIVE', 'WAITING']);
    const vars = await this.tx('engine_variable').where({ root_key: this.rootKey });
    for (const r of insts) this.instances.set(String(r.key), instanceFromRow(r));
    for (const r of els) this.elements.set(String(r.key), elementFromRow(r));
    for (const r of vars) this.scopeVars(String(r.scope_key)).set(r.name, r.value);
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
