/**
 * Starts the product on a database: migrations, engine, inbox projection, models, workers,
 * demo data. Used by main.ts and by the API tests, so both run the same wiring.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from './clock.js';
import type { Config } from './config/index.js';
import { isServer, migrateLatest, type Db } from './db/index.js';
import { ensureAnnualCycleStarted, ensureDefaultAnnualDuties } from './domain/annualCycle/index.js';
import { stockholmYear } from './domain/caseNumbers.js';
import { ensureDemoData } from './domain/org/demo.js';
import { ensureDemoRoutines } from './domain/routines/index.js';
import { inboxProjection } from './domain/tasks/projection.js';
import { createEmbeddedEngine } from './engine/embedded/index.js';
import { createZeebeEngine } from './engine/zeebe/index.js';
import type { DeployResource, ProcessEngine } from './engine/port.js';
import type { Logger } from './logger.js';
import { createServices, type Services } from './services.js';
import { allWorkers } from '../workers/index.js';
import { registerWorkers } from '../workers/registry.js';

const BPMN_DIR = path.resolve(import.meta.dirname, '../bpmn');

/** Every model and form in bpmn/. */
export function bundledResources(): DeployResource[] {
  const read = (dir: string, ext: string) => readdirSync(dir).filter((f) => f.endsWith(ext)).sort()
    .map((name) => ({ name, content: readFileSync(path.join(dir, name), 'utf8') }));
  return [...read(path.join(BPMN_DIR, 'forms'), '.form'), ...read(BPMN_DIR, '.bpmn')];
}

/** The engine the configuration asks for; loadConfig has checked that Zeebe's settings are there. */
export function createEngine(config: Config, db: Db, clock: Clock, logger: Logger): ProcessEngine {
  if (config.processEngine === 'embedded') return createEmbeddedEngine({ db, clock, logger, pollMs: config.enginePollMs });
  const z = config.zeebe;
  if (!z.restAddress || !z.exportDatabaseUrl) throw new Error('PROCESS_ENGINE=zeebe needs ZEEBE_REST_ADDRESS and ZEEBE_EXPORT_DATABASE_URL (or DATABASE_URL)');
  return createZeebeEngine({
    db, clock, logger, restAddress: z.restAddress, grpcAddress: z.grpcAddress, exportDatabaseUrl: z.exportDatabaseUrl,
    exportSchema: z.exportSchema, pollMs: Math.min(config.enginePollMs, 100), skipHistory: z.skipHistory,
  });
}

/** Brings everything up and returns the services (the engine is started). */
export async function bootstrap(config: Config, db: Db, clock: Clock, logger: Logger, schema?: string): Promise<Services> {
  await migrateLatest(db, schema);
  const engine = createEngine(config, db, clock, logger);
  engine.onEvent(inboxProjection(db));
  await engine.deploy(bundledResources());
  registerWorkers(engine, allWorkers, { db, clock, logger, settings: {
    lexSarahIvoTargetWorkdays: config.lexSarahIvoTargetWorkdays, synpunktFeedbackWorkdays: config.synpunktFeedbackWorkdays,
    lexMariaEventAnalysisThreshold: config.lexMariaEventAnalysisThreshold, lexMariaIvoTargetWorkdays: config.lexMariaIvoTargetWorkdays,
  } });
  const services = createServices({ config, logger, db, clock, engine, databaseKind: isServer(db) ? 'postgres' : 'pglite' });
  if (config.demoData) {
    await ensureDemoData(services.org, config.demoPassword);
    // The default årshjul names the demo organisation's nodes.
    await ensureDefaultAnnualDuties(db);
    // A routine for every activity of every bundled model.
    await ensureDemoRoutines(db, bundledResources());
  }
  await engine.start();
  // Retention deletes the embedded engine's history; Zeebe keeps its own.
  if (config.processEngine === 'embedded') services.retentionSchedule.start();
  if (config.annualCycleAutoStart) {
    const key = await ensureAnnualCycleStarted(db, engine, stockholmYear(clock.now()));
    if (key) logger.info({ event: 'annualCycle.started', processInstanceKey: key }, 'annualCycle.started');
  }
  return services;
}
