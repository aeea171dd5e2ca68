/** Worker: records the anmälan to IVO and computes the 2-month deadline for the investigation. */
import { z } from 'zod';
import { toLocalDate } from '../src/domain/calendar/index.js';
import { recordIvoReport } from '../src/domain/lexSarah/index.js';
import { JobTypes } from './jobTypes.js';
import { defineWorker, done } from './registry.js';

/** A date (`YYYY-MM-DD`) or an ISO date-time that the calendar can read. */
const dateLike = z.string().refine((v) => {
  try {
    toLocalDate(v);
    return true;
  } catch {
    return false;
  }
}, 'expected a date');

export const lexSarahIvoReportedWorker = defineWorker({
  jobType: JobTypes.lexSarahIvoReported,
  description: 'Registrerar anmälan till IVO och beräknar sista dag för att skicka utredningen',
  input: z.object({
    ivoReportedAt: dateLike,
    investigationAttached: z.boolean().optional(),
  }),
  output: z.object({
    investigationAttached: z.boolean(),
    investigationToIvoDueDate: z.string().optional(),
  }),
  async handle(input, job, deps) {
    const investigationAttached = input.investigationAttached ?? false;
    const { investigationToIvoDueDate } = await recordIvoReport(deps.db, {
      processInstanceKey: job.processInstanceKey,
      ivoReportedOn: toLocalDate(input.ivoReportedAt),
      investigationAttached,
      now: deps.clock.now(),
    });
    return done(investigationToIvoDueDate ? { investigationAttached, investigationToIvoDueDate } : { investigationAttached });
  },
});
