/** Worker: records that the nämnd is to be informed of an IVO report (a notification row, no e-mail). */
import { z } from 'zod';
import { notifyCommittee } from '../src/domain/lexSarah/index.js';
import { JobTypes } from './jobTypes.js';
import { defineWorker, done } from './registry.js';

export const lexSarahNotifyCommitteeWorker = defineWorker({
  jobType: JobTypes.lexSarahNotifyCommittee,
  description: 'Registrerar en underrättelse till nämnden om anmälan till IVO',
  input: z.object({}),
  output: z.object({ committeeNotifiedAt: z.string() }),
  async handle(_input, job, deps) {
    const n = await notifyCommittee(deps.db, { processInstanceKey: job.processInstanceKey, now: deps.clock.now() });
    return done({ committeeNotifiedAt: n.createdAt.toISOString() });
  },
});
