/**
 * Every request gets a request id (`X-Request-Id`: a proxy's, when it is a plain token, else a
 * new UUID; answered back in the header) and one access-log line when it is answered: method,
 * path without its query string (queries can carry search text), matched route, status, time,
 * request id. No headers, no cookies, no bodies: nothing about a client reaches the log.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.js';

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const pathOf = (req: IncomingMessage) => ((req as Request).originalUrl ?? req.url ?? '').split('?')[0];

/** The request-id and access-log middleware. */
export function accessLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    wrapSerializers: false,
    quietReqLogger: true,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const sent = req.headers['x-request-id'];
      const id = typeof sent === 'string' && INCOMING_ID.test(sent) ? sent : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, path: pathOf(req) }),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
    },
    customProps: (req: IncomingMessage) => {
      const r = req as Request;
      return r.route?.path ? { route: `${r.baseUrl}${String(r.route.path)}` } : {};
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'warn' : 'info'),
    customSuccessMessage: () => 'http',
    customErrorMessage: () => 'http',
  });
}
