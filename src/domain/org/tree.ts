/**
 * The organisation tree administered (issue 15 point 1): list, create, rename, move, change the
 * provider, deactivate and reactivate nodes. The placement rules (`placementErrors`) are shared
 * with the CSV import: a node is never moved under itself or its own descendant, a unit has no
 * nodes below it, a level is never above the level of its parent, and a deactivated node has no
 * active node below it. Nodes are never deleted: tasks, cases and the log name them.
 */
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import { ConflictError, NotFoundError, OrgInvalidError, type FieldError } from '../../errors.js';
import { audit } from '../audit/index.js';
import { authorize } from '../policy.js';
import type { NodeType, OrgService, Provider, User } from './index.js';
import { adminRoots } from './policy.js';

/** A node as the administration shows it: whether the user administers it. */
export interface AdminNode {
  id: string;
  name: string;
  type: NodeType;
  parentId: string | null;
  active: boolean;
  provider: Provider | null;
  manageable: boolean;
}
/** A node as it is placed (active and provider known). */
export type PlacedNode = Omit<AdminNode, 'manageable'>;

/** The levels from the top: a node's level is never above its parent's. */
const RANK: Record<NodeType, number> = { committee: 0, administration: 1, area: 2, unit: 3 };
/** The levels' Swedish names (the CSV file's `typ`, the error texts). */
export const TYPE_NAMES: Record<NodeType, string> = { committee: 'nämnd', administration: 'förvaltning', area: 'verksamhet', unit: 'enhet' };

/** The node and the nodes above it in `nodes` (the node first; stops at a cycle). */
export function lineageIn(nodes: ReadonlyMap<string, { parentId: string | null }>, id: string): string[] {
  const out: string[] = [];
  for (let n = nodes.get(id), at = id; n && !out.includes(at); at = n.parentId ?? '', n = n.parentId ? nodes.get(n.parentId) : undefined) out.push(at);
  return out;
}

/** What is wrong with `node` where `nodes` (which holds it) places it, as field errors under `prefix`. */
export function placementErrors(nodes: ReadonlyMap<string, PlacedNode>, node: PlacedNode, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  const field = (f: string) => `${prefix}${f}`;
  if (node.parentId !== null) {
    const parent = nodes.get(node.parentId);
    if (!parent) errors.push({ field: field('parentId'), message: 'ingen sådan nod' });
    else if (node.parentId === node.id || lineageIn(nodes, node.parentId).includes(node.id))
      errors.push({ field: field('parentId'), message: 'en nod kan inte flyttas under sig själv eller en nod under sig' });
    else if (parent.type === 'unit') errors.push({ field: field('parentId'), message: 'en enhet kan inte ha noder under sig' });
    else if (RANK[node.type] < RANK[parent.type])
      errors.push({ field: field('type'), message: `en ${TYPE_NAMES[node.type]} kan inte ligga under en ${TYPE_NAMES[parent.type]}` });
    else if (node.active && !parent.active) errors.push({ field: field('parentId'), message: 'den överordnade noden är avaktiverad' });
  }
  if (node.provider && node.type !== 'unit') errors.push({ field: field('provider'), message: 'bara en enhet kan drivas av en extern utförare' });
  const children = [...nodes.values()].filter((c) => c.parentId === node.id && c.id !== node.id);
  if (children.length && node.type === 'unit') errors.push({ field: field('type'), message: 'en enhet kan inte ha noder under sig' });
  else if (children.some((c) => RANK[c.type] < RANK[node.type])) errors.push({ field: field('type'), message: 'noder under den ligger på en högre nivå' });
  if (!node.active && children.some((c) => c.active)) errors.push({ field: field('active'), message: 'avaktivera noderna under den först' });
  return errors;
}

/** A node id from a name: lower case, å/ä → a, ö → o, other signs → `-` (the CSV and the API may give their own). */
export function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56);
  return s || 'nod';
}

/** Every node, placed, by id. */
export async function placedNodes(org: OrgService): Promise<Map<string, PlacedNode>> {
  return new Map(
    (await org.nodes()).map((n) => [
      n.id,
      { id: n.id, name: n.name, type: n.type, parentId: n.parentId, active: n.active ?? true, provider: n.provider ?? null },
    ]),
  );
}

/** The lineages a new root or a change to the whole organisation needs: admin at a root. */
export const rootReach = (nodes: ReadonlyMap<string, PlacedNode>): string[][] => [[...nodes.values()].filter((n) => n.parentId === null).map((n) => n.id)];

