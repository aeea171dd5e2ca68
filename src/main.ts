/** The composition root: configuration → database → engine → services → HTTP (for the roles ROLE names). */
import { ConfigError, loadConfig } from './config/index.js';
import { ControlledClock } from './clock.js';
import { createDb } from './db/index.js';
import { createLogger } from './logger.js';
import { bootstrap } from './bootstrap.js';
import { createApp } from './http/app.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  const db = createDb({ url: config.databaseUrl, dataDir: config.dataDir });
  const clock = new ControlledClock(config.clockStart);
  const services = await bootstrap(config, db, clock, logger);
  const roles = Object.entries(config.roles)
    .filter(([, on]) => on)
    .map(([r]) => r)
    .join(',');
  const server = config.roles.api
    ? createApp(services).listen(config.port, config.host, () => {
        logger.info({ event: 'server.started', roles, port: config.port, engine: services.engine.kind, database: services.databaseKind }, 'server.started');
      })
    : undefined;
  if (!server) logger.info({ event: 'server.started', roles, engine: services.engine.kind, database: services.databaseKind }, 'server.started');
  const shutdown = async () => {
    logger.info({ event: 'server.stopping' }, 'server.stopping');
    server?.close();
    await services.dispatcher.stop();
    await services.retentionSchedule.stop();
    await services.notificationSchedule.stop();
    await services.mailer?.stop();
    await services.engine.stop();
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

void main();
