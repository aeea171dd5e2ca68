/**
 * Lex Sarah deadlines (DOMAIN.md §5.1, §6), all from the legal calendar:
 * - IVO report: a local target of N arbetsdagar after the decision that the case is
 *   allvarligt (setting LEX_SARAH_IVO_TARGET_WORKDAYS, default 2), end of that day;
 * - investigation to IVO: 2 months after the anmälan (SOSFS 2011:5), by lag 1930:173;
 * - follow-up of the actions' effect: 6 months after the decision (Katrineholm), by lag
 *   1930:173; the follow-up timer fires at the start (00:00) of that day.
 */
import { addLegalPeriod, addWorkdays } from '../calendar/index.js';
import type { Assessment } from './types.js';

export interface DecisionDeadlines {
  /** ISO date-time: when the follow-up timer fires (00:00 Stockholm on the follow-up day). */
  followUpAt: string;
  /** ISO date-time, only for `allvarligt`: due date of the IVO report task. */
  ivoReportDueDate?: string;
}

/** Deadlines that follow from the decision (assessment) made at `decidedAt`. */
export function decisionDeadlines(decidedAt: Date, assessment: Assessment, ivoTargetWorkdays: number): DecisionDeadlines {
  const followUpAt = addLegalPeriod(decidedAt, { months: 6 }, { time: '00:00' });
  if (assessment !== 'allvarligt') return { followUpAt };
  return { followUpAt, ivoReportDueDate: addWorkdays(decidedAt, ivoTargetWorkdays) };
}

/** The last moment for sending the investigation to IVO when it was not attached to the anmälan. */
export function investigationToIvoDeadline(ivoReportedOn: Date | string): string {
  return addLegalPeriod(ivoReportedOn, { months: 2 });
}
