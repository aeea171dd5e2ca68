/** Workers of the årshjul (bpmn/arshjul.bpmn, bpmn/arshjul-uppgift.bpmn; DOMAIN.md §5.7). */
import { z } from 'zod';
import { ANNUAL_CYCLE_NEXT_YEAR_MESSAGE, completeYear, newYearAt, planYear, recordOccurrenceDone } from '../src/domain/annualCycle/index.js';
import { JobTypes } from './jobTypes.js';
import { defineWorker, done } from './registry.js';

const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T/);

const occurrence = z.object({
  occurrenceId: z.number().int(),
  caseNumber: z.string().regex(/^AH-\d{4}-\d{4,}$/),
  dutyId: z.string(),
  title: z.string(),
  description: z.string(),
  role: z.string(),
  unitId: z.string(),
  dueAt: iso,
  deadlineAt: iso,
});

export const arshjulPlanWorker = defineWorker({
  jobType: JobTypes.arshjulPlan,
  description: 'Räknar fram årets förekomster av de återkommande uppgifterna och registrerar dem (AH-år-nummer)',
  input: z.object({ year: z.coerce.number().int().min(2000).max(2200) }),
  output: z.object({ yearTaken: z.boolean(), occurrences: z.array(occurrence), occurrenceCount: z.number().int(), nextYearAt: iso }),
  async handle(input, job, deps) {
    const plan = await planYear(deps.db, { year: input.year, processInstanceKey: job.processInstanceKey, now: deps.clock.now() });
    const nextYearAt = newYearAt(input.year + 1);
    if (plan.taken) return done({ yearTaken: true, occurrences: [], occurrenceCount: 0, nextYearAt });
    deps.logger.info({ event: 'annualCycle.planned', year: input.year, occurrences: plan.scheduled.length }, 'annualCycle.planned');
    return done({ yearTaken: false, occurrences: plan.scheduled, occurrenceCount: plan.scheduled.length, nextYearAt });
  },
});

export const arshjulStartNextYearWorker = defineWorker({
  jobType: JobTypes.arshjulStartNextYear,
  description: 'Startar nästa års årshjul (ett meddelande, en gång per år)',
  input: z.object({ year: z.coerce.number().int().min(2000).max(2200) }),
  output: z.object({ nextYearRequestedAt: iso }),
  async handle(input, _job, deps) {
    if (!deps.publishMessage) throw new Error('no message publishing in this worker context');
    const next = input.year + 1;
    // Keyed and identified by the year: a repeated job's message is refused as a duplicate, and
    // a year that already has a cycle (started by hand) ends its new instance at once.
    await deps
      .publishMessage({
        name: ANNUAL_CYCLE_NEXT_YEAR_MESSAGE,
        correlationKey: `arshjul-${next}`,
        messageId: `arshjul-${next}`,
        timeToLiveMs: 60_000,
        variables: { year: next },
      })
      .catch((e: Error) => {
        if (e.name !== 'EngineConflict') throw e;
      });
    return done({ nextYearRequestedAt: deps.clock.now().toISOString() });
  },
});

export const arshjulRecordWorker = defineWorker({
  jobType: JobTypes.arshjulRecord,
  description: 'Registrerar att årshjulsuppgiften är gjord, med resultat (ok eller brister)',
  input: z.object({
    occurrenceId: z.coerce.number().int(),
    result: z.enum(['ok', 'brister']),
    whatWasDone: z.string().min(1),
    comment: z.string().nullish(),
  }),
  output: z.object({ completedAt: iso }),
  async handle(input, job, deps) {
    const now = deps.clock.now();
    const o = await recordOccurrenceDone(deps.db, {
      occurrenceId: input.occurrenceId,
      taskInstanceKey: job.processInstanceKey,
      outcome: input.result,
      doneSummary: input.whatWasDone,
      comment: input.comment ?? undefined,
      at: now,
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
