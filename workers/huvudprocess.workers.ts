/**
 * Workers of huvudprocessen and the processes it calls (bpmn/huvudprocess.bpmn,
 * myndighetsutovning.bpmn, genomfora-insatser.bpmn, folja-upp.bpmn, avsluta-arende.bpmn).
 * The called processes find the case by `caseNumber`; every date comes from the calendar and
 * the deadline rules (src/domain/calendar/rules.ts) by way of src/domain/cases.
 */
import { z } from 'zod';
import {
  CLOSE_REASONS,
  DECISIONS,
  INFLOWS,
  LAWS,
  closeCase,
  openInvestigation,
  recordDecision,
  recordExecuted,
  recordExtension,
  recordFollowUp,
  recordNoInvestigation,
  recordNotExecuted,
  recordNotExecutedReported,
  recordOrder,
  registerCase,
} from '../src/domain/cases/index.js';
import { JobTypes } from './jobTypes.js';
import { defineWorker, done } from './registry.js';

const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T/);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}/);
const caseNumber = z.string().regex(/^AR-\d{4}-\d{4,}$/);
const yesNo = z.enum(['ja', 'nej']);

export const huvudprocessRegisterWorker = defineWorker({
  jobType: JobTypes.huvudprocessRegister,
  description: 'Registrerar ärendet (AR-år-nummer) och räknar tiderna för skydds- och förhandsbedömning när en anmälan gäller ett barn',
  input: z.object({ unitId: z.string().min(1), inflow: z.enum(INFLOWS), law: z.enum(LAWS), isChild: z.boolean().default(false) }),
  output: z.object({ caseNumber, receivedAt: iso, protectionAssessmentDueAt: iso.optional(), preliminaryAssessmentDueAt: iso.optional() }),
  async handle(input, job, deps) {
    const now = deps.clock.now();
    const r = await registerCase(deps.db, { processInstanceKey: job.processInstanceKey, ...input, receivedAt: now });
    return done({
      caseNumber: r.careCase.caseNumber,
      receivedAt: r.careCase.receivedAt.toISOString(),
      ...(r.protectionAssessmentDueAt ? { protectionAssessmentDueAt: r.protectionAssessmentDueAt } : {}),
      ...(r.preliminaryAssessmentDueAt ? { preliminaryAssessmentDueAt: r.preliminaryAssessmentDueAt } : {}),
    });
  },
});

export const myndighetNoInvestigationWorker = defineWorker({
  jobType: JobTypes.myndighetNoInvestigation,
  description: 'Noterar beslutet att inte inleda utredning',
  input: z.object({ caseNumber }),
  output: z.object({ decision: z.literal('ingen-utredning') }),
  async handle(input, _job, deps) {
    await recordNoInvestigation(deps.db, input.caseNumber);
    return done({ decision: 'ingen-utredning' as const });
  },
});

export const myndighetOpenInvestigationWorker = defineWorker({
  jobType: JobTypes.myndighetOpenInvestigation,
  description: 'Inleder utredningen: fyra månader för barn (lag), annars nämndens mål; förlängning prövas två veckor före',
  input: z.object({ caseNumber }),
  output: z.object({ investigationDueAt: iso, extensionReviewAt: iso, investigationDeadlineKind: z.enum(['legal', 'local']) }),
  async handle(input, _job, deps) {
    const r = await openInvestigation(deps.db, input.caseNumber, deps.clock.now());
    return done({
      investigationDueAt: r.investigationDueAt,
      extensionReviewAt: r.extensionReviewAt,
      investigationDeadlineKind: r.careCase.investigationDeadlineKind!,
    });
  },
});

export const myndighetExtensionWorker = defineWorker({
  jobType: JobTypes.myndighetExtension,
  description: 'Registrerar beslutet om förlängd utredningstid och flyttar utredningsuppgiftens förfallodag',
  input: z.object({ caseNumber, extend: yesNo, extendedToDate: date.optional() }),
  output: z.object({ investigationDueAt: iso }),
  async handle(input, job, deps) {
    const r = await recordExtension(deps.db, input.caseNumber, { extend: input.extend === 'ja', extendedTo: input.extendedToDate, at: deps.clock.now() });
    if (input.extend === 'ja') {
      // the investigation task of this instance shows the new deadline in the inbox
      await deps.updateOpenUserTasks?.(job.processInstanceKey, 'Task_Investigate', { dueDate: new Date(r.investigationDueAt) });
    }
    return done({ investigationDueAt: r.investigationDueAt });
  },
});

