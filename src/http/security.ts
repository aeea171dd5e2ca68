/**
 * The browser-facing defences: security headers (helmet, with a CSP the web app passes), the
 * session cookie, and CSRF protection for cookie sessions.
 *
 * CSRF, in two layers (OWASP's cheat sheet):
 * - every changing request (POST, PUT, PATCH, DELETE) under /api whose Fetch Metadata says it
 *   came from another site (`Sec-Fetch-Site: cross-site` or `same-site`) is refused, the
 *   login and the public e-service included — our pages never send one;
 * - a session route's changing request must carry `X-CSRF-Token`, a token bound to the
 *   session (a hash of its secret cookie, so nothing is stored and another site cannot know it),
 *   which the login and GET /me hand to the web app. A non-browser client reads it the same way.
 * The cookie itself is HttpOnly and SameSite=Lax, and Secure when COOKIE_SECURE (the default in
 * production: behind TLS).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { Config } from '../config/index.js';
import { AppError } from '../errors.js';
import { sendProblem } from './problem.js';

export const SESSION_COOKIE = 'kvh_session';
export const CSRF_HEADER = 'X-CSRF-Token';

/** The session token of the request's cookie, if any. */
export function sessionToken(req: Request): string | undefined {
  const m = /(?:^|;\s*)kvh_session=([^;]+)/.exec(req.headers.cookie ?? '');
  return m?.[1];
}

/** The CSRF token of a session: derived from its secret, so it needs no storage. */
export function csrfToken(session: string): string {
  return createHash('sha256').update(`kvh-csrf\0${session}`).digest('base64url');
}

/** Whether the request carries the CSRF token of its session. */
export function hasCsrfToken(req: Request): boolean {
  const session = sessionToken(req);
  const sent = req.get(CSRF_HEADER);
  if (!session || !sent) return false;
  const want = Buffer.from(csrfToken(session));
  const got = Buffer.from(sent);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** The Set-Cookie value of a session (an empty token and max age 0 end it). */
export function sessionCookie(config: Config, token: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${maxAgeSeconds}${config.http.secureCookies ? '; Secure' : ''}`;
}

/** A changing request without its session's CSRF token, or from another site. */
export class CsrfRejected extends AppError {
  readonly status = 403;
  readonly type = 'csrf-rejected';
}

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Whether a request changes something (the methods CSRF is about). */
const isChanging = (req: Request) => CHANGING.has(req.method);

/** Refuses a changing /api request another site made (Fetch Metadata). */
export function refuseCrossSite(req: Request, res: Response, next: NextFunction): void {
  const site = req.get('Sec-Fetch-Site');
  if (isChanging(req) && (site === 'cross-site' || site === 'same-site')) {
    sendProblem(res, 'csrf-rejected', 'Begäran kom från en annan webbplats', req.originalUrl.split('?')[0] ?? '');
    return;
  }
  next();
}

/**
 * The security headers. The CSP allows only our own origin: no inline script and no eval
 * (vite's build emits none); styles from our files — and `style-src-attr 'unsafe-inline'`,
 * because bpmn-js and form-js set style attributes on the elements they draw (an attribute
 * cannot run script); images and fonts also as data: URIs (bpmn-js's and form-js's icons).
 * HSTS and upgrade-insecure-requests only when the cookie is Secure (served over TLS).
 */
export function securityHeaders(config: Config): RequestHandler {
  const tls = config.http.secureCookies;
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'style-src-attr': ["'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(tls ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
}
