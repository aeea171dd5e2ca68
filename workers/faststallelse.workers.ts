/** Workers of the adoption process (faststallelse.bpmn): a reviewer's verdict, back to draft, the adoption and its publication. */
import { z } from 'zod';
import { adoptAndPublish } from '../src/domain/governance/adoption.js';
import { recordReview, returnToDraft } from '../src/domain/governance/versions.js';
import { JobTypes } from './jobTypes.js';
import { defineWorker, done } from './registry.js';

export const faststallelseRecordReviewWorker = defineWorker({
  jobType: JobTypes.faststallelseRecordReview,
  description: 'Registrerar en granskares utlåtande (och kommentar) om en processversion',
  input: z.object({
    versionId: z.number().int(),
    reviewer: z.string().min(1),
    verdict: z.enum(['approved', 'changes']),
    reviewComment: z.string().max(4000).nullish(),
  }),
  output: z.object({}),
  async handle(input, _job, deps) {
    await recordReview(deps.db, deps.clock.now(), {
      versionId: input.versionId,
      reviewer: input.reviewer,
      verdict: input.verdict,
      comment: input.reviewComment ?? null,
    });
    return done({});
  },
});

export const faststallelseReturnToDraftWorker = defineWorker({
  jobType: JobTypes.faststallelseReturnToDraft,
  description: 'Lämnar tillbaka en processversion som utkast till författaren',
  input: z.object({ versionId: z.number().int(), adoptionDecision: z.string().nullish() }),
  output: z.object({}),
  async handle(input, _job, deps) {
    const note = input.adoptionDecision === 'return' ? 'Inte fastställd: beslutsnivån lämnade tillbaka versionen.' : 'Granskarna begärde ändringar.';
    await returnToDraft(deps.db, deps.clock.now(), input.versionId, note);
    return done({});
  },
});

export const faststallelseAdoptPublishWorker = defineWorker({
  jobType: JobTypes.faststallelseAdoptPublish,
  description: 'Registrerar fastställelsen och publicerar processversionen',
  input: z.object({ versionId: z.number().int(), decisionDate: z.string().regex(/^\d{4}-\d{2}-\d{2}/), decisionReference: z.string().min(1).max(100) }),
  output: z.object({ published: z.boolean() }),
  async handle(input, job, deps) {
    if (!deps.deploy) throw new Error('the adoption worker needs the deploy capability');
    const published = await adoptAndPublish(deps.db, deps.clock, deps.deploy, {
      versionId: input.versionId,
      instanceKey: job.processInstanceKey,
      decisionDate: input.decisionDate.slice(0, 10),
      decisionReference: input.decisionReference,
    });
    return done({ published });
  },
});
