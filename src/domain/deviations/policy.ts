/**
 * Policy for the deviations counted on the process map (issue 14 point 5): the counts per
 * activity are figures, not cases, but which units had deviations is still the units' own
 * business (sekretess between units, DOMAIN.md §2): a user counts the cases at the units where
 * they hold a role and the units below, as they would read those cases (processes/policy.ts
 * instanceScope's units); admin counts all: figures of the whole organisation, never a case (reading
 * the cases themselves follows the visibility table, src/domain/visibility/policy.ts, where admin has no part).
 */
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import type { User } from '../org/index.js';
import { SCOPE, withScope } from '../org/scope.js';
import { holdsAny } from '../org/roles.js';
import { scopeRule } from '../rule.js';

const COUNTS_EVERY_UNIT = ['admin'];

export const deviationRules = {
  /** The deviations and synpunkter per activity of a process (counts, no case), for the units in the user's scope. */
  'deviation.counts': scopeRule('Du har inte behörighet till avvikelserna', 'caseUnitScope'),
};

/** Limits a query on `case as c` to the cases at units in the user's scope (deviation.counts). */
export function caseUnitScope(db: Db, q: Knex.QueryBuilder, user: User): Knex.QueryBuilder {
  if (holdsAny(user, COUNTS_EVERY_UNIT)) return q;
  if (!withScope(db, q, user)) return q.whereRaw('false');
  return q.whereExists((e) => {
    e.select(db.raw('1')).from(`${SCOPE} as s`).whereRaw('s.node_id = c.unit_id');
  });
}
