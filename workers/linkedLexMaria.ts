/**
 * Starting a lex Maria case from another case (an avvikelse in hälso- och sjukvård): a message
 * to lex Maria's message start event (`StartEvent_Linked`), keyed by the source process
 * instance (unique on the engine, unlike case numbers on a broker shared by several
 * databases). While that lex Maria case is active no second one starts for the same source,
 * and a job delivered twice publishes a message id that is refused the second time (which is
 * fine). The same pattern as workers/linkedLexSarah.ts.
 */
import type { Job } from '../src/engine/port.js';
import type { WorkerDeps } from './registry.js';

/** The message name of lex Maria's `StartEvent_Linked`. */
export const LEX_MARIA_LINKED_REPORT = 'lex-maria-linked-report';

/** Publishes the message that starts a lex Maria case linked to `source`. */
export async function requestLinkedLexMaria(
  deps: WorkerDeps,
  job: Job,
  source: { caseNumber: string; unitId: string; description?: string; occurredAt: string },
): Promise<void> {
  if (!deps.publishMessage) throw new Error('no message publishing in this worker context');
  const key = `${job.processId}-${job.processInstanceKey}`;
  await deps.publishMessage({
    name: LEX_MARIA_LINKED_REPORT, correlationKey: key, messageId: `${key}/lex-maria`, timeToLiveMs: 60_000,
    variables: {
      unitId: source.unitId, sourceCaseNumber: source.caseNumber, sourceProcessInstanceKey: job.processInstanceKey,
      occurredAt: source.occurredAt, description: source.description ?? `Se ärende ${source.caseNumber}.`,
    },
  }).catch((e: Error) => { if (e.name !== 'EngineConflict') throw e; });
}
