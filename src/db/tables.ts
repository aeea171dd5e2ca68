/**
 * The rows of every table and view the migrations create, registered in knex's `Tables`, so
 * `db('user_task')` is typed: what a select gives, and what an insert or update may write.
 * Columns as the drivers (pg and PGlite) give them: bigint as a string (the INT8 type parser in
 * index.ts; engine keys exceed 2^53), integer as a number, timestamptz as a Date, a `date` as a
 * Date or `YYYY-MM-DD` (read it with `dateColumn`), jsonb parsed (unknown unless named here).
 * State, status and kind columns are unions of the values their CHECK constraints allow
 * (migrations 04–40 and 20261202_41_state_checks); keep them in step. A query on an alias
 * (`db('user_task as t')`) or a raw one is not typed: type its result where it is read.
 * A history table and an `_all` view have their runtime table's row (the columns are named once,
 * HISTORY_COLUMNS in 20261202_20). Rows are type aliases, not interfaces, so a row is assignable to `Record<string, unknown>`.
 * How to add a table: src/db/README.md.
 */
import type { Knex } from 'knex';

/** What an insert or update may give a column: its value, a raw expression, or text for a timestamp or jsonb value. */
export type Write<R> = { [K in keyof R]?: R[K] | Knex.Raw | (NonNullable<R[K]> extends object ? string : never) };
/** A table's row as read, and as written (every column optional: defaults and nullable columns). */
export type Table<R> = Knex.CompositeTableType<R, Write<R>, Write<R>>;

/** A `date` column: pg gives a Date at local midnight, PGlite may give `YYYY-MM-DD`. */
export type DateColumn = Date | string;

export type EngineInstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
/** WAITING: an element instance parked at an event-based gateway or a join. */
export type EngineElementState = 'ACTIVE' | 'WAITING' | 'COMPLETED' | 'TERMINATED';
/** OUTCOME / OUTCOME_FAILED: a handler's outcome kept on the job to be applied (20261202_01). */
export type EngineJobState = 'ACTIVATABLE' | 'ACTIVATED' | 'COMPLETED' | 'FAILED' | 'ERROR_THROWN' | 'CANCELED' | 'OUTCOME' | 'OUTCOME_FAILED';
export type EngineUserTaskState = 'CREATED' | 'COMPLETED' | 'CANCELED';
export type EngineTimerState = 'ACTIVE' | 'FIRED' | 'CANCELED';
export type EngineSubscriptionState = 'OPEN' | 'CLOSED';
export type EngineIncidentState = 'ACTIVE' | 'RESOLVED';
/** What resolving an incident retries: the element's input side or its output side (job incidents retry the job). */
export type IncidentPhase = 'activate' | 'complete';
/** The inbox's task: `completing` once a completion is accepted and on its way to the engine. */
export type UserTaskState = 'open' | 'completing' | 'completed' | 'canceled';
export type OutboxState = 'pending' | 'done' | 'failed';
export type OrgNodeType = 'committee' | 'administration' | 'area' | 'unit';
export type Recurrence = 'monthly' | 'quarterly' | 'tertial' | 'yearly';
export type CaseTypeColumn = 'lex-sarah' | 'lex-maria' | 'feedback' | 'deviation' | 'action' | 'risk-analysis' | 'control-plan' | 'care-case';
/** Every kind's statuses (which belong to which kind: the CHECK in 20261202_40 and caseCore.ts). */
export type CaseStatusColumn = 'open' | 'closed' | 'implemented' | 'not-implemented' | 'assessed' | 'decided' | 'draft' | 'adopted' | 'reported';

