/** Workers of a routine's adoption (bpmn/rutin-faststallelse.bpmn): the adoption decided in the inbox, or back to the owner. */
import { z } from 'zod';
import { enqueueCommand } from '../src/domain/outbox/index.js';
import { RoutineDocuments } from '../src/domain/routines/documents.js';
import { JobTypes } from './jobTypes.js';
import { defineWorker, done } from './registry.js';

const version = { routineId: z.string().min(1), version: z.coerce.number().int().min(1) };
/** The routines' document control as a worker has it: its engine commands go to the outbox like the API's. */
const documents = (deps: { db: ConstructorParameters<typeof RoutineDocuments>[0]; clock: { now(): Date } }) =>
  new RoutineDocuments(deps.db, deps.clock, { enqueue: enqueueCommand });

export const rutinFaststallelseAdoptWorker = defineWorker({
  jobType: JobTypes.rutinFaststallelseAdopt,
  description: 'Registrerar fastställelsen av en rutinversion (den som fastställde måste ha rutinens beslutsnivå)',
  input: z.object({ ...version, decisionRef: z.string().trim().min(1).max(200) }),
  output: z.object({ adoption: z.enum(['adopted', 'returned', 'stale']) }),
  async handle(input, job, deps) {
    const adoption = await documents(deps).adoptFromTask(job.processInstanceKey, input.routineId, input.version, input.decisionRef);
    return done({ adoption });
  },
});

export const rutinFaststallelseReturnWorker = defineWorker({
  jobType: JobTypes.rutinFaststallelseReturn,
  description: 'Lämnar tillbaka en rutinversion som utkast till ägaren',
  input: z.object(version),
  output: z.object({}),
  async handle(input, _job, deps) {
    await documents(deps).returnToDraft(input.routineId, input.version, 'Inte fastställd: beslutsnivån lämnade tillbaka versionen.');
    return done({});
  },
});
