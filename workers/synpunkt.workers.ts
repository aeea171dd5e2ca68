/** Workers of synpunktshantering (bpmn/synpunkt.bpmn; DOMAIN.md §5.4). */
import { z } from 'zod';
import { closeFeedback, escalateFeedback, FEEDBACK_KINDS, forwardFeedback, registerFeedback } from '../src/domain/feedback/index.js';
import { concernsOf } from '../src/domain/processes/concerns.js';
import { JobTypes } from './jobTypes.js';
import { requestLinkedCase } from './linkedCase.js';
import { defineWorker, done } from './registry.js';

const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T/);

export const synpunktRegisterWorker = defineWorker({
  jobType: JobTypes.synpunktRegister,
  description: 'Registrerar synpunkten som ärende (SY-år-nummer) och räknar fram sista dag för återkoppling',
  input: z.object({
    unitId: z.string().min(1),
    kind: z.enum(FEEDBACK_KINDS),
    channel: z.string().min(1),
    senderType: z.string().min(1),
    anonymous: z.boolean().optional(),
    receipt: z.string().optional(),
    concernsProcessId: z.string().min(1).nullish(),
    concernsElementId: z.string().min(1).nullish(),
  }),
  output: z.object({ caseNumber: z.string().regex(/^SY-\d{4}-\d{4,}$/), receivedAt: iso, feedbackDueAt: iso }),
  async handle(input, job, deps) {
    const item = await registerFeedback(deps.db, {
      processInstanceKey: job.processInstanceKey,
      unitId: input.unitId,
      kind: input.kind,
      channel: input.channel,
      senderType: input.senderType,
      anonymous: input.anonymous ?? false,
      receipt: input.receipt,
      receivedAt: deps.clock.now(),
      workdays: deps.settings.synpunktFeedbackWorkdays,
      concerns: concernsOf(input),
    });
    return done({ caseNumber: item.caseNumber, receivedAt: item.receivedAt.toISOString(), feedbackDueAt: item.feedbackDueAt.toISOString() });
  },
});

export const synpunktForwardWorker = defineWorker({
  jobType: JobTypes.synpunktForward,
  description: 'Vidarebefordrar synpunkten till den enhet den gäller',
  input: z.object({ forwardToUnitId: z.string().min(1) }),
  output: z.object({ unitId: z.string(), forwardToUnitId: z.null() }),
  async handle(input, job, deps) {
    const item = await forwardFeedback(deps.db, job.processInstanceKey, input.forwardToUnitId);
    return done({ unitId: item.unitId, forwardToUnitId: null });
  },
});

export const synpunktEscalateWorker = defineWorker({
  jobType: JobTypes.synpunktEscalate,
  description: 'Noterar att återkopplingen är försenad',
  input: z.object({}),
  output: z.object({ escalatedAt: iso }),
  async handle(_input, job, deps) {
    const item = await escalateFeedback(deps.db, job.processInstanceKey, deps.clock.now());
    return done({ escalatedAt: (item.escalatedAt ?? deps.clock.now()).toISOString() });
  },
});

export const synpunktReportLinkedWorker = defineWorker({
  jobType: JobTypes.synpunktReportLinked,
  description: 'Startar ett lex Sarah- eller lex Maria-ärende med synpunktens uppgifter',
  input: z.object({
    caseNumber: z.string().min(1),
    unitId: z.string().min(1),
    description: z.string().optional(),
    receivedAt: iso,
    linkedProcess: z.enum(['lex-sarah', 'lex-maria']).default('lex-sarah'),
  }),
  output: z.object({ linkedProcess: z.enum(['lex-sarah', 'lex-maria']), linkedCaseRequestedAt: iso }),
  async handle(input, job, deps) {
    await requestLinkedCase(deps, job, input.linkedProcess, {
      caseNumber: input.caseNumber,
      unitId: input.unitId,
      description: input.description,
      occurredAt: input.receivedAt,
    });
    return done({ linkedProcess: input.linkedProcess, linkedCaseRequestedAt: deps.clock.now().toISOString() });
  },
});

export const synpunktCloseWorker = defineWorker({
  jobType: JobTypes.synpunktClose,
  description: 'Avslutar synpunktsärendet',
  input: z.object({ isDeviation: z.enum(['ja', 'nej']).optional(), feedbackGivenAt: z.string().optional() }),
  output: z.object({ closedAt: iso }),
  async handle(input, job, deps) {
    const now = deps.clock.now();
    const item = await closeFeedback(deps.db, job.processInstanceKey, {
      isDeviation: input.isDeviation === 'ja',
      feedbackGivenAt: input.feedbackGivenAt ? new Date(input.feedbackGivenAt) : undefined,
      closedAt: now,
    });
    return done({ closedAt: (item.closedAt ?? now).toISOString() });
  },
});
