/**
 * Policy for process versions (issue 14 point 2): who drafts, reads, comments, adopts and
 * publishes a version of a process, and the decision levels that adopt (fastställer) each kind
 * of process — as data, from the customer's documents:
 *
 * - Ledningsprocesser (the ledningssystem itself, internkontroll, the yearly rhythm) are adopted
 *   by the nämnd: "Socialnämnden fastställer ledningssystemet för det systematiska
 *   kvalitetsarbetet" (Tyresö 4.1); "Vård- och omsorgsnämnden ansvarar för att besluta om ett
 *   ledningssystem … upprätta internkontrollplan" (Katrineholm). The nämndsekreterare records
 *   the nämnd's decision (date, paragraph), as for the internkontrollplan (internkontroll.bpmn).
 * - Huvud- and stödprocesser at förvaltning level are adopted by the förvaltningschef
 *   (socialchef): "fastställa de processer och rutiner som behövs på förvaltningsnivå"
 *   (Tyresö 4.2); in Katrineholm the förvaltningschef "fastställer och dokumenterar rutiner för
 *   hur det systematiska kvalitetsarbetet inom hälso- och sjukvård bedrivs".
 * - A sub-process owned by a verksamhetschef or myndighetschef is adopted by that chef at area
 *   level: "identifiera, beskriva och fastställa de delprocesser och rutiner som behövs"
 *   (Tyresö 4.3, 4.4; Vaggeryd: verksamhetschefer "fattar beslut om fastställande av processer
 *   inom sitt verksamhetsområde").
 *
 * Drafts are the process owner's (the catalogue's ownerRole) or an admin's; a version in review
 * is read by them and its named reviewers; an adopted version by everyone signed in.
 */
import type { User } from '../org/index.js';
import { holdsAny, holdsAt } from '../org/roles.js';
import { catalogueEntry, type ProcessGroup } from '../processes/catalogue.js';
import { everyone, resourceRule } from '../rule.js';

export type OrgNodeType = 'committee' | 'administration' | 'area' | 'unit';

/** Who adopts: the decision level (an org node type), the body that decides, and the role that records it at nodes of `at`. */
export interface DecisionLevel {
  level: OrgNodeType;
  decidedBy: string;
  role: string;
  at: OrgNodeType[];
}

const COMMITTEE: DecisionLevel = { level: 'committee', decidedBy: 'Socialnämnden', role: 'namndsekreterare', at: ['committee', 'administration'] };
const ADMINISTRATION: DecisionLevel = { level: 'administration', decidedBy: 'Förvaltningschefen', role: 'socialchef', at: ['administration'] };
/** The decision level of each process group. */
const DECISION_LEVELS: Readonly<Record<ProcessGroup, DecisionLevel>> = { ledning: COMMITTEE, huvud: ADMINISTRATION, stod: ADMINISTRATION };
/** Owners whose own sub-processes they adopt themselves, at area level. */
const AREA_OWNERS: Readonly<Record<string, string>> = { verksamhetschef: 'Verksamhetschefen', myndighetschef: 'Myndighetschefen' };

/** The decision level that adopts `processId`. */
export function decisionLevel(processId: string): DecisionLevel {
  const { group, ownerRole } = catalogueEntry(processId);
  const areaOwner = group === 'ledning' ? undefined : AREA_OWNERS[ownerRole];
  return areaOwner ? { level: 'area', decidedBy: areaOwner, role: ownerRole, at: ['area'] } : DECISION_LEVELS[group];
}

const ADMINS = ['admin'];
const owns = (user: User, processId: string) => holdsAny(user, [catalogueEntry(processId).ownerRole, ...ADMINS]);

/** The facts of one version a rule needs. */
export interface VersionFacts {
  processId: string;
  state: string;
  reviewers: string[];
}
const reviews = (user: User, v: VersionFacts) => v.state === 'review' && v.reviewers.includes(user.username);

export const governanceRules = {
  /** The versions of a process (the list shows each version only to who may read it). */
  'processVersion.list': everyone(),
  /** Read a version: adopted ones everyone; a version in review its owner and reviewers; a draft its owner. */
  'processVersion.read': resourceRule<VersionFacts>(
    'Du får inte läsa den här versionen av processen',
    (user, v) => ['adopted', 'published', 'superseded'].includes(v.state) || owns(user, v.processId) || reviews(user, v),
  ),
  /** Open a draft, save it, send it for review: the process's owner (or admin). */
  'processVersion.draft': resourceRule<{ processId: string }>('Endast processägaren får ändra processen', (user, p) => owns(user, p.processId)),
  /** Comment on a version in review: its owner (who answers) and its named reviewers. */
  'processVersion.comment': resourceRule<VersionFacts>(
    'Endast processägaren och granskarna får kommentera',
    (user, v) => owns(user, v.processId) || reviews(user, v),
  ),
  /** Adopt: the role of the process's decision level, held at a node of that level (`levelNodes`). */
  'processVersion.adopt': resourceRule<{ processId: string; levelNodes: string[] }>(
    'Endast den beslutsnivå som fastställer processen får fastställa den',
    (user, p) => holdsAt(user, [decisionLevel(p.processId).role], p.levelNodes),
  ),
  /** Publish an adopted version (deploy it): the owner or admin. */
  'processVersion.publish': resourceRule<{ processId: string }>('Endast processägaren eller admin får publicera', (user, p) => owns(user, p.processId)),
  /**
   * Lint a model of a process (the modeler's lint panel): whoever may edit its draft — its owner
   * as the process record names it (an enhetschef owning a process of the unit included), or admin.
   */
  'processVersion.lint': resourceRule<{ processId: string }>('Endast processägaren får granska processens modell', (user, p) => owns(user, p.processId)),
};