export const myndighetDecidedWorker = defineWorker({
  jobType: JobTypes.myndighetDecided,
  description: 'Registrerar beslutet; ett gynnande beslut ska verkställas inom tre månader och följas upp på angivet datum',
  input: z.object({ caseNumber, decision: z.enum(DECISIONS), insats: z.string().optional(), followUpDate: date.optional() }),
  output: z.object({ decidedAt: iso, notExecutedDeadlineAt: iso.optional(), followUpAt: iso.optional(), followUpDueAt: iso.optional() }),
  async handle(input, _job, deps) {
    const now = deps.clock.now();
    if (input.decision !== 'avslag' && !input.followUpDate) throw new Error('a favourable decision needs a follow-up date');
    const r = await recordDecision(deps.db, input.caseNumber, { decision: input.decision, insats: input.insats, followUpDate: input.followUpDate, at: now });
    return done({
      decidedAt: now.toISOString(),
      ...(r.notExecutedDeadlineAt ? { notExecutedDeadlineAt: r.notExecutedDeadlineAt, followUpAt: r.followUpAt, followUpDueAt: r.followUpDueAt } : {}),
    });
  },
});

export const genomforaOrderedWorker = defineWorker({
  jobType: JobTypes.genomforaOrdered,
  description: 'Registrerar uppdraget till den utförande enheten',
  input: z.object({ caseNumber, providerUnitId: z.string().min(1) }),
  output: z.object({ orderedAt: iso }),
  async handle(input, _job, deps) {
    const now = deps.clock.now();
    await recordOrder(deps.db, input.caseNumber, { providerUnitId: input.providerUnitId, at: now });
    return done({ orderedAt: now.toISOString() });
  },
});

export const genomforaNotExecutedWorker = defineWorker({
  jobType: JobTypes.genomforaNotExecuted,
  description: 'Noterar att ett gynnande beslut inte verkställts inom tre månader (kvartalsrapport till IVO)',
  input: z.object({ caseNumber }),
  output: z.object({ notExecutedReportDueAt: iso, notExecutedQuarter: z.string().regex(/^\d{4}-Q[1-4]$/) }),
  async handle(input, _job, deps) {
    const r = await recordNotExecuted(deps.db, input.caseNumber, deps.clock.now());
    return done({ notExecutedReportDueAt: r.notExecutedReportDueAt, notExecutedQuarter: r.quarter });
  },
});

export const genomforaNotExecutedReportedWorker = defineWorker({
  jobType: JobTypes.genomforaNotExecutedReported,
  description: 'Registrerar rapporten om ej verkställt beslut till IVO',
  input: z.object({ caseNumber, reportedToIvoOn: date }),
  output: z.object({ notExecutedReportedOn: date }),
  async handle(input, _job, deps) {
    await recordNotExecutedReported(deps.db, input.caseNumber, input.reportedToIvoOn);
    return done({ notExecutedReportedOn: input.reportedToIvoOn.slice(0, 10) });
  },
});

export const genomforaExecutedWorker = defineWorker({
  jobType: JobTypes.genomforaExecuted,
  description: 'Registrerar att beslutet verkställts',
  input: z.object({ caseNumber, executedOn: date }),
  output: z.object({ executedAt: date }),
  async handle(input, _job, deps) {
    await recordExecuted(deps.db, input.caseNumber, input.executedOn);
    return done({ executedAt: input.executedOn.slice(0, 10) });
  },
});

export const foljaUppRecordedWorker = defineWorker({
  jobType: JobTypes.foljaUppRecorded,
  description: 'Registrerar uppföljningen; nästa uppföljning när insatsen fortsätter',
  input: z.object({ caseNumber, goalsMet: z.enum(['ja', 'delvis', 'nej']), continueInsats: yesNo, nextFollowUpDate: date.optional() }),
  output: z.object({ followUpAt: iso.optional(), followUpDueAt: iso.optional() }),
  async handle(input, _job, deps) {
    if (input.continueInsats === 'ja' && !input.nextFollowUpDate) throw new Error('a continued insats needs the next follow-up date');
    const r = await recordFollowUp(deps.db, input.caseNumber, {
      goalsMet: input.goalsMet,
      continueInsats: input.continueInsats === 'ja',
      nextFollowUpDate: input.nextFollowUpDate,
      at: deps.clock.now(),
    });
    return done(r.followUpAt ? { followUpAt: r.followUpAt, followUpDueAt: r.followUpDueAt } : {});
  },
});

export const avslutaArendeClosedWorker = defineWorker({
  jobType: JobTypes.avslutaArendeClosed,
  description: 'Avslutar ärendet med skäl',
  input: z.object({ caseNumber, closeReason: z.enum(CLOSE_REASONS) }),
  output: z.object({ closedAt: iso }),
  async handle(input, _job, deps) {
    const now = deps.clock.now();
    await closeCase(deps.db, input.caseNumber, { reason: input.closeReason, at: now });
    return done({ closedAt: now.toISOString() });
  },
});
