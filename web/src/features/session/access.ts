/**
 * Who may open a page: a route names its gate, `staff` (anyone signed in) or the action the
 * page is for (src/domain/policy.ts's role actions, which `/me` lists as `may`). The server
 * decides what each request may read and do; the gates keep the menu and the routes to what the
 * user can use, so nobody lands on a page that only answers 403. The web app compares no role
 * names: the server's policies are the only place that does.
 */
import type { Me, Schemas } from '../../api.js';

/** An action decided by the user's roles alone (the contract's RoleAction). */
export type RoleAction = Schemas['RoleAction'];

export type Gate = 'staff' | RoleAction;

/** Whether the user passes the gate. */
export function mayOpen(me: Pick<Me, 'may'>, gate: Gate): boolean {
  return gate === 'staff' || me.may.includes(gate);
}