/** `action_item`. */
export type ActionItemRow = {
  id: number;
  title: string;
  owner_role: string;
  due_on: DateColumn;
  implemented_at: Date | null;
  effect_follow_up_on: DateColumn | null;
  effect: 'ja' | 'delvis' | 'nej' | null;
  case_id: number;
};
/** `annual_cycle`. */
export type AnnualCycleRow = {
  year: number;
  process_instance_key: string;
  planned_at: Date;
  completed_at: Date | null;
};
/** `annual_duty`. */
export type AnnualDutyRow = {
  id: string;
  title: string;
  description: string;
  role: string;
  node_id: string;
  recurrence: Recurrence;
  day_of_month: number;
  month: number | null;
  deadline_workdays: number | null;
  deadline_month: number | null;
  deadline_day: number | null;
  active: boolean;
  created_at: Date;
};
/** `annual_duty_occurrence`. */
export type AnnualDutyOccurrenceRow = {
  id: number;
  case_number: string;
  year: number;
  sequence: number;
  duty_id: string;
  period: number;
  title: string;
  role: string;
  node_id: string;
  due_at: Date;
  deadline_at: Date;
  process_instance_key: string;
  task_instance_key: string | null;
  status: 'planned' | 'skipped' | 'done';
  completed_at: Date | null;
  outcome: 'ok' | 'brister' | null;
  done_summary: string | null;
  comment: string | null;
};
/** `app_user`. */
export type AppUserRow = {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  created_at: Date;
  /** Where notifications go (migration 20261204_75); null: none are sent. */
  email: string | null;
  /** False: deactivated (migration 20261204_80): no log-in, no roles; history keeps the name. */
  active: boolean;
};
/** `audit_log`. */
export type AuditLogRow = {
  id: string;
  at: Date;
  actor: string;
  action: string;
  subject_type: string;
  subject_key: string;
  detail: unknown;
  /** The client's address (migration 20261204_96); null for the system's own rows. */
  address: string | null;
  /** Filled at insert by a trigger from the subject (migration 20261204_96): the instance, case and unit it names. */
  instance_key: string | null;
  case_number: string | null;
  unit_id: string | null;
};
/** `login_failure` (migration 20261204_71). */
export type LoginFailureRow = {
  id: string;
  username: string;
  address: string;
  at: Date;
};
/** `public_submission` (migration 20261204_72). */
export type PublicSubmissionRow = {
  submission_id: string;
  receipt: string;
  command_id: string;
  received_at: Date;
};
/** `care_case`. */
export type CareCaseRow = {
  id: number;
  inflow: 'ansokan' | 'anmalan' | 'begaran-lss' | 'ovrig-information';
  law: 'sol' | 'lss';
  is_child: boolean;
  protection_due_at: Date | null;
  preliminary_due_at: Date | null;
  preliminary_basis: string | null;
  investigation_opened: boolean | null;
  investigation_opened_at: Date | null;
  investigation_due_at: Date | null;
  investigation_deadline_kind: string | null;
  investigation_basis: string | null;
  investigation_extended_at: Date | null;
  decision: 'bifall' | 'delvis' | 'avslag' | 'ingen-utredning' | null;
  decided_at: Date | null;
  insats: string | null;
  not_executed_deadline_at: Date | null;
  provider_unit_id: string | null;
  ordered_at: Date | null;
  executed_on: DateColumn | null;
  not_executed_at: Date | null;
  not_executed_quarter: string | null;
  not_executed_reported_on: DateColumn | null;
  next_follow_up_on: DateColumn | null;
  follow_up_count: number;
  last_goals_met: string | null;
  close_reason: string | null;
  case_id: number;
};
/** `case`. */
export type CaseRow = {
  id: number;
  type: CaseTypeColumn;
  case_number: string;
  year: number;
  sequence: number;
  process_instance_key: string;
  unit_id: string | null;
  status: CaseStatusColumn;
  opened_at: Date;
  closed_at: Date | null;
  reported_by: number | null;
  source_case_number: string | null;
  confidentiality: 'normal' | 'sekretess' | 'skyddad';
  /** Where it happened, as the reporter chose it on the map (migration 20261203_62). */
  concerns_process_id: string | null;
  concerns_element_id: string | null;
};
/** `case_number_sequence`. */
export type CaseNumberSequenceRow = {
  series: string;
  year: number;
  last_value: number;
};
/** `control_plan`. */
export type ControlPlanRow = {
  id: number;
  plan_year: number;
  adopted_by: string | null;
  adopted_on: DateColumn | null;
  decision_paragraph: string | null;
  report_due_at: Date | null;
  reported_at: Date | null;
  case_id: number;
};
/** `control_point`. */
export type ControlPointRow = {
  id: number;
  plan_id: number;
  position: number;
  what: string;
  how: string;
  frequency: Recurrence;
  documentation: string;
  role: string;
  unit_id: string;
  risk_id: number | null;
};
/** `control_result`. */
export type ControlResultRow = {
  id: number;
  point_id: number;
  period: string;
  opens_at: Date;
  due_at: Date;
  result: 'ok' | 'deviation' | null;
  comment: string | null;
  recorded_at: Date | null;
  resolved_at: Date | null;
};
/** `deviation`. */
export type DeviationRow = {
  id: number;
  area: 'sol' | 'lss' | 'hsl';
  category: string;
  occurred_at: Date;
  severity: number | null;
  probability: number | null;
  consequence: number | null;
  risk_score: number | null;
  route: 'lex-sarah' | 'mas' | 'none' | null;
  actions_due_on: DateColumn | null;
  actions_effective: boolean | null;
  case_id: number;
};
/** `engine_command`. */
export type EngineCommandRow = {
  id: string;
  kind: string;
  result: unknown;
  applied_at: Date;
};
/** `engine_definition`. */
export type EngineDefinitionRow = {
  key: string;
  process_id: string;
  version: number;
  name: string | null;
  resource_name: string;
  checksum: string;
  xml: string;
  deployed_at: Date;
};
/** `engine_element`. */
export type EngineElementRow = {
  key: string;
  instance_key: string;
  root_key: string;
  element_id: string;
  element_type: string;
  scope_key: string;
  state: EngineElementState;
  loop_counter: number | null;
  data: unknown;
  seq: string;
  started_at: Date;
  ended_at: Date | null;
};
/** `engine_element_all` (view). */
export type EngineElementAllRow = EngineElementRow;
/** `engine_element_hist`. */
export type EngineElementHistRow = EngineElementRow;
/** `engine_event_log`. */
export type EngineEventLogRow = {
  seq: string;
  at: Date;
  instance_key: string | null;
  kind: string;
  element_id: string | null;
  subject_key: string | null;
  data: unknown;
};
/** `engine_event_log_all` (view). */
export type EngineEventLogAllRow = EngineEventLogRow;
/** `engine_event_log_hist`. */
export type EngineEventLogHistRow = EngineEventLogRow & { root_key: string };
/** `engine_form`. */
export type EngineFormRow = {
  key: string;
  form_id: string;
  version: number;
  checksum: string;
  schema: unknown;
};
/** `engine_incident`. */
export type EngineIncidentRow = {
  key: string;
  instance_key: string;
  root_key: string;
  element_key: string;
  element_id: string;
  error_type: string;
  error_message: string;
  job_key: string | null;
  state: EngineIncidentState;
  phase: IncidentPhase | null;
  created_at: Date;
};
/** `engine_incident_all` (view). */
export type EngineIncidentAllRow = EngineIncidentRow;
/** `engine_incident_hist`. */
export type EngineIncidentHistRow = EngineIncidentRow;
/** `engine_instance`. */
export type EngineInstanceRow = {
  key: string;
  root_key: string;
  definition_key: string;
  process_id: string;
  version: number;
  state: EngineInstanceState;
  parent_instance_key: string | null;
  parent_element_key: string | null;
  start_correlation_key: string | null;
  start_message_name: string | null;
  started_at: Date;
  ended_at: Date | null;
  rev: string;
};
/** `engine_instance_all` (view). */
export type EngineInstanceAllRow = Omit<EngineInstanceRow, 'rev'>;
/** `engine_instance_hist`. */
export type EngineInstanceHistRow = Omit<EngineInstanceRow, 'rev' | 'ended_at'> & { ended_at: Date };
/** `engine_job`. */
export type EngineJobRow = {
  key: string;
  type: string;
  state: EngineJobState;
  instance_key: string;
  root_key: string;
  element_key: string;
  element_id: string;
  retries: number;
  headers: Record<string, string>;
  due_at: Date;
  deadline: Date | null;
  error_message: string | null;
  activation: string | null;
  outcome: unknown;
  outcome_attempts: number;
  outcome_error: string | null;
};
/** `engine_message`. */
export type EngineMessageRow = {
  key: string;
  name: string;
  correlation_key: string;
  message_id: string | null;
  variables: Record<string, unknown>;
  expires_at: Date;
  correlated: unknown;
  pending: unknown;
};
/** `engine_subscription`. */
export type EngineSubscriptionRow = {
  key: string;
  message_name: string;
  correlation_key: string;
  root_key: string;
  element_key: string;
  instance_key: string;
  process_id: string;
  element_id: string;
  state: EngineSubscriptionState;
};
/** `engine_timer`. */
export type EngineTimerRow = {
  key: string;
  root_key: string | null;
  element_key: string | null;
  definition_key: string | null;
  element_id: string;
  due_at: Date;
  repetitions: number;
  interval: string | null;
  state: EngineTimerState;
};
/** `engine_user_task`. */
export type EngineUserTaskRow = {
  key: string;
  instance_key: string;
  root_key: string;
  element_key: string;
  element_id: string;
  name: string | null;
  state: EngineUserTaskState;
  assignee: string | null;
  candidate_groups: string[];
  candidate_users: string[];
  due_date: Date | null;
  follow_up_date: Date | null;
  priority: number;
  form_id: string | null;
  headers: Record<string, string>;
  created_at: Date;
};
/** `engine_user_task_all` (view). */
export type EngineUserTaskAllRow = EngineUserTaskRow;
/** `engine_user_task_hist`. */
export type EngineUserTaskHistRow = EngineUserTaskRow;
/** `engine_variable`. */
export type EngineVariableRow = {
  scope_key: string;
  name: string;
  root_key: string;
  value: unknown;
};
/** `engine_variable_all` (view). */
export type EngineVariableAllRow = EngineVariableRow;
/** `engine_variable_hist`. */
export type EngineVariableHistRow = EngineVariableRow;
/** `feedback_item`. */
export type FeedbackItemRow = {
  id: number;
  kind: 'klagomal' | 'synpunkt' | 'berom';
  channel: string;
  sender_type: string;
  anonymous: boolean;
  feedback_due_at: Date;
  forwarded_count: number;
  receipt: string | null;
  is_deviation: boolean | null;
  feedback_given_at: Date | null;
  escalated_at: Date | null;
  case_id: number;
};
/** `idempotency_key`. */
export type IdempotencyKeyRow = {
  scope: string;
  key: string;
  request_hash: string;
  command_id: string;
  created_at: Date;
  expires_at: Date;
};
/** `lex_maria_case`. */
export type LexMariaCaseRow = {
  id: number;
  source_process_instance_key: string | null;
  occurred_at: Date | null;
  probability: number | null;
  consequence: number | null;
  risk_score: number | null;
  serious_harm: 'vardskada' | 'risk' | 'nej' | null;
  investigation_kind: 'handelseanalys' | 'utredning' | null;
  report_to_ivo: boolean | null;
  decided_at: Date | null;
  ivo_report_due_at: Date | null;
  ivo_reported_on: DateColumn | null;
  ivo_reference: string | null;
  investigation_attached: boolean | null;
  patient_informed: boolean | null;
  patient_informed_on: DateColumn | null;
  patient_informed_how: string | null;
  follow_up_at: Date | null;
  actions_effective: boolean | null;
  case_id: number;
};
/** `lex_sarah_case`. */
export type LexSarahCaseRow = {
  id: number;
  assessment: 'ej-missforhallande' | 'missforhallande' | 'allvarligt' | null;
  decided_at: Date | null;
  ivo_report_due_at: Date | null;
  ivo_reported_on: DateColumn | null;
  investigation_attached: boolean | null;
  investigation_due_at: Date | null;
  follow_up_at: Date | null;
  created_at: Date;
  updated_at: Date;
  case_id: number;
};
/** `lex_sarah_notification`. */
export type LexSarahNotificationRow = {
  id: number;
  case_id: number;
  kind: string;
  recipient_role: string;
  unit_id: string;
  created_at: Date;
};
/** `notification_setting` (migration 20261204_75): a person's notification choices. */
export type NotificationSettingRow = {
  user_id: number;
  new_tasks: 'immediate' | 'digest' | 'off';
  deadline_days: number;
  last_digest_at: Date | null;
  updated_at: Date;
};
/** `mail_outbox` (migration 20261204_75): a message to send, written with its cause. */
export type MailOutboxRow = {
  /** bigserial: read as a string. */
  id: string;
  user_id: number;
  kind: 'task.new' | 'task.digest' | 'task.deadline' | 'task.escalation' | 'task.routine-review' | 'task.report';
  subject: string;
  body: string;
  dedupe_key: string;
  created_at: Date;
  next_attempt_at: Date;
  attempts: number;
  state: 'pending' | 'sent' | 'failed' | 'skipped';
  sent_at: Date | null;
  last_error: string | null;
};
/** `org_node`. */
export type OrgNodeRow = {
  id: string;
  name: string;
  type: OrgNodeType;
  parent_id: string | null;
  /** False: deactivated (migration 20261204_80), kept for the tasks and cases that name it. */
  active: boolean;
  /** An external provider's unit: under LOV or a contract; null: the municipality's own. */
  provider: 'lov' | 'contract' | null;
};
/** `role` (migration 20261204_81): the role list. */
export type RoleRow = {
  key: string;
  name: string;
  description: string;
  built_in: boolean;
};
/** `substitute` (migration 20261204_82): `substitute_id` stands in for `user_id` over the period. */
export type SubstituteRow = {
  id: string;
  user_id: number;
  substitute_id: number;
  valid_from: DateColumn;
  valid_to: DateColumn;
  created_at: Date;
};
/** `active_role_assignment` (migration 20261204_83): who holds which role where today (the code calls `active_role_assignment_on(day)`). */
export type ActiveRoleAssignmentRow = {
  user_id: number;
  role: string;
  node_id: string;
};
/** `installation` (migration 20261204_84): one row once the first start has been done. */
export type InstallationRow = {
  id: number;
  set_up_at: Date;
  set_up_by: string;
};
/** `outbox_command`. */
export type OutboxCommandRow = {
  id: string;
  kind: string;
  command: unknown;
  follow_up: string | null;
  follow_up_data: unknown;
  actor: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: Date;
  claimed_until: Date | null;
  result: unknown;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
};
/** `process_instance_ref`. */
export type ProcessInstanceRefRow = {
  key: string;
  process_id: string;
  unit_id: string | null;
  started_by: number | null;
  started_at: Date;
};
/** `retention_rule`. */
export type RetentionRuleRow = {
  process_id: string;
  keep_months: number | null;
  legal_basis: string;
  decided_by: string | null;
  updated_at: Date;
};
/** `retention_run`. */
export type RetentionRunRow = {
  id: string;
  started_at: Date;
  finished_at: Date | null;
  deleted: unknown;
};
/** `risk`. */
export type RiskRow = {
  id: number;
  analysis_id: number;
  position: number;
  description: string;
  probability: number;
  consequence: number;
  score: number;
  colour: 'green' | 'yellow' | 'red';
  causes: string | null;
  for_internal_control: boolean;
  status: 'open' | 'accepted' | 'resolved' | 'carried-over';
  carried_over_from: number | null;
  resolved_at: Date | null;
  carried_over_from_result: number | null;
};
/** `risk_analysis`. */
export type RiskAnalysisRow = {
  id: number;
  occasion: 'planned-change' | 'yearly-vor';
  subject: string;
  matrix_id: number | null;
  assessed_at: Date | null;
  decided_at: Date | null;
  case_id: number;
};
/** `risk_matrix`. */
export type RiskMatrixRow = {
  id: number;
  size: number;
  green_max: number;
  yellow_max: number;
  active: boolean;
  created_at: Date;
};
/** `role_assignment`. */
export type RoleAssignmentRow = {
  user_id: number;
  role: string;
  node_id: string;
  /** The period (migration 20261204_81), both days included; null: open. */
  valid_from: DateColumn | null;
  valid_to: DateColumn | null;
};
/** `process_version` (migration 20261203_50; adopted and later states immutable by trigger, _51). */
export type ProcessVersionRow = {
  /** int8: read as a string; the service passes its numbers. */
  id: string | number;
  process_id: string;
  number: number;
  state: 'draft' | 'review' | 'adopted' | 'published' | 'superseded';
  xml: string;
  based_on: number | null;
  author: string;
  change_note: string;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  review_instance_key: string | null;
  adopted_by: string | null;
  adopted_role: string | null;
  decision_level: string | null;
  decided_by: string | null;
  decision_date: DateColumn | null;
  decision_reference: string | null;
  adopted_at: Date | null;
  definition_key: string | null;
  deployed_version: number | null;
  published_at: Date | null;
};
/** `process_record` (migration 20261203_60): a process on the map, executable or descriptive. */
export type ProcessRecordRow = {
  process_id: string;
  name: string;
  kind: 'ledning' | 'huvud' | 'stod';
  parent_id: string | null;
  owner_role: string;
  leader_role: string | null;
  executable: boolean;
  position: number;
  description: string;
  origin: 'bundled' | 'created' | 'imported';
  created_by: string;
  created_at: Date;
  updated_at: Date;
};
/** `form` (migration 20261203_58). */
export type FormRow = {
  form_id: string;
  title: string;
  created_by: string;
  created_at: Date;
};
/** `form_version` (migration 20261203_58; published and superseded versions immutable by trigger). */
export type FormVersionRow = {
  /** int8: read as a string; the service passes its numbers. */
  id: string | number;
  form_id: string;
  number: number;
  state: 'draft' | 'published' | 'superseded';
  schema: string;
  checksum: string;
  author: string;
  created_at: Date;
  updated_at: Date;
  published_by: string | null;
  published_at: Date | null;
};
/** `process_version_reviewer`. */
export type ProcessVersionReviewerRow = {
  version_id: string | number;
  username: string;
  verdict: 'approved' | 'changes' | null;
  decided_at: Date | null;
};
/** `process_version_comment`. */
export type ProcessVersionCommentRow = {
  /** int8: read as a string; the service passes its numbers. */
  id: string | number;
  version_id: string | number;
  author: string;
  text: string;
  reply_to: string | number | null;
  created_at: Date;
};
/** `routine_version` (migration 20261203_55; adopted versions immutable by trigger). */
export type RoutineVersionRow = {
  routine_id: string;
  number: number;
  state: 'draft' | 'review' | 'adopted' | 'superseded';
  body_html: string;
  change_note: string;
  author: string;
  created_at: Date;
  adopted_by: string | null;
  adopted_role: string | null;
  adopted_on: DateColumn | null;
  decision_ref: string | null;
};
/** `routine_reviewer`. */
export type RoutineReviewerRow = { routine_id: string; number: number; username: string };
/** `routine_comment`. */
export type RoutineCommentRow = { id: number; routine_id: string; number: number; author: string; body: string; at: Date };
/** `routine_attachment` (migration 20261203_56): the file's bytes in the database. */
export type RoutineAttachmentRow = {
  id: number;
  routine_id: string;
  file_name: string;
  content_type: string;
  size: number;
  data: Buffer | Uint8Array;
  uploaded_by: string;
  uploaded_at: Date;
};
/** `routine_read` (migration 20261203_57): läst och förstått, per user and version. */
export type RoutineReadRow = { routine_id: string; number: number; user_id: number; read_at: Date };
/** `routine`. */
export type RoutineRow = {
  id: string;
  title: string;
  kind: 'rutin' | 'riktlinje' | 'instruktion' | 'checklista' | 'policy' | 'handbok' | 'vagledande-bestammelser';
  owner_role: string;
  /** The version in force's decision (null until the first version is adopted; migration 20261203_55). */
  decided_by: string | null;
  adopted_on: DateColumn | null;
  next_review_on: DateColumn | null;
  decision_level: string;
  valid_from: DateColumn | null;
  review_interval_months: number;
  created_at: Date;
  follow_up_by: string;
  version: number;
  body: string;
  /** The text of `body`, for the register's search (migration 20261203_63). */
  body_text: string;
};
/** `routine_link`. */
export type RoutineLinkRow = {
  routine_id: string;
  process_id: string;
  element_id: string;
};
/** `task_draft`. */
export type TaskDraftRow = {
  task_key: string;
  username: string;
  variables: Record<string, unknown>;
  saved_at: Date;
};
/** `user_session`. */
export type UserSessionRow = {
  token_hash: string;
  user_id: number;
  expires_at: Date;
  created_at: Date;
};
/** `user_task`. */
export type UserTaskRow = {
  key: string;
  process_instance_key: string;
  process_id: string;
  element_id: string;
  name: string | null;
  state: UserTaskState;
  assignee: string | null;
  candidate_groups: string[];
  candidate_users: string[];
  due_date: Date | null;
  follow_up_date: Date | null;
  priority: number;
  form_id: string | null;
  unit_id: string | null;
  case_number: string | null;
  created_at: Date;
  completed_at: Date | null;
  /** The form version the task was created with (migration 20261203_59; int8, read as a string). */
  form_version_id: string | number | null;
  /** Whose the task was when someone else took it from them (migration 20261204_70); null otherwise. */
  taken_from: string | null;
};
/** `zeebe_cursor`. */
export type ZeebeCursorRow = {
  partition_id: number;
  position: string;
  updated_at: Date;
};
/** `zeebe_dead_record`. */
export type ZeebeDeadRecordRow = {
  partition_id: number;
  position: string;
  value_type: string;
  intent: string;
  error: string;
  at: Date;
};

