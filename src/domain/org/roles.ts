/**
 * Role tests for the policy modules (src/domain/policy.ts): only those modules call these with
 * role names.
 */
import type { User } from './index.js';

/** Whether the user holds one of the roles anywhere. */
export const holdsAny = (user: User, roles: readonly string[]): boolean => user.roles.some((r) => roles.includes(r.role));

/** Whether the user holds one of the roles at one of `nodes` (a unit and the nodes above it: OrgService.lineage). */
export const holdsAt = (user: User, roles: readonly string[], nodes: readonly string[]): boolean =>
  user.roles.some((r) => roles.includes(r.role) && nodes.includes(r.nodeId));
