/**
 * Sekretess between roles (issue 15 point 6), as data: for each case type (the processes whose
 * instances are cases of it), which roles read its cases, how far (`unit`: at the node where they
 * hold the role and below it; `everywhere`), and which field groups; what the starter (the
 * reporter) sees; and what a person who has or had a task in the case sees (the groups that
 * task needs). Each variable of a case belongs to exactly one field group; a variable the table
 * does not name falls into the type's last, most restricted group (fail closed). Admin reads no
 * case: no type names it. This module is the only place the table's role names are compared
 * (src/domain/visibility/index.ts asks it); processes/policy.ts turns it into SQL for the lists.
 */
import type { User } from '../org/index.js';
import { holdsAny, holdsAt } from '../org/roles.js';

/** `unit`: cases at the reader's node and the nodes below it; `everywhere`: every case of the type. */
export type Reach = 'unit' | 'everywhere';

export interface Reader {
  role: string;
  reach: Reach;
  groups: readonly string[];
}

export interface CaseVisibility {
  /** The case type's name (the case core's kind where there is one). */
  type: string;
  /** The processes whose instances are cases of this type (called steps of one case included). */
  processes: readonly string[];
  /**
   * The field groups and the variables in each, least restricted first; the last group also
   * takes every variable not named (fail closed). `$steps` in a group's list: the case's
   * timeline (history, position, tasks, incidents) belongs to that group.
   */
  groups: Readonly<Record<string, readonly string[]>>;
  /** What the person who started (reported) the case reads. */
  starter: readonly string[];
  /** The roles that read cases of the type without a task in them. */
  readers: readonly Reader[];
  /** What a person who has or had a task in the case reads, by the task's element id. */
  tasks: Readonly<Record<string, readonly string[]>>;
  /** What a task not listed in `tasks` needs. */
  participant: readonly string[];
}

/** The timeline's pseudo-variable: the group that holds it shows history, position, tasks and incidents. */
export const STEPS = '$steps';

const all = (groups: Record<string, readonly string[]>) => Object.keys(groups);
const unit = (role: string, groups: readonly string[]): Reader => ({ role, reach: 'unit', groups });
const everywhere = (role: string, groups: readonly string[]): Reader => ({ role, reach: 'everywhere', groups });

// Lex Sarah (SoL 27 kap., SOSFS 2011:5): a staff member reports a missförhållande; the unit's
// enhetschef takes immediate measures and later the action plan and follow-up (she needs the
// investigation's findings for them); the utredare investigates and, with the kvalitetsledare
// (SAS), reports to IVO; the socialchef decides by delegation; the nämndsekreterare informs the
// nämnd (her task gives her what that needs). The reporter sees what she reported and how far
// the case has come — not the investigation, the assessment or the socialchef's reasoning (the
// report may be about a colleague, or about herself). The timeline is part of the assessment:
// its steps name the outcome ("Anmäl till IVO").
const LEX_SARAH_GROUPS = {
  report: ['occurredAt', 'location', 'description', 'affectedPersons', 'immediateActionsTaken', 'sourceCaseNumber'],
  status: ['caseNumber', 'unitId', 'reportedAt', 'closedAt'],
  measures: [
    'immediateMeasures',
    'measuresTakenAt',
    'clientSafe',
    'actionPlan',
    'title',
    'ownerRole',
    'dueDate',
    'actionsEffective',
    'followUpResult',
    'furtherActions',
  ],
  assessment: [
    STEPS,
    'chairAndDirectorInformed',
    'whatHappened',
    'whyItHappened',
    'affectedPersonView',
    'causeCategories',
    'causes',
    'howToPrevent',
    'actionsTaken',
    'actionsPlanned',
    'assessment',
    'assessmentMotivation',
    'ivoReportedAt',
    'ivoReference',
    'investigationAttached',
    'investigationSentAt',
    'committeeInformedAt',
    'committeeMeeting',
    'committeeNotifiedAt',
  ],
};

