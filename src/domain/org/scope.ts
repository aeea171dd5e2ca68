/**
 * The organisational scope of a user in SQL: every (role, node) pair they hold, spread down the
 * tree to the nodes below. Tasks and process instances are authorised against it, in SQL, so
 * lists stay fast and paged by the database.
 */
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import type { User } from './index.js';

/** The name of the common table expression `withScope` adds: columns (role, node_id). */
export const SCOPE = 'visible_scope';

/**
 * Adds the recursive CTE `visible_scope(role, node_id)` for the user's role assignments to `q`;
 * returns false (and adds nothing) when the user holds no role at any node.
 */
export function withScope(db: Db, q: Knex.QueryBuilder, user: User): boolean {
  const scopes = user.roles.filter((r) => r.nodeId);
  if (!scopes.length) return false;
  const values = scopes.map(() => '(?, ?)').join(', ');
  q.withRecursive(
    SCOPE,
    ['role', 'node_id'],
    db.raw(
      `select r.role, r.node_id from (values ${values}) as r(role, node_id)
     union select s.role, n.id from org_node n join ${SCOPE} s on n.parent_id = s.node_id`,
      scopes.flatMap((r) => [r.role, r.nodeId]),
    ),
  );
  return true;
}

/**
 * The node bound to `?` and every node above it, nearest first, as a subquery with columns
 * (id, type, depth) for `from` or `in` (a task's placement at a level, who may work on a task).
 * In SQL, so it runs inside the caller's transaction (the engine's, on PGlite's one connection).
 */
export const ANCESTORS = `(with recursive up (id, type, parent_id, depth) as (
    select id, type, parent_id, 0 from org_node where id = ?
    union all select n.id, n.type, n.parent_id, up.depth + 1 from org_node n join up on n.id = up.parent_id where up.depth < 20
  ) select id, type, depth from up)`;
