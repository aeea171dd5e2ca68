/**
 * The HTTP edge: security headers, request id and access log, body limits, the input guard,
 * the declared routes of /api/v1 (routes/, one module per resource; each parses its input with
 * zod, calls one service, presents its answer with its output schema), the web UI, and the one
 * problem handler. The OpenAPI document is generated from the same declarations.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Services } from '../services.js';
import { WEB_DIST } from '../paths.js';
import { withRequestAddress } from '../domain/audit/context.js';
import { accessLog } from './accessLog.js';
import { jsonParsers } from './bodyLimits.js';
import { inputGuard } from './inputGuard.js';
import { openApiDocument } from './openapi.js';
import { problemHandler, sendProblem } from './problem.js';
import { expressPath, handler } from './route.js';
import { apiRoutes } from './routes/index.js';
import { refuseCrossSite, securityHeaders, sessionToken } from './security.js';

/** Creates the express app over the domain services. */
export function createApp(sv: Services): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // the client's address from the trusted proxies only (TRUST_PROXY): the log-in throttle and the e-service's limit count by it
  app.set('trust proxy', sv.config.http.trustProxy);
  app.locals.openapi = openApiDocument(apiRoutes);
  app.use(securityHeaders(sv.config));
  app.use(accessLog(sv.logger));
  // every audit row written while a request runs carries its client address (domain/audit/context.ts)
  app.use((req, _res, next) => withRequestAddress(req.ip ?? req.socket.remoteAddress ?? 'okänd', next));
  for (const p of jsonParsers()) app.use(p.path, p.handler);
  app.use('/api', refuseCrossSite, inputGuard);
  const authenticate = async (req: express.Request) => {
    const token = sessionToken(req);
    return token ? sv.org.userForSession(token) : undefined;
  };
  for (const r of apiRoutes) app[r.method](expressPath(r.path), ...(r.before?.(sv) ?? []), handler(r, sv, authenticate));
  app.use('/api', (req, res) => sendProblem(res, 'not-found', 'Ingen sådan resurs', req.originalUrl.split('?')[0] ?? ''));
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
