/**
 * Who may do what (issue 13 point 2): every decision that depends on a user's roles is a rule
 * here, by action name (`task.complete`, `process.deploy`, …). The rules live in one policy
 * module per context (tasks/policy.ts, processes/policy.ts, risk/policy.ts, retention/policy.ts,
 * session/policy.ts, routines/policy.ts); those modules are the only place a role name is compared
 * (test/unit/policy.test.ts checks it). Services ask `authorize`/`may`; every route names its
 * action (src/http/route.ts), and a route whose rule needs no resource is refused before its
 * input is read.
 *
 * Three kinds of rule:
 * - `role`: the user's roles alone decide (`process.deploy`). `/me` lists these, so the web app
 *   gates its pages by action and never by role name.
 * - `resource`: the roles and facts of one resource decide (`task.assign`: the task's unit and
 *   the nodes above it); the service gathers the facts and asks.
 * - `scope`: rows are limited in SQL, by a scope function of the same policy module
 *   (`taskScope`, `instanceScope`): a list shows only what the user may see, and one resource
 *   outside the scope is refused by its service.
 */
import { ForbiddenError } from '../errors.js';
import type { User } from './org/index.js';
import type { ResourceRule, RoleRule, Rule } from './rule.js';
import { auditRules } from './audit/policy.js';
import { deviationRules } from './deviations/policy.js';
import { formRules } from './forms/policy.js';
import { governanceRules } from './governance/policy.js';
import { processRules } from './processes/policy.js';
import { processMapRules } from './processMap/policy.js';
import { retentionRules } from './retention/policy.js';
import { riskRules } from './risk/policy.js';
import { routineRules } from './routines/policy.js';
import { sessionRules } from './session/policy.js';
import { notificationRules } from './notifications/policy.js';
import { orgRules } from './org/policy.js';
import { taskRules } from './tasks/policy.js';

export type { ResourceRule, RoleRule, Rule } from './rule.js';

const RULES = {
  ...sessionRules,
  ...notificationRules,
  ...taskRules,
  ...processRules,
  ...riskRules,
  ...retentionRules,
  ...governanceRules,
  ...routineRules,
  ...deviationRules,
  ...processMapRules,
  ...formRules,
  ...orgRules,
  ...auditRules,
};

/** Every action a rule decides. */
export type Action = keyof typeof RULES;
export const ACTIONS = Object.keys(RULES) as Action[];
type Rules = typeof RULES;
/** Actions decided by the user's roles alone. */
export type RoleAction = { [A in Action]: Rules[A] extends RoleRule ? A : never }[Action];
/** Actions decided by the roles and facts of one resource. */
export type ResourceAction = { [A in Action]: Rules[A] extends ResourceRule<unknown> ? A : never }[Action];
type ResourceOf<A extends ResourceAction> = Rules[A] extends ResourceRule<infer R> ? R : never;
type Args<A extends RoleAction | ResourceAction> = A extends ResourceAction ? [resource: ResourceOf<A>] : [];

/** The rule of an action (for the route table and the OpenAPI document). */
export const ruleOf = (action: Action): Rule => RULES[action];

/** Whether the user may do `action` (on `resource`, for a resource rule). Scope rules are decided in SQL, not here. */
export function may<A extends RoleAction | ResourceAction>(user: User, action: A, ...[resource]: Args<A>): boolean {
  const rule = ruleOf(action);
  if (rule.kind === 'role') return rule.allows(user);
  if (rule.kind === 'resource') return (rule.allows as (u: User, r: unknown) => boolean)(user, resource);
  throw new Error(`${action} is decided in SQL by ${rule.scope}`);
}

/** The refusal of an action, for a resource outside the user's scope. */
export const refused = (action: Action): ForbiddenError => new ForbiddenError(ruleOf(action).refusal);

/** Refuses (ForbiddenError with the rule's refusal) unless the user may. */
export function authorize<A extends RoleAction | ResourceAction>(user: User, action: A, ...resource: Args<A>): void {
  if (!may(user, action, ...resource)) throw refused(action);
}

/** Every action decided by the user's roles alone. */
export const ROLE_ACTIONS = ACTIONS.filter((a) => ruleOf(a).kind === 'role') as [RoleAction, ...RoleAction[]];

/** The role actions the user may do (the web app's page gates and buttons). */
export const roleActionsOf = (user: User): RoleAction[] => ROLE_ACTIONS.filter((a) => may(user, a));
