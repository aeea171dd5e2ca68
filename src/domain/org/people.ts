/**
 * People administered (issue 15 point 1): users (username, display name, e-mail, active), their
 * role assignments at nodes with a period of validity, and substitutes (ersättare): B stands in
 * for A from one day to another and holds A's assignments meanwhile (assignments.ts). A
 * delegated administrator sees and changes only the people assigned in their part of the tree
 * (and those with no assignment yet), and only assignments at nodes there (policy.ts).
 */
import type { Knex } from 'knex';
import type { Clock } from '../../clock.js';
import { dateColumn, type Db } from '../../db/index.js';
import { ConflictError, NotFoundError, OrgInvalidError, type FieldError } from '../../errors.js';
import { audit } from '../audit/index.js';
import { authorize } from '../policy.js';
import type { OrgService, User } from './index.js';
import { hashPassword } from './passwords.js';
import { administers, lineageIn, placedNodes, type PlacedNode } from './tree.js';

/** A role held at a node over a period (days in Swedish time, both included; null: open). */
export interface Assignment {
  role: string;
  nodeId: string;
  validFrom: string | null;
  validTo: string | null;
}
/** Someone standing in for the person over a period. */
export interface Substitution {
  id: string;
  substitute: string;
  substituteName: string;
  validFrom: string;
  validTo: string;
}
/** A person as the administration shows them. */
export interface Person {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  active: boolean;
  assignments: Assignment[];
  substitutes: Substitution[];
}
export interface PersonInput {
  username: string;
  displayName: string;
  email?: string | null | undefined;
  password?: string | undefined;
}
export interface PersonPatch {
  displayName?: string | undefined;
  email?: string | null | undefined;
  active?: boolean | undefined;
  password?: string | undefined;
}

/** A stored password no log-in matches (people imported or created without one sign in through the identity provider, or get one later). */
export const NO_PASSWORD = '!';

const day = (v: unknown): string | null => (v == null ? null : (dateColumn(v) ?? null));
const key = (a: { role: string; nodeId: string }) => `${a.role}@${a.nodeId}`;

