/**
 * Who may open a page: a route names its gate, `staff` (anyone signed in) or the roles that
 * may open it. The server decides what each request may read and do; the gates keep the menu
 * and the routes to what the user's roles can use, so nobody lands on a page that only answers 403.
 */
import type { Me } from '../../api.js';

/** The roles of the organisation (src/domain/org ROLES; the web app imports no server code). */
export type Role = 'medarbetare' | 'enhetschef' | 'verksamhetschef' | 'socialchef' | 'utredare' | 'kvalitetsledare' | 'mas' | 'namndsekreterare' | 'admin';

export type Gate = 'staff' | readonly Role[];

/** Whether the user passes the gate (admin passes every gate). */
export function mayOpen(me: Pick<Me, 'roles'>, gate: Gate): boolean {
  if (gate === 'staff') return true;
  return me.roles.some((r) => r.role === 'admin' || (gate as readonly string[]).includes(r.role));
}
