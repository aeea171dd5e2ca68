/** The process map: deployed processes, their activities, forms and diagrams; deploying; starting an instance. */
import { z } from 'zod';
import * as c from '../contract.js';
import * as s from '../schemas.js';
import { route } from '../route.js';
import { runCommand } from '../commands.js';
import { dynamicValues, mine, pending, processParams } from './common.js';

const TAG = 'Processer';

export const processRoutes = [
  route({
    operationId: 'listProcessDefinitions',
    method: 'get',
    path: '/process-definitions',
    tag: TAG,
    access: 'session',
    policy: 'process.view',
    summary:
      'Deployed processes (latest versions) on the process map: group, owner role, whether you may start it, open instances, open and overdue tasks, when the latest version was deployed (adoptedAt)',
    responses: { 200: { description: 'The processes', schema: z.array(c.ProcessDefinition) } },
    handle: async ({ sv, user }) => ({ status: 200, body: await sv.processes.definitions(user) }),
  }),
  route({
    operationId: 'listActivities',
    method: 'get',
    path: '/process-definitions/{processId}/activities',
    tag: TAG,
    access: 'session',
    policy: 'process.view',
    summary: 'The activities of the latest version: role, routines, instances waiting there, overdue tasks there',
    params: processParams,
    responses: { 200: { description: 'The activities', schema: z.array(c.Activity) } },
    problems: ['not-found'],
    handle: async ({ sv, params }) => ({ status: 200, body: await sv.processes.activities(params.processId) }),
  }),
  route({
    operationId: 'getStartForm',
    method: 'get',
    path: '/process-definitions/{processId}/form',
    tag: TAG,
    access: 'session',
    policy: 'process.view',
    summary: 'The start form (form-js JSON)',
    params: processParams,
    responses: { 200: { description: 'The form', schema: c.FormSchema } },
    problems: ['not-found'],
    handle: async ({ sv, params }) => ({ status: 200, body: (await sv.processes.startForm(params.processId)) as Record<string, unknown> }),
  }),
  route({
    operationId: 'getProcessXml',
    method: 'get',
    path: '/process-definitions/{processId}/xml',
    tag: TAG,
    access: 'session',
    policy: 'process.view',
    summary: 'The BPMN XML of the latest version',
    params: processParams,
    responses: { 200: { description: 'The diagram', schema: c.Xml } },
    problems: ['not-found'],
    handle: async ({ sv, params }) => ({ status: 200, body: { xml: await sv.processes.xml(params.processId) } }),
  }),
  route({
    operationId: 'startInstance',
    method: 'post',
    path: '/process-instances',
    tag: TAG,
    access: 'session',
    policy: 'process.start',
    command: 'user',
    summary:
      'Start an instance (variables checked against the start form; an avvikelse or synpunkt may add concernsProcessId and concernsElementId, an activity of the map: unknown → 422)',
    body: s.startBody,
    responses: { 201: { description: 'Started', schema: c.Started }, ...pending },
    problems: ['forbidden', 'not-found', 'reference-unknown'],
    handle: ({ sv, req, user, body }) => {
      const started = (r: unknown) => {
        const ref = r as { key: string; processId: string; version: number };
        return { key: ref.key, processId: ref.processId, version: ref.version };
      };
      return runCommand(sv, req, mine(user), { done: (row) => ({ status: 201, body: started(row.result) }) }, async (claim) =>
        sv.processes.start(user, body.processId, body.variables, await dynamicValues(sv), claim),
      );
    },
  }),
  route({
    operationId: 'deploy',
    method: 'post',
    path: '/deployments',
    tag: TAG,
    access: 'session',
    policy: 'process.deploy',
    summary: 'Deploy BPMN models and forms (lint-checked; admin, kvalitetsledare)',
    body: s.deployBody,
    responses: { 201: { description: 'Deployed', schema: c.Deployment } },
    problems: ['forbidden', 'model-invalid', 'payload-too-large'],
    handle: async ({ sv, user, body }) => ({ status: 201, body: await sv.processes.deploy(user, body.resources) }),
  }),
];
