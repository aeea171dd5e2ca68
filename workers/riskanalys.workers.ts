/** Workers of riskanalys (bpmn/riskanalys.bpmn; DOMAIN.md §5.5). */
import { z } from 'zod';
import {
  activeMatrix,
  closeRiskAnalysis,
  OCCASIONS,
  openGapsFor,
  recordRiskDecision,
  recordRisks,
  registerRiskAnalysis,
  RiskOutsideMatrixError,
} from '../src/domain/risk/index.js';
import { JobTypes } from './jobTypes.js';
import { defineWorker, done, type WorkerDefinition } from './registry.js';

const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T/);
const level = z.number().nullable().optional();
const riskInput = z.object({
  description: z.string().min(1),
  probability: level,
  consequence: level,
  causes: z.string().nullable().optional(),
  carriedOverFrom: z.string().nullable().optional(),
});

const riskanalysRegisterWorker = defineWorker({
  jobType: JobTypes.riskanalysRegister,
  description: 'Registrerar riskanalysen (RA-år-nummer) och för över förra årets öppna risker och kontrollavvikelser till en årlig VoR',
  input: z.object({ unitId: z.string().min(1), occasion: z.enum(OCCASIONS), subject: z.string().min(1) }),
  output: z.object({
    caseNumber: z.string().regex(/^RA-\d{4}-\d{4,}$/),
    matrixSize: z.number().int(),
    carriedOverCount: z.number().int(),
    risks: z.array(riskInput.extend({ description: z.string() })),
  }),
  async handle(input, job, deps) {
    const analysis = await registerRiskAnalysis(deps.db, { processInstanceKey: job.processInstanceKey, ...input, registeredAt: deps.clock.now() });
    const gaps = await openGapsFor(deps.db, analysis);
    const matrix = await activeMatrix(deps.db);
    return done({ caseNumber: analysis.caseNumber, matrixSize: matrix.size, carriedOverCount: gaps.length, risks: gaps });
  },
});

const riskanalysScoreWorker = defineWorker({
  jobType: JobTypes.riskanalysScore,
  description: 'Värderar riskerna med riskmatrisen och lagrar dem; röda risker går till internkontrollplanen',
  input: z.object({ risks: z.array(riskInput) }),
  output: z.object({
    risksFit: z.boolean(),
    riskCount: z.number().int(),
    redCount: z.number().int(),
    scoredRisks: z.array(
      z.object({ position: z.number().int(), score: z.number().int(), colour: z.enum(['green', 'yellow', 'red']), forInternalControl: z.boolean() }),
    ),
  }),
  async handle(input, job, deps) {
    try {
      const { risks } = await recordRisks(deps.db, job.processInstanceKey, input.risks, deps.clock.now());
      return done({
        risksFit: true,
        riskCount: risks.length,
        redCount: risks.filter((r) => r.colour === 'red').length,
        scoredRisks: risks.map((r) => ({ position: r.position, score: r.score, colour: r.colour, forInternalControl: r.forInternalControl })),
      });
    } catch (e) {
      // A level outside the matrix (e.g. 5 in a 4×4 matrix) sends the risks back to be assessed again.
      if (e instanceof RiskOutsideMatrixError) return done({ risksFit: false, riskCount: input.risks.length, redCount: 0, scoredRisks: [] });
      throw e;
    }
  },
});

const riskanalysDecidedWorker = defineWorker({
  jobType: JobTypes.riskanalysDecided,
  description: 'Registrerar att handlingsplanen är beslutad',
  input: z.object({}),
  output: z.object({ decidedAt: iso }),
  async handle(_input, job, deps) {
    await recordRiskDecision(deps.db, job.processInstanceKey, deps.clock.now());
    return done({ decidedAt: deps.clock.now().toISOString() });
  },
});

const riskanalysCloseWorker = defineWorker({
  jobType: JobTypes.riskanalysClose,
  description: 'Avslutar riskanalysen',
  input: z.object({}),
  output: z.object({ closedAt: iso }),
  async handle(_input, job, deps) {
    await closeRiskAnalysis(deps.db, job.processInstanceKey, deps.clock.now());
    return done({ closedAt: deps.clock.now().toISOString() });
  },
});

/** The riskanalys workers, for workers/index.ts. */
export const riskanalysWorkers: WorkerDefinition[] = [riskanalysRegisterWorker, riskanalysScoreWorker, riskanalysDecidedWorker, riskanalysCloseWorker];