/** The people's administration. */
export class People {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly org: OrgService,
    private readonly passwordHashCost: number,
  ) {}

  /** The people the user administers: assigned in their part of the tree, or nowhere yet. */
  async list(user: User): Promise<Person[]> {
    const nodes = await placedNodes(this.org);
    const all = await this.load();
    return all.filter((p) => visible(user, nodes, p));
  }

  /** One person the user administers. */
  async get(user: User, id: number): Promise<Person> {
    const nodes = await placedNodes(this.org);
    const p = (await this.load(id))[0];
    if (!p || !visible(user, nodes, p)) throw new NotFoundError('Personen finns inte');
    return p;
  }

  /** Creates a person (no assignments yet: any administrator). */
  async create(user: User, input: PersonInput): Promise<Person> {
    authorize(user, 'org.manage', { lineages: [] });
    if (await this.db('app_user').where({ username: input.username }).first('id')) throw new ConflictError('Användarnamnet är upptaget');
    const hash = input.password ? await hashPassword(input.password, this.passwordHashCost) : NO_PASSWORD;
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx('app_user')
        .insert({ username: input.username, display_name: input.displayName, email: input.email ?? null, password_hash: hash })
        .returning('id');
      await audit(tx, this.clock.now(), user.username, 'org.user.created', 'app_user', String(row!.id), { password: Boolean(input.password) });
      return row!.id;
    });
    return this.get(user, id);
  }

  /** Changes a person's name, e-mail, password or whether they are active (deactivating ends their sessions). */
  async update(user: User, id: number, patch: PersonPatch): Promise<Person> {
    const nodes = await placedNodes(this.org);
    const before = await this.get(user, id);
    authorize(user, 'org.manage', { lineages: before.assignments.map((a) => lineageIn(nodes, a.nodeId)) });
    if (patch.active === false && id === user.id) throw new ConflictError('Du kan inte avaktivera dig själv');
    const hash = patch.password ? await hashPassword(patch.password, this.passwordHashCost) : undefined;
    const changed = [
      ...(patch.displayName !== undefined && patch.displayName !== before.displayName ? ['displayName'] : []),
      ...(patch.email !== undefined && patch.email !== before.email ? ['email'] : []),
      ...(patch.active !== undefined && patch.active !== before.active ? ['active'] : []),
      ...(hash ? ['password'] : []),
    ];
    if (!changed.length) return before;
    await this.db.transaction(async (tx) => {
      await tx('app_user')
        .where({ id })
        .update({
          ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
          ...(patch.email !== undefined ? { email: patch.email } : {}),
          ...(patch.active !== undefined ? { active: patch.active } : {}),
          ...(hash ? { password_hash: hash } : {}),
        });
      if (patch.active === false) await tx('user_session').where({ user_id: id }).delete();
      await audit(tx, this.clock.now(), user.username, 'org.user.updated', 'app_user', String(id), { changed });
    });
    return this.get(user, id);
  }

  /**
   * Replaces a person's role assignments by `next`: each role from the role list, at an active
   * node (an assignment kept as it was may stay at a node deactivated since). The user administers
   * every node of an assignment added, removed or changed.
   */
  async setAssignments(user: User, id: number, next: Assignment[]): Promise<Person> {
    const nodes = await placedNodes(this.org);
    const before = await this.get(user, id);
    const errors = await assignmentErrors(this.db, nodes, before.assignments, next, 'assignments');
    if (errors.length) throw new OrgInvalidError('Rolltilldelningarna godtas inte', errors);
    const { added, removed } = diff(before.assignments, next);
    authorize(user, 'org.manage', { lineages: [...added, ...removed].map((a) => lineageIn(nodes, a.nodeId)) });
    if (!added.length && !removed.length) return before;
    await this.db.transaction(async (tx) => {
      await writeAssignments(tx, id, before.assignments, next);
      await audit(tx, this.clock.now(), user.username, 'org.assignments.set', 'app_user', String(id), { added: added.map(key), removed: removed.map(key) });
    });
    return this.get(user, id);
  }

  /** Lets `substitute` stand in for the person from `validFrom` to `validTo` (both days included). */
  async addSubstitute(user: User, id: number, input: { substitute: string; validFrom: string; validTo: string }): Promise<Person> {
    const nodes = await placedNodes(this.org);
    const person = await this.get(user, id);
    authorize(user, 'org.manage', { lineages: person.assignments.map((a) => lineageIn(nodes, a.nodeId)) });
    const b = await this.db('app_user').where({ username: input.substitute, active: true }).first('id');
    const errors: FieldError[] = [];
    if (!b) errors.push({ field: 'substitute', message: 'ingen aktiv person med det användarnamnet' });
    else if (b.id === id) errors.push({ field: 'substitute', message: 'en person kan inte ersätta sig själv' });
    if (input.validTo < input.validFrom) errors.push({ field: 'validTo', message: 'slutar före första dagen' });
    if (errors.length) throw new OrgInvalidError('Ersättaren godtas inte', errors);
    await this.db.transaction(async (tx) => {
      const [row] = await tx('substitute')
        .insert({ user_id: id, substitute_id: b!.id, valid_from: input.validFrom, valid_to: input.validTo, created_at: this.clock.now() })
        .returning('id');
      await audit(tx, this.clock.now(), user.username, 'org.substitute.added', 'substitute', String(row!.id), {
        userId: id,
        substituteId: b!.id,
        validFrom: input.validFrom,
        validTo: input.validTo,
      });
    });
    return this.get(user, id);
  }

  /** Ends a substitution (removes it). */
  async removeSubstitute(user: User, id: number, substitutionId: string): Promise<Person> {
    const nodes = await placedNodes(this.org);
    const person = await this.get(user, id);
    if (!person.substitutes.some((s) => s.id === substitutionId)) throw new NotFoundError('Ersättaren finns inte');
    authorize(user, 'org.manage', { lineages: person.assignments.map((a) => lineageIn(nodes, a.nodeId)) });
    await this.db.transaction(async (tx) => {
      await tx('substitute').where({ id: substitutionId, user_id: id }).delete();
      await audit(tx, this.clock.now(), user.username, 'org.substitute.removed', 'substitute', substitutionId, { userId: id });
    });
    return this.get(user, id);
  }

  /** Every person (or one), with assignments and substitutes. */
  async load(id?: number): Promise<Person[]> {
    const users = await (id === undefined ? this.db('app_user') : this.db('app_user').where({ id }))
      .orderBy('username')
      .select('id', 'username', 'display_name', 'email', 'active');
    const ids = users.map((u) => u.id);
    if (!ids.length) return [];
    const assignments = await (id === undefined ? this.db('role_assignment') : this.db('role_assignment').where({ user_id: id })).orderBy(['role', 'node_id']);
    const subs = await this.db('substitute as s')
      .join('app_user as b', 'b.id', 's.substitute_id')
      .modify((q) => void (id === undefined ? q : q.where('s.user_id', id)))
      .orderBy(['s.valid_from', 's.id'])
      .select<{ id: string; user_id: number; username: string; display_name: string; valid_from: Date | string; valid_to: Date | string }[]>(
        's.id',
        's.user_id',
        'b.username',
        'b.display_name',
        's.valid_from',
        's.valid_to',
      );
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      email: u.email,
      active: u.active,
      assignments: assignments
        .filter((a) => a.user_id === u.id)
        .map((a) => ({ role: a.role, nodeId: a.node_id, validFrom: day(a.valid_from), validTo: day(a.valid_to) })),
      substitutes: subs
        .filter((s) => s.user_id === u.id)
        .map((s) => ({ id: String(s.id), substitute: s.username, substituteName: s.display_name, validFrom: day(s.valid_from)!, validTo: day(s.valid_to)! })),
    }));
  }
}

