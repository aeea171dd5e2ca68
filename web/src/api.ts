/** The browser's client of /api/v1: JSON in and out, problem+json errors as ApiError. */

export interface Routine { id: string; title: string; kind: string; ownerRole: string; decidedBy: string; adoptedOn: string; nextReviewOn: string; followUpBy: string; version: number; reviewOverdue: boolean; body?: string }
export interface Deadline { kind: 'legal' | 'local'; title: string; basis: string }
export interface Task {
  key: string; name: string | null; processInstanceKey: string; processId: string; elementId: string; state: string;
  assignee: string | null; candidateGroups: string[]; priority: number;
  dueDate: string | null; createdAt: string; unitId: string | null; unitName: string | null; caseNumber: string | null; formId: string | null;
  routines?: Routine[]; deadline?: Deadline | null;
}
export interface Me { username: string; displayName: string; roles: { role: string; nodeId: string | null }[] }
export interface OrgNode { id: string; name: string; type: string; parentId?: string | null }
export interface ProcessDefinition {
  processId: string; name: string; version: number; key: string; group: string; ownerRole: string; startable: boolean;
  openInstances: number; openTasks: number; overdueTasks: number; adoptedAt?: string | null;
}
export interface Activity { elementId: string; name: string | null; type: string; role: string | null; routines: Routine[]; waiting: number; overdue: number }
export interface HistoryEntry { elementId: string; name?: string | null; elementType: string; state: string; startedAt: string; endedAt: string | null }
export interface Incident { key: string; elementId: string; errorType: string; errorMessage: string; state: string }
export interface Instance {
  key: string; processId: string; version: number; state: string; startedAt: string; endedAt: string | null;
  variables: Record<string, unknown>; activeElements: string[]; history: HistoryEntry[]; incidents: Incident[];
  tasks?: { key: string; name: string | null; elementId: string; state: string; assignee: string | null; completedAt: string | null; completedBy?: string | null }[];
  mayRetry?: boolean;
}
export interface InstanceSummary { key: string; processId: string; caseNumber: string | null; unitId: string | null; unitName: string | null; state: string; startedAt: string; endedAt: string | null; waitingSince?: string | null }
export interface TaskContext {
  timeline: { elementId: string; name: string | null; type: string; state: string; startedAt: string; endedAt: string | null }[];
  earlier: { taskKey: string | null; name: string | null; completedAt: string | null; completedBy: string | null; fields: { key: string; label: string; value: unknown; text?: string }[] }[];
}
/** A page of a list; `total` is counted up to 100 rows past the page: `totalExact` false means more than `total`. */
export interface Page<T> { items: T[]; total: number; totalExact: boolean; hasMore: boolean; page: number; pageSize: number }
export interface TaskQuery { due?: string; sort?: string; page?: number; processId?: string; unitId?: string; assignee?: string; pageSize?: number }

/** An API error with the problem's detail and field errors. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly detail: string, readonly fields: { field: string; message: string }[]) {
    super(detail);
  }
}

async function send(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<Response> {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  return fetch(`/api/v1${path}`, { method, credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function read<T>(res: Response): Promise<T> {
  if (!res.ok) {
    const p = await res.json().catch(() => ({}));
    throw new ApiError(res.status, p.detail ?? res.statusText, p.errors ?? []);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  return read<T>(await send(method, path, body));
}

/** A command the server accepted but has not finished (202): where it can be followed. */
export interface Pending { pending: true; commandId: string; location: string }

/**
 * The key of one user action: a fresh one for each action, the same one when the same request
 * is sent again after it broke off (a retry, or the user pressing the button again), so the
 * server does it once.
 */
const unanswered = new Map<string, string>();

/**
 * Sends a command with an Idempotency-Key, retrying a request that broke off (network error,
 * 502–504) with the same key; a 202 is returned as Pending. The key is forgotten once answered.
 */
