/** Errors to application/problem+json, mapped once. No stack traces, no personal data. */
import type { ErrorRequestHandler, Response } from 'express';
import { AppError, type FieldError } from '../errors.js';
import { EngineConflict, EngineInvalid, EngineNotFound, EngineUnavailable } from '../engine/port.js';
import type { Logger } from '../logger.js';

const TITLES: Record<number, string> = {
  400: 'Felaktig begäran', 401: 'Inte inloggad', 403: 'Åtkomst nekad', 404: 'Finns inte', 409: 'Konflikt', 422: 'Kan inte behandlas',
  413: 'För stor begäran', 415: 'Medietypen stöds inte', 429: 'För många förfrågningar', 500: 'Internt fel', 503: 'Tjänsten är inte tillgänglig',
};

/** Sends a problem document. */
export function sendProblem(res: Response, status: number, detail: string, instance: string, errors?: FieldError[]): void {
  res.status(status).type('application/problem+json').send(JSON.stringify({
    type: `about:blank`, title: TITLES[status] ?? 'Fel', status, detail, instance, ...(errors?.length ? { errors } : {}),
  }));
}

/** The one error middleware. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const at = req.originalUrl.split('?')[0] ?? '';
    if (err instanceof AppError) return sendProblem(res, err.status, err.message, at, err.errors);
    if (err instanceof EngineNotFound) return sendProblem(res, 404, 'Finns inte', at);
    if (err instanceof EngineConflict) return sendProblem(res, 409, 'Det går inte i nuvarande läge', at);
    // the problems name resources, elements and rules; capped, as a backstop against echoing the upload
    if (err instanceof EngineInvalid) return sendProblem(res, 400, 'Modellen godtas inte', at, err.problems.slice(0, 100).map((p) => ({ field: 'resources', message: p.slice(0, 300) })));
    if (err instanceof EngineUnavailable) return sendProblem(res, 503, 'Processmotorn svarar inte', at);
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.parse.failed') return sendProblem(res, 400, 'Ogiltig JSON', at);
    if (e.type === 'entity.too.large') return sendProblem(res, 413, 'Begäran är för stor', at);
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return sendProblem(res, e.status, 'Felaktig begäran', at);
    const id = Math.random().toString(36).slice(2, 10);
    logger.error({ event: 'http.error', errorId: id, err: (err as Error)?.message }, 'http.error');
    return sendProblem(res, 500, `Ett oväntat fel inträffade (fel-id ${id})`, at);
  };
}