/** Whether the user administers the node (admin at it or above). */
export const administers = (user: User, nodes: ReadonlyMap<string, PlacedNode>, id: string): boolean => {
  const roots = adminRoots(user);
  return lineageIn(nodes, id).some((n) => roots.includes(n));
};

export interface NodeInput {
  id?: string | undefined;
  name: string;
  type: NodeType;
  parentId: string | null;
  provider?: Provider | null | undefined;
}
export interface NodePatch {
  name?: string | undefined;
  type?: NodeType | undefined;
  parentId?: string | null | undefined;
  provider?: Provider | null | undefined;
  active?: boolean | undefined;
}

/** The tree's administration. */
export class OrgTree {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly org: OrgService,
  ) {}

  /** Every node, with whether the user administers it. */
  async list(user: User): Promise<AdminNode[]> {
    const nodes = await placedNodes(this.org);
    return [...nodes.values()].map((n) => ({ ...n, manageable: administers(user, nodes, n.id) }));
  }

  /** Creates a node under `parentId` (null: a new root, by an administrator at a root). */
  async create(user: User, input: NodeInput): Promise<AdminNode> {
    const nodes = await placedNodes(this.org);
    // the tree is no secret (GET /org/units): a parent that is not there is a 422 before the reach is asked
    if (input.parentId !== null && !nodes.has(input.parentId))
      throw new OrgInvalidError('Noden kan inte placeras där', [{ field: 'parentId', message: 'ingen sådan nod' }]);
    authorize(user, 'org.manage', { lineages: input.parentId === null ? rootReach(nodes) : [lineageIn(nodes, input.parentId)] });
    let id = input.id ?? slug(input.name);
    if (input.id && nodes.has(id)) throw new ConflictError('Det finns redan en nod med det id:t');
    for (let i = 2; !input.id && nodes.has(id); i++) id = `${slug(input.name)}-${i}`;
    const node: PlacedNode = { id, name: input.name, type: input.type, parentId: input.parentId, active: true, provider: input.provider ?? null };
    nodes.set(id, node);
    const errors = placementErrors(nodes, node);
    if (errors.length) throw new OrgInvalidError('Noden kan inte placeras där', errors);
    await this.db.transaction(async (tx) => {
      await tx('org_node').insert({ id, name: node.name, type: node.type, parent_id: node.parentId, provider: node.provider });
      await audit(tx, this.clock.now(), user.username, 'org.node.created', 'org_node', id, { parentId: node.parentId, type: node.type });
    });
    return { ...node, manageable: true };
  }

  /** Renames, moves, changes the level or provider of, deactivates or reactivates a node. */
  async update(user: User, id: string, patch: NodePatch): Promise<AdminNode> {
    const nodes = await placedNodes(this.org);
    const before = nodes.get(id);
    if (!before) throw new NotFoundError('Noden finns inte');
    const after: PlacedNode = {
      ...before,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.type !== undefined ? { type: patch.type } : {}),
      ...(patch.parentId !== undefined ? { parentId: patch.parentId } : {}),
      ...(patch.provider !== undefined ? { provider: patch.provider } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    };
    const moved = after.parentId !== before.parentId;
    if (after.parentId !== null && !nodes.has(after.parentId))
      throw new OrgInvalidError('Noden kan inte placeras där', [{ field: 'parentId', message: 'ingen sådan nod' }]);
    const lineages = [lineageIn(nodes, id)];
    if (moved) lineages.push(after.parentId === null ? rootReach(nodes)[0]! : lineageIn(nodes, after.parentId));
    authorize(user, 'org.manage', { lineages });
    nodes.set(id, after);
    const errors = placementErrors(nodes, after);
    if (errors.length) throw new OrgInvalidError('Ändringen bryter organisationsträdet', errors);
    const changed = (Object.keys(after) as (keyof PlacedNode)[]).filter((k) => after[k] !== before[k]);
    if (changed.length) {
      await this.db.transaction(async (tx) => {
        await tx('org_node')
          .where({ id })
          .update({ name: after.name, type: after.type, parent_id: after.parentId, provider: after.provider, active: after.active });
        await audit(tx, this.clock.now(), user.username, 'org.node.updated', 'org_node', id, {
          changed,
          ...(moved ? { from: before.parentId, to: after.parentId } : {}),
        });
      });
    }
    return { ...after, manageable: true };
  }
}
