/**
 * Harness for the outbox suites: the real wiring (bootstrap) on one database, with an engine
 * wrapper that can be unreachable (EngineUnavailable) for the next N calls of a command — a
 * real engine behind it, not a stand-in for it — and "restarts": a second app on the same
 * database (a fresh connection pool on PostgreSQL), as a process started after a crash would be.
 */
import request from 'supertest';
import type { Express } from 'express';
import { bootstrap } from '../../src/bootstrap.js';
import type { ControlledClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/index.js';
import type { Db } from '../../src/db/index.js';
import { EngineUnavailable, type ProcessEngine } from '../../src/engine/port.js';
import { createApp } from '../../src/http/app.js';
import { signIn } from './api.js';
import { createLogger } from '../../src/logger.js';
import type { Services } from '../../src/services.js';

/** The engine, except that the next `failures[command]` calls of a command throw EngineUnavailable. */
export function flakyEngine(failures: Partial<Record<keyof ProcessEngine, number>>) {
  return (engine: ProcessEngine): ProcessEngine =>
    new Proxy(engine, {
      get(target, prop: keyof ProcessEngine) {
        const v = target[prop];
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          if ((failures[prop] ?? 0) > 0) {
            failures[prop]! -= 1;
            return Promise.reject(new EngineUnavailable('the engine is not reachable (test)'));
          }
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
}

export interface App {
  services: Services;
  app: Express;
  as(username: string): Promise<request.Agent>;
  stop(): Promise<void>;
}

/** Starts the product on `db` (as main.ts would), with an optional engine wrapper. */
export async function startApp(db: Db, clock: ControlledClock, env: Record<string, string> = {}, wrap?: (e: ProcessEngine) => ProcessEngine): Promise<App> {
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', OUTBOX_POLL_MS: '50', NODE_ENV: 'test', PASSWORD_HASH_COST: '10', ...env }),
    demoData: true,
    enginePollMs: 20,
  };
  const services = await bootstrap(config, db, clock, createLogger('silent'), undefined, wrap);
  const app = createApp(services);
  const agents: Record<string, request.Agent> = {};
  return {
    services,
    app,
    async as(username) {
      if (!agents[username]) {
        agents[username] = await signIn(request.agent(app), username);
      }
      return agents[username];
    },
    // a stopped app stands for a dead process: nothing of it runs on
    async stop() {
      await services.retentionSchedule.stop();
      await services.notificationSchedule.stop();
      await services.mailer?.stop();
      await services.dispatcher.stop();
      await services.engine.stop();
    },
  };
}

/** Counts rows of `table` matching `where`. */
export async function count(db: Db, table: string, where: Record<string, unknown>): Promise<number> {
  const r = await db(table).where(where).count({ n: '*' }).first();
  return Number(r?.n ?? 0);
}