declare module 'knex/types/tables.js' {
  interface Tables {
    action_item: Table<ActionItemRow>;
    active_role_assignment: Table<ActiveRoleAssignmentRow>;
    annual_cycle: Table<AnnualCycleRow>;
    annual_duty: Table<AnnualDutyRow>;
    annual_duty_occurrence: Table<AnnualDutyOccurrenceRow>;
    app_user: Table<AppUserRow>;
    audit_log: Table<AuditLogRow>;
    care_case: Table<CareCaseRow>;
    case: Table<CaseRow>;
    case_number_sequence: Table<CaseNumberSequenceRow>;
    control_plan: Table<ControlPlanRow>;
    control_point: Table<ControlPointRow>;
    control_result: Table<ControlResultRow>;
    deviation: Table<DeviationRow>;
    engine_command: Table<EngineCommandRow>;
    engine_definition: Table<EngineDefinitionRow>;
    engine_element: Table<EngineElementRow>;
    engine_element_all: Table<EngineElementAllRow>;
    engine_element_hist: Table<EngineElementHistRow>;
    engine_event_log: Table<EngineEventLogRow>;
    engine_event_log_all: Table<EngineEventLogAllRow>;
    engine_event_log_hist: Table<EngineEventLogHistRow>;
    engine_form: Table<EngineFormRow>;
    engine_incident: Table<EngineIncidentRow>;
    engine_incident_all: Table<EngineIncidentAllRow>;
    engine_incident_hist: Table<EngineIncidentHistRow>;
    engine_instance: Table<EngineInstanceRow>;
    engine_instance_all: Table<EngineInstanceAllRow>;
    engine_instance_hist: Table<EngineInstanceHistRow>;
    engine_job: Table<EngineJobRow>;
    engine_message: Table<EngineMessageRow>;
    engine_subscription: Table<EngineSubscriptionRow>;
    engine_timer: Table<EngineTimerRow>;
    engine_user_task: Table<EngineUserTaskRow>;
    engine_user_task_all: Table<EngineUserTaskAllRow>;
    engine_user_task_hist: Table<EngineUserTaskHistRow>;
    engine_variable: Table<EngineVariableRow>;
    engine_variable_all: Table<EngineVariableAllRow>;
    engine_variable_hist: Table<EngineVariableHistRow>;
    feedback_item: Table<FeedbackItemRow>;
    form: Table<FormRow>;
    form_version: Table<FormVersionRow>;
    idempotency_key: Table<IdempotencyKeyRow>;
    installation: Table<InstallationRow>;
    lex_maria_case: Table<LexMariaCaseRow>;
    lex_sarah_case: Table<LexSarahCaseRow>;
    lex_sarah_notification: Table<LexSarahNotificationRow>;
    login_failure: Table<LoginFailureRow>;
    mail_outbox: Table<MailOutboxRow>;
    notification_setting: Table<NotificationSettingRow>;
    org_node: Table<OrgNodeRow>;
    outbox_command: Table<OutboxCommandRow>;
    process_instance_ref: Table<ProcessInstanceRefRow>;
    public_submission: Table<PublicSubmissionRow>;
    retention_rule: Table<RetentionRuleRow>;
    retention_run: Table<RetentionRunRow>;
    risk: Table<RiskRow>;
    risk_analysis: Table<RiskAnalysisRow>;
    risk_matrix: Table<RiskMatrixRow>;
    role: Table<RoleRow>;
    role_assignment: Table<RoleAssignmentRow>;
    process_record: Table<ProcessRecordRow>;
    process_version: Table<ProcessVersionRow>;
    process_version_reviewer: Table<ProcessVersionReviewerRow>;
    process_version_comment: Table<ProcessVersionCommentRow>;
    routine: Table<RoutineRow>;
    routine_version: Table<RoutineVersionRow>;
    routine_reviewer: Table<RoutineReviewerRow>;
    routine_comment: Table<RoutineCommentRow>;
    routine_attachment: Table<RoutineAttachmentRow>;
    routine_read: Table<RoutineReadRow>;
    routine_link: Table<RoutineLinkRow>;
    substitute: Table<SubstituteRow>;
    task_draft: Table<TaskDraftRow>;
    user_session: Table<UserSessionRow>;
    user_task: Table<UserTaskRow>;
    zeebe_cursor: Table<ZeebeCursorRow>;
    zeebe_dead_record: Table<ZeebeDeadRecordRow>;
  }
}
