/** The inbox and the task page: tasks, their forms, context and drafts; claiming, assigning, completing. */
import { ConflictError, NotFoundError } from '../../errors.js';
import { runCommand } from '../commands.js';
import * as c from '../contract.js';
import * as s from '../schemas.js';
import { route } from '../route.js';
import { dynamicValues, keyParams, mine, pending, unitOptions } from './common.js';

const TAG = 'Uppgifter';

export const taskRoutes = [
  route({
    operationId: 'listTasks',
    method: 'get',
    path: '/tasks',
    tag: TAG,
    access: 'session',
    policy: 'task.list',
    summary: 'Tasks you may work on',
    query: s.taskQuery,
    responses: { 200: { description: 'A page of tasks', schema: c.TaskPage } },
    handle: async ({ sv, user, query }) => ({ status: 200, body: await sv.tasks.list(user, query) }),
  }),
  route({
    operationId: 'countTasks',
    method: 'get',
    path: '/tasks/counts',
    tag: TAG,
    access: 'session',
    policy: 'task.list',
    summary: 'Counts for the navigation: open tasks you may work on, overdue, due soon, assigned to you',
    responses: { 200: { description: 'The counts', schema: c.TaskCounts } },
    handle: async ({ sv, user }) => ({ status: 200, body: await sv.tasks.counts(user) }),
  }),
  route({
    operationId: 'getTask',
    method: 'get',
    path: '/tasks/{key}',
    tag: TAG,
    access: 'session',
    policy: 'task.work',
    summary: 'One task (audited), with the routines for its activity and the deadline rule behind its due date',
    params: keyParams,
    responses: { 200: { description: 'The task', schema: c.TaskDetail } },
    problems: ['forbidden', 'not-found'],
    handle: async ({ sv, user, params }) => {
      const task = await sv.tasks.get(user, params.key);
      // the routine(s) for the activity, to read beside the form
      return { status: 200, body: { ...task, routines: await sv.routines.forActivity(task.processId, task.elementId) } };
    },
  }),
  route({
    operationId: 'getTaskForm',
    method: 'get',
    path: '/tasks/{key}/form',
    tag: TAG,
    access: 'session',
    policy: 'task.work',
    summary: "The task's form and data to prefill (your draft over the form's fields and the case's variables you read)",
    params: keyParams,
    responses: { 200: { description: 'The form', schema: c.TaskForm } },
    problems: ['forbidden', 'not-found'],
    handle: async ({ sv, user, params }) => ({ status: 200, body: await sv.tasks.form(user, params.key, await unitOptions(sv)) }),
  }),
  route({
    operationId: 'getTaskContext',
    method: 'get',
    path: '/tasks/{key}/context',
    tag: TAG,
    access: 'session',
    policy: 'task.work',
    summary: "The task's instance: timeline and what earlier tasks recorded, cut to the field groups you read (audited)",
    params: keyParams,
    responses: { 200: { description: 'The context', schema: c.TaskContext } },
    problems: ['forbidden', 'not-found'],
    handle: async ({ sv, user, params }) => ({ status: 200, body: await sv.tasks.context(user, params.key) }),
  }),
  route({
    operationId: 'saveDraft',
    method: 'put',
    path: '/tasks/{key}/draft',
    tag: TAG,
    access: 'session',
    policy: 'task.work',
    summary: 'Save your draft of the form (keys must be form fields; values unchecked)',
    params: keyParams,
    body: s.draftBody,
    responses: { 200: { description: 'Saved', schema: c.Draft } },
    problems: ['forbidden', 'not-found', 'conflict', 'task-claimed'],
    handle: async ({ sv, user, params, body }) => ({ status: 200, body: await sv.tasks.saveDraft(user, params.key, body.variables) }),
  }),
  route({
    operationId: 'deleteDraft',
    method: 'delete',
    path: '/tasks/{key}/draft',
    tag: TAG,
    access: 'session',
    policy: 'task.work',
    summary: 'Throw your draft away',
    params: keyParams,
    responses: { 204: { description: 'Removed' } },
    problems: ['forbidden', 'not-found'],
    handle: async ({ sv, user, params }) => {
      await sv.tasks.deleteDraft(user, params.key);
      return { status: 204, body: undefined };
    },
  }),
  route({
    operationId: 'assignTask',
    method: 'post',
    path: '/tasks/{key}/assignment',
    tag: TAG,
    access: 'session',
    policy: 'task.work',
    command: 'user',
    summary:
      'Take or give back your own task; enhetschef or admin at its unit assign to others (only to a person holding one of its candidate roles at its unit or above: else 422 assignee-ineligible) or take it over (the previous assignee sees `takenFrom`)',
    params: keyParams,
    body: s.assignBody,
    responses: { 200: { description: 'The task as it is now', schema: c.Task }, ...pending },
    problems: ['forbidden', 'not-found', 'conflict', 'assignee-ineligible'],
    handle: ({ sv, req, user, params, body }) =>
      runCommand(sv, req, mine(user), { done: async () => ({ status: 200, body: await sv.tasks.present(params.key) }) }, (claim) =>
        sv.tasks.assign(user, params.key, body.assignee, claim),
      ),
  }),
  route({
    operationId: 'completeTask',
    method: 'post',
    path: '/tasks/{key}/completion',
    tag: TAG,
    access: 'session',
    policy: 'task.work',
    command: 'user',
    summary: 'Complete (exactly once; a task claimed by someone else: 409 task-claimed); while the engine finishes it the task is `completing`',
    params: keyParams,
    body: s.completeBody,
    responses: { 204: { description: 'Completed' }, ...pending },
    problems: ['forbidden', 'not-found', 'conflict', 'task-claimed'],
    handle: ({ sv, req, user, params, body }) => {
      const refused = (row: { error: string | null }) =>
        row.error?.startsWith('EngineConflict') ? new ConflictError('Uppgiften är redan slutförd') : new NotFoundError('Uppgiften finns inte längre');
      return runCommand(sv, req, mine(user), { done: () => ({ status: 204 }), refused }, async (claim) =>
        sv.tasks.complete(user, params.key, body.variables, await dynamicValues(sv), claim),
      );
    },
  }),
];
