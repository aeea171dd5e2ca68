/**
 * The fuzz's requests, one operation of the OpenAPI document at a time: path and query
 * parameters and the JSON body made well-formed (from the document's schemas, from real ids
 * the server handed out, from the task's own form) and then, most of the time, broken in one
 * place — a malformed value at a random leaf, bad JSON, a wrong content type, a missing or
 * extra part, a stranger's or no session.
 */
import { fromForm, fromSchema, malformed, malformedParam, pick, text, type JsonSchema } from './values.js';
import type { Rng } from '../rng.js';

/** One operation of the document. */
export interface Operation {
  method: string;
  /** The template, e.g. `/tasks/{key}/completion` (relative to the server's `/api/v1`). */
  path: string;
  params: { name: string; in: 'path' | 'query' | 'header'; schema?: JsonSchema; required?: boolean }[];
  body: JsonSchema | undefined;
  /** Whether it needs a session (its `security` is not empty). */
  session: boolean;
}

/** Real values the server handed out, by what they name. */
export interface Pools {
  users: string[];
  processIds: string[];
  units: string[];
  tasks: { key: string; user: string; form?: unknown }[];
  instanceKeys: string[];
  routineIds: string[];
  commandIds: string[];
  startForms: Map<string, unknown>;
}

/** A request to send, and what was done to it (for the report). */
export interface FuzzRequest {
  op: Operation;
  kind: string;
  method: string;
  url: string;
  user: string | undefined; // a demo user, 'bogus' (a forged session) or none
  headers: Record<string, string>;
  body?: string;
}

/** Reads the operations out of an OpenAPI 3.1 document. */
export function operations(doc: { paths: Record<string, Record<string, unknown>>; security?: unknown[] }): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const op = raw as { parameters?: Operation['params']; requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; security?: unknown[] };
      const security = op.security ?? doc.security ?? [];
      out.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
        session: security.length > 0,
      });
    }
  }
  return out;
}

/** Percent-encodes a generated value (a cut surrogate pair becomes U+FFFD: the malformed encodings are made on purpose elsewhere). */
const encode = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

/** A well-formed value for a path parameter: a real id where the path says what it names. */
function realParam(rng: Rng, op: Operation, name: string, pools: Pools, task?: Pools['tasks'][number]): string | undefined {
  if (name === 'processId') return pools.processIds.length ? pick(rng, pools.processIds) : undefined;
  if (name === 'key' && op.path.startsWith('/tasks')) return task?.key;
  if (name === 'key') return pools.instanceKeys.length ? pick(rng, pools.instanceKeys) : undefined;
  if (name === 'id' && op.path.startsWith('/routines')) return pools.routineIds.length ? pick(rng, pools.routineIds) : undefined;
  if (name === 'id' && op.path.startsWith('/commands')) return pools.commandIds.length ? pick(rng, pools.commandIds) : undefined;
  return undefined;
}

/** Builds one request for the operation. */
export function buildRequest(rng: Rng, op: Operation, pools: Pools): FuzzRequest {
  const task = op.path.startsWith('/tasks/') && pools.tasks.length ? pick(rng, pools.tasks) : undefined;
  const kinds: string[] = [];
  let path = op.path;
  for (const p of op.params.filter((x) => x.in === 'path')) {
    const r = rng();
    let raw: string;
    if (r < 0.2) {
      const m = malformedParam(rng);
      raw = m.raw;
      kinds.push(`path:${p.name}:${m.kind}`);
    } else raw = encode(realParam(rng, op, p.name, pools, task) ?? String(fromSchema(rng, p.schema)));
    path = path.replace(`{${p.name}}`, raw);
  }
  const query = queryString(rng, op, pools, kinds);
  const headers: Record<string, string> = {};
  if (op.params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key') && rng() < 0.5) {
    headers['Idempotency-Key'] = rng() < 0.8 ? `fuzz-${Math.floor(rng() * 1e12)}` : pick(rng, ['short', 'x'.repeat(500), 'has space', 'å-ä-ö-key-123']);
  }
  const user = chooseUser(rng, op, pools, task, kinds);
  const body = bodyFor(rng, op, pools, task, headers, kinds);
  return { op, kind: kinds.join(' ') || 'well-formed', method: op.method, url: `${path}${query}`, user, headers, body };
}

