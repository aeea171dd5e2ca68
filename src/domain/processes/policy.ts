/**
 * Policy for processes and their instances: who starts a process by hand (its catalogue entry's
 * `startableBy`), deploys models, reads instances (`instanceScope`, in SQL: the starter, anyone
 * holding a role at the instance's unit or a node above it, and admins), retries incidents and
 * publishes messages; and who owns a process on the map.
 */
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import type { User } from '../org/index.js';
import { holdsAny } from '../org/roles.js';
import { SCOPE, withScope } from '../org/scope.js';
import { everyone, resourceRule, roleRule, scopeRule } from '../rule.js';
import { INSTANCE_UNIT } from './access.js';
import { catalogueEntry } from './catalogue.js';

const MODELLERS = ['admin', 'kvalitetsledare'];
const INCIDENT_HANDLERS = ['admin', 'kvalitetsledare'];
const READS_EVERY_INSTANCE = ['admin'];

export const processRules = {
  /** The process map, a process's activities, model and start form. */
  'process.view': everyone(),
  /** Start a process by hand: anyone with a role (`staff`) or the roles its catalogue entry names; never one that other processes start. */
  'process.start': resourceRule<{ processId: string }>('Du får inte starta den här processen', (user, p) => {
    const { startableBy } = catalogueEntry(p.processId);
    if (startableBy === 'called') return false;
    if (startableBy === 'staff') return user.roles.length > 0;
    return holdsAny(user, startableBy);
  }),
  'process.deploy': roleRule('Endast admin och kvalitetsledare får driftsätta processer', (user) => holdsAny(user, MODELLERS)),
  'instance.list': scopeRule('Du har inte behörighet till ärendet', 'instanceScope'),
  'instance.read': scopeRule('Du har inte behörighet till ärendet', 'instanceScope'),
  'incident.resolve': roleRule('Endast admin och kvalitetsledare får åtgärda incidenter', (user) => holdsAny(user, INCIDENT_HANDLERS)),
  'message.publish': roleRule('Endast administratörer får skicka meddelanden till processer', (user) => holdsAny(user, ['admin'])),
};

/** Whether the user reads every instance (no start row or unit is needed to decide). */
export const readsEveryInstance = (user: User): boolean => holdsAny(user, READS_EVERY_INSTANCE);

/** Whether the user holds the role that owns the process on the map (process owners start there). */
export const ownsProcess = (user: User, processId: string): boolean => holdsAny(user, [catalogueEntry(processId).ownerRole]);

/** Limits a query built on `instanceRows` (access.ts) to the instances the user may read (instance.list, instance.read). */
export function instanceScope(db: Db, q: Knex.QueryBuilder, user: User): Knex.QueryBuilder {
  if (readsEveryInstance(user)) return q;
  const scoped = withScope(db, q, user);
  return q.where((w) => {
    w.where('r.started_by', user.id);
    if (scoped)
      w.orWhereExists((e) => {
        e.select(db.raw('1')).from(`${SCOPE} as s`).whereRaw(`s.node_id = ${INSTANCE_UNIT}`);
      });
  });
}
