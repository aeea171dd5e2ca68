/**
 * Policy for administering the organisation (issue 15 point 1): the admin role held at a node
 * administers that node and everything below it — at a förvaltning that part of the tree and
 * the people assigned there, at the top (nämnd, the root) everything. The service gathers each
 * resource's facts: the lineage (the node and the nodes above it, OrgService.lineage) of every
 * node a change touches.
 */
import { resourceRule, roleRule } from '../rule.js';
import type { User } from './index.js';
import { holdsAny, holdsAt } from './roles.js';

const ADMIN = ['admin'] as const;

/** The facts of an organisation change: the lineage of every node it touches (none: what any administrator may do). */
export interface AdminReach {
  lineages: string[][];
}

export const orgRules = {
  /** The administration pages and lists: an administrator anywhere (the lists show their part). */
  'org.admin': roleRule('Endast administratörer administrerar organisationen', (user) => holdsAny(user, ADMIN)),
  /** A change to nodes, people or assignments: admin at or above every node it touches. */
  'org.manage': resourceRule<AdminReach>(
    'Du administrerar inte den delen av organisationen',
    (user, r) => holdsAny(user, ADMIN) && r.lineages.every((lineage) => holdsAt(user, ADMIN, lineage)),
  ),
};

/** The nodes where the user holds the admin role: they administer these and the subtrees below. */
export const adminRoots = (user: User): string[] => user.roles.filter((r) => (ADMIN as readonly string[]).includes(r.role)).map((r) => r.nodeId);
