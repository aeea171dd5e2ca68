/** Every job worker of the product. A test checks this list against the job types in bpmn/. */
import { lexSarahCloseCaseWorker } from './lexSarahCloseCase.worker.js';
import { lexSarahDecisionDeadlinesWorker } from './lexSarahDecisionDeadlines.worker.js';
import { lexSarahIvoReportedWorker } from './lexSarahIvoReported.worker.js';
import { lexSarahNotifyCommitteeWorker } from './lexSarahNotifyCommittee.worker.js';
import { lexSarahRegisterCaseWorker } from './lexSarahRegisterCase.worker.js';
import type { WorkerDefinition } from './registry.js';

export const allWorkers: WorkerDefinition[] = [
  lexSarahRegisterCaseWorker,
  lexSarahDecisionDeadlinesWorker,
  lexSarahIvoReportedWorker,
  lexSarahNotifyCommitteeWorker,
  lexSarahCloseCaseWorker,
];

export { JobTypes, BpmnErrorCodes } from './jobTypes.js';