// Lex Maria (patientsäkerhetslagen 3 kap. 5 §): health care, the MAS's. The MAS answers for the
// whole municipality's health care (HSL 11 kap. 4 §), wherever her role is placed: she reads every
// lex Maria case. The unit's enhetschef and the verksamhetschef (vårdgivarens verksamhetschef)
// read the case and carry out the actions; an utredare doing the händelseanalys reads through
// that task. The patient's health data stays with them: no kvalitetsledare, nämndsekreterare or
// admin. The reporter sees her report and the status.
const LEX_MARIA_GROUPS = {
  report: ['occurredAt', 'description', 'patientAffected', 'immediateMeasures', 'sourceCaseNumber'],
  status: ['caseNumber', 'unitId', 'reportedAt', 'closedAt'],
  measures: ['title', 'ownerRole', 'dueDate', 'actionsEffective', 'followUpResult'],
  assessment: [
    STEPS,
    'seriousHarm',
    'probability',
    'consequence',
    'assessmentComment',
    'riskScore',
    'investigationKind',
    'eventAnalysisThreshold',
    'analysisTeam',
    'investigationSummary',
    'causes',
    'patientView',
    'proposedActions',
    'reportToIvo',
    'decisionMotivation',
    'decidedAt',
    'ivoReportDueDate',
    'investigationToIvoDueDate',
    'ivoReportedAt',
    'ivoReportedOn',
    'ivoReference',
    'investigationAttached',
    'patientInformed',
    'patientInformedAt',
    'patientInformedHow',
    'patientViews',
    'notInformedReason',
    'patientInformationRecordedAt',
  ],
};

// Avvikelse: the unit's enhetschef acts at once and assesses; the verksamhetschef owns the process
// and the socialchef follows the units up; the kvalitetsledare compiles deviations for patterns
// (SOSFS 2011:9 5 kap.) and needs their classification and risk, not what happened to whom. A
// deviation routed to the MAS (health care) is read by the MAS through her review task.
const DEVIATION_GROUPS = {
  report: ['occurredAt', 'description', 'immediateActionsTaken'],
  status: ['caseNumber', 'unitId', 'area', 'category', 'reportedAt', 'closedAt'],
  assessment: [STEPS, 'severity', 'probability', 'consequence', 'riskScore', 'route', 'lexMaria', 'lexSarahRequestedAt', 'lexMariaRequestedAt'],
  measures: ['immediateMeasures', 'analysis', 'masComment', 'title', 'ownerRole', 'dueDate', 'actionsDueOn'],
};

// Synpunkter och klagomål: the unit's enhetschef triages, investigates and gives feedback; the
// verksamhetschef takes an escalated one; the kvalitetsledare owns the process and compiles them
// (what kind, how it went), without the sender's contact details or the account of what happened.
const FEEDBACK_GROUPS = {
  status: ['caseNumber', 'unitId', 'kind', 'channel', 'receivedAt', 'feedbackDueAt', 'feedbackGiven', 'feedbackGivenAt', 'escalatedAt', 'closedAt'],
  handling: [
    STEPS,
    'concernsMyUnit',
    'forwardToUnitId',
    'possibleLexSarah',
    'linkedProcess',
    'linkedCaseRequestedAt',
    'isDeviation',
    'title',
    'ownerRole',
    'dueDate',
  ],
  report: ['senderType', 'description', 'anonymous', 'contactDetails', 'receipt', 'investigation', 'immediateMeasures', 'feedbackSummary', 'escalationComment'],
};

