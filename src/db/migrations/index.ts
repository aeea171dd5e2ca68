/**
 * Every migration, in order. Add new ones at the end; never edit one that has shipped.
 * One concern per migration; each file exports a { name, up, down } object.
 */
import type { Knex } from 'knex';
import { engineMigration } from './20261122_01_engine_state.js';
import { organisationMigration } from './20261122_02_organisation.js';
import { inboxMigration } from './20261122_03_inbox.js';
import { lexSarahMigration } from './20261122_04_lex_sarah.js';
import { zeebeCursorMigration } from './20261122_05_zeebe_cursor.js';
import { feedbackMigration } from './20261122_06_feedback.js';
import { deviationsMigration } from './20261122_07_deviations.js';
import { actionsMigration } from './20261201_08_actions.js';
import { lexMariaMigration } from './20261201_09_lex_maria.js';
import { annualCycleMigration } from './20261201_10_annual_cycle.js';
import { riskControlMigration } from './20261201_11_risk_control.js';
import { careCasesMigration } from './20261201_12_care_cases.js';
import { routinesMigration } from './20261201_13_routines.js';
import { taskDraftsMigration } from './20261201_14_task_drafts.js';
import { jobActivationMigration } from './20261202_01_job_activation.js';
import { outboxMigration } from './20261202_10_outbox.js';
import { idempotencyKeysMigration } from './20261202_11_idempotency_keys.js';
import { engineHistoryMigration } from './20261202_20_engine_history.js';
import { retentionMigration } from './20261202_21_retention.js';
import { eventLogAllMigration } from './20261202_31_event_log_all.js';
import { engineInstanceRevMigration } from './20261202_36_engine_instance_rev.js';
import { listIndexesMigration } from './20261202_30_list_indexes.js';
import { caseCoreMigration } from './20261202_40_case_core.js';
import { stateChecksMigration } from './20261202_41_state_checks.js';
import { processVersionsMigration } from './20261203_50_process_versions.js';
import { processVersionImmutableMigration } from './20261203_51_process_version_immutable.js';
import { routineVersionsMigration } from './20261203_55_routine_versions.js';
import { routineAttachmentsMigration } from './20261203_56_routine_attachments.js';
import { routineReadsMigration } from './20261203_57_routine_reads.js';
import { formsMigration } from './20261203_58_forms.js';
import { userTaskFormVersionMigration } from './20261203_59_user_task_form_version.js';
import { processRecordsMigration } from './20261203_60_process_records.js';
import { caseConcernsMigration } from './20261203_62_case_concerns.js';
import { routineBodyTextMigration } from './20261203_63_routine_body_text.js';
import { taskTakenFromMigration } from './20261204_70_task_taken_from.js';
import { loginFailuresMigration } from './20261204_71_login_failures.js';
import { publicSubmissionsMigration } from './20261204_72_public_submissions.js';
import { notificationsMigration } from './20261204_75_notifications.js';
import { mailKindsMigration } from './20261204_76_mail_kinds.js';
import { orgAdminMigration } from './20261204_80_org_admin.js';
import { rolesMigration } from './20261204_81_roles.js';
import { substitutesMigration } from './20261204_82_substitutes.js';
import { activeRoleAssignmentMigration } from './20261204_83_active_role_assignment.js';
import { installationMigration } from './20261204_84_installation.js';
import { auditReviewMigration } from './20261204_96_audit_review.js';
import { auditImmutableMigration } from './20261204_97_audit_immutable.js';

export interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

export const migrations: Migration[] = [
  engineMigration,
  organisationMigration,
  inboxMigration,
  lexSarahMigration,
  zeebeCursorMigration,
  feedbackMigration,
  deviationsMigration,
  actionsMigration,
  lexMariaMigration,
  annualCycleMigration,
  riskControlMigration,
  careCasesMigration,
  routinesMigration,
  taskDraftsMigration,
  jobActivationMigration,
  outboxMigration,
  idempotencyKeysMigration,
  engineHistoryMigration,
  retentionMigration,
  listIndexesMigration,
  eventLogAllMigration,
  engineInstanceRevMigration,
  caseCoreMigration,
  stateChecksMigration,
  processVersionsMigration,
  processVersionImmutableMigration,
  routineVersionsMigration,
  routineAttachmentsMigration,
  routineReadsMigration,
  formsMigration,
  userTaskFormVersionMigration,
  processRecordsMigration,
  caseConcernsMigration,
  routineBodyTextMigration,
  taskTakenFromMigration,
  loginFailuresMigration,
  publicSubmissionsMigration,
  notificationsMigration,
  mailKindsMigration,
  orgAdminMigration,
  rolesMigration,
  substitutesMigration,
  activeRoleAssignmentMigration,
  installationMigration,
  auditReviewMigration,
  auditImmutableMigration,
];
