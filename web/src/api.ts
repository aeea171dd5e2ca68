/**
 * The browser's client of /api/v1. Its types are the contract generated from the server's route
 * declarations (contract.gen.ts, `npm run contract`); plain calls go through openapi-fetch, so a
 * path, a parameter or a body the contract does not have is a type error here. problem+json
 * errors become ApiError. Every changing request carries the session's CSRF token, which the
 * login and /me hand out.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './contract.gen';

export type Schemas = components['schemas'];
export type Routine = Schemas['Routine'] & { body?: string };
export type Deadline = Schemas['Deadline'];
/** A task in a list; the task page's also has its routines and the rule behind its due date. */
export type Task = Schemas['Task'] & { routines?: Routine[]; deadline?: Deadline | null };
export type Me = Schemas['Me'];
export type Activity = Schemas['Activity'];
export interface TaskQuery {
  due?: string;
  sort?: string;
  page?: number;
  processId?: string;
  unitId?: string;
  assignee?: string;
  pageSize?: number;
}
/** The inbox's filters as the contract types them (the pages hold them as the strings of the URL). */
type TaskFilter = NonNullable<paths['/tasks']['get']['parameters']['query']>;

/** An API error with the problem's detail and field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly fields: { field: string; message: string }[],
  ) {
    super(detail);
  }
}

/** The session's CSRF token (from the login or /me), sent with every changing request. */
let csrfToken: string | undefined;
const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const client = createClient<paths>({ baseUrl: '/api/v1', credentials: 'same-origin' });
client.use({
  onRequest({ request }) {
    if (csrfToken && CHANGING.has(request.method)) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
});

/** The data of an openapi-fetch answer, or its problem as ApiError. */
async function ok<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const r = await p;
  if (!r.response.ok) {
    const e = (r.error ?? {}) as { detail?: string; errors?: { field: string; message: string }[] };
    throw new ApiError(r.response.status, e.detail ?? r.response.statusText, e.errors ?? []);
  }
  return r.data as T;
}

