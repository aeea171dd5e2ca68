/** Worker: closes the lex Sarah case. */
import { z } from 'zod';
import { closeCase } from '../src/domain/lexSarah/index.js';
import { JobTypes } from './jobTypes.js';
import { defineWorker, done } from './registry.js';

export const lexSarahCloseCaseWorker = defineWorker({
  jobType: JobTypes.lexSarahCloseCase,
  description: 'Avslutar lex Sarah-ärendet',
  input: z.object({}),
  output: z.object({ closedAt: z.string() }),
  async handle(_input, job, deps) {
    const c = await closeCase(deps.db, { processInstanceKey: job.processInstanceKey, now: deps.clock.now() });
    return done({ closedAt: (c.closedAt ?? deps.clock.now()).toISOString() });
  },
});
