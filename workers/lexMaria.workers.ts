/** Workers of lex Maria (bpmn/lex-maria.bpmn; DOMAIN.md §5.2). */
import { z } from 'zod';
import {
  closeLexMariaCase,
  LEX_MARIA_DEFAULTS,
  recordAssessment,
  recordDecision,
  recordIvoReport,
  recordPatientInformation,
  registerLexMariaCase,
  SERIOUS_HARM,
} from '../src/domain/lexMaria/index.js';
import { JobTypes } from './jobTypes.js';
import { defineWorker, done } from './registry.js';

const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T/);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}/);
const level = z.coerce.number().int().min(1).max(4);
const yesNo = z.enum(['ja', 'nej']);

export const lexMariaRegisterWorker = defineWorker({
  jobType: JobTypes.lexMariaRegister,
  description: 'Registrerar lex Maria-ärendet (LM-år-nummer)',
  input: z.object({
    unitId: z.string().min(1),
    occurredAt: z.string().optional(),
    sourceCaseNumber: z.string().optional(),
    sourceProcessInstanceKey: z.union([z.string(), z.number()]).transform(String).optional(),
  }),
  output: z.object({ caseNumber: z.string().regex(/^LM-\d{4}-\d{4,}$/), reportedAt: iso }),
  async handle(input, job, deps) {
    const occurredAt = input.occurredAt ? new Date(input.occurredAt) : undefined;
    const c = await registerLexMariaCase(deps.db, {
      processInstanceKey: job.processInstanceKey,
      unitId: input.unitId,
      reportedAt: deps.clock.now(),
      occurredAt: occurredAt && !Number.isNaN(occurredAt.getTime()) ? occurredAt : undefined,
      sourceCaseNumber: input.sourceCaseNumber,
      sourceProcessInstanceKey: input.sourceProcessInstanceKey,
    });
    return done({ caseNumber: c.caseNumber, reportedAt: c.reportedAt.toISOString() });
  },
});

export const lexMariaAssessedWorker = defineWorker({
  jobType: JobTypes.lexMariaAssessed,
  description: 'Räknar riskvärdet (sannolikhet × konsekvens) och väljer händelseanalys eller utredning',
  input: z.object({ probability: level, consequence: level, seriousHarm: z.enum(SERIOUS_HARM) }),
  output: z.object({ riskScore: z.number().int().min(1).max(16), investigationKind: z.enum(['handelseanalys', 'utredning']) }),
  async handle(input, job, deps) {
    const c = await recordAssessment(deps.db, job.processInstanceKey, {
      ...input,
      eventAnalysisThreshold: deps.settings.lexMariaEventAnalysisThreshold ?? LEX_MARIA_DEFAULTS.eventAnalysisThreshold,
    });
    return done({ riskScore: c.riskScore!, investigationKind: c.investigationKind! });
  },
});

export const lexMariaDecidedWorker = defineWorker({
  jobType: JobTypes.lexMariaDecided,
  description: 'Noterar beslutet om anmälan till IVO och beräknar tidsfrister (IVO snarast, uppföljning efter sex månader)',
  input: z.object({ reportToIvo: yesNo }),
  output: z.object({ decidedAt: iso, followUpAt: iso, ivoReportDueDate: iso.optional() }),
  async handle(input, job, deps) {
    const now = deps.clock.now();
    const { deadlines } = await recordDecision(deps.db, job.processInstanceKey, {
      reportToIvo: input.reportToIvo === 'ja',
      decidedAt: now,
      ivoTargetWorkdays: deps.settings.lexMariaIvoTargetWorkdays ?? LEX_MARIA_DEFAULTS.ivoTargetWorkdays,
    });
    return done({ decidedAt: now.toISOString(), ...deadlines });
  },
});

export const lexMariaIvoReportedWorker = defineWorker({
  jobType: JobTypes.lexMariaIvoReported,
  description: 'Noterar anmälan till IVO',
  input: z.object({ ivoReportedAt: day, ivoReference: z.string().optional(), investigationAttached: z.boolean().optional() }),
  output: z.object({ ivoReportedOn: day }),
  async handle(input, job, deps) {
    const c = await recordIvoReport(deps.db, job.processInstanceKey, {
      reportedOn: input.ivoReportedAt,
      reference: input.ivoReference || undefined,
      investigationAttached: input.investigationAttached ?? false,
    });
    return done({ ivoReportedOn: c.ivoReportedOn! });
  },
});

export const lexMariaPatientInformedWorker = defineWorker({
  jobType: JobTypes.lexMariaPatientInformed,
  description: 'Noterar att patienten informerats och fått lämna synpunkter (eller varför inte)',
  input: z.object({ patientInformed: yesNo, patientInformedAt: day.optional(), patientInformedHow: z.string().optional() }),
  output: z.object({ patientInformationRecordedAt: iso }),
  async handle(input, job, deps) {
    await recordPatientInformation(deps.db, job.processInstanceKey, {
      informed: input.patientInformed === 'ja',
      informedOn: input.patientInformedAt,
      how: input.patientInformedHow,
    });
    return done({ patientInformationRecordedAt: deps.clock.now().toISOString() });
  },
});

export const lexMariaCloseWorker = defineWorker({
  jobType: JobTypes.lexMariaClose,
  description: 'Avslutar lex Maria-ärendet',
  input: z.object({ actionsEffective: yesNo.optional() }),
  output: z.object({ closedAt: iso }),
  async handle(input, job, deps) {
    const now = deps.clock.now();
    await closeLexMariaCase(deps.db, job.processInstanceKey, {
      actionsEffective: input.actionsEffective === undefined ? undefined : input.actionsEffective === 'ja',
      at: now,
    });
    return done({ closedAt: now.toISOString() });
  },
});
