/** Worker: records the assessment and computes the IVO report due date and the 6-month follow-up. */
import { z } from 'zod';
import { assessmentSchema, recordDecision } from '../src/domain/lexSarah/index.js';
import { JobTypes } from './jobTypes.js';
import { defineWorker, done } from './registry.js';

export const lexSarahDecisionDeadlinesWorker = defineWorker({
  jobType: JobTypes.lexSarahDecisionDeadlines,
  description: 'Beräknar tidsfrister efter bedömningen (anmälan till IVO, uppföljning efter sex månader)',
  input: z.object({ assessment: assessmentSchema }),
  output: z.object({
    decidedAt: z.string(),
    followUpAt: z.string(),
    ivoReportDueDate: z.string().optional(),
  }),
  async handle(input, job, deps) {
    const { case: c, deadlines } = await recordDecision(deps.db, {
      processInstanceKey: job.processInstanceKey,
      assessment: input.assessment,
      decidedAt: deps.clock.now(),
      ivoTargetWorkdays: deps.settings.lexSarahIvoTargetWorkdays,
    });
    const decidedAt = (c.decidedAt ?? deps.clock.now()).toISOString();
    return done({ decidedAt, ...deadlines });
  },
});