async function command<T>(method: string, path: string, body?: unknown): Promise<T | Pending> {
  const id = `${method} ${path} ${JSON.stringify(body ?? null)}`;
  const key = unanswered.get(id) ?? crypto.randomUUID();
  unanswered.set(id, key);
  for (let attempt = 0; ; attempt++) {
    let res: Response | undefined;
    try {
      res = await send(method, path, body, key);
    } catch (e) {
      if (attempt >= 3) throw e; // still unanswered: the next press of the button reuses the key
    }
    if (res && ![502, 503, 504].includes(res.status)) {
      unanswered.delete(id);
      if (res.status !== 202) return read<T>(res);
      const p = await res.json();
      // the public e-service answers 202 with its receipt: that is the result
      return (p.commandId ? { pending: true, commandId: p.commandId, location: p.location } : p) as T | Pending;
    }
    if (res && attempt >= 3) return read<T>(res);
    await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
  }
}

/** Whether a command's answer is still pending. */
export const isPending = (r: unknown): r is Pending => typeof r === 'object' && r !== null && (r as Pending).pending === true;

/** Follows a pending command until it is done (its result) or `ms` have passed (still Pending). */
async function follow<T>(r: T | Pending, ms = 15_000): Promise<T | Pending> {
  if (!isPending(r)) return r;
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await new Promise((res) => setTimeout(res, 500));
    const c = await call<{ state: string; result: unknown }>('GET', `/commands/${r.commandId}`).catch(() => undefined);
    if (c?.state === 'done') return c.result as T;
    if (c?.state === 'failed') throw new ApiError(409, 'Det gick inte att genomföra', []);
  }
  return r;
}

const query = (q: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)])).toString();

export const api = {
  login: (username: string, password: string) => call('POST', '/session', { username, password }),
  logout: () => call('DELETE', '/session'),
  me: () => call<Me>('GET', '/me'),
  units: () => call<OrgNode[]>('GET', '/org/units'),
  tasks: (q: TaskQuery = {}) =>
    call<Page<Task>>('GET', `/tasks?${query({ pageSize: q.pageSize ?? 25, page: q.page ?? 1, sort: q.sort || 'due', due: q.due, processId: q.processId, unitId: q.unitId, assignee: q.assignee })}`),
  taskCounts: () => call<{ open: number; overdue: number; dueSoon: number; assignedToMe: number }>('GET', '/tasks/counts'),
  task: (key: string) => call<Task>('GET', `/tasks/${key}`),
  taskContext: (key: string) => call<TaskContext>('GET', `/tasks/${key}/context`),
  taskForm: (key: string) => call<{ schema: unknown; data: Record<string, unknown>; draftSavedAt?: string | null }>('GET', `/tasks/${key}/form`),
  saveDraft: (key: string, variables: Record<string, unknown>) => call<unknown>('PUT', `/tasks/${key}/draft`, { variables }),
  assign: (key: string, assignee: string | null) => command<Task>('POST', `/tasks/${key}/assignment`, { assignee }),
  /** Completes a task: undefined when done, Pending while the server finishes it (the task shows as being completed). */
  complete: (key: string, variables: Record<string, unknown>) => command<undefined>('POST', `/tasks/${key}/completion`, { variables }),
  routine: (id: string) => call<Routine>('GET', `/routines/${encodeURIComponent(id)}`),
  definitions: () => call<ProcessDefinition[]>('GET', '/process-definitions'),
  activities: (processId: string) => call<Activity[]>('GET', `/process-definitions/${encodeURIComponent(processId)}/activities`),
  processXml: (processId: string) => call<{ xml: string }>('GET', `/process-definitions/${encodeURIComponent(processId)}/xml`),
  startForm: (processId: string) => call<unknown>('GET', `/process-definitions/${encodeURIComponent(processId)}/form`),
  /** Starts a case; Pending when the server is still starting it after a while (it will). */
  start: async (processId: string, variables: Record<string, unknown>) =>
    follow(await command<{ key: string; caseNumber?: string | null }>('POST', '/process-instances', { processId, variables })),
  instances: (q: { processId?: string; elementId?: string; state?: string; page?: number }) =>
    call<Page<InstanceSummary>>('GET', `/process-instances?${query({ ...q, pageSize: 25 })}`),
  instance: (key: string) => call<Instance>('GET', `/process-instances/${key}`),
  retryIncident: (key: string) => command('POST', `/incidents/${key}/resolution`),
  publicUnits: () => call<{ label: string; value: string }[]>('GET', '/public/units'),
  submitSynpunkt: (body: Record<string, unknown>) => command<{ receipt: string }>('POST', '/public/synpunkter', body) as Promise<{ receipt: string }>,
};
