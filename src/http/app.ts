/**
 * The HTTP API (/api/v1) and the static web UI. Routes are thin: session → zod → one
 * service call → JSON. Errors go to problemHandler.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors.js';
import type { User } from '../domain/org/index.js';
import type { Services } from '../services.js';
import rateLimit from 'express-rate-limit';
import { WEB_DIST } from '../paths.js';
import { openApiDocument } from './openapi.js';
import { problemHandler, sendProblem } from './problem.js';
import { commandState, runCommand } from './commands.js';
import * as s from './schemas.js';
import { jsonParsers } from './bodyLimits.js';
import { inputGuard } from './inputGuard.js';
import { parseInput } from './issues.js';

const COOKIE = 'kvh_session';

/** Parses input with a zod schema; failures are a 400 naming the fields (in Swedish, never quoting the input). */
const parse = parseInput;

function sessionToken(req: Request): string | undefined {
  const m = /(?:^|;\s*)kvh_session=([^;]+)/.exec(req.headers.cookie ?? '');
  return m?.[1];
}

type Handler = (req: Request, res: Response, user: User) => Promise<void>;

/** Creates the express app over the domain services. */
export function createApp(sv: Services): express.Express {
  const app = express();
  app.disable('x-powered-by');
  for (const p of jsonParsers()) app.use(p.path, p.handler);
  app.use('/api', inputGuard);
  const authed = (h: Handler) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = sessionToken(req);
      const user = token ? await sv.org.userForSession(token) : undefined;
      if (!user) throw new UnauthenticatedError('Logga in först');
      await h(req, res, user);
    } catch (e) {
      next(e);
    }
  };
  const key = (req: Request) => {
    const k = s.keyParam.safeParse(req.params.key);
    if (!k.success) throw new NotFoundError('Finns inte');
    return k.data;
  };
  // a path parameter that cannot name anything is a 404, as an unknown one is
  const param = (req: Request, name: string, schema: z.ZodType<string>) => {
    const v = schema.safeParse(req.params[name]);
    if (!v.success) throw new NotFoundError('Finns inte');
    return v.data;
  };
  const pid = (req: Request) => param(req, 'processId', s.bpmnId);
  const units = async () => (await sv.org.nodes()).filter((n) => n.type === 'unit').map((n) => ({ label: n.name, value: n.id }));
  const dynamic = async () => ({ units: (await units()).map((u) => u.value) });

  app.get('/api/v1/health', async (_req, res) => {
    res.json({ status: 'ok', engine: sv.engine.kind, database: sv.databaseKind });
  });
  app.get('/api/v1/openapi.json', (_req, res) => { res.json(openApiDocument); });
  app.post('/api/v1/session', async (req, res) => {
    const body = parse(s.loginBody, req.body);
    const { token, user } = await sv.org.login(body.username, body.password);
    res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${sv.config.sessionTtlHours * 3600}`);
    res.json({ username: user.username, displayName: user.displayName });
  });
  app.delete('/api/v1/session', async (req, res) => {
    const token = sessionToken(req);
    if (token) await sv.org.logout(token);
    res.setHeader('Set-Cookie', `${COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`);
    res.status(204).end();
  });
  // The public e-service for synpunkter och klagomål: no login, rate-limited per address, the
  // answer is only a receipt (nothing of what was sent is echoed back, in the body or the URL).
  const publicLimit = rateLimit({
    windowMs: 60_000, limit: sv.config.publicFormRateLimitPerMinute, standardHeaders: 'draft-8', legacyHeaders: false,
    handler: (req, res) => sendProblem(res, 429, 'För många inskick. Försök igen om en stund.', req.originalUrl),
  });
  app.get('/api/v1/public/units', async (_req, res, next) => {
    try {
      res.json(await units());
    } catch (e) {
      next(e);
    }
  });
  app.post('/api/v1/public/synpunkter', publicLimit, async (req, res, next) => {
    try {
      // the key alone is the scope (no login); the receipt is the answer however far the command got
      await runCommand(sv, req, res, 'public', { always: true, done: (row) => ({ status: 202, body: { receipt: row.followUpData.receipt } }) },
        (claim) => sv.feedback.submitPublic(parse(s.publicSynpunktBody, req.body), claim));
    } catch (e) {
      next(e);
    }
  });
  app.get('/api/v1/me', authed(async (_req, res, user) => { res.json({ username: user.username, displayName: user.displayName, roles: user.roles }); }));
  app.get('/api/v1/org/units', authed(async (_req, res) => { res.json(await sv.org.nodes()); }));
  app.get('/api/v1/process-definitions', authed(async (_req, res, user) => { res.json(await sv.processes.definitions(user)); }));
  app.get('/api/v1/process-definitions/:processId/activities', authed(async (req, res) => { res.json(await sv.processes.activities(pid(req))); }));
  app.get('/api/v1/process-definitions/:processId/form', authed(async (req, res) => { res.json(await sv.processes.startForm(pid(req))); }));
  app.get('/api/v1/process-definitions/:processId/xml', authed(async (req, res) => { res.json({ xml: await sv.processes.xml(pid(req)) }); }));
  const mine = (user: User) => `user:${user.id}`;
  app.post('/api/v1/process-instances', authed(async (req, res, user) => {
    const started = (r: unknown) => { const ref = r as { key: string; processId: string; version: number }; return { key: ref.key, processId: ref.processId, version: ref.version }; };
    await runCommand(sv, req, res, mine(user), { done: (row) => ({ status: 201, body: started(row.result) }) }, async (claim) => {
      const body = parse(s.startBody, req.body);
      return sv.processes.start(user, body.processId, body.variables, await dynamic(), claim);
    });
  }));
  app.get('/api/v1/commands/:id', authed(async (req, res, user) => { res.json(await commandState(sv, String(req.params.id), user.username)); }));
  app.get('/api/v1/process-instances', authed(async (req, res, user) => { res.json(await sv.instances.list(user, parse(s.instanceQuery, req.query, 'query'))); }));
  app.get('/api/v1/process-instances/:key', authed(async (req, res, user) => { res.json(await sv.instances.get(user, key(req))); }));
  app.post('/api/v1/incidents/:key/resolution', authed(async (req, res, user) => {
    await runCommand(sv, req, res, mine(user), { done: () => ({ status: 204 }) }, (claim) => sv.instances.resolveIncident(user, key(req), claim));
  }));
  app.get('/api/v1/tasks', authed(async (req, res, user) => { res.json(await sv.tasks.list(user, parse(s.taskQuery, req.query, 'query'))); }));
  app.get('/api/v1/tasks/counts', authed(async (_req, res, user) => { res.json(await sv.tasks.counts(user)); }));
  app.get('/api/v1/tasks/:key', authed(async (req, res, user) => {
    const task = await sv.tasks.get(user, key(req));
    // the routine(s) for the activity, to read beside the form
    res.json({ ...task, routines: await sv.routines.forActivity(task.processId, task.elementId) });
  }));
  app.get('/api/v1/routines', authed(async (req, res) => {
    const q = parse(s.routineQuery, req.query, 'query');
    res.json(await sv.routines.ofProcess(q.processId));
  }));
  app.get('/api/v1/routines/:id', authed(async (req, res) => { res.json(await sv.routines.get(param(req, 'id', s.routineId))); }));
  app.get('/api/v1/tasks/:key/form', authed(async (req, res, user) => { res.json(await sv.tasks.form(user, key(req), await units())); }));
  app.get('/api/v1/tasks/:key/context', authed(async (req, res, user) => { res.json(await sv.tasks.context(user, key(req))); }));
  app.put('/api/v1/tasks/:key/draft', authed(async (req, res, user) => {
    const body = parse(s.draftBody, req.body);
    res.json(await sv.tasks.saveDraft(user, key(req), body.variables));
  }));
  app.delete('/api/v1/tasks/:key/draft', authed(async (req, res, user) => {
    await sv.tasks.deleteDraft(user, key(req));
    res.status(204).end();
  }));
  app.post('/api/v1/tasks/:key/assignment', authed(async (req, res, user) => {
    const k = key(req);
    await runCommand(sv, req, res, mine(user), { done: async () => ({ status: 200, body: await sv.tasks.present(k) }) },
      (claim) => sv.tasks.assign(user, k, parse(s.assignBody, req.body).assignee, claim));
  }));
  app.post('/api/v1/tasks/:key/completion', authed(async (req, res, user) => {
    const refused = (row: { error: string | null }) => row.error?.startsWith('EngineConflict') ? new ConflictError('Uppgiften är redan slutförd') : new NotFoundError('Uppgiften finns inte längre');
    await runCommand(sv, req, res, mine(user), { done: () => ({ status: 204 }), refused }, async (claim) => {
      const body = parse(s.completeBody, req.body);
      return sv.tasks.complete(user, key(req), body.variables, await dynamic(), claim);
    });
  }));
  app.post('/api/v1/messages', authed(async (req, res, user) => {
    // Messages start and steer processes (linked reports, the årshjul): administrators only (the service checks).
    await runCommand(sv, req, res, mine(user), { done: (row) => ({ status: 201, body: { key: (row.result as { key: string | null }).key } }) }, (claim) => {
      const body = parse(s.messageBody, req.body);
      return sv.messages.publish(user, { name: body.name, correlationKey: body.correlationKey, variables: body.variables, timeToLiveMs: body.timeToLive, messageId: body.messageId }, claim);
    });
  }));
  app.post('/api/v1/deployments', authed(async (req, res, user) => {
    const body = parse(s.deployBody, req.body);
    res.status(201).json(await sv.processes.deploy(user, body.resources));
  }));
  // The risk matrix in force (size, thresholds of the traffic light); changed by quality staff.
  app.get('/api/v1/risk-matrix', authed(async (_req, res) => { res.json(await sv.riskMatrix.active()); }));
  app.put('/api/v1/risk-matrix', authed(async (req, res, user) => {
    if (!user.roles.some((r) => r.role === 'admin' || r.role === 'kvalitetsledare')) throw new ForbiddenError('Endast admin och kvalitetsledare får ändra riskmatrisen');
    const body = parse(s.riskMatrixBody, req.body);
    res.json(await sv.riskMatrix.configure(body));
  }));
  app.use('/api', (req, res) => sendProblem(res, 404, 'Ingen sådan resurs', req.originalUrl.split('?')[0] ?? ''));
  serveWeb(app);
  app.use(problemHandler(sv.logger));
  return app;
}

/** Serves dist/web (built by `npm run build:web`) with index.html for client-side routes. */
function serveWeb(app: express.Express): void {
  const dist = WEB_DIST;
  if (!existsSync(dist)) return;
  app.use(express.static(dist, { index: 'index.html' }));
  app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(path.join(dist, 'index.html')));
}
