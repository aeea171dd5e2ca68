/** The OpenAPI 3.1 document of /api/v1, built from the zod schemas where there are any. */
import { z } from 'zod';
import * as s from './schemas.js';

const json = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } });
const problem = { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const ok = (description: string) => ({ description });
const keyParam = [{ name: 'key', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{1,19}$' } }];
const pidParam = [{ name: 'processId', in: 'path', required: true, schema: { type: 'string', maxLength: 200 } }];
const errors = { 400: problem, 401: problem, 403: problem, 404: problem };
// Command routes (DESIGN.md §3): an Idempotency-Key makes a repeat harmless; 202 while the outbox finishes it.
const idempotencyKey = { name: 'Idempotency-Key', in: 'header', required: false, description: 'Fresh per user action, reused on a retry (8–128 of A–Z a–z 0–9 . _ : -); a repeat with the same body is answered as the first, another body is 422. Remembered IDEMPOTENCY_KEY_TTL_HOURS.', schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' } };
const accepted = { 202: ok('Accepted, not yet applied by the engine: { commandId, state: "pending", location } (follow GET /commands/{id})'), 422: problem };

export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Kvalitetshjulet API', version: '1.0.0', description: 'Ledningssystem för systematiskt kvalitetsarbete (SOSFS 2011:9). Session cookie `kvh_session` from POST /session.' },
  servers: [{ url: '/api/v1' }],
  components: {
    securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kvh_session' } },
    schemas: {
      Problem: { type: 'object', properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' }, errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } } } },
    },
  },
  security: [{ session: [] }],
  paths: {
    '/health': { get: { summary: 'Health: engine and database', security: [], responses: { 200: ok('{ status, engine, database }') } } },
    '/openapi.json': { get: { summary: 'This document', security: [], responses: { 200: ok('OpenAPI') } } },
    '/session': {
      post: { summary: 'Log in', security: [], requestBody: { required: true, content: json(s.loginBody) }, responses: { 200: ok('Logged in; sets the session cookie'), 400: problem, 401: problem } },
      delete: { summary: 'Log out', responses: { 204: ok('Logged out') } },
    },
    '/me': { get: { summary: 'The current user and roles', responses: { 200: ok('User'), 401: problem } } },
    '/org/units': { get: { summary: 'The organisation tree, flat', responses: { 200: ok('Nodes'), 401: problem } } },
    '/process-definitions': { get: { summary: 'Deployed processes (latest versions) on the process map: group, owner role, whether you may start it, open instances, open and overdue tasks, when the latest version was deployed (adoptedAt)', responses: { 200: ok('[{ processId, name, version, key, adoptedAt, group, ownerRole, startable, openInstances, openTasks, overdueTasks }]'), 401: problem } } },
    '/process-definitions/{processId}/activities': { get: { summary: 'The activities of the latest version: role, routines, instances waiting there, overdue tasks there', parameters: pidParam, responses: { 200: ok('[{ elementId, name, type, role, routines, waiting, overdue }]'), ...errors } } },
    '/process-definitions/{processId}/form': { get: { summary: 'The start form (form-js JSON)', parameters: pidParam, responses: { 200: ok('Form'), ...errors } } },
    '/process-definitions/{processId}/xml': { get: { summary: 'The BPMN XML of the latest version', parameters: pidParam, responses: { 200: ok('{ xml }'), ...errors } } },
    '/process-instances': {
      get: { summary: 'Instances you may read (starter, a role at the unit or above, admin); elementId: waiting there now (audited)', parameters: Object.keys(s.instanceQuery.shape).map((name) => ({ name, in: 'query', schema: { type: 'string' } })), responses: { 200: ok('{ items: [{ key, processId, caseNumber, unitId, unitName, state, startedAt, endedAt, waitingSince }], total, totalExact, hasMore, page, pageSize } — total counted up to 100 rows past the page (totalExact false: more than total)'), 400: problem, 401: problem } },
      post: { summary: 'Start an instance (variables checked against the start form)', parameters: [idempotencyKey], requestBody: { required: true, content: json(s.startBody) }, responses: { 201: ok('{ key, processId, version }'), ...accepted, ...errors } },
    },
    '/process-instances/{key}': { get: { summary: 'An instance: state, variables, position, history (with element names), tasks, incidents, mayRetry (audited)', parameters: keyParam, responses: { 200: ok('Instance'), ...errors } } },
    '/incidents/{key}/resolution': { post: { summary: 'Retry an incident: a failed job gets one retry, then the incident is resolved (admin, kvalitetsledare; audited)', parameters: [...keyParam, idempotencyKey], responses: { 204: ok('Resolved'), ...accepted, ...errors, 409: problem } } },
    '/commands/{id}': { get: { summary: 'A command you sent (202 answers point here): pending, done with its result, or failed', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: ok('{ id, kind, state, attempts, result, createdAt, finishedAt }'), 401: problem, 404: problem } } },
    '/tasks': { get: { summary: 'Tasks the caller may work on', parameters: Object.keys(s.taskQuery.shape).map((name) => ({ name, in: 'query', schema: { type: 'string' } })), responses: { 200: ok('{ items, page, pageSize, total, totalExact, hasMore } — total counted up to 100 rows past the page (totalExact false: more than total)'), 400: problem, 401: problem } } },
    '/tasks/counts': { get: { summary: 'Counts for the navigation: open tasks you may work on, overdue, due soon, assigned to you', responses: { 200: ok('{ open, overdue, dueSoon, assignedToMe }'), 401: problem } } },
    '/tasks/{key}': { get: { summary: 'One task (audited), with the routines for its activity and the deadline rule behind its due date', parameters: keyParam, responses: { 200: ok('Task & { routines, deadline: { kind, title, basis } | null }'), ...errors } } },
    '/tasks/{key}/context': { get: { summary: "The task's instance: timeline and what earlier tasks recorded (audited)", parameters: keyParam, responses: { 200: ok('{ timeline, earlier }'), ...errors } } },
    '/tasks/{key}/draft': {
      put: { summary: 'Save your draft of the form (keys must be form fields; values unchecked)', parameters: keyParam, requestBody: { required: true, content: json(s.draftBody) }, responses: { 200: ok('{ variables, savedAt }'), ...errors, 409: problem } },
      delete: { summary: 'Throw your draft away', parameters: keyParam, responses: { 204: ok('Removed'), ...errors } },
    },
    '/risk-matrix': {
      get: { summary: 'The risk matrix in force: size and the traffic light\'s thresholds', responses: { 200: ok('RiskMatrix'), ...errors } },
      put: { summary: 'A new risk matrix (admin, kvalitetsledare); later analyses use it', requestBody: { required: true, content: json(s.riskMatrixBody) }, responses: { 200: ok('RiskMatrix'), ...errors } },
    },
    '/routines': { get: { summary: 'The routines of a process, each with the activities it is linked to', parameters: [{ name: 'processId', in: 'query', required: true, schema: { type: 'string' } }], responses: { 200: ok('Routine[]'), ...errors } } },
    '/routines/{id}': { get: { summary: 'One routine with its text and links', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: ok('Routine'), ...errors } } },
    '/tasks/{key}/form': { get: { summary: "The task's form and data to prefill (your draft over the variables)", parameters: keyParam, responses: { 200: ok('{ schema, data, draftSavedAt }'), ...errors } } },
    '/tasks/{key}/assignment': { post: { summary: 'Take or give back your own task; enhetschef or admin at its unit assign to others', parameters: [...keyParam, idempotencyKey], requestBody: { required: true, content: json(s.assignBody) }, responses: { 200: ok('Task'), ...accepted, ...errors, 409: problem } } },
    '/tasks/{key}/completion': { post: { summary: 'Complete (exactly once); while the engine finishes it the task is `completing`', parameters: [...keyParam, idempotencyKey], requestBody: { required: true, content: json(s.completeBody) }, responses: { 204: ok('Completed'), ...accepted, ...errors, 409: problem } } },
    '/public/units': { get: { summary: 'The units a citizen can address (public, no login)', security: [], responses: { 200: ok('[{ label, value }]') } } },
    '/public/synpunkter': { post: { summary: 'Submit a synpunkt or klagomål from the public e-service (no login, rate-limited; anonymous allowed)', security: [], parameters: [{ ...idempotencyKey, description: `${idempotencyKey.description} Scoped to the key alone: use a random UUID.` }], requestBody: { required: true, content: json(s.publicSynpunktBody) }, responses: { 202: ok('{ receipt }'), 400: problem, 422: problem, 429: problem } } },
    '/messages': { post: { summary: 'Publish a message (admin; audited)', parameters: [idempotencyKey], requestBody: { required: true, content: json(s.messageBody) }, responses: { 201: ok('{ key }'), ...accepted, 400: problem, 401: problem, 403: problem, 409: problem } } },
    '/deployments': { post: { summary: 'Deploy BPMN models and forms (lint-checked; admin, kvalitetsledare)', requestBody: { required: true, content: json(s.deployBody) }, responses: { 201: ok('Deployment'), ...errors } } },
  },
};