// Huvudprocessen (SoL, LSS, LVU …; a child-protection case among them): the individual case with
// its personnummer. The myndighet's handläggare and myndighetschef handle it; the socialchef owns
// the process. The utförare's enhetschef (and her verksamhetschef) gets the order, the plan and
// the execution, with who the client is — not the investigation. Nobody else: not the MAS, the
// nämndsekreterare, an utredare of lex Sarah, the quality lead or admin.
const CARE_GROUPS = {
  status: ['caseNumber', 'unitId', 'receivedAt', 'closedAt', 'decidedAt', 'orderedAt', 'executedAt', 'executedOn', 'followUpAt', 'followUpDueAt'],
  intake: ['inflow', 'isChild', 'law', 'clientReference', 'description', 'insats', 'decision'],
  execution: [
    'providerUnitId',
    'orderText',
    'plannedWithClient',
    'planSummary',
    'notExecutedDeadlineAt',
    'goalsMet',
    'evaluation',
    'continueInsats',
    'nextFollowUpDate',
  ],
  investigation: [
    STEPS,
    'protectionAssessmentDueAt',
    'preliminaryAssessmentDueAt',
    'immediateProtectionNeeded',
    'protectionMeasures',
    'protectionAssessment',
    'openInvestigation',
    'preliminaryReasoning',
    'screeningReasoning',
    'investigationDueAt',
    'extensionReviewAt',
    'investigationDeadlineKind',
    'investigationSummary',
    'childViewRecorded',
    'proposal',
    'extend',
    'extendedToDate',
    'extensionReason',
    'communicatedOn',
    'partyResponse',
    'followUpDate',
    'decisionReasoning',
    'reportedToIvoOn',
    'reasonNotExecuted',
    'notExecutedReportDueAt',
    'notExecutedQuarter',
    'notExecutedReportedOn',
    'closeReason',
    'closingSummary',
  ],
};

// Åtgärder: a measure decided in another case (lex Sarah, lex Maria, avvikelse, synpunkt). Its own
// fields are the quality work's; the case it came from is copied in by the call activity and stays
// under that case's sekretess: those variables are `origin`, which nobody reads here.
const ACTION_GROUPS = {
  action: [
    STEPS,
    'actionNumber',
    'title',
    'ownerRole',
    'dueDate',
    'actionDueAt',
    'outcome',
    'whatWasDone',
    'effectFollowUpDate',
    'effectFollowUpAt',
    'effective',
    'effectComment',
    'actionClosedAt',
  ],
  origin: [],
};

// The quality work's own documents (riskanalys, internkontroll, årshjulet, fastställelse and
// översyn of processes and routines): no client data. The managers at the node and above and the
// quality lead read them; the nämndsekreterare the internkontroll she reports to the nämnd.
const QUALITY_GROUPS = { content: [STEPS] };
const MANAGERS = ['enhetschef', 'verksamhetschef', 'myndighetschef', 'socialchef', 'kvalitetsledare'];

