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
export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }
export interface TaskQuery { due?: string; sort?: string; page?: number; processId?: string; unitId?: string; assignee?: string; pageSize?: number }

/** An API error with the problem's detail and field errors. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly detail: string, readonly fields: { field: string; message: string }[]) {
    super(detail);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method, credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    const p = await res.json().catch(() => ({}));
    throw new ApiError(res.status, p.detail ?? res.statusText, p.errors ?? []);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
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
  assign: (key: string, assignee: string | null) => call<Task>('POST', `/tasks/${key}/assignment`, { assignee }),
  complete: (key: string, variables: Record<string, unknown>) => call('POST', `/tasks/${key}/completion`, { variables }),
  routine: (id: string) => call<Routine>('GET', `/routines/${encodeURIComponent(id)}`),
  definitions: () => call<ProcessDefinition[]>('GET', '/process-definitions'),
  activities: (processId: string) => call<Activity[]>('GET', `/process-definitions/${encodeURIComponent(processId)}/activities`),
  processXml: (processId: string) => call<{ xml: string }>('GET', `/process-definitions/${encodeURIComponent(processId)}/xml`),
  startForm: (processId: string) => call<unknown>('GET', `/process-definitions/${encodeURIComponent(processId)}/form`),
  start: (processId: string, variables: Record<string, unknown>) => call<{ key: string; caseNumber?: string | null }>('POST', '/process-instances', { processId, variables }),
  instances: (q: { processId?: string; elementId?: string; state?: string; page?: number }) =>
    call<Page<InstanceSummary>>('GET', `/process-instances?${query({ ...q, pageSize: 25 })}`),
  instance: (key: string) => call<Instance>('GET', `/process-instances/${key}`),
  retryIncident: (key: string) => call('POST', `/incidents/${key}/resolution`),
  publicUnits: () => call<{ label: string; value: string }[]>('GET', '/public/units'),
  submitSynpunkt: (body: Record<string, unknown>) => call<{ receipt: string }>('POST', '/public/synpunkter', body),
};
