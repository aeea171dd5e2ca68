/**
 * Policy for routines under document control (issue 14 point 4): who drafts, reviews and adopts
 * a routine, who confirms reading it and who sees who has not.
 *
 * Who adopts at which decision level follows DOMAIN.md §4 (from the seeds in shared/seeds:
 * "riktlinje … adopted by the nämnd or MAS, rutin … adopted by the responsible manager"; the
 * Katrineholm document fixes who adopts at which level, Tyresö names an owner per level):
 * - `namnd`: the nämnd decides; socialchef records the decision (with its reference, e.g. a §);
 * - `forvaltning`: förvaltningschef/socialchef;
 * - `verksamhet`: verksamhetschef (or the socialchef above them);
 * - `enhet`: enhetschef (or the verksamhetschef above them);
 * - `mas`: the medicinskt ansvarig sjuksköterska.
 * The adoption is a task in the inbox of those who may adopt (bpmn/rutin-faststallelse.bpmn,
 * adoption.ts); the API action adopts by the same rule.
 */
import type { User } from '../org/index.js';
import { holdsAny } from '../org/roles.js';
import { everyone, resourceRule, roleRule } from '../rule.js';

export const DECISION_LEVELS = ['namnd', 'forvaltning', 'verksamhet', 'enhet', 'mas'] as const;
export type DecisionLevel = (typeof DECISION_LEVELS)[number];

const ADOPTERS: Record<DecisionLevel, string[]> = {
  namnd: ['socialchef'],
  forvaltning: ['socialchef'],
  verksamhet: ['verksamhetschef', 'socialchef'],
  enhet: ['enhetschef', 'verksamhetschef'],
  mas: ['mas'],
};
/** Who writes routines besides their owner role: the quality lead maintains the map with the owners (DOMAIN.md §2). */
const EDITORS = ['kvalitetsledare'];
/** Who may start a new routine: the editors and the roles that own routines. */
const CREATORS = ['kvalitetsledare', 'socialchef', 'verksamhetschef', 'enhetschef', 'mas', 'myndighetschef'];
/** Managers who see who at their unit (and below) has not confirmed reading. */
const MANAGERS = ['enhetschef', 'verksamhetschef'];

export const routineRules = {
  /** The register of routines in force, a routine, its history, attachments: everyone signed in. */
  'routine.read': everyone(),
  'routine.create': roleRule('Du får inte skapa rutiner', (user) => holdsAny(user, CREATORS)),
  /** Open, edit, import into and send for review a draft: the routine's owner role, and the quality lead. */
  'routine.draft': resourceRule<{ ownerRole: string }>('Endast rutinens ägare får ändra den', (user, r) => holdsAny(user, [r.ownerRole, ...EDITORS])),
  /** Comment a version in review: its named reviewers. */
  'routine.review': resourceRule<{ reviewers: string[] }>('Endast namngivna granskare får kommentera', (user, r) => r.reviewers.includes(user.username)),
  /** Adopt (fastställa): the adopting level of the routine's decision level. */
  'routine.adopt': resourceRule<{ decisionLevel: DecisionLevel }>('Du får inte fastställa på den här beslutsnivån', (user, r) =>
    holdsAny(user, ADOPTERS[r.decisionLevel]),
  ),
  /** Läst och förstått: anyone with a role. */
  'routine.confirmRead': roleRule('Endast medarbetare med en roll bekräftar läsning', (user) => user.roles.length > 0),
  'routine.unread': roleRule('Endast enhetschefer och verksamhetschefer ser vilka som inte har läst', (user) => holdsAny(user, MANAGERS)),
};

/** The nodes a manager sees read confirmations for (each with the nodes below it, in SQL). */
export const managedNodes = (user: User): string[] => user.roles.filter((r) => MANAGERS.includes(r.role)).map((r) => r.nodeId);

/** The roles that adopt at a level (who gets the adoption task). */
export const adopterRoles = (level: DecisionLevel): readonly string[] => ADOPTERS[level];

/** The role a user adopts in at a level (recorded on the version), or undefined. */
export const adoptingRole = (user: User, level: DecisionLevel): string | undefined => user.roles.find((r) => ADOPTERS[level].includes(r.role))?.role;
