/**
 * Organisation and people: the tree (nämnd → förvaltning → verksamhetsområde → enhet), users,
 * server-side sessions and role assignments at nodes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import { LoginLockedError, NotFoundError, UnauthenticatedError } from '../../errors.js';
import { audit } from '../audit/index.js';
import { activeRoles, today } from './assignments.js';
import { clearFailures, DEFAULT_LOGIN_LIMITS, lockedUntil, lockEndText, recordFailure, type LoginLimits } from './loginThrottle.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';

export type NodeType = 'committee' | 'administration' | 'area' | 'unit';
/** An external provider running a unit: under LOV (valfrihetssystem) or a contract. */
export type Provider = 'lov' | 'contract';
export interface OrgNode {
  id: string;
  name: string;
  type: NodeType;
  parentId: string | null;
  /** False: deactivated (kept for the tasks and cases that name it; no new assignments or nodes under it). */
  active?: boolean;
  provider?: Provider | null;
}
/** A role of the organisation: the node types it is held at and its holders. */
export interface OrgRole {
  role: string;
  levels: NodeType[];
  holders: { username: string; displayName: string; nodeId: string; nodeName: string }[];
}
export interface RoleAssignment {
  role: string;
  nodeId: string;
  nodeName: string;
}
export interface User {
  id: number;
  username: string;
  displayName: string;
  roles: RoleAssignment[];
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The log-in's protections (config `login` and `passwordHashCost`). */
export interface LoginSecurity {
  limits: LoginLimits;
  /** log2 of scrypt's N for new hashes. */
  passwordHashCost: number;
}
const DEFAULT_SECURITY: LoginSecurity = { limits: DEFAULT_LOGIN_LIMITS, passwordHashCost: 16 };

/** The organisation service. */
export class OrgService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly sessionTtlHours: number,
    private readonly security: LoginSecurity = DEFAULT_SECURITY,
  ) {}

  // the same work for an unknown username as for a known one: the answer's time tells nothing
  private dummyHash?: Promise<string>;

  /** Every node of the tree, flat. */
  async nodes(): Promise<OrgNode[]> {
    const rows = await this.db('org_node').orderBy('id');
    return rows.map((r) => ({ id: r.id, name: r.name, type: r.type, parentId: r.parent_id, active: r.active, provider: r.provider }));
  }

  /**
   * The organisation's roles (issue 14: the modeler's candidate-role choice and the reviewers):
   * each role held by someone today, the levels (node types) it is held at, and who holds it where.
   */
  async roles(): Promise<OrgRole[]> {
    const rows = await this.db
      .from(activeRoles(this.db, today(this.clock)))
      .join('app_user as u', 'u.id', 'r.user_id')
      .join('org_node as n', 'n.id', 'r.node_id')
      .select<{ role: string; username: string; display_name: string; node_id: string; name: string; type: NodeType }[]>(
        'r.role',
        'u.username',
        'u.display_name',
        'r.node_id',
        'n.name',
        'n.type',
      )
      .orderBy(['r.role', 'u.username', 'r.node_id']);
    const byRole = new Map<string, OrgRole>();
    for (const r of rows) {
      const role = byRole.get(r.role) ?? { role: r.role, levels: [], holders: [] };
      if (!role.levels.includes(r.type)) role.levels.push(r.type);
      role.holders.push({ username: r.username, displayName: r.display_name, nodeId: r.node_id, nodeName: r.name });
      byRole.set(r.role, role);
    }
    return [...byRole.values()];
  }

  /** A node and all its ancestors' ids (the node first). */
  async lineage(nodeId: string): Promise<string[]> {
    const nodes = new Map((await this.nodes()).map((n) => [n.id, n]));
    const out: string[] = [];
    for (let n = nodes.get(nodeId); n && !out.includes(n.id); n = n.parentId ? nodes.get(n.parentId) : undefined) out.push(n.id);
    return out;
  }

  /**
   * Logs in from a client address: a new session token, UnauthenticatedError, or LoginLockedError
   * while the account or the address is locked (loginThrottle.ts; a correct password too). A
   * failure and a locked attempt are audited (the account if it exists, the address; never the
   * password); a hash of a lower cost than today's is replaced on success.
   */
  async login(username: string, password: string, address = 'in-process'): Promise<{ token: string; user: User }> {
    const now = this.clock.now();
    const { limits } = this.security;
    // a deactivated account logs in as an unknown one would (issue 15.1)
    const row = await this.db('app_user').where({ username, active: true }).first();
    const subject = row ? row.username : '(okänt konto)';
    const locked = await lockedUntil(this.db, now, username, address, limits);
    if (locked) {
      await audit(this.db, now, 'anonym', 'login-locked', 'user', subject, { address });
      throw lockedError(locked, now);
    }
    this.dummyHash ??= hashPassword('ingen', this.security.passwordHashCost);
    const ok = row ? await verifyPassword(password, row.password_hash) : await verifyPassword(password, await this.dummyHash).then(() => false);
    if (!row || !ok) {
      await recordFailure(this.db, now, username, address, limits);
      await audit(this.db, now, 'anonym', 'login-failed', 'user', subject, { address });
      // the failure that reaches the limit says so at once
      const lockedNow = await lockedUntil(this.db, now, username, address, limits);
      if (lockedNow) throw lockedError(lockedNow, now);
      throw new UnauthenticatedError('Fel användarnamn eller lösenord');
    }
    await clearFailures(this.db, username);
    if (needsRehash(row.password_hash, this.security.passwordHashCost)) {
      await this.db('app_user')
        .where({ id: row.id, password_hash: row.password_hash })
        .update({ password_hash: await hashPassword(password, this.security.passwordHashCost) });
    }
    const token = randomBytes(32).toString('base64url');
    await this.db('user_session').insert({
      token_hash: tokenHash(token),
      user_id: row.id,
      created_at: now,
      expires_at: new Date(now.getTime() + this.sessionTtlHours * 3600_000),
    });
    return { token, user: await this.user(row.id) };
  }

  /** Ends a session. */
  async logout(token: string): Promise<void> {
    await this.db('user_session')
      .where({ token_hash: tokenHash(token) })
      .delete();
  }

  /** The user of a valid session, or undefined. */
  async userForSession(token: string): Promise<User | undefined> {
    const s = await this.db('user_session')
      .where({ token_hash: tokenHash(token) })
      .where('expires_at', '>', this.clock.now())
      .first();
    if (!s) return undefined;
    const u = await this.db('app_user').where({ id: s.user_id }).first('active');
    return u?.active ? this.user(s.user_id) : undefined;
  }

  /** A user by username, with their role assignments, or undefined when there is none. */
  async userByName(username: string): Promise<User | undefined> {
    const u = await this.db('app_user').where({ username }).first('id');
    return u ? this.user(u.id) : undefined;
  }

  /**
   * A user with their effective role assignments today by the product clock: those valid now and
   * those they hold as a substitute (ersättare) for someone (assignments.ts); none when deactivated.
   */
  async user(id: number): Promise<User> {
    const u = await this.db('app_user').where({ id }).first();
    if (!u) throw new NotFoundError('Användaren finns inte');
    const roles = await this.db
      .from(activeRoles(this.db, today(this.clock)))
      .join('org_node as n', 'n.id', 'r.node_id')
      .where('r.user_id', id)
      .select<{ role: string; node_id: string; name: string }[]>('r.role', 'r.node_id', 'n.name')
      .orderBy(['r.role', 'r.node_id']);
    return { id: u.id, username: u.username, displayName: u.display_name, roles: roles.map((r) => ({ role: r.role, nodeId: r.node_id, nodeName: r.name })) };
  }

  /**
   * Creates a user (idempotent by username) with role assignments. The password is hashed only
   * for a user not there yet; `{ hash }` gives an already made hash instead (the demo users share
   * one hash of the one demo password: eleven hashes at the production cost were four seconds of a
   * demo's first start).
   */
  async ensureUser(
    username: string,
    displayName: string,
    password: string | { hash: () => Promise<string> },
    roles: { role: string; nodeId: string }[],
  ): Promise<void> {
    let row = await this.db('app_user').where({ username }).first();
    if (!row) {
      const hash = typeof password === 'string' ? await this.hashPassword(password) : await password.hash();
      [row] = await this.db('app_user').insert({ username, display_name: displayName, password_hash: hash }).returning('*');
    }
    for (const r of roles) {
      await this.db('role_assignment').insert({ user_id: row!.id, role: r.role, node_id: r.nodeId }).onConflict(['user_id', 'role', 'node_id']).ignore();
    }
  }

  /** A hash of `password` at the configured cost (PASSWORD_HASH_COST). */
  hashPassword(password: string): Promise<string> {
    return hashPassword(password, this.security.passwordHashCost);
  }

  /** Creates a node (idempotent by id). */
  async ensureNode(node: OrgNode): Promise<void> {
    await this.db('org_node').insert({ id: node.id, name: node.name, type: node.type, parent_id: node.parentId }).onConflict('id').ignore();
  }
}

/** The refusal while locked: when to try again, in Swedish time, and in seconds for Retry-After. */
function lockedError(until: Date, now: Date): LoginLockedError {
  return new LoginLockedError(
    `För många misslyckade inloggningar. Inloggningen är spärrad till kl. ${lockEndText(until)}; försök igen då.`,
    Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  );
}
