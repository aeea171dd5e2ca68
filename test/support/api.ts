/**
 * The HTTP API on the real wiring (bootstrap: migrations, engine, models, workers, demo
 * organisation) for API suites: one app per setup (embedded on each database; Camunda with the
 * app on PostgreSQL when an organisation points the suites at its own cluster with
 * TEST_ZEEBE_REST_ADDRESS — CI does not), agents logged in as the demo users, and a wait for a
 * task to reach a user's inbox.
 */
import request from 'supertest';
import { afterAll, beforeAll } from 'vitest';
import type { Express } from 'express';
import { bootstrap } from '../../src/bootstrap.js';
import type { ControlledClock } from '../../src/clock.js';
import { loadConfig, testZeebe } from '../../src/config/index.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import type { Services } from '../../src/services.js';
import { cancelActive } from './cleanup.js';
import { waitFor } from './waits.js';
import { createTestDb, databaseKinds, type DatabaseKind, type TestDb } from './databases.js';

/**
 * Logs `agent` in as a demo user (password `demo`) and makes it send the session's CSRF token
 * with every request after, as the web app does (src/http/security.ts).
 */
export async function signIn(agent: request.Agent, username: string): Promise<request.Agent> {
  const r = await agent.post('/api/v1/session').send({ username, password: 'demo' }).expect(200);
  agent.set('X-CSRF-Token', r.body.csrfToken as string);
  return agent;
}

export interface ApiSetup {
  name: string;
  kind: DatabaseKind;
  env: Record<string, string>;
}

/** Embedded on each database; Camunda (app on PostgreSQL) when a cluster is configured. */
export function apiSetups(): ApiSetup[] {
  const z = testZeebe();
  const out: ApiSetup[] = databaseKinds().map((kind) => ({ name: `embedded/${kind}`, kind, env: {} }));
  if (z) {
    out.push({
      name: 'zeebe',
      kind: 'postgres',
      env: {
        PROCESS_ENGINE: 'zeebe',
        ZEEBE_REST_ADDRESS: z.restAddress,
        ZEEBE_EXPORT_DATABASE_URL: z.exportDatabaseUrl,
        ZEEBE_SKIP_HISTORY: 'true',
      },
    });
  }
  return out;
}

/** Polls until `probe` returns something (reads on Camunda are eventually consistent). */
export function until<T>(probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  return waitFor('the condition', probe, ms);
}

export interface InboxTask {
  key: string;
  processInstanceKey: string;
  elementId: string;
  name: string | null;
  dueDate: string | null;
  caseNumber: string | null;
  unitId: string | null;
  unitName: string | null;
  candidateGroups: string[];
}

/** Starts the app for one setup in a describe block; the returned object is filled in beforeAll. */
export function useApi(setup: ApiSetup, clock: ControlledClock, configEnv: Record<string, string> = {}) {
  const ctx = {} as {
    t: TestDb;
    services: Services;
    app: Express;
    /** A logged-in agent for a demo user (password `demo`). */
    as: (username: string) => Promise<request.Agent>;
    /** Forgets the agents (after moving the clock past the sessions' lifetime, log in again). */
    forgetSessions: () => void;
    /** Waits until `username` sees an open task of the instance at `elementId`. */
    taskFor: (username: string, instanceKey: string, elementId: string) => Promise<InboxTask>;
    /**
     * Waits until `username` sees an open task at `elementId` carrying this case number — for
     * tasks in processes the case's instance calls (its phases, its actions).
     */
    caseTask: (username: string, caseNumber: string, elementId: string) => Promise<InboxTask>;
    /** Completes `username`'s task at `elementId` with these variables, expecting 204. */
    completeAs: (username: string, instanceKey: string, elementId: string, variables: Record<string, unknown>) => Promise<InboxTask>;
  };
  const agents: Record<string, request.Agent> = {};
  ctx.as = async (username) => {
    if (!agents[username]) {
      agents[username] = await signIn(request.agent(ctx.app), username);
    }
    return agents[username];
  };
  ctx.forgetSessions = () => {
    for (const k of Object.keys(agents)) delete agents[k];
  };
  const findTask = (username: string, match: (t: InboxTask) => boolean) =>
    until(async () => {
      const r = await (await ctx.as(username)).get('/api/v1/tasks').query({ pageSize: 200 });
      return (r.body.items as InboxTask[]).find(match);
    });
  ctx.taskFor = (username, instanceKey, elementId) => findTask(username, (x) => x.processInstanceKey === instanceKey && x.elementId === elementId);
  ctx.caseTask = (username, caseNumber, elementId) => findTask(username, (x) => x.caseNumber === caseNumber && x.elementId === elementId);
  ctx.completeAs = async (username, instanceKey, elementId, variables) => {
    const task = await ctx.taskFor(username, instanceKey, elementId);
    await (await ctx.as(username)).post(`/api/v1/tasks/${task.key}/completion`).send({ variables }).expect(204);
    return task;
  };
  beforeAll(async () => {
    ctx.t = await createTestDb(setup.kind);
    // a test-only password-hash cost (NODE_ENV=test): the suites hash and log in about a thousand times (login.api.test.ts tests the rehash to a higher cost)
    const config = {
      ...loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', PASSWORD_HASH_COST: '10', ...configEnv, ...setup.env }),
      demoData: true,
      enginePollMs: 20,
    };
    ctx.services = await bootstrap(config, ctx.t.db, clock, createLogger('silent'));
    ctx.app = createApp(ctx.services);
  });
  afterAll(async () => {
    if (ctx.services?.engine.kind === 'zeebe') await cancelActive(ctx.services.engine);
    // everything bootstrap started: the worker process runs other suites after this one (isolate: false)
    await ctx.services?.retentionSchedule.stop();
    await ctx.services?.notificationSchedule.stop();
    await ctx.services?.mailer?.stop();
    await ctx.services?.dispatcher.stop();
    await ctx.services?.engine.stop();
    await ctx.t?.destroy();
  });
  return ctx;
}
