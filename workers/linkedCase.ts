/**
 * Starting a lex Sarah or lex Maria case from another case (a synpunkt, an avvikelse): a
 * message to that process's message start event (`StartEvent_Linked`), keyed by the source
 * process instance (unique on the engine, unlike case numbers on a broker shared by several
 * databases). While the linked case is active no second one starts for the same source, and a
 * job delivered twice publishes a message id that is refused the second time (which is fine).
 */
import type { Job } from '../src/engine/port.js';
import type { WorkerDeps } from './registry.js';

/** The message names of the linked start events. */
export const LINKED_REPORT = { 'lex-sarah': 'lex-sarah-linked-report', 'lex-maria': 'lex-maria-linked-report' } as const;

export interface LinkSource {
  caseNumber: string;
  unitId: string;
  description?: string;
  occurredAt: string;
}

/** Publishes the message that starts a `target` case linked to `source`. */
export async function requestLinkedCase(deps: WorkerDeps, job: Job, target: keyof typeof LINKED_REPORT, source: LinkSource): Promise<void> {
  if (!deps.publishMessage) throw new Error('no message publishing in this worker context');
  const key = `${job.processId}-${job.processInstanceKey}`;
  const see = `Se ärende ${source.caseNumber}`;
  // lex Sarah's report form also asks where it happened and who is affected
  const extra = target === 'lex-sarah' ? { location: see, affectedPersons: see } : {};
  await deps
    .publishMessage({
      name: LINKED_REPORT[target],
      correlationKey: key,
      messageId: `${key}/${target}`,
      timeToLiveMs: 60_000,
      variables: {
        unitId: source.unitId,
        sourceCaseNumber: source.caseNumber,
        sourceProcessInstanceKey: job.processInstanceKey,
        occurredAt: source.occurredAt,
        description: source.description ?? `${see}.`,
        ...extra,
      },
    })
    .catch((e: Error) => {
      if (e.name !== 'EngineConflict') throw e;
    });
}
