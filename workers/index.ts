/** Every job worker of the product. A test checks this list against the job types in bpmn/. */
import { lexSarahCloseCaseWorker } from './lexSarahCloseCase.worker.js';
import { lexSarahDecisionDeadlinesWorker } from './lexSarahDecisionDeadlines.worker.js';
import { lexSarahIvoReportedWorker } from './lexSarahIvoReported.worker.js';
import { lexSarahNotifyCommitteeWorker } from './lexSarahNotifyCommittee.worker.js';
import { lexSarahRegisterCaseWorker } from './lexSarahRegisterCase.worker.js';
import {
  avvikelseActionsPlannedWorker,
  avvikelseAssessedWorker,
  avvikelseCloseWorker,
  avvikelseRegisterWorker,
  avvikelseReportLexMariaWorker,
  avvikelseReportLexSarahWorker,
} from './avvikelse.workers.js';
import { atgardCloseWorker, atgardImplementedWorker, atgardRegisterWorker } from './atgard.workers.js';
import {
  avslutaArendeClosedWorker,
  foljaUppRecordedWorker,
  genomforaExecutedWorker,
  genomforaNotExecutedReportedWorker,
  genomforaNotExecutedWorker,
  genomforaOrderedWorker,
  huvudprocessRegisterWorker,
  myndighetDecidedWorker,
  myndighetExtensionWorker,
  myndighetNoInvestigationWorker,
  myndighetOpenInvestigationWorker,
} from './huvudprocess.workers.js';
import {
  lexMariaAssessedWorker,
  lexMariaCloseWorker,
  lexMariaDecidedWorker,
  lexMariaIvoReportedWorker,
  lexMariaPatientInformedWorker,
  lexMariaRegisterWorker,
} from './lexMaria.workers.js';
import { arshjulPlanWorker, arshjulRecordWorker, arshjulStartNextYearWorker, arshjulYearDoneWorker } from './arshjul.workers.js';
import type { WorkerDefinition } from './registry.js';
import { faststallelseAdoptPublishWorker, faststallelseRecordReviewWorker, faststallelseReturnToDraftWorker } from './faststallelse.workers.js';
import { rutinFaststallelseAdoptWorker, rutinFaststallelseReturnWorker } from './rutinFaststallelse.workers.js';
import { riskanalysWorkers } from './riskanalys.workers.js';
import { internkontrollWorkers } from './internkontroll.workers.js';
import { synpunktCloseWorker, synpunktEscalateWorker, synpunktForwardWorker, synpunktRegisterWorker, synpunktReportLinkedWorker } from './synpunkt.workers.js';

export const allWorkers: WorkerDefinition[] = [
  faststallelseRecordReviewWorker,
  faststallelseReturnToDraftWorker,
  faststallelseAdoptPublishWorker,
  rutinFaststallelseAdoptWorker,
  rutinFaststallelseReturnWorker,
  lexSarahRegisterCaseWorker,
  lexSarahDecisionDeadlinesWorker,
  lexSarahIvoReportedWorker,
  lexSarahNotifyCommitteeWorker,
  lexSarahCloseCaseWorker,
  synpunktRegisterWorker,
  synpunktForwardWorker,
  synpunktEscalateWorker,
  synpunktReportLinkedWorker,
  synpunktCloseWorker,
  avvikelseRegisterWorker,
  avvikelseAssessedWorker,
  avvikelseReportLexSarahWorker,
  avvikelseActionsPlannedWorker,
  avvikelseCloseWorker,
  atgardRegisterWorker,
  atgardImplementedWorker,
  atgardCloseWorker,
  huvudprocessRegisterWorker,
  myndighetNoInvestigationWorker,
  myndighetOpenInvestigationWorker,
  myndighetExtensionWorker,
  myndighetDecidedWorker,
  genomforaOrderedWorker,
  genomforaNotExecutedWorker,
  genomforaNotExecutedReportedWorker,
  genomforaExecutedWorker,
  foljaUppRecordedWorker,
  avslutaArendeClosedWorker,
  avvikelseReportLexMariaWorker,
  lexMariaRegisterWorker,
  lexMariaAssessedWorker,
  lexMariaDecidedWorker,
  lexMariaIvoReportedWorker,
  lexMariaPatientInformedWorker,
  lexMariaCloseWorker,
  arshjulPlanWorker,
  arshjulStartNextYearWorker,
  arshjulRecordWorker,
  arshjulYearDoneWorker,
  ...riskanalysWorkers,
  ...internkontrollWorkers,
];