export const VISIBILITY: readonly CaseVisibility[] = [
  {
    type: 'lex-sarah',
    processes: ['lex-sarah'],
    groups: LEX_SARAH_GROUPS,
    starter: ['report', 'status'],
    readers: [
      unit('enhetschef', all(LEX_SARAH_GROUPS)),
      unit('verksamhetschef', all(LEX_SARAH_GROUPS)),
      unit('socialchef', all(LEX_SARAH_GROUPS)),
      unit('utredare', all(LEX_SARAH_GROUPS)),
      unit('kvalitetsledare', all(LEX_SARAH_GROUPS)),
    ],
    tasks: { Task_InformCommittee: ['status', 'assessment'] },
    participant: all(LEX_SARAH_GROUPS),
  },
  {
    type: 'lex-maria',
    processes: ['lex-maria'],
    groups: LEX_MARIA_GROUPS,
    starter: ['report', 'status'],
    readers: [everywhere('mas', all(LEX_MARIA_GROUPS)), unit('enhetschef', all(LEX_MARIA_GROUPS)), unit('verksamhetschef', all(LEX_MARIA_GROUPS))],
    tasks: {},
    participant: all(LEX_MARIA_GROUPS),
  },
  {
    type: 'deviation',
    processes: ['avvikelse'],
    groups: DEVIATION_GROUPS,
    starter: ['report', 'status'],
    readers: [
      unit('enhetschef', all(DEVIATION_GROUPS)),
      unit('verksamhetschef', all(DEVIATION_GROUPS)),
      unit('socialchef', all(DEVIATION_GROUPS)),
      unit('kvalitetsledare', ['status', 'assessment']),
    ],
    tasks: {},
    participant: all(DEVIATION_GROUPS),
  },
  {
    type: 'feedback',
    processes: ['synpunkt'],
    groups: FEEDBACK_GROUPS,
    starter: ['status', 'report'],
    readers: [
      unit('enhetschef', all(FEEDBACK_GROUPS)),
      unit('verksamhetschef', all(FEEDBACK_GROUPS)),
      unit('socialchef', all(FEEDBACK_GROUPS)),
      unit('kvalitetsledare', ['status', 'handling']),
    ],
    tasks: {},
    participant: all(FEEDBACK_GROUPS),
  },
  {
    type: 'care-case',
    processes: ['huvudprocess', 'myndighetsutovning', 'genomfora-insatser', 'folja-upp', 'avsluta-arende'],
    groups: CARE_GROUPS,
    // what was registered at the aktualisering (a handläggare also reads it by her role)
    starter: ['status', 'intake'],
    readers: [
      unit('handlaggare', all(CARE_GROUPS)),
      unit('myndighetschef', all(CARE_GROUPS)),
      unit('socialchef', all(CARE_GROUPS)),
      unit('enhetschef', ['status', 'intake', 'execution']),
      unit('verksamhetschef', ['status', 'intake', 'execution']),
    ],
    // the utförare's tasks: the order, the plan, the execution — not the investigation
    tasks: { Task_Plan: ['status', 'intake', 'execution'], Task_Start: ['status', 'intake', 'execution'] },
    participant: all(CARE_GROUPS),
  },
  {
    type: 'action',
    processes: ['atgard'],
    groups: ACTION_GROUPS,
    starter: ['action'],
    readers: [...MANAGERS.map((r) => unit(r, ['action'])), unit('mas', ['action'])],
    tasks: {},
    participant: ['action'],
  },
  {
    type: 'quality-work',
    processes: ['riskanalys', 'internkontroll', 'arshjul', 'arshjul-uppgift', 'faststallelse', 'rutin-oversyn', 'rutin-faststallelse'],
    groups: QUALITY_GROUPS,
    starter: ['content'],
    readers: [...MANAGERS.map((r) => unit(r, ['content'])), unit('mas', ['content']), unit('namndsekreterare', ['content'])],
    tasks: {},
    participant: ['content'],
  },
];

/**
 * A process the table does not know (deployed later by a process owner): fail closed — its
 * starter sees the status, those with a task in it what their task needs; no role reads it.
 */
export const UNKNOWN_CASE: CaseVisibility = {
  type: 'unknown',
  processes: [],
  groups: { status: ['caseNumber', 'unitId'], content: [STEPS] },
  starter: ['status'],
  readers: [],
  tasks: {},
  participant: ['status', 'content'],
};

/** The case type of a process's instances. */
export function caseVisibility(processId: string): CaseVisibility {
  return VISIBILITY.find((v) => v.processes.includes(processId)) ?? UNKNOWN_CASE;
}

/**
 * The groups the user's roles read in a case of `v` at a unit whose lineage (the unit and the
 * nodes above it) is `unitLineage` (null: the case names no unit; only `everywhere` readers).
 */
export function readerGroups(user: User, v: CaseVisibility, unitLineage: readonly string[] | null): string[] {
  return v.readers.flatMap((r) => {
    const reads = r.reach === 'everywhere' ? holdsAny(user, [r.role]) : unitLineage !== null && holdsAt(user, [r.role], unitLineage);
    return reads ? r.groups : [];
  });
}

/** For the SQL scope: the case types the user reads everywhere, and the roles that read a type at their node and below. */
export function readerRoles(user: User): { everywhere: CaseVisibility[]; unitRoles: { v: CaseVisibility; roles: string[] }[] } {
  const everywhereTypes = VISIBILITY.filter((v) => v.readers.some((r) => r.reach === 'everywhere' && holdsAny(user, [r.role])));
  const unitRoles = VISIBILITY.filter((v) => !everywhereTypes.includes(v))
    .map((v) => ({ v, roles: v.readers.filter((r) => r.reach === 'unit' && holdsAny(user, [r.role])).map((r) => r.role) }))
    .filter((x) => x.roles.length > 0);
  return { everywhere: everywhereTypes, unitRoles };
}
