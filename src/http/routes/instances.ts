/** Process instances (cases as the engine runs them), their incidents, and the commands a user sent. */
import { z } from 'zod';
import { commandState, runCommand } from '../commands.js';
import * as c from '../contract.js';
import * as s from '../schemas.js';
import { route } from '../route.js';
import { keyParams, mine, pending } from './common.js';

const TAG = 'Ärenden';

export const instanceRoutes = [
  route({
    operationId: 'listInstances',
    method: 'get',
    path: '/process-instances',
    tag: TAG,
    access: 'session',
    policy: 'instance.list',
    summary:
      'Instances you may read (the visibility table: the starter, a task in it, the roles of its case type at its unit or above or everywhere; not admin); elementId: waiting there now (audited)',
    query: s.instanceQuery,
    responses: { 200: { description: 'A page of instances', schema: c.InstancePage } },
    handle: async ({ sv, user, query }) => ({ status: 200, body: await sv.instances.list(user, query) }),
  }),
  route({
    operationId: 'getInstance',
    method: 'get',
    path: '/process-instances/{key}',
    tag: TAG,
    access: 'session',
    policy: 'instance.read',
    summary:
      'An instance: state, variables, position, history (with element names), tasks, incidents, mayRetry — cut to the field groups you read (fieldGroups; audited)',
    params: keyParams,
    responses: { 200: { description: 'The instance', schema: c.Instance } },
    problems: ['forbidden', 'not-found'],
    handle: async ({ sv, user, params }) => ({ status: 200, body: await sv.instances.get(user, params.key) }),
  }),
  route({
    operationId: 'resolveIncident',
    method: 'post',
    path: '/incidents/{key}/resolution',
    tag: TAG,
    access: 'session',
    policy: 'incident.resolve',
    command: 'user',
    summary: 'Retry an incident: a failed job gets one retry, then the incident is resolved (admin, kvalitetsledare; audited)',
    params: keyParams,
    responses: { 204: { description: 'Resolved' }, ...pending },
    problems: ['forbidden', 'not-found', 'conflict'],
    handle: ({ sv, req, user, params }) =>
      runCommand(sv, req, mine(user), { done: () => ({ status: 204 }) }, (claim) => sv.instances.resolveIncident(user, params.key, claim)),
  }),
  route({
    operationId: 'getCommand',
    method: 'get',
    path: '/commands/{id}',
    tag: TAG,
    access: 'session',
    policy: 'command.read',
    summary: 'A command you sent (202 answers point here): pending, done with its result, or failed',
    params: z.object({ id: z.uuid() }),
    responses: { 200: { description: 'The command', schema: c.CommandState } },
    problems: ['not-found'],
    handle: async ({ sv, user, params }) => ({ status: 200, body: await commandState(sv, params.id, user) }),
  }),
  route({
    operationId: 'publishMessage',
    method: 'post',
    path: '/messages',
    tag: TAG,
    access: 'session',
    policy: 'message.publish',
    command: 'user',
    summary: 'Publish a message: starts and steers processes (linked reports, the årshjul); admin only, audited',
    body: s.messageBody,
    responses: { 201: { description: 'Published', schema: c.Published }, ...pending },
    problems: ['forbidden', 'conflict'],
    handle: ({ sv, req, user, body }) =>
      runCommand(sv, req, mine(user), { done: (row) => ({ status: 201, body: { key: (row.result as { key: string | null }).key } }) }, (claim) =>
        sv.messages.publish(
          user,
          { name: body.name, correlationKey: body.correlationKey, variables: body.variables, timeToLiveMs: body.timeToLive, messageId: body.messageId },
          claim,
        ),
      ),
  }),
];
