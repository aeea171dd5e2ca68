/**
 * Starts the product on a database: migrations, engine, inbox projection, models, workers,
 * demo data — the parts the process's roles (ROLE) ask for. Used by main.ts and by the API tests, so both run the same wiring.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from './clock.js';
import type { Config } from './config/index.js';
import { isServer, migrateLatest, type Db } from './db/index.js';
import { ensureAnnualCycleStarted, ensureDefaultAnnualDuties } from './domain/annualCycle/index.js';
import { ensureBundledForms, ownFormsLeftOut } from './domain/forms/bundled.js';
import { stockholmYear } from './domain/caseNumbers.js';
import { bundledToDeploy, ensureBundledVersions } from './domain/governance/index.js';
import { ensureDemoData } from './domain/org/demo.js';
import { ensureProcessRecords } from './domain/processMap/index.js';
import { ensureDemoRoutines } from './domain/routines/index.js';
import { inboxProjection } from './domain/tasks/projection.js';
import { notificationProjection } from './domain/notifications/projection.js';
import { createEmbeddedEngine } from './engine/embedded/index.js';
import type { DeployResource, ProcessEngine } from './engine/port.js';
import { configureLint } from './engine/lint/settings.js';
import type { Logger } from './logger.js';
import { BPMN_DIR } from './paths.js';
import { createServices, type Services } from './services.js';
import { allWorkers } from '../workers/index.js';
import { registerWorkers } from '../workers/registry.js';

/** Every model and form in bpmn/. */
export function bundledResources(): DeployResource[] {
  const read = (dir: string, ext: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(ext))
      .sort()
      .map((name) => ({ name, content: readFileSync(path.join(dir, name), 'utf8') }));
  return [...read(path.join(BPMN_DIR, 'forms'), '.form'), ...read(BPMN_DIR, '.bpmn')];
}

/**
 * The engine the configuration asks for; loadConfig has checked that Zeebe's settings are there.
 * The Zeebe adapter is loaded only when asked for: `@camunda8/sdk` and its gRPC stack took about
 * half a second of every start (issue 13: ready in under 3 s), and the embedded engine needs none of it.
 */
async function createEngine(config: Config, db: Db, clock: Clock, logger: Logger): Promise<ProcessEngine> {
  if (config.processEngine === 'embedded') {
    return createEmbeddedEngine({ db, clock, logger, pollMs: config.enginePollMs, timers: config.roles.engine });
  }
  const z = config.zeebe;
  if (!z.restAddress || !z.exportDatabaseUrl) throw new Error('PROCESS_ENGINE=zeebe needs ZEEBE_REST_ADDRESS and ZEEBE_EXPORT_DATABASE_URL (or DATABASE_URL)');
  const { createZeebeEngine } = await import('./engine/zeebe/index.js');
  return createZeebeEngine({
    db,
    clock,
    logger,
    restAddress: z.restAddress,
    grpcAddress: z.grpcAddress,
    exportDatabaseUrl: z.exportDatabaseUrl,
    exportSchema: z.exportSchema,
    pollMs: Math.min(config.enginePollMs, 100),
    skipHistory: z.skipHistory,
  });
}

/**
 * Runs `fn` while holding the database-wide start-up lock (PostgreSQL: an advisory lock held by
 * one transaction of the pool), so processes starting together on one database migrate,
 * deploy and create demo data one after another (knex's migration lock would make all but
 * one fail). PGlite has one process: no lock needed.
 */
async function withStartupLock<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (!isServer(db)) return fn();
  return db.transaction(async (tx) => {
    await tx.raw('select pg_advisory_xact_lock(hashtext(?))', ['kvalitetshjulet:startup']);
    return fn();
  });
}

/**
 * Brings up what the configuration's roles ask for and returns the services: every role
 * migrates, deploys the bundled models (unchanged ones are not redeployed) and projects the
 * engine's events into the inbox (any process may run a command); `workers` registers the job
 * workers; `engine` fires timers, times out jobs and runs the outbox's dispatcher; the engine is started when either runs.
 */
export async function bootstrap(
  config: Config,
  db: Db,
  clock: Clock,
  logger: Logger,
  schema?: string,
  /** Tests: puts a wrapper around the engine (e.g. one that is unreachable for a while). */
  wrapEngine: (e: ProcessEngine) => ProcessEngine = (e) => e,
): Promise<Services> {
  configureLint({ minTimerCycleSeconds: config.timerCycleMinSeconds });
  const engine = wrapEngine(await createEngine(config, db, clock, logger));
  engine.onEvent(inboxProjection(db));
  const services = createServices({ config, logger, db, clock, engine, databaseKind: isServer(db) ? 'postgres' : 'pglite' });
  // after the inbox projection: it reads the task as the inbox placed it
  engine.onEvent(notificationProjection(db, services.notifications));
  const resources = bundledResources();
  await withStartupLock(db, async () => {
    await migrateLatest(db, schema);
    // bundled forms become published form versions; a form the organisation published itself keeps its own
    await ensureBundledForms(db, clock.now(), resources);
    // bundled models become published versions; a process the organisation adopted itself keeps its own
    const toDeploy = await ownFormsLeftOut(db, await bundledToDeploy(db, resources));
    await ensureBundledVersions(db, clock, await engine.deploy(toDeploy), toDeploy);
    // every bundled process on the process map, placed by who calls it (issue 14.3)
    await ensureProcessRecords(db, clock.now(), resources);
    if (config.demoData) {
      await ensureDemoData(services.org, config.demoPassword);
      // The default årshjul names the demo organisation's nodes.
      await ensureDefaultAnnualDuties(db);
      // A routine for every activity of every bundled model.
      await ensureDemoRoutines(db, resources);
    }
  });
  // the first start (issue 15.1): the one-time token for the first administrator, in the log (an installation secret, not personal data)
  const setupToken = config.roles.api ? await services.orgAdmin.firstStart.issueToken() : undefined;
  if (setupToken)
    logger.warn({ event: 'setup.token', token: setupToken }, `setup.token: first start, open the web app and give this one-time code: ${setupToken}`);
  if (config.roles.workers) {
    registerWorkers(engine, allWorkers, {
      db,
      clock,
      logger,
      settings: {
        lexSarahIvoTargetWorkdays: config.lexSarahIvoTargetWorkdays,
        synpunktFeedbackWorkdays: config.synpunktFeedbackWorkdays,
        lexMariaEventAnalysisThreshold: config.lexMariaEventAnalysisThreshold,
        lexMariaIvoTargetWorkdays: config.lexMariaIvoTargetWorkdays,
      },
    });
  }
  if (config.roles.engine || config.roles.workers) await engine.start();
  // What was accepted before a restart (a crash) is applied now, then the dispatcher keeps watch
  // (an API process applies its own requests' commands at once; the engine role retries).
  if (config.roles.engine) services.dispatcher.start();
  // Retention deletes the embedded engine's history (Zeebe keeps its own); one role runs it.
  if (config.roles.engine && config.processEngine === 'embedded') services.retentionSchedule.start();
  // E-mail (issue 15 point 4): the daily digest and reminders, and sending what is queued.
  if (config.roles.engine && services.mailer) {
    services.notificationSchedule.start();
    services.mailer.start();
  }
  if (config.roles.engine && config.annualCycleAutoStart) {
    const key = await ensureAnnualCycleStarted(db, engine, stockholmYear(clock.now()));
    if (key) logger.info({ event: 'annualCycle.started', processInstanceKey: key }, 'annualCycle.started');
  }
  return services;
}
