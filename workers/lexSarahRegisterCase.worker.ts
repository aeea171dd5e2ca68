/** Worker: registers a lex Sarah report as a case with the year's next case number. */
import { z } from 'zod';
import { registerCase } from '../src/domain/lexSarah/index.js';
import { JobTypes } from './jobTypes.js';
import { defineWorker, done } from './registry.js';

export const lexSarahRegisterCaseWorker = defineWorker({
  jobType: JobTypes.lexSarahRegisterCase,
  description: 'Registrerar lex Sarah-rapporten som ärende (ärendenummer LS-år-nummer)',
  input: z.object({ unitId: z.string().min(1), sourceCaseNumber: z.string().optional() }),
  output: z.object({ caseNumber: z.string().regex(/^LS-\d{4}-\d{4,}$/), reportedAt: z.string() }),
  async handle(input, job, deps) {
    const c = await registerCase(deps.db, {
      processInstanceKey: job.processInstanceKey,
      unitId: input.unitId,
      reportedAt: deps.clock.now(),
      sourceCaseNumber: input.sourceCaseNumber,
    });
    return done({ caseNumber: c.caseNumber, reportedAt: c.reportedAt.toISOString() });
  },
});
