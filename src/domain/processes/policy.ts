/**
 * Policy for processes and their instances: who starts a process by hand (its catalogue entry's
 * `startableBy`), deploys models, reads instances (`instanceScope`, in SQL, from the visibility
 * table of src/domain/visibility/policy.ts: the starter, a person who has or had a task in the
 * case, and the roles the table names for the case's type at its unit or above, or everywhere;
 * nobody by being admin), retries incidents and publishes messages; and who owns a process on the map.
 */
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import { engineTables as engine } from '../../engine/readModel.js';
import type { User } from '../org/index.js';
import { holdsAny } from '../org/roles.js';
import { SCOPE, withScope } from '../org/scope.js';
import { everyone, resourceRule, roleRule, scopeRule } from '../rule.js';
import { offeredTo } from '../tasks/policy.js';
import { readerRoles } from '../visibility/policy.js';
import { INSTANCE_UNIT } from './access.js';
import { catalogueEntry } from './catalogue.js';

const MODELLERS = ['admin', 'kvalitetsledare'];
const INCIDENT_HANDLERS = ['admin', 'kvalitetsledare'];

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

/** Whether the user retries incidents (and so sees the steps and incidents of an instance with an open one, none of its fields). */
export const resolvesIncidents = (user: User): boolean => holdsAny(user, INCIDENT_HANDLERS);

/** Whether the user holds the role that owns the process on the map (process owners start there). */
export const ownsProcess = (user: User, processId: string): boolean => holdsAny(user, [catalogueEntry(processId).ownerRole]);

/**
 * Limits a query built on `instanceRows` (access.ts) to the instances the user may read
 * (instance.list, instance.read): she started it; she has or had a task in it; or a role she
 * holds reads the case's type (visibility/policy.ts) everywhere, or at its unit or a node above
 * it; or it has an open incident and she retries incidents (she then sees its steps and the
 * incident, no field: instances.ts). Which of its fields she reads is visibility/index.ts's caseView.
 */
export function instanceScope(db: Db, q: Knex.QueryBuilder, user: User): Knex.QueryBuilder {
  const scoped = withScope(db, q, user);
  const { everywhere, unitRoles } = readerRoles(user);
  const everywhereProcesses = everywhere.flatMap((v) => v.processes);
  return q.where((w) => {
    w.where('r.started_by', user.id);
    w.orWhereExists((e) => {
      e.select(db.raw('1'))
        .from('user_task as t')
        .whereRaw('t.process_instance_key = i.key::text')
        .where((o) => offeredTo(db, o, user, scoped));
    });
    if (everywhereProcesses.length) w.orWhereIn('i.process_id', everywhereProcesses);
    if (resolvesIncidents(user))
      w.orWhereExists((e) => {
        e.select(db.raw('1'))
          .from(`${engine.relation('incident', 'running')} as x`)
          .whereRaw('x.instance_key = i.key')
          .where('x.state', 'ACTIVE');
      });
    if (scoped)
      for (const { v, roles } of unitRoles)
        w.orWhere((o) => {
          o.whereIn('i.process_id', v.processes).whereExists((e) => {
            e.select(db.raw('1')).from(`${SCOPE} as s`).whereRaw(`s.node_id = ${INSTANCE_UNIT}`).whereIn('s.role', roles);
          });
        });
  });
}
