/** Workers of the årshjul (bpmn/arshjul.bpmn, bpmn/arshjul-uppgift.bpmn; DOMAIN.md §5.7). */
import { z } from 'zod';
import { completeYear, planYear, recordOccurrenceDone } from '../src/domain/annualCycle/index.js';
import { JobTypes } from './jobTypes.js';
import { defineWorker, done } from './registry.js';

const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T/);

const occurrence = z.object({
  occurrenceId: z.number().int(), caseNumber: z.string().regex(/^AH-\d{4}-\d{4,}$/), dutyId: z.string(), title: z.string(), description: z.string(),
  role: z.string(), unitId: z.string(), dueAt: iso, deadlineAt: iso,
});

export const arshjulPlanWorker = defineWorker({
  jobType: JobTypes.arshjulPlan,
  description: 'Räknar fram årets förekomster av de återkommande uppgifterna och registrerar dem (AH-år-nummer)',
  input: z.object({ year: z.coerce.number().int().min(2000).max(2200) }),
  output: z.object({ yearTaken: z.boolean(), occurrences: z.array(occurrence), occurrenceCount: z.number().int() }),
  async handle(input, job, deps) {
    const plan = await planYear(deps.db, { year: input.year, processInstanceKey: job.processInstanceKey, now: deps.clock.now() });
    if (plan.taken) return done({ yearTaken: true, occurrences: [], occurrenceCount: 0 });
    deps.logger.info({ event: 'annualCycle.planned', year: input.year, occurrences: plan.scheduled.length }, 'annualCycle.planned');
    return done({ yearTaken: false, occurrences: plan.scheduled, occurrenceCount: plan.scheduled.length });
  },
});

export const arshjulRecordWorker = defineWorker({
  jobType: JobTypes.arshjulRecord,
  description: 'Registrerar att årshjulsuppgiften är gjord, med resultat (ok eller brister)',
  input: z.object({
    occurrenceId: z.coerce.number().int(), result: z.enum(['ok', 'brister']), whatWasDone: z.string().min(1), comment: z.string().nullish(),
  }),
  output: z.object({ completedAt: iso }),
  async handle(input, job, deps) {
    const now = deps.clock.now();
    const o = await recordOccurrenceDone(deps.db, {
      occurrenceId: input.occurrenceId, taskInstanceKey: job.processInstanceKey, outcome: input.result, doneSummary: input.whatWasDone,
      comment: input.comment ?? undefined, at: now,
    });
    return done({ completedAt: (o.completedAt ?? now).toISOString() });
  },
});

export const arshjulYearDoneWorker = defineWorker({
  jobType: JobTypes.arshjulYearDone,
  description: 'Avslutar årets årshjul och räknar hur förekomsterna gick',
  input: z.object({}),
  output: z.object({ yearDoneAt: iso, occurrencesDone: z.number().int(), occurrencesWithGaps: z.number().int(), occurrencesSkipped: z.number().int() }),
  async handle(_input, job, deps) {
    const now = deps.clock.now();
    const r = await completeYear(deps.db, job.processInstanceKey, now);
    return done({ yearDoneAt: now.toISOString(), occurrencesDone: r.done, occurrencesWithGaps: r.withGaps, occurrencesSkipped: r.skipped });
  },
});
