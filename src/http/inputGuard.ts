/**
 * The edge's guard (issue 13, point 7): before any route sees a request, every string in its
 * path, query and JSON body (keys too) is checked for NUL bytes and unpaired UTF-16
 * surrogates — PostgreSQL cannot store either in text or jsonb, and they were 500s on every
 * route, the public e-service and the login included — and the body's shape is held to an
 * envelope no legitimate request comes near (depth, items per array, keys per object). What
 * a route accepts within that envelope is its zod schema's business (src/http/schemas.ts) and,
 * for form variables, the form's (src/domain/forms/limits.ts).
 *
 * A refusal is a 400 problem that names where (`variables.x`, `query.state`, `path`),
 * never what was sent: keys are named only when they look like field names.
 */
import type { NextFunction, Request, Response } from 'express';
import { InputError, type FieldError } from '../errors.js';

/** The envelope of every JSON body (schemas and forms narrow it per route). */
const BODY_ENVELOPE = {
  /** Nesting of objects and arrays: forms nest a list of objects in the variables (depth 4). */
  depth: 16,
  /** Items of one array: a deployment's resources, a form's list (forms allow at most 100). */
  arrayItems: 1_000,
  /** Keys of one object: a form has fewer than 100 fields. */
  objectKeys: 1_000,
} as const;

// NUL, a high surrogate not followed by a low one, a low one not preceded by a high one.
// Linear: each alternative looks at most one code unit around a match.
// eslint-disable-next-line no-control-regex -- NUL is what this looks for
const BAD_CHARS = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string holds a NUL byte or an unpaired surrogate. */
function hasBadChars(s: string): boolean {
  return BAD_CHARS.test(s);
}

/** A key named in an error only when it looks like a field name (a key is input too). */
const named = (k: string) => (/^[A-Za-z_][\w.-]{0,99}$/.test(k) ? k : '(nyckel)');
const child = (at: string, k: string) => (at ? `${at}.${k}` : k);

/** The first problem in a JSON value (iteratively: a deep body cannot overflow the stack). */
function bodyProblem(value: unknown, at: string): FieldError | undefined {
  const stack: { v: unknown; at: string; depth: number }[] = [{ v: value, at, depth: 0 }];
  while (stack.length) {
    const { v, at: where, depth } = stack.pop()!;
    const field = where || '(body)';
    if (typeof v === 'string') {
      if (hasBadChars(v)) return { field, message: 'innehåller otillåtna tecken (NUL eller ofullständigt Unicode-tecken)' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= BODY_ENVELOPE.depth) return { field, message: `för djupt nästlad (högst ${BODY_ENVELOPE.depth} nivåer)` };
    if (Array.isArray(v)) {
      if (v.length > BODY_ENVELOPE.arrayItems) return { field, message: `högst ${BODY_ENVELOPE.arrayItems} element` };
      v.forEach((x, i) => stack.push({ v: x, at: `${field}[${i}]`, depth: depth + 1 }));
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length > BODY_ENVELOPE.objectKeys) return { field, message: `högst ${BODY_ENVELOPE.objectKeys} nycklar` };
    for (const k of keys) {
      if (hasBadChars(k)) return { field, message: 'en nyckel innehåller otillåtna tecken' };
      stack.push({ v: (v as Record<string, unknown>)[k], at: child(where, named(k)), depth: depth + 1 });
    }
  }
  return undefined;
}

/** The first problem in the path: a segment that is not UTF-8 when decoded, or decodes to a bad character. */
function pathProblem(path: string): FieldError | undefined {
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { field: 'path', message: 'adressen är inte giltig UTF-8' };
    }
    if (hasBadChars(decoded)) return { field: 'path', message: 'adressen innehåller otillåtna tecken' };
  }
  return undefined;
}

/** Express middleware (after the JSON parser): refuses the request with a 400 problem at the first bad string. */
export function inputGuard(req: Request, _res: Response, next: NextFunction): void {
  const problem = pathProblem(req.path) ?? bodyProblem(req.query, 'query') ?? bodyProblem(req.body, '');
  if (!problem) return next();
  next(new InputError('Ogiltiga tecken eller för stor struktur i begäran', [problem]));
}