function queryString(rng: Rng, op: Operation, pools: Pools, kinds: string[]): string {
  const parts: string[] = [];
  for (const p of op.params.filter((x) => x.in === 'query')) {
    if (!p.required && rng() < 0.5) continue;
    if (rng() < 0.15) {
      const m = malformedParam(rng);
      parts.push(`${p.name}=${m.raw}`);
      kinds.push(`query:${p.name}:${m.kind}`);
      continue;
    }
    const v = p.name === 'processId' && pools.processIds.length ? pick(rng, pools.processIds) : fromSchema(rng, p.schema);
    parts.push(`${p.name}=${encode(String(v))}`);
  }
  const r = rng();
  if (r < 0.05 && parts.length) {
    parts.push(parts[0]!);
    kinds.push('query:repeated');
  } else if (r < 0.1) {
    parts.push(`${pick(rng, ['x', 'a[b]', '__proto__', '%00'])}=${pick(rng, ['1', '%00', '%ED%A0%80'])}`);
    kinds.push('query:unknown');
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function chooseUser(rng: Rng, op: Operation, pools: Pools, task: Pools['tasks'][number] | undefined, kinds: string[]): FuzzRequest['user'] {
  const r = rng();
  if (r < 0.06) {
    kinds.push('session:none');
    return undefined;
  }
  if (r < 0.09) {
    kinds.push('session:bogus');
    return 'bogus';
  }
  if (!op.session && rng() < 0.5) return undefined;
  if (task && rng() < 0.7) return task.user;
  return pick(rng, pools.users);
}

/** The body: well-formed, mutated at one leaf, or not JSON at all. */
function bodyFor(
  rng: Rng,
  op: Operation,
  pools: Pools,
  task: Pools['tasks'][number] | undefined,
  headers: Record<string, string>,
  kinds: string[],
): string | undefined {
  if (op.method === 'GET' || op.method === 'DELETE') {
    // (fetch sends no body with a GET)
    if (op.method === 'DELETE' && rng() < 0.1) {
      headers['content-type'] = 'application/json';
      kinds.push('body:on-delete');
      return JSON.stringify(malformed(rng).value);
    }
    return undefined;
  }
  headers['content-type'] = 'application/json';
  const r = rng();
  if (r < 0.08) {
    kinds.push('body:bad-json');
    return badJson(rng);
  }
  if (r < 0.14) {
    headers['content-type'] = pick(rng, [
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
    ]);
    kinds.push(`body:content-type ${headers['content-type']}`);
    return pick(rng, ['a=1&b=2', '<x/>', '{"a":1}', 'plain']);
  }
  if (r < 0.18) {
    kinds.push('body:none');
    delete headers['content-type'];
    return undefined;
  }
  const valid = wellFormed(rng, op, pools, task);
  if (r < 0.45) return JSON.stringify(valid);
  const m = malformed(rng);
  kinds.push(`body:${m.kind}`);
  return JSON.stringify(swapLeaf(rng, valid, m.value));
}

function wellFormed(rng: Rng, op: Operation, pools: Pools, task: Pools['tasks'][number] | undefined): unknown {
  if (/\/(completion|draft)$/.test(op.path) && task?.form) return { variables: fromForm(rng, task.form, pools.units) };
  if (op.path === '/process-instances' && pools.startForms.size && rng() < 0.7) {
    const [processId, form] = pick(rng, [...pools.startForms.entries()]);
    return { processId, variables: fromForm(rng, form, pools.units) };
  }
  if (op.path.startsWith('/public/') && op.body)
    return { ...(fromSchema(rng, op.body) as object), unitId: pick(rng, pools.units.length ? pools.units : ['x']) };
  return op.body ? fromSchema(rng, op.body) : fromSchema(rng, { type: 'object' });
}

/** The value with one node (or the whole) replaced. */
function swapLeaf(rng: Rng, value: unknown, replacement: unknown): unknown {
  const paths: (string | number)[][] = [[]];
  const walk = (v: unknown, at: (string | number)[]) => {
    if (v === null || typeof v !== 'object' || at.length > 6) return;
    for (const [k, x] of Object.entries(v)) {
      const p = [...at, Array.isArray(v) ? Number(k) : k];
      paths.push(p);
      walk(x, p);
    }
  };
  walk(value, []);
  const target = pick(rng, paths);
  if (!target.length) return replacement;
  const copy = JSON.parse(JSON.stringify(value)) as Record<string | number, unknown>;
  let node = copy;
  for (const k of target.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[target[target.length - 1]!] = replacement;
  return copy;
}

function badJson(rng: Rng): string {
  return pick(rng, [
    '{bad',
    '{"a":',
    '[',
    '{"a":1}}',
    "{'a':1}",
    '{"a":1,}',
    'null',
    '"str"',
    '1',
    '',
    '\u0000',
    '{"a":"\\ud800"}',
    '{"a":"\\u0000"}',
    '['.repeat(Math.floor(rng() * 200_000) + 1),
    '{"a":'.repeat(20_000),
    `{"a":"${'\\'.repeat(3)}"}`,
    '{"a":NaN}',
    '{"a":1e999}',
    text(rng, 1, 20),
  ]);
}
