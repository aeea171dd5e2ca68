/**
 * The fuzz's HTTP side: sessions of the demo users, sending one generated request (bounded by
 * a time-out: no answer is a failure too), and the pools of real ids the requests draw on,
 * read from the server's own listings.
 */
import type { FuzzRequest, Pools } from './cases.js';
import { fromSchema } from './values.js';
import type { Rng } from '../rng.js';

const ANSWER_TIMEOUT_MS = 30_000;

/** An answer: its status (or none) and a short description for the report. */
export interface Answer {
  status: number | 'no answer';
  detail: string;
}

/** Talks to the server under test. */
export class FuzzClient {
  private readonly cookies = new Map<string, string>();
  /** Each session's CSRF token (sent with every request of the user: the refusal without it is the API suite's). */
  private readonly csrf = new Map<string, string>();
  readonly commandIds: string[] = [];

  constructor(readonly base: string) {}

  /** Logs a demo user in (password `demo`) and keeps the session cookie. */
  async login(username: string): Promise<void> {
    const r = await fetch(`${this.base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo' }),
    });
    if (r.status !== 200) throw new Error(`login of ${username}: ${r.status}`);
    this.cookies.set(username, (r.headers.get('set-cookie') ?? '').split(';')[0]!);
    this.csrf.set(username, ((await r.json()) as { csrfToken: string }).csrfToken);
  }

  /** GET as a user (or nobody); the parsed body, or undefined on a non-2xx answer. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the suite reads whatever the API answers
  async json(path: string, user?: string): Promise<any> {
    const r = await fetch(`${this.base}${path}`, { headers: user ? { cookie: this.cookies.get(user)! } : {}, signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
    return r.ok ? r.json() : undefined;
  }

  /** Sends a generated request; `DELETE /session` gets a session of its own, so the users stay signed in. */
  async send(req: FuzzRequest): Promise<Answer> {
    const headers: Record<string, string> = { ...req.headers };
    if (req.user === 'bogus') headers.cookie = `kvh_session=${'0'.repeat(64)}`;
    else if (req.user && req.method === 'DELETE' && req.url.startsWith('/session')) headers.cookie = await this.throwaway(req.user);
    else if (req.user) {
      headers.cookie = this.cookies.get(req.user) ?? '';
      headers['x-csrf-token'] = this.csrf.get(req.user) ?? '';
    }
    try {
      const r = await fetch(`${this.base}${req.url}`, { method: req.method, headers, body: req.body, signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
      const text = await r.text();
      if (r.status === 202) this.remember(text);
      if (req.method === 'POST' && req.url.startsWith('/session') && r.status === 200) return { status: r.status, detail: '' };
      return { status: r.status, detail: r.status >= 500 ? detailOf(text) : '' };
    } catch (e) {
      return { status: 'no answer', detail: (e as Error).name };
    }
  }

  /** Whether the server still answers its health check. */
  async healthy(): Promise<boolean> {
    return fetch(`${this.base}/health`, { signal: AbortSignal.timeout(10_000) })
      .then((r) => r.ok)
      .catch(() => false);
  }

  private async throwaway(username: string): Promise<string> {
    const r = await fetch(`${this.base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo' }),
    });
    return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  }

  private remember(text: string): void {
    try {
      const id = (JSON.parse(text) as { commandId?: unknown }).commandId;
      if (typeof id === 'string' && this.commandIds.length < 500) this.commandIds.push(id);
    } catch {
      /* not JSON */
    }
  }
}

const detailOf = (text: string) => {
  try {
    return String((JSON.parse(text) as { detail?: unknown }).detail ?? '').slice(0, 120);
  } catch {
    return text.slice(0, 120);
  }
};

/**
 * Fills (or refreshes) the pools from the server's listings; a few e-service submissions
 * first, so that tasks exist to work on. Listings that fail leave their pool as it was.
 */
export async function seedPools(client: FuzzClient, users: string[], rng: Rng, pools?: Pools): Promise<Pools> {
  const p: Pools = pools ?? {
    users,
    processIds: [],
    units: [],
    tasks: [],
    instanceKeys: [],
    routineIds: [],
    commandIds: client.commandIds,
    startForms: new Map(),
  };
  const units = ((await client.json('/public/units')) ?? []) as { value: string }[];
  if (units.length) p.units = units.map((u) => u.value);
  const doc = await client.json('/openapi.json');
  const body = doc?.paths?.['/public/synpunkter']?.post?.requestBody?.content?.['application/json']?.schema;
  for (let i = 0; i < 5 && body && p.units.length; i++) {
    await fetch(`${client.base}/public/synpunkter`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...(fromSchema(rng, body) as object), unitId: p.units[i % p.units.length], description: 'Fuzz: synpunkt' }),
    }).catch(() => undefined);
  }
  if (!pools) await new Promise((r) => setTimeout(r, 2_000)); // the engine makes their first tasks
  const defs = ((await client.json('/process-definitions', 'admin')) ?? []) as { processId: string }[];
  if (defs.length) p.processIds = defs.map((d) => d.processId);
  for (const id of p.processIds) {
    const form = await client.json(`/process-definitions/${encodeURIComponent(id)}/form`, 'admin');
    if (form) p.startForms.set(id, form);
  }
  const tasks: Pools['tasks'] = [];
  for (const u of users) {
    const page = await client.json('/tasks?pageSize=200', u);
    for (const t of (page?.items ?? []) as { key: string }[]) if (!tasks.some((x) => x.key === t.key)) tasks.push({ key: t.key, user: u });
  }
  for (const t of tasks.slice(0, 40)) t.form = (await client.json(`/tasks/${t.key}/form`, t.user))?.schema;
  if (tasks.length) p.tasks = tasks;
  const instances = await client.json('/process-instances?pageSize=200', 'admin');
  if (instances?.items?.length) p.instanceKeys = (instances.items as { key: string }[]).map((x) => x.key);
  const routines = new Set<string>();
  for (const id of p.processIds)
    for (const r of ((await client.json(`/routines?processId=${encodeURIComponent(id)}`, 'admin')) ?? []) as { id: string }[]) routines.add(r.id);
  if (routines.size) p.routineIds = [...routines];
  return p;
}
