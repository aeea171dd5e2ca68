/**
 * Lex Maria deadlines and thresholds (DOMAIN.md §5.2, §6), all dates from the legal calendar:
 * - anmälan to IVO *snarast*: the organisation's local target of N arbetsdagar after the MAS's
 *   decision (setting LEX_MARIA_IVO_TARGET_WORKDAYS, default 2), end of that day;
 * - follow-up of the actions' effect: 6 months after the decision, by lag 1930:173; the timer
 *   fires at the start (00:00 Stockholm) of that day;
 * - a händelseanalys when the risk score (probability × consequence, 1–4 each) reaches a
 *   threshold (setting LEX_MARIA_EVENT_ANALYSIS_THRESHOLD, default 9), otherwise a shorter
 *   utredning.
 */
import { addLegalPeriod, addWorkdays } from '../calendar/index.js';

/** Defaults of the two settings (src/config). */
export const LEX_MARIA_DEFAULTS = { ivoTargetWorkdays: 2, eventAnalysisThreshold: 9 } as const;

export type InvestigationKind = 'handelseanalys' | 'utredning';

/** The risk score of a probability and a consequence on 1–4 scales. */
export function riskScore(probability: number, consequence: number): number {
  for (const v of [probability, consequence]) {
    if (!Number.isInteger(v) || v < 1 || v > 4) throw new RangeError('probability and consequence are whole numbers 1–4');
  }
  return probability * consequence;
}

/** A händelseanalys at or above the threshold, else a shorter utredning. */
export function investigationKindFor(score: number, threshold: number): InvestigationKind {
  return score >= threshold ? 'handelseanalys' : 'utredning';
}

export interface DecisionDeadlines {
  /** ISO date-time: when the follow-up timer fires (00:00 Stockholm on the follow-up day). */
  followUpAt: string;
  /** ISO date-time, only when the case is reported to IVO: due date of the IVO task. */
  ivoReportDueDate?: string;
}

/** Deadlines that follow from the MAS's decision at `decidedAt`. */
export function decisionDeadlines(decidedAt: Date, reportToIvo: boolean, ivoTargetWorkdays: number): DecisionDeadlines {
  const followUpAt = addLegalPeriod(decidedAt, { months: 6 }, { time: '00:00' });
  if (!reportToIvo) return { followUpAt };
  return { followUpAt, ivoReportDueDate: addWorkdays(decidedAt, ivoTargetWorkdays) };
}