/** Whether the user sees the person: assigned in their part, or nowhere yet (changing them may need more: every node touched). */
export function visible(user: User, nodes: ReadonlyMap<string, PlacedNode>, p: Pick<Person, 'assignments'>): boolean {
  return !p.assignments.length || p.assignments.some((a) => administers(user, nodes, a.nodeId));
}

/** The assignments added (or changed) and removed going from `before` to `next`. */
export function diff(before: Assignment[], next: Assignment[]): { added: Assignment[]; removed: Assignment[] } {
  const same = (a: Assignment, b: Assignment) => key(a) === key(b) && a.validFrom === b.validFrom && a.validTo === b.validTo;
  return { added: next.filter((n) => !before.some((b) => same(b, n))), removed: before.filter((b) => !next.some((n) => same(b, n))) };
}

/** What is wrong with `next` as a person's assignments (field errors under `prefix`.N). */
async function assignmentErrors(
  db: Db,
  nodes: ReadonlyMap<string, PlacedNode>,
  before: Assignment[],
  next: Assignment[],
  prefix: string,
): Promise<FieldError[]> {
  const roles = new Set((await db('role').select('key')).map((r) => r.key));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  next.forEach((a, i) => {
    const f = (name: string) => `${prefix}.${i}.${name}`;
    if (!roles.has(a.role)) errors.push({ field: f('role'), message: 'rollen finns inte i rollistan' });
    const node = nodes.get(a.nodeId);
    const kept = before.some((b) => key(b) === key(a));
    if (!node) errors.push({ field: f('nodeId'), message: 'ingen sådan nod' });
    else if (!node.active && !kept) errors.push({ field: f('nodeId'), message: 'noden är avaktiverad' });
    if (a.validFrom && a.validTo && a.validTo < a.validFrom) errors.push({ field: f('validTo'), message: 'slutar före första dagen' });
    if (seen.has(key(a))) errors.push({ field: f('role'), message: 'samma roll vid samma nod finns redan' });
    seen.add(key(a));
  });
  return errors;
}

/** Writes `next` in place of `before` (in the caller's transaction). */
export async function writeAssignments(tx: Db | Knex.Transaction, userId: number, before: Assignment[], next: Assignment[]): Promise<void> {
  const { added, removed } = diff(before, next);
  for (const r of removed) await tx('role_assignment').where({ user_id: userId, role: r.role, node_id: r.nodeId }).delete();
  for (const a of added) {
    await tx('role_assignment')
      .insert({ user_id: userId, role: a.role, node_id: a.nodeId, valid_from: a.validFrom, valid_to: a.validTo })
      .onConflict(['user_id', 'role', 'node_id'])
      .merge(['valid_from', 'valid_to']);
  }
}
