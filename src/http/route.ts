/**
 * A route of /api/v1, declared once: method and path, who may call it, its zod input schemas
 * (path, query, body) and its zod output schema per status. The same declaration mounts the
 * express handler (parse → handle → present) and writes the route's part of the OpenAPI document
 * (openapi.ts), so the contract cannot drift from the code (issue 13, point 1).
 *
 * Presenting: a reply is parsed with the output schema of its status before it is sent — zod
 * objects drop keys they do not name, so nothing leaves the server that the contract does not
 * show (an internal field added to a service's row stays inside). A reply the schema refuses is
 * a bug: a 500 with its stack in the log, never a half-checked answer.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors.js';
import type { User } from '../domain/org/index.js';
import { ruleOf, type Action, type Rule } from '../domain/policy.js';
import type { Services } from '../services.js';
import { parseInput } from './issues.js';
import type { ProblemKind } from './problems.js';
import type { CommandReply } from './commands.js';
import { CsrfRejected, hasCsrfToken } from './security.js';

export type Method = 'get' | 'post' | 'put' | 'delete';
type Obj = z.ZodObject;
type Out<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What a handler answers: a status the route declares and a body its schema accepts. */
export type Reply<R extends Responses> = {
  [S in keyof R & number]: { status: S; body: Out<R[S]['schema']>; headers?: Record<string, string> };
}[keyof R & number];

/** The success answers of a route, by status: what it means and the schema of its body (none for 204); `contentType`: a text body, not JSON. */
export type Responses = Record<number, { description: string; schema?: z.ZodType; contentType?: 'text/csv' }>;

/** What a handler gets: the parsed input, the user (session routes), the services, and the raw exchange. */
export interface Call<P extends Obj | undefined, Q extends Obj | undefined, B extends z.ZodType | undefined, A extends Access> {
  params: P extends Obj ? z.output<P> : Record<string, never>;
  query: Q extends Obj ? z.output<Q> : Record<string, never>;
  body: B extends z.ZodType ? z.output<B> : undefined;
  user: A extends 'session' ? User : undefined;
  sv: Services;
  req: Request;
  res: Response;
}

/** `public`: anyone; `session`: a logged-in user (what that user may do is the route's `policy`). */
export type Access = 'public' | 'session';

export interface RouteSpec<P extends Obj | undefined, Q extends Obj | undefined, B extends z.ZodType | undefined, R extends Responses, A extends Access> {
  /** The OpenAPI operationId (also the generated web client's name for it). */
  operationId: string;
  method: Method;
  /** OpenAPI style, under /api/v1: `/tasks/{key}`. */
  path: string;
  /** The resource's group in the document (`Uppgifter`, …). */
  tag: string;
  summary: string;
  description?: string;
  access: A;
  /**
   * Who may call it: `public` for public routes, else the action of src/domain/policy.ts it
   * performs. A role rule (the user's roles alone decide) is checked here, before the input is
   * read; a resource or scope rule is asked by the service, which knows the resource.
   */
  policy: A extends 'public' ? 'public' : Action;
  /**
   * A command through the outbox (DESIGN.md §3): takes an `Idempotency-Key`, may answer 202
   * while the engine finishes it, and 422 when the key was used for another request.
   * `key-only`: the key alone is the scope (the public e-service has no user).
   */
  command?: 'user' | 'key-only';
  params?: P;
  query?: Q;
  body?: B;
  responses: R;
  /** The problems it may answer besides the ones every route of its access may (see problems.ts). */
  problems?: ProblemKind[];
  /** Express middleware before the handler, made once per app (the public e-service's rate limit). */
  before?: (sv: Services) => RequestHandler[];
  /** The reply; a command route answers what runCommand answers (checked against `responses` as any reply is). */
  handle(call: Call<P, Q, B, A>): Promise<Reply<R> | CommandReply>;
}

/** A declared route (its types erased, for the lists that mount and document them). */
export interface Route {
  operationId: string;
  method: Method;
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  policy: Action | 'public';
  command?: 'user' | 'key-only';
  params?: Obj;
  query?: Obj;
  body?: z.ZodType;
  responses: Responses;
  problems: ProblemKind[];
  before?: (sv: Services) => RequestHandler[];
  handle(call: Call<Obj, Obj, z.ZodType, Access>): Promise<{ status: number; body?: unknown; headers?: Record<string, string> }>;
}

const isEveryone = (rule: Rule) => rule.kind === 'role' && rule.everyone === true;

/** Declares a route; the types tie the handler's input and reply to the schemas. */
export function route<
  P extends Obj | undefined = undefined,
  Q extends Obj | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends Responses = Responses,
  A extends Access = Access,
>(spec: RouteSpec<P, Q, B, R, A>): Route {
  if ((spec.access === 'public') !== (spec.policy === 'public')) throw new Error(`${spec.operationId}: public routes and only they have policy 'public'`);
  const problems = spec.problems ?? [];
  // a route whose rule may refuse says so in its contract
  if (spec.policy !== 'public' && !isEveryone(ruleOf(spec.policy)) && !problems.includes('forbidden')) problems.push('forbidden');
  return { ...spec, problems } as unknown as Route;
}

/** The express path of an OpenAPI path: `/tasks/{key}` → `/api/v1/tasks/:key`. */
export const expressPath = (path: string) => `/api/v1${path.replace(/\{(\w+)\}/g, ':$1')}`;

/** Who is calling (session routes): the user of the session cookie. */
export type Authenticate = (req: Request) => Promise<User | undefined>;

/** The express handler of a route: parse, authenticate, handle, present, send. */
export function handler(r: Route, sv: Services, authenticate: Authenticate): RequestHandler {
  // the route's role rule, looked up once: it needs nothing of the request but the user
  const rule = r.policy === 'public' ? undefined : ruleOf(r.policy);
  const roleRule = rule?.kind === 'role' ? rule : undefined;
  return async (req, res, next) => {
    try {
      let user: User | undefined;
      if (r.access === 'session') {
        user = await authenticate(req);
        if (!user) throw new UnauthenticatedError('Logga in först');
        if (r.method !== 'get' && !hasCsrfToken(req)) throw new CsrfRejected('Begäran saknar sessionens CSRF-token (X-CSRF-Token)');
        if (roleRule && !roleRule.allows(user)) {
          // a refused read is audited (issue 15 point 5); a refused change leaves the data as it was
          if (r.method === 'get') await sv.auditLog.refusedRead(user, r.operationId, req.params as Record<string, string>);
          throw new ForbiddenError(roleRule.refusal);
        }
      }
      // a path parameter that cannot name anything is a 404, as an unknown one is
      const params = r.params ? r.params.safeParse(req.params) : undefined;
      if (params && !params.success) throw new NotFoundError('Finns inte');
      const query = r.query ? parseInput(r.query, req.query, 'query') : {};
      const body = r.body ? parseInput(r.body, req.body) : undefined;
      const reply = await r.handle({ params: params?.data ?? {}, query, body, user, sv, req, res });
      const declared = r.responses[reply.status];
      if (!declared) throw new Error(`${r.operationId} answered ${reply.status}, which it does not declare`);
      const schema = declared.schema;
      for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
      res.status(reply.status);
      if (!schema) {
        res.end();
        return;
      }
      if (declared.contentType) res.type(declared.contentType).send(schema.parse(reply.body));
      else res.json(schema.parse(reply.body));
    } catch (e) {
      next(e);
    }
  };
}
