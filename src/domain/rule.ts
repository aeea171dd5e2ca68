/** The kinds of authorisation rule (src/domain/policy.ts explains them); the policy modules build theirs with these. */
import type { User } from './org/index.js';

/** `everyone`: every signed-in user may (the rule documents the route; it never refuses). */
export interface RoleRule {
  kind: 'role';
  refusal: string;
  allows(user: User): boolean;
  everyone?: true;
}
export interface ResourceRule<R> {
  kind: 'resource';
  refusal: string;
  allows(user: User, resource: R): boolean;
}
/** Decided in SQL by the named scope function of the rule's policy module. */
export interface ScopeRule {
  kind: 'scope';
  refusal: string;
  scope: string;
}
export type Rule = RoleRule | ResourceRule<never> | ScopeRule;

/** A rule decided by the user's roles alone. */
export const roleRule = (refusal: string, allows: (user: User) => boolean): RoleRule => ({ kind: 'role', refusal, allows });
/** The rule of what every signed-in user may do. */
export const everyone = (): RoleRule => ({ kind: 'role', refusal: 'Logga in först', allows: () => true, everyone: true });
/** A rule decided by the user's roles and facts of one resource. */
export const resourceRule = <R>(refusal: string, allows: (user: User, resource: R) => boolean): ResourceRule<R> => ({ kind: 'resource', refusal, allows });
/** A rule decided in SQL by `scope` (a function of the same module). */
export const scopeRule = (refusal: string, scope: string): ScopeRule => ({ kind: 'scope', refusal, scope });
