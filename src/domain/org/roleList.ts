/**
 * The role list as data (issue 15 point 1): the built-in roles (migration 20261204_81) and the
 * municipality's own, added by an administrator at the top of the tree (the list is the whole
 * organisation's). An assignment names a role of the list; a built-in role's key and name stay.
 */
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { audit } from '../audit/index.js';
import { authorize } from '../policy.js';
import type { OrgService, User } from './index.js';
import { placedNodes, rootReach } from './tree.js';

/** A role of the list, and how many hold it (assignments, any period). */
export interface RoleDefinition {
  key: string;
  name: string;
  description: string;
  builtIn: boolean;
  assignments: number;
}

/** The role list's administration. */
export class RoleList {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly org: OrgService,
  ) {}

  /** Every role of the list, built-in first, then by name. */
  async list(): Promise<RoleDefinition[]> {
    const rows = await this.db('role as r')
      .leftJoin('role_assignment as a', 'a.role', 'r.key')
      .groupBy('r.key', 'r.name', 'r.description', 'r.built_in')
      .orderBy([{ column: 'r.built_in', order: 'desc' }, 'r.name'])
      .select<{ key: string; name: string; description: string; built_in: boolean; n: string | number }[]>(
        'r.key',
        'r.name',
        'r.description',
        'r.built_in',
        this.db.raw('count(a.user_id) as n'),
      );
    return rows.map((r) => ({ key: r.key, name: r.name, description: r.description, builtIn: r.built_in, assignments: Number(r.n) }));
  }

  /** Adds a role of the municipality's own. */
  async create(user: User, input: { key: string; name: string; description?: string | undefined }): Promise<RoleDefinition> {
    authorize(user, 'org.manage', { lineages: rootReach(await placedNodes(this.org)) });
    if (await this.db('role').where({ key: input.key }).first('key')) throw new ConflictError('Det finns redan en roll med den nyckeln');
    await this.db.transaction(async (tx) => {
      await tx('role').insert({ key: input.key, name: input.name, description: input.description ?? '', built_in: false });
      await audit(tx, this.clock.now(), user.username, 'org.role.created', 'role', input.key);
    });
    return (await this.list()).find((r) => r.key === input.key)!;
  }

  /** Renames or re-describes one of the municipality's own roles (a built-in one changes only its description). */
  async update(user: User, key: string, patch: { name?: string | undefined; description?: string | undefined }): Promise<RoleDefinition> {
    authorize(user, 'org.manage', { lineages: rootReach(await placedNodes(this.org)) });
    const role = await this.db('role').where({ key }).first();
    if (!role) throw new NotFoundError('Rollen finns inte');
    if (role.built_in && patch.name !== undefined && patch.name !== role.name) throw new ConflictError('En inbyggd roll behåller sitt namn');
    await this.db.transaction(async (tx) => {
      await tx('role')
        .where({ key })
        .update({ ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.description !== undefined ? { description: patch.description } : {}) });
      await audit(tx, this.clock.now(), user.username, 'org.role.updated', 'role', key);
    });
    return (await this.list()).find((r) => r.key === key)!;
  }
}
