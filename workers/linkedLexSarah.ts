/**
 * Starting a lex Sarah case from another case (a synpunkt, an avvikelse): a message to lex
 * Sarah's message start event (`StartEvent_Linked`), keyed by the source process instance
 * (unique on the engine, unlike case numbers on a broker shared by several databases). While
 * that lex Sarah case is active no second one starts for the same source, and a job delivered
 * twice publishes a message id that is refused the second time (which is fine).
 */
import type { Job } from '../src/engine/port.js';
import type { WorkerDeps } from './registry.js';

/** The message name of lex Sarah's `StartEvent_Linked`. */
export const LEX_SARAH_LINKED_REPORT = 'lex-sarah-linked-report';

export async function requestLinkedLexSarah(
  deps: WorkerDeps,
  job: Job,
  source: { caseNumber: string; unitId: string; description?: string; occurredAt: string },
): Promise<void> {
  if (!deps.publishMessage) throw new Error('no message publishing in this worker context');
  const key = `${job.processId}-${job.processInstanceKey}`;
  await deps.publishMessage({
    name: LEX_SARAH_LINKED_REPORT, correlationKey: key, messageId: `${key}/lex-sarah`, timeToLiveMs: 60_000,
    variables: {
      unitId: source.unitId, sourceCaseNumber: source.caseNumber, sourceProcessInstanceKey: job.processInstanceKey,
      occurredAt: source.occurredAt, description: source.description ?? `Se ärende ${source.caseNumber}.`,
      location: `Se ärende ${source.caseNumber}`, affectedPersons: `Se ärende ${source.caseNumber}`,
    },
  }).catch((e: Error) => { if (e.name !== 'EngineConflict') throw e; });
}
