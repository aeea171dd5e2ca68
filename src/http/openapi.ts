/**
 * The OpenAPI 3.1 document of /api/v1, generated from the route declarations (route.ts): paths,
 * parameters, bodies and answers come from each route's zod schemas; the named output schemas
 * (contract.ts) are components.schemas; the problems a route may answer are derived from what
 * it declares (its access, its inputs, the kinds it names). A route that is not declared is not
 * mounted, so the document cannot miss one (test/api/contract.api.test.ts walks express's
 * router to make sure nothing is mounted beside the declarations).
 */
import { z } from 'zod';
import { outputs } from './contract.js';
import { PROBLEMS, problemType, type ProblemKind } from './problems.js';
import type { Route } from './route.js';
import { CSRF_HEADER, SESSION_COOKIE } from './security.js';

type Json = Record<string, unknown>;
const REF = (id: string) => `#/components/schemas/${id}`;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A JSON Schema as an OpenAPI component (without the $schema and $id that zod emits). */
function component(schema: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

/** One parameter's schema (path, query). */
const paramSchema = (schema: z.ZodType) => component(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));

const idempotencyKey = (scope: 'user' | 'key-only') => ({
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' },
  description:
    'Fresh per user action, reused on a retry; a repeat with the same body is answered as the first, another body is 422 (idempotency-key-reused). Remembered IDEMPOTENCY_KEY_TTL_HOURS.' +
    (scope === 'key-only' ? ' Scoped to the key alone: use a random UUID.' : ' Scoped to the user.'),
});

const changing = (r: Route) => r.method !== 'get';

/** The problem kinds a route may answer: what its shape implies, and what it names. */
function problemsOf(r: Route): ProblemKind[] {
  const kinds = new Set<ProblemKind>(r.problems);
  if (r.params || r.query || r.body) kinds.add('input-invalid');
  if (r.params) kinds.add('not-found');
  if (r.body) {
    kinds.add('json-invalid');
    kinds.add('payload-too-large');
  }
  if (r.access === 'session') kinds.add('unauthenticated');
  if (changing(r)) kinds.add('csrf-rejected');
  if (r.command) kinds.add('idempotency-key-reused');
  kinds.add('internal');
  return [...kinds];
}

function responsesOf(r: Route, ids: Map<z.ZodType, string>): Json {
  const out: Json = {};
  for (const [status, a] of Object.entries(r.responses)) {
    out[status] = a.schema
      ? { description: a.description, content: { [a.contentType ?? 'application/json']: { schema: { $ref: REF(ids.get(a.schema)!) } } } }
      : { description: a.description };
  }
  const byStatus = new Map<number, ProblemKind[]>();
  for (const k of problemsOf(r)) byStatus.set(PROBLEMS[k].status, [...(byStatus.get(PROBLEMS[k].status) ?? []), k]);
  for (const [status, kinds] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    out[String(status)] = {
      description: kinds.map((k) => `${problemType(k)}: ${PROBLEMS[k].title}`).join('; '),
      content: { 'application/problem+json': { schema: { $ref: REF('Problem') } } },
    };
  }
  return out;
}

const built = new WeakMap<Route[], Json>();

/** The document for these routes, built once per list (the routes are module constants; every app shares it). */
export function openApiDocument(routes: Route[]): Json {
  let doc = built.get(routes);
  if (!doc) built.set(routes, (doc = buildDocument(routes)));
  return doc;
}

function buildDocument(routes: Route[]): Json {
  // every schema of a body or an answer is a component: named ones by their name, the rest after their route
  const inputs = z.registry<{ id: string }>();
  const ids = new Map<z.ZodType, string>();
  for (const r of routes) {
    for (const [status, a] of Object.entries(r.responses)) {
      if (!a.schema) continue;
      const named = outputs.get(a.schema)?.id;
      if (!named) outputs.add(a.schema, { id: `${cap(r.operationId)}${Object.keys(r.responses).length > 1 ? status : ''}Response` });
      ids.set(a.schema, outputs.get(a.schema)!.id);
    }
    if (r.body && !inputs.has(r.body)) inputs.add(r.body, { id: `${cap(r.operationId)}Body` });
  }
  const schemas: Json = {
    ...Object.fromEntries(
      Object.entries(z.toJSONSchema(outputs, { uri: REF, io: 'output', unrepresentable: 'any' }).schemas).map(([k, v]) => [k, component(v as Json)]),
    ),
    ...Object.fromEntries(
      Object.entries(z.toJSONSchema(inputs, { uri: REF, io: 'input', unrepresentable: 'any' }).schemas).map(([k, v]) => [k, component(v as Json)]),
    ),
    Problem: {
      type: 'object',
      required: ['type', 'title', 'status', 'detail', 'instance'],
      properties: {
        type: {
          type: 'string',
          description: 'The kind: /api/v1/problems/{kind} (GET it for what it means)',
          enum: (Object.keys(PROBLEMS) as ProblemKind[]).map(problemType),
        },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string', description: 'In Swedish; never quotes the input' },
        instance: { type: 'string' },
        errors: {
          type: 'array',
          items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  };
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const parameters = [
      ...Object.entries(r.params?.shape ?? {}).map(([name, s]) => ({ name, in: 'path', required: true, schema: paramSchema(s as z.ZodType) })),
      ...Object.entries(r.query?.shape ?? {}).map(([name, s]) => ({
        name,
        in: 'query',
        required: !(s as z.ZodType).safeParse(undefined).success,
        schema: paramSchema(s as z.ZodType),
      })),
      ...(r.command ? [idempotencyKey(r.command)] : []),
    ];
    (paths[r.path] ??= {})[r.method] = {
      operationId: r.operationId,
      tags: [r.tag],
      summary: r.summary,
      'x-policy': r.policy,
      ...(r.description ? { description: r.description } : {}),
      // the CSRF token is a credential of a session's changing requests (security.ts)
      ...(r.access === 'public' ? { security: [] } : changing(r) ? { security: [{ session: [], csrf: [] }] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: REF(inputs.get(r.body)!.id) } } } } } : {}),
      responses: responsesOf(r, ids),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kvalitetshjulet API',
      version: '1.0.0',
      description: `Ledningssystem för systematiskt kvalitetsarbete (SOSFS 2011:9). Session cookie \`${SESSION_COOKIE}\` from POST /session; send its csrfToken as ${CSRF_HEADER} on every changing request. Errors are application/problem+json with a stable \`type\` per kind.`,
    },
    servers: [{ url: '/api/v1' }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: CSRF_HEADER,
          description: 'The csrfToken of POST /session or GET /me; required with the session on every POST, PUT and DELETE',
        },
      },
      schemas,
    },
    security: [{ session: [] }],
    paths,
  };
}