async function send(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<Response> {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  if (csrfToken && CHANGING.has(method)) headers['X-CSRF-Token'] = csrfToken;
  return fetch(`/api/v1${path}`, { method, credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function read<T>(res: Response): Promise<T> {
  if (!res.ok) {
    const p = await res.json().catch(() => ({}));
    throw new ApiError(res.status, p.detail ?? res.statusText, p.errors ?? []);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** A command the server accepted but has not finished (202): where it can be followed. */
export interface Pending {
  pending: true;
  commandId: string;
  location: string;
}

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
    const c = await ok(client.GET('/commands/{id}', { params: { path: { id: r.commandId } } })).catch(() => undefined);
    if (c?.state === 'done') return c.result as T;
    if (c?.state === 'failed') throw new ApiError(409, 'Det gick inte att genomföra', []);
  }
  return r;
}

const key = (k: string) => ({ params: { path: { key: k } } });
const process = (processId: string) => ({ params: { path: { processId } } });
const version = (processId: string, number: number) => ({ params: { path: { processId, number } } });

export const api = {
  login: async (username: string, password: string) => {
    const r = await ok(client.POST('/session', { body: { username, password } }));
    csrfToken = r.csrfToken;
    return r;
  },
  logout: async () => {
    await ok(client.DELETE('/session'));
    csrfToken = undefined;
  },
  me: async () => {
    const r = await ok(client.GET('/me'));
    csrfToken = r.csrfToken;
    return r;
  },
  units: () => ok(client.GET('/org/units')),
  myNotifications: () => ok(client.GET('/me/notifications')),
  setMyNotifications: (body: { email: string | null; newTasks: 'immediate' | 'digest' | 'off'; deadlineDays: number }) =>
    ok(client.PUT('/me/notifications', { body })),
  tasks: (q: TaskQuery = {}) =>
    ok(
      client.GET('/tasks', {
        params: {
          query: {
            ...q,
            pageSize: q.pageSize ?? 25,
            page: q.page ?? 1,
            sort: q.sort || 'due',
            processId: q.processId || undefined,
            unitId: q.unitId || undefined,
            due: q.due || undefined,
            assignee: q.assignee || undefined,
          } as TaskFilter,
        },
      }),
    ),
  taskCounts: () => ok(client.GET('/tasks/counts')),
  task: (k: string): Promise<Schemas['TaskDetail']> => ok(client.GET('/tasks/{key}', key(k))),
  taskContext: (k: string) => ok(client.GET('/tasks/{key}/context', key(k))),
  taskForm: (k: string) => ok(client.GET('/tasks/{key}/form', key(k))),
  saveDraft: (k: string, variables: Record<string, unknown>) => ok(client.PUT('/tasks/{key}/draft', { ...key(k), body: { variables } })),
  assign: (k: string, assignee: string | null) => command<Task>('POST', `/tasks/${k}/assignment`, { assignee }),
  /** Completes a task: undefined when done, Pending while the server finishes it (the task shows as being completed). */
  complete: (k: string, variables: Record<string, unknown>) => command<undefined>('POST', `/tasks/${k}/completion`, { variables }),
  routine: (id: string) => ok(client.GET('/routines/{id}', { params: { path: { id } } })),
  setRoutineLinks: (id: string, links: { processId: string; elementId: string }[]) =>
    ok(client.PUT('/routines/{id}/links', { params: { path: { id } }, body: { links } })),
  routineRegister: (q: string) => ok(client.GET('/routine-register', { params: { query: { q: q || undefined } } })),
  routineVersions: (id: string) => ok(client.GET('/routines/{id}/versions', { params: { path: { id } } })),
  routineDiff: (id: string, from: number, to: number) => ok(client.GET('/routines/{id}/diff', { params: { path: { id }, query: { from, to } } })),
  routineAttachments: (id: string) => ok(client.GET('/routines/{id}/attachments', { params: { path: { id } } })),
  routineAttachment: (id: string, attachmentId: number) =>
    ok(client.GET('/routines/{id}/attachments/{attachmentId}', { params: { path: { id, attachmentId } } })),
  confirmRoutineRead: (id: string) => ok(client.POST('/routines/{id}/read-confirmation', { params: { path: { id } } })),
  routineUnread: (id: string) => ok(client.GET('/routines/{id}/unread', { params: { path: { id } } })),
  createRoutine: (body: NonNullable<paths['/routines']['post']['requestBody']>['content']['application/json']) => ok(client.POST('/routines', { body })),
  newRoutineDraft: (id: string) => ok(client.POST('/routines/{id}/versions', { params: { path: { id } }, body: {} })),
  saveRoutineDraft: (id: string, number: number, bodyHtml: string, changeNote: string) =>
    ok(client.PUT('/routines/{id}/versions/{number}', { params: { path: { id, number } }, body: { bodyHtml, changeNote } })),
  importRoutineDocx: (id: string, dataBase64: string) => ok(client.POST('/routines/{id}/imports', { params: { path: { id } }, body: { dataBase64 } })),
  sendRoutineForReview: (id: string, number: number, reviewers: string[]) =>
    ok(client.POST('/routines/{id}/versions/{number}/review', { params: { path: { id, number } }, body: { reviewers } })),
  adoptRoutine: (id: string, number: number, decisionRef: string) =>
    ok(client.POST('/routines/{id}/versions/{number}/adoption', { params: { path: { id, number } }, body: { decisionRef } })),
  forms: () => ok(client.GET('/forms')),
  form: (formId: string) => ok(client.GET('/forms/{formId}', { params: { path: { formId } } })),
  createForm: (formId: string, title: string, schema: Record<string, unknown>) => ok(client.POST('/forms', { body: { formId, title, schema } })),
  saveFormDraft: (formId: string, schema: Record<string, unknown>, title?: string) =>
    ok(client.PUT('/forms/{formId}/draft', { params: { path: { formId } }, body: { schema, ...(title ? { title } : {}) } })),
  publishForm: (formId: string) => ok(client.POST('/forms/{formId}/publication', { params: { path: { formId } } })),
  definitions: () => ok(client.GET('/process-definitions')),
  processMap: () => ok(client.GET('/process-map')),
  createProcessRecord: (body: paths['/process-records']['post']['requestBody']['content']['application/json']) => ok(client.POST('/process-records', { body })),
  activities: (processId: string) => ok(client.GET('/process-definitions/{processId}/activities', process(processId))),
  processXml: (processId: string) => ok(client.GET('/process-definitions/{processId}/xml', process(processId))),
  startForm: (processId: string): Promise<unknown> => ok(client.GET('/process-definitions/{processId}/form', process(processId))),
  /** Starts a case; Pending when the server is still starting it after a while (it will). */
  start: async (processId: string, variables: Record<string, unknown>) =>
    follow(await command<Schemas['Started']>('POST', '/process-instances', { processId, variables })),
  instances: (q: NonNullable<paths['/process-instances']['get']['parameters']['query']>) =>
    ok(client.GET('/process-instances', { params: { query: { ...q, pageSize: 25 } } })),
  instance: (k: string) => ok(client.GET('/process-instances/{key}', key(k))),
  retryIncident: (k: string) => command('POST', `/incidents/${k}/resolution`),
  processRoutines: (processId: string) => ok(client.GET('/routines', { params: { query: { processId } } })),
  orgRoles: () => ok(client.GET('/org/roles')),
  processVersions: (processId: string) => ok(client.GET('/processes/{processId}/versions', process(processId))),
  processVersion: (processId: string, number: number) => ok(client.GET('/processes/{processId}/versions/{number}', version(processId, number))),
  createProcessVersion: (processId: string, changeNote: string) =>
    ok(client.POST('/processes/{processId}/versions', { ...process(processId), body: { changeNote } })),
  saveProcessVersion: (processId: string, number: number, xml: string, changeNote: string) =>
    ok(client.PUT('/processes/{processId}/versions/{number}', { ...version(processId, number), body: { xml, changeNote } })),
  /** Sends a draft for review (a command: the adoption process starts); Pending while the server is still on it. */
  submitProcessVersion: async (processId: string, number: number, reviewers: string[]) =>
    follow(await command<Schemas['ProcessVersionDetail']>('POST', `/processes/${processId}/versions/${number}/review`, { reviewers })),
  commentProcessVersion: (processId: string, number: number, text: string, replyTo?: number) =>
    ok(client.POST('/processes/{processId}/versions/{number}/comments', { ...version(processId, number), body: { text, replyTo } })),
  withdrawProcessVersion: (processId: string, number: number) =>
    ok(client.POST('/processes/{processId}/versions/{number}/withdrawal', version(processId, number))),
  importProcessVersion: (processId: string, xml: string) => ok(client.POST('/processes/{processId}/imports', { ...process(processId), body: { xml } })),
  publishProcessVersion: (processId: string, number: number) =>
    ok(client.POST('/processes/{processId}/versions/{number}/publication', version(processId, number))),
  diffProcessVersions: (processId: string, number: number, other: number) =>
    ok(client.GET('/processes/{processId}/versions/{number}/diff/{other}', { params: { path: { processId, number, other } } })),
  lintModel: (processId: string, xml: string) => ok(client.POST('/processes/{processId}/lint', { ...process(processId), body: { xml } })),
  publicUnits: () => ok(client.GET('/public/units')),
  publicProcesses: () => ok(client.GET('/public/processes')),
  publicPrivacyNotice: () => ok(client.GET('/public/privacy-notice')),
  deviationCounts: (processId: string, from: string, to: string) =>
    ok(client.GET('/processes/{processId}/deviation-counts', { params: { path: { processId }, query: { from, to } } })),
  submitSynpunkt: (body: Record<string, unknown>) => command<Schemas['Receipt']>('POST', '/public/synpunkter', body) as Promise<Schemas['Receipt']>,
};

/** The administration (issue 15 point 1): tree, people, role list, CSV, first start. */
type Body<P extends keyof paths, M extends 'post' | 'put'> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
const person = (userId: number) => ({ params: { path: { userId } } });
export const adminApi = {
  nodes: () => ok(client.GET('/admin/nodes')),
  createNode: (body: Body<'/admin/nodes', 'post'>) => ok(client.POST('/admin/nodes', { body })),
  updateNode: (nodeId: string, body: Body<'/admin/nodes/{nodeId}', 'put'>) => ok(client.PUT('/admin/nodes/{nodeId}', { params: { path: { nodeId } }, body })),
  people: () => ok(client.GET('/admin/people')),
  createPerson: (body: Body<'/admin/people', 'post'>) => ok(client.POST('/admin/people', { body })),
  updatePerson: (userId: number, body: Body<'/admin/people/{userId}', 'put'>) => ok(client.PUT('/admin/people/{userId}', { ...person(userId), body })),
  setAssignments: (userId: number, body: Body<'/admin/people/{userId}/assignments', 'put'>) =>
    ok(client.PUT('/admin/people/{userId}/assignments', { ...person(userId), body })),
  addSubstitute: (userId: number, body: Body<'/admin/people/{userId}/substitutes', 'post'>) =>
    ok(client.POST('/admin/people/{userId}/substitutes', { ...person(userId), body })),
  removeSubstitute: (userId: number, substitutionId: string) =>
    ok(client.DELETE('/admin/people/{userId}/substitutes/{substitutionId}', { params: { path: { userId, substitutionId } } })),
  roles: () => ok(client.GET('/admin/roles')),
  createRole: (body: Body<'/admin/roles', 'post'>) => ok(client.POST('/admin/roles', { body })),
  exportOrganisation: () => ok(client.GET('/admin/exports/organisation')),
  exportPeople: () => ok(client.GET('/admin/exports/people')),
  importOrganisation: (csv: string) => ok(client.POST('/admin/imports/organisation', { body: { csv } })),
  importPeople: (csv: string) => ok(client.POST('/admin/imports/people', { body: { csv } })),
  firstStartState: () => ok(client.GET('/setup')),
  firstStart: (body: Body<'/setup', 'post'>) => ok(client.POST('/setup', { body })),
};

/** The log review's filters (issue 15.5): empty strings are left out. */
export interface AuditQuery {
  person?: string;
  caseNumber?: string;
  unitId?: string;
  from?: string;
  to?: string;
  view?: 'all' | 'outside-unit' | 'own-case';
}
const auditFilters = (q: AuditQuery) => Object.fromEntries(Object.entries(q).filter(([, v]) => typeof v === 'string' && v !== '')) as AuditQuery;
export const auditApi = {
  list: (q: AuditQuery, page: number, pageSize = 50) => ok(client.GET('/audit-log', { params: { query: { ...auditFilters(q), page, pageSize } } })),
  bursts: (q: AuditQuery, windowMinutes: number, minCases: number) =>
    ok(client.GET('/audit-log/bursts', { params: { query: { ...auditFilters({ ...q, view: undefined }), windowMinutes, minCases } } })),
  /** The export's address (a plain link: the browser downloads it with the session cookie). */
  exportHref: (q: AuditQuery) => `/api/v1/audit-log/export?${new URLSearchParams(auditFilters(q) as Record<string, string>).toString()}`,
};
