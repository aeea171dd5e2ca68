/**
 * Errors to application/problem+json, mapped once, each with the stable `type` of its kind
 * (problems.ts). A 5xx is logged with its stack and the request id; what reaches the client is
 * the kind, a Swedish detail and an error id — never a stack, never the input.
 */
import type { ErrorRequestHandler, Response } from 'express';
import { AppError, LoginLockedError, type FieldError } from '../errors.js';
import { EngineConflict, EngineInvalid, EngineNotFound, EngineUnavailable } from '../engine/port.js';
import type { Logger } from '../logger.js';
import { kindOfStatus, PROBLEMS, problemType, type ProblemKind } from './problems.js';

/** Sends a problem document of a kind. */
export function sendProblem(res: Response, kind: ProblemKind, detail: string, instance: string, errors?: FieldError[]): void {
  const p = PROBLEMS[kind];
  res
    .status(p.status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: problemType(kind),
        title: p.title,
        status: p.status,
        detail,
        instance,
        ...(errors?.length ? { errors } : {}),
      }),
    );
}

const isKind = (k: string): k is ProblemKind => Object.hasOwn(PROBLEMS, k);

/**
 * An error as the log may hold it: class, code and stack, with what the message quotes masked —
 * a driver's message can quote a value it refused (`invalid input syntax for type integer: "…"`),
 * and a value can be personal data.
 */
function loggableError(err: unknown): { name: string; code?: string; message: string; stack?: string } {
  const e = err instanceof Error ? err : new Error(String(err));
  const mask = (s: string) => s.replace(/"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)=\([^()\n]*\)/g, '«…»');
  const code = (e as { code?: unknown }).code;
  return { name: e.name, ...(typeof code === 'string' ? { code } : {}), message: mask(e.message), ...(e.stack ? { stack: mask(e.stack) } : {}) };
}

/** The one error middleware. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const at = req.originalUrl.split('?')[0] ?? '';
    if (err instanceof LoginLockedError) res.set('Retry-After', String(err.retryAfterSeconds));
    if (err instanceof AppError) return sendProblem(res, isKind(err.type) ? err.type : kindOfStatus(err.status), err.message, at, err.errors);
    if (err instanceof EngineNotFound) return sendProblem(res, 'not-found', 'Finns inte', at);
    if (err instanceof EngineConflict) return sendProblem(res, 'conflict', 'Det går inte i nuvarande läge', at);
    // the problems name resources, elements and rules; capped, as a backstop against echoing the upload
    if (err instanceof EngineInvalid)
      return sendProblem(
        res,
        'model-invalid',
        'Modellen godtas inte',
        at,
        err.problems.slice(0, 100).map((p) => ({ field: 'resources', message: p.slice(0, 300) })),
      );
    if (err instanceof EngineUnavailable) return sendProblem(res, 'unavailable', 'Processmotorn svarar inte', at);
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.parse.failed') return sendProblem(res, 'json-invalid', 'Ogiltig JSON', at);
    if (e.type === 'entity.too.large') return sendProblem(res, 'payload-too-large', 'Begäran är för stor', at);
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
      return sendProblem(res, 'unsupported-media-type', 'Teckenkodningen stöds inte', at);
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return sendProblem(res, kindOfStatus(e.status), 'Felaktig begäran', at);
    const id = Math.random().toString(36).slice(2, 10);
    logger.error({ event: 'http.error', errorId: id, reqId: req.id, method: req.method, route: req.route?.path ?? at, err: loggableError(err) }, 'http.error');
    return sendProblem(res, 'internal', `Ett oväntat fel inträffade (fel-id ${id})`, at);
  };
}
