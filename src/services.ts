/** Builds the domain services from their dependencies (the composition root calls this). */
import type { Clock } from './clock.js';
import type { Config } from './config/index.js';
import type { Db } from './db/index.js';
import { deviationCounts, type DeviationCount } from './domain/deviations/counts.js';
import { FeedbackService } from './domain/feedback/index.js';
import { FormService } from './domain/forms/index.js';
import { GovernanceService } from './domain/governance/index.js';
import { OrgAdmin } from './domain/org/admin.js';
import { OrgService, type User } from './domain/org/index.js';
import { ProcessService } from './domain/processes/index.js';
import { InstanceService } from './domain/processes/instances.js';
import { MessageService } from './domain/processes/messages.js';
import { OutboxDispatcher } from './domain/outbox/dispatcher.js';
import { NotificationService } from './domain/notifications/index.js';
import { MailDispatcher } from './domain/notifications/mailer.js';
import { NotificationScheduler } from './domain/notifications/scheduler.js';
import { Outbox } from './domain/outbox/index.js';
import { DefinitionModels } from './domain/processes/models.js';
import { ProcessMapService } from './domain/processMap/index.js';
import { RoutineAttachments } from './domain/routines/attachments.js';
import { RoutineDocuments } from './domain/routines/documents.js';
import { RoutineService } from './domain/routines/index.js';
import { RoutineReads } from './domain/routines/reads.js';
import { AuditReview } from './domain/audit/review.js';
import { RetentionService } from './domain/retention/index.js';
import { RetentionScheduler } from './domain/retention/scheduler.js';
import { activeMatrix, configureMatrix, type RiskMatrix } from './domain/risk/index.js';
import { TaskService } from './domain/tasks/index.js';
import type { ProcessEngine } from './engine/port.js';
import type { Logger } from './logger.js';

export interface Services {
  config: Config;
  logger: Logger;
  engine: ProcessEngine;
  databaseKind: 'pglite' | 'postgres';
  org: OrgService;
  /** The organisation's administration (issue 15 point 1): tree, people, role list, CSV, first start. */
  orgAdmin: OrgAdmin;
  tasks: TaskService;
  processes: ProcessService;
  /** Process versions: drafts, review, adoption, publishing (issue 14 point 2). */
  governance: GovernanceService;
  instances: InstanceService;
  /** The process map: the hierarchy, descriptive processes, BPMN import (issue 14 point 3). */
  processMap: ProcessMapService;
  feedback: FeedbackService;
  messages: MessageService;
  /** Commands on their way to the engine (DESIGN.md §3), and the dispatcher that applies what is left. */
  outbox: Outbox;
  dispatcher: OutboxDispatcher;
  clock: Clock;
  routines: RoutineService;
  /** Routines under document control: versions, review, adoption, register (issue 14.4); their attachments; läst och förstått. */
  routineDocs: RoutineDocuments;
  routineAttachments: RoutineAttachments;
  routineReads: RoutineReads;
  /** Forms under version control: drafts, publishing, the version in force (issue 14.1). */
  forms: FormService;
  /** The log review (loggkontroll, issue 15 point 5) and the refused reads the routes record. */
  auditLog: AuditReview;
  /** Retention (gallring) rules and runs; the schedule runs it once a day (started by bootstrap). */
  retention: RetentionService;
  retentionSchedule: RetentionScheduler;
  /** E-mail notifications (issue 15 point 4): settings, the messages queued, their schedule and the sender (undefined without SMTP_URL). */
  notifications: NotificationService;
  notificationSchedule: NotificationScheduler;
  mailer: MailDispatcher | undefined;
  /** The risk matrix in force, and changing it. */
  riskMatrix: { active(): Promise<RiskMatrix & { id: number }>; configure(m: RiskMatrix): Promise<RiskMatrix & { id: number }> };
  /** Deviations back to the process (issue 14 point 5). */
  deviations: { counts(user: User, processId: string, period: { from: string; to: string }): Promise<DeviationCount[]> };
}

/** Wires the services. */
export function createServices(deps: {
  config: Config;
  logger: Logger;
  db: Db;
  clock: Clock;
  engine: ProcessEngine;
  databaseKind: 'pglite' | 'postgres';
}): Services {
  const org = new OrgService(deps.db, deps.clock, deps.config.sessionTtlHours, { limits: deps.config.login, passwordHashCost: deps.config.passwordHashCost });
  const models = new DefinitionModels(deps.engine);
  const routines = new RoutineService(deps.db, deps.clock);
  const retention = new RetentionService(deps.db, deps.engine.readModel, deps.config.auditRetentionMonths);
  const o = deps.config.outbox;
  const outbox = new Outbox(deps.db, deps.engine, deps.logger, { leaseMs: o.leaseMs, backOffMs: Math.min(500, o.maxBackOffMs), maxBackOffMs: o.maxBackOffMs });
  const governance = new GovernanceService(deps.db, deps.clock, deps.engine, outbox);
  const processes = new ProcessService(deps.db, deps.engine, deps.clock, models, routines, outbox, governance);
  const m = deps.config.mail;
  const notifications = new NotificationService(deps.db, deps.clock, org, { enabled: Boolean(m.smtpUrl), baseUrl: m.baseUrl });
  const dispatcher = new OutboxDispatcher(deps.db, outbox, deps.clock, deps.logger, {
    pollMs: o.pollMs,
    keepFinishedHours: deps.config.idempotencyKeyTtlHours,
  });
  return {
    config: deps.config,
    logger: deps.logger,
    engine: deps.engine,
    databaseKind: deps.databaseKind,
    org,
    orgAdmin: new OrgAdmin(deps.db, deps.clock, org, {
      passwordHashCost: deps.config.passwordHashCost,
      firstStart: !deps.config.demoData,
      setupToken: deps.config.setupToken,
    }),
    tasks: new TaskService(deps.db, deps.engine, deps.clock, org, models, outbox),
    processes,
    governance,
    instances: new InstanceService(deps.db, deps.engine, models, deps.clock, outbox),
    processMap: new ProcessMapService(deps.db, deps.clock, deps.engine, models, governance),
    feedback: new FeedbackService(deps.db, outbox, org, deps.clock, processes.map),
    messages: new MessageService(deps.db, outbox, deps.clock),
    outbox,
    dispatcher,
    clock: deps.clock,
    routines,
    routineDocs: new RoutineDocuments(deps.db, deps.clock, outbox),
    routineAttachments: new RoutineAttachments(deps.db, deps.clock),
    routineReads: new RoutineReads(deps.db, deps.clock),
    forms: new FormService(deps.db, deps.clock, deps.engine),
    auditLog: new AuditReview(deps.db, deps.clock),
    retention,
    retentionSchedule: new RetentionScheduler(retention, deps.clock, deps.logger),
    notifications,
    notificationSchedule: new NotificationScheduler(notifications, deps.logger, m.checkMs),
    mailer: m.smtpUrl ? new MailDispatcher(deps.db, deps.clock, { smtpUrl: m.smtpUrl, from: m.from, pollMs: m.pollMs }, deps.logger) : undefined,
    riskMatrix: { active: () => activeMatrix(deps.db), configure: (m) => configureMatrix(deps.db, m) },
    deviations: { counts: (user, processId, period) => deviationCounts(deps.db, user, processId, period) },
  };
}
