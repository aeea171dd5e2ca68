/** The browser's client of /api/v1: JSON in and out, problem+json errors as ApiError. */

export interface Routine { id: string; title: string; kind: string; ownerRole: string; decidedBy: string; adoptedOn: string; nextReviewOn: string; followUpBy: string; version: number; reviewOverdue: boolean; body?: string }
export interface Task {
  key: string; name: string | null; processInstanceKey: string; processId: string; elementId: string; state: string;
  dueDate: string | null; createdAt: string; unitName: string | null; caseNumber: string | null; formId: string | null;
  routines?: Routine[];
}
interface Instance { processId: string; state: string; activeElements: string[]; history: { elementId: string; state: string }[] }

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

export const api = {
  login: (username: string, password: string) => call('POST', '/session', { username, password }),
  logout: () => call('DELETE', '/session'),
  me: () => call<{ username: string; displayName: string }>('GET', '/me'),
  units: () => call<{ id: string; name: string; type: string }[]>('GET', '/org/units'),
  tasks: (q: { due?: string; sort?: string; page?: number } = {}) => {
    const params = new URLSearchParams({ pageSize: '25', page: String(q.page ?? 1), sort: q.sort || 'due' });
    if (q.due) params.set('due', q.due);
    return call<{ items: Task[]; total: number; page: number; pageSize: number }>('GET', `/tasks?${params}`);
  },
  taskCounts: () => call<{ open: number; overdue: number; dueSoon: number; assignedToMe: number }>('GET', '/tasks/counts'),
  task: (key: string) => call<Task>('GET', `/tasks/${key}`),
  routine: (id: string) => call<Routine>('GET', `/routines/${encodeURIComponent(id)}`),
  taskForm: (key: string) => call<{ schema: unknown; data: Record<string, unknown> }>('GET', `/tasks/${key}/form`),
  complete: (key: string, variables: Record<string, unknown>) => call('POST', `/tasks/${key}/completion`, { variables }),
  startForm: (processId: string) => call<unknown>('GET', `/process-definitions/${processId}/form`),
  start: (processId: string, variables: Record<string, unknown>) => call<{ key: string }>('POST', '/process-instances', { processId, variables }),
  instance: (key: string) => call<Instance>('GET', `/process-instances/${key}`),
  publicUnits: () => call<{ label: string; value: string }[]>('GET', '/public/units'),
  submitSynpunkt: (body: Record<string, unknown>) => call<{ receipt: string }>('POST', '/public/synpunkter', body),
  processXml: (processId: string) => call<{ xml: string }>('GET', `/process-definitions/${processId}/xml`),
};
