/** Lex Sarah (DOMAIN.md §5.1): the case record and its vocabulary. */
import { z } from 'zod';

/** The decision maker's assessment (radio values of the form `lex-sarah-assessment`). */
export const assessmentSchema = z.enum(['ej-missforhallande', 'missforhallande', 'allvarligt']);
export type Assessment = z.infer<typeof assessmentSchema>;

/** Candidate groups (role names) of the lex Sarah user tasks, as in bpmn/lex-sarah.bpmn. */
export const LEX_SARAH_ROLES = {
  immediateMeasures: 'enhetschef',
  investigation: 'utredare',
  assessment: 'socialchef',
  ivoReport: ['utredare', 'kvalitetsledare'],
  committee: 'namndsekreterare',
} as const;

export interface LexSarahCase {
  id: number;
  /** The synpunkt (`SY-…`) this case was started from, if any. */
  sourceCaseNumber?: string;
  /** `LS-2026-0042`: numbered per calendar year (Stockholm) of the report. */
  caseNumber: string;
  year: number;
  sequence: number;
  processInstanceKey: string;
  unitId: string;
  status: 'open' | 'closed';
  reportedAt: Date;
  assessment: Assessment | undefined;
  decidedAt: Date | undefined;
  ivoReportDueAt: Date | undefined;
  /** The day the anmälan was made to IVO (`YYYY-MM-DD`). */
  ivoReportedOn: string | undefined;
  investigationAttached: boolean | undefined;
  investigationDueAt: Date | undefined;
  followUpAt: Date | undefined;
  closedAt: Date | undefined;
}

export interface LexSarahNotification {
  id: number;
  caseId: number;
  /** What the notification is about, e.g. `ivo-report`. */
  kind: string;
  /** Who receives it (a role at the case's unit or above), e.g. `namndsekreterare`. */
  recipientRole: string;
  unitId: string;
  createdAt: Date;
}
