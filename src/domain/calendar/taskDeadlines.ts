/**
 * Which deadline rule gives each user task its due date, as data beside the rules (rules.ts):
 * the key is `<processId>/<elementId>`, the BPMN reads the date from `dueDateVariable`
 * (`zeebe:taskSchedule dueDate="=<variable>"`), and the workers compute that variable from
 * `rule`. A unit test checks that every user task with a due date in bpmn/ has an entry here.
 * `rule: null` says the date does not come from a rule of rules.ts (a person sets it, or the
 * process's own module computes it from a setting); `shown` then says what kind of deadline it
 * is and on what basis, for the task page (legal references stay data, here and in rules.ts).
 */
import type { DeadlineRuleId } from './rules.js';

export interface TaskDeadlineSource {
  dueDateVariable: string;
  /** One rule; or the rule chosen by the `legal`/`local` value of a variable; or none. */
  rule: DeadlineRuleId | { kindVariable: string; legal: DeadlineRuleId; local: DeadlineRuleId } | null;
  /** When this variable holds this value, the date was set by hand (an extension) and no rule applies. */
  byHand?: { variable: string; equals: unknown };
  /** Why there is no rule (for `rule: null`). */
  note?: string;
  /** For `rule: null`: the kind and basis of a date computed elsewhere, shown on the task. */
  shown?: { kind: 'legal' | 'local'; title: string; basis: string };
}

const feedback = {
  kind: 'local',
  title: 'Återkoppling till den som lämnat synpunkten',
  basis: 'Nämndens rutin: återkoppling inom 14 arbetsdagar från att synpunkten kom in (inställningen SYNPUNKT_FEEDBACK_WORKDAYS)',
} as const;

const investigation: TaskDeadlineSource = {
  dueDateVariable: 'investigationDueAt',
  rule: { kindVariable: 'investigationDeadlineKind', legal: 'utredning-barn', local: 'utredning-vuxen' },
  byHand: { variable: 'extend', equals: 'ja' },
};

export const TASK_DEADLINES: Readonly<Record<string, TaskDeadlineSource>> = {
  'myndighetsutovning/Task_ProtectionAssessment': { dueDateVariable: 'protectionAssessmentDueAt', rule: 'skyddsbedomning' },
  'myndighetsutovning/Task_PreliminaryAssessment': { dueDateVariable: 'preliminaryAssessmentDueAt', rule: 'forhandsbedomning-barn' },
  'myndighetsutovning/Task_Investigate': investigation,
  'myndighetsutovning/Task_ExtensionDecision': investigation,
  'genomfora-insatser/Task_ReportNotExecuted': { dueDateVariable: 'notExecutedReportDueAt', rule: 'ej-verkstallt-rapport' },
  'folja-upp/Task_FollowUp': { dueDateVariable: 'followUpDueAt', rule: 'uppfoljning-utvardering' },
  'lex-sarah/Task_ReportToIvo': {
    dueDateVariable: 'ivoReportDueDate',
    rule: null,
    note: 'lexSarah/deadlines.ts (nämndens mål i arbetsdagar)',
    shown: {
      kind: 'local',
      title: 'Anmälan till IVO (lex Sarah)',
      basis: 'Lagen: anmälan snarast. Nämndens mål: inom ett antal arbetsdagar efter bedömningen (inställningen LEX_SARAH_IVO_TARGET_WORKDAYS)',
    },
  },
  'lex-sarah/Task_SendInvestigation': {
    dueDateVariable: 'investigationToIvoDueDate',
    rule: null,
    note: 'lexSarah/service.ts',
    shown: {
      kind: 'legal',
      title: 'Utredningen till IVO (lex Sarah)',
      basis: 'SOSFS 2011:5: en utredning som inte bifogades anmälan ska ha kommit in till IVO senast två månader efter anmälan',
    },
  },
  'lex-maria/Task_ReportToIvo': {
    dueDateVariable: 'ivoReportDueDate',
    rule: null,
    note: 'lexMaria/deadlines.ts',
    shown: {
      kind: 'local',
      title: 'Anmälan till IVO (lex Maria)',
      basis: 'Patientsäkerhetslagen 3 kap. 5 §: anmälan snarast. Vårdgivarens mål: inom ett antal arbetsdagar (inställningen LEX_MARIA_IVO_TARGET_WORKDAYS)',
    },
  },
  'synpunkt/Task_Triage': { dueDateVariable: 'feedbackDueAt', rule: null, note: 'feedback: återkoppling inom 14 arbetsdagar', shown: feedback },
  'synpunkt/Task_Investigate': { dueDateVariable: 'feedbackDueAt', rule: null, note: 'feedback: återkoppling inom 14 arbetsdagar', shown: feedback },
  'synpunkt/Task_Measures': { dueDateVariable: 'feedbackDueAt', rule: null, note: 'feedback: återkoppling inom 14 arbetsdagar', shown: feedback },
  'synpunkt/Task_Feedback': { dueDateVariable: 'feedbackDueAt', rule: null, note: 'feedback: återkoppling inom 14 arbetsdagar', shown: feedback },
  'atgard/Task_Implement': { dueDateVariable: 'actionDueAt', rule: null, note: 'satt för hand i åtgärdsplanen' },
  'arshjul-uppgift/Task_Duty': { dueDateVariable: 'deadlineAt', rule: null, note: 'årshjulets planerade datum' },
  'rutin-oversyn/Task_ReviewRoutine': { dueDateVariable: 'reviewDueAt', rule: null, note: 'rutinens översynsdatum' },
  'internkontroll/Task_Control': { dueDateVariable: 'occurrence.dueAt', rule: null, note: 'internkontrollplanen' },
  'internkontroll/Task_YearEndReport': { dueDateVariable: 'reportDueAt', rule: null, note: 'internkontrollplanen' },
};

/** The kind and basis shown for a date computed outside rules.ts, if the entry says; undefined otherwise. */
export function shownDeadlineOf(processId: string, elementId: string): TaskDeadlineSource['shown'] {
  const source = TASK_DEADLINES[`${processId}/${elementId}`];
  return source?.rule ? undefined : source?.shown;
}

/** The rule that gave the task at `processId`/`elementId` its due date, given the instance's variables; undefined if none. */
export function deadlineRuleOf(processId: string, elementId: string, variables: Record<string, unknown>): DeadlineRuleId | undefined {
  const source = TASK_DEADLINES[`${processId}/${elementId}`];
  if (!source?.rule) return undefined;
  if (source.byHand && variables[source.byHand.variable] === source.byHand.equals) return undefined;
  if (typeof source.rule === 'string') return source.rule;
  const kind = variables[source.rule.kindVariable];
  return kind === 'legal' || kind === 'local' ? source.rule[kind] : undefined;
}
