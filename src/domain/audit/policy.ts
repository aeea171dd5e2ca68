/**
 * Policy for the log review (loggkontroll, issue 15 point 5): who reviews whose reads. The
 * roles that do loggkontroll (MAS, MAR, SAS, the quality lead, the system administrator of the
 * case system) review the log of their node and every node below it, and also the rows that name
 * no unit (log-ins, task lists, refusals); a unit's managers (enhetschef, verksamhetschef) review
 * the reads of their units' cases. Admin administers and reviews nothing: no rule gives it a part.
 */
import type { User } from '../org/index.js';
import { holdsAny } from '../org/roles.js';
import { roleRule } from '../rule.js';

const REVIEWERS = ['mas', 'mar', 'sas', 'kvalitetsledare', 'systemforvaltare'];
const UNIT_MANAGERS = ['enhetschef', 'verksamhetschef'];

export const auditRules = {
  /** The log review's pages, lists and export; the rows are limited to `reviewScope`. */
  'audit.review': roleRule('Endast de som gör loggkontroll får granska loggen', (user) => holdsAny(user, [...REVIEWERS, ...UNIT_MANAGERS])),
};

/** What a reviewer sees: the rows of `nodes` and the nodes below; `unitless`: also the rows that name no unit. */
export interface ReviewScope {
  nodes: string[];
  unitless: boolean;
}

/** The reviewer's part of the log (see the module comment). */
export function reviewScope(user: User): ReviewScope {
  const reviewer = user.roles.filter((r) => REVIEWERS.includes(r.role) && r.nodeId);
  const manager = user.roles.filter((r) => UNIT_MANAGERS.includes(r.role) && r.nodeId);
  return { nodes: [...new Set([...reviewer, ...manager].map((r) => r.nodeId))], unitless: reviewer.length > 0 };
}
