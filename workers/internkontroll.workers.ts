/** Workers of internkontroll (bpmn/internkontroll.bpmn; DOMAIN.md §5.6). */
import { z } from 'zod';
import {
  adoptControlPlan,
  FREQUENCIES,
  markPlanReported,
  planUnitId,
  recordControlResult,
  registerControlPlan,
  yearEndSummary,
} from '../src/domain/internalControl/index.js';
import { risksForInternalControl } from '../src/domain/risk/index.js';
import { JobTypes } from './jobTypes.js';
import { defineWorker, done, type WorkerDefinition } from './registry.js';

const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T/);
const text = z.string().nullable().optional();
const proposal = z.object({ what: z.string(), how: text, frequency: text, documentation: text, role: text, unitId: text, fromRisk: text });
const point = z.object({
  what: z.string().min(1),
  how: z.string().min(1),
  frequency: z.enum(FREQUENCIES),
  documentation: z.string().min(1),
  role: z.string().min(1),
  unitId: text,
  fromRisk: text,
});
const occurrence = z.object({
  resultId: z.number().int(),
  pointId: z.number().int(),
  what: z.string(),
  how: z.string(),
  documentation: z.string(),
  role: z.string(),
  unitId: z.string(),
  period: z.string(),
  opensAt: z.string(),
  dueAt: z.string(),
});

const internkontrollRegisterWorker = defineWorker({
  jobType: JobTypes.internkontrollRegister,
  description: 'Registrerar årets internkontrollplan (IK-år-nummer) och föreslår kontrollpunkter från röda risker',
  input: z.object({ year: z.number().int().min(2000).max(2100) }),
  output: z.object({ caseNumber: z.string().regex(/^IK-\d{4}-\d{4,}$/), unitId: z.string(), controlPoints: z.array(proposal) }),
  async handle(input, job, deps) {
    const plan = await registerControlPlan(deps.db, {
      processInstanceKey: job.processInstanceKey,
      planYear: input.year,
      unitId: await planUnitId(deps.db),
      registeredAt: deps.clock.now(),
    });
    // The VoR is made the year before the plan year: its red risks are the proposals.
    const risks = await risksForInternalControl(deps.db, input.year - 1);
    const controlPoints = risks.map((r) => ({
      what: r.description,
      how: null,
      frequency: null,
      documentation: null,
      role: null,
      unitId: r.unitId,
      fromRisk: `risk:${r.id}`,
    }));
    return done({ caseNumber: plan.caseNumber, unitId: plan.unitId, controlPoints });
  },
});

const internkontrollAdoptedWorker = defineWorker({
  jobType: JobTypes.internkontrollAdopted,
  description: 'Lagrar den antagna planens kontrollpunkter och räknar ut årets alla kontrolltillfällen',
  input: z.object({
    controlPoints: z.array(point),
    adoptedBy: z.string().min(1),
    adoptedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}/),
    decisionParagraph: z.string().min(1),
  }),
  output: z.object({ occurrences: z.array(occurrence), controlCount: z.number().int(), yearEndAt: z.string() }),
  async handle(input, job, deps) {
    const points = input.controlPoints.map((p) => {
      const m = p.fromRisk ? /^risk:(\d+)$/.exec(p.fromRisk) : null;
      return { ...p, riskId: m ? Number(m[1]) : null };
    });
    const { occurrences, yearEndAt } = await adoptControlPlan(deps.db, job.processInstanceKey, {
      points,
      adoptedBy: input.adoptedBy,
      adoptedOn: input.adoptedOn.slice(0, 10),
      decisionParagraph: input.decisionParagraph,
    });
    return done({ occurrences, controlCount: occurrences.length, yearEndAt });
  },
});

const internkontrollResultWorker = defineWorker({
  jobType: JobTypes.internkontrollResult,
  description: 'Registrerar resultatet av en kontroll (utan anmärkning eller avvikelse)',
  input: z.object({ occurrence: z.object({ resultId: z.number().int() }), controlResult: z.enum(['ok', 'avvikelse']), controlComment: text }),
  // Nothing back: the result lives in the sub-process instance (parallel controls must not share it).
  output: z.object({}),
  async handle(input, _job, deps) {
    await recordControlResult(deps.db, input.occurrence.resultId, {
      result: input.controlResult === 'ok' ? 'ok' : 'deviation',
      comment: input.controlComment ?? null,
      at: deps.clock.now(),
    });
    return done({});
  },
});

const internkontrollYearEndWorker = defineWorker({
  jobType: JobTypes.internkontrollYearEnd,
  description: 'Sammanställer årets kontroller och räknar ut när årsrapporten ska till nämnden',
  input: z.object({}),
  output: z.object({
    reportDueAt: z.string(),
    okCount: z.number().int(),
    deviationCount: z.number().int(),
    missingCount: z.number().int(),
    controlCount: z.number().int(),
  }),
  async handle(_input, job, deps) {
    const s = await yearEndSummary(deps.db, job.processInstanceKey);
    return done({ reportDueAt: s.reportDueAt, okCount: s.ok, deviationCount: s.deviations, missingCount: s.missing, controlCount: s.controls });
  },
});

const internkontrollCloseWorker = defineWorker({
  jobType: JobTypes.internkontrollClose,
  description: 'Registrerar att årsrapporten gått till nämnden och avslutar planen',
  input: z.object({}),
  output: z.object({ closedAt: iso }),
  async handle(_input, job, deps) {
    await markPlanReported(deps.db, job.processInstanceKey, deps.clock.now());
    return done({ closedAt: deps.clock.now().toISOString() });
  },
});

/** The internkontroll workers, for workers/index.ts. */
export const internkontrollWorkers: WorkerDefinition[] = [
  internkontrollRegisterWorker,
  internkontrollAdoptedWorker,
  internkontrollResultWorker,
  internkontrollYearEndWorker,
  internkontrollCloseWorker,
];
