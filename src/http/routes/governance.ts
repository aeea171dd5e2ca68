/** Process versions (issue 14 point 2): drafts, review, adoption (through the adoption process's inbox tasks), publishing, diff and lint. */
import { z } from 'zod';
import * as c from '../contract.js';
import * as s from '../schemas.js';
import { route } from '../route.js';
import { runCommand } from '../commands.js';
import { mine, pending, processParams } from './common.js';

const TAG = 'Processversioner';
const BASE = '/processes/{processId}/versions';

export const governanceRoutes = [
  route({
    operationId: 'listProcessVersions', method: 'get', path: BASE, tag: TAG, access: 'session', policy: 'processVersion.list',
    summary: 'The versions of a process you may read, newest first (drafts only for the owner, versions in review also for their reviewers)',
    params: processParams,
    responses: { 200: { description: 'The versions', schema: z.array(c.ProcessVersion) } },
    handle: async ({ sv, user, params }) => ({ status: 200, body: await sv.governance.list(user, params.processId) }),
  }),
  route({
    operationId: 'createProcessVersion', method: 'post', path: BASE, tag: TAG, access: 'session', policy: 'processVersion.draft',
    summary: 'Open a draft: a copy of a version (default the published one), or an uploaded BPMN model (import); the process owner or admin',
    params: processParams, body: s.createVersionBody,
    responses: { 201: { description: 'The draft', schema: c.ProcessVersionDetail } },
    problems: ['forbidden', 'conflict'],
    handle: async ({ sv, user, params, body }) => ({ status: 201, body: await sv.governance.create(user, params.processId, body) }),
  }),
  route({
    operationId: 'getProcessVersion', method: 'get', path: `${BASE}/{number}`, tag: TAG, access: 'session', policy: 'processVersion.read',
    summary: 'One version: model, state, reviewers, comments, adoption, lint problems and what you may do',
    params: s.versionParams,
    responses: { 200: { description: 'The version', schema: c.ProcessVersionDetail } },
    problems: ['forbidden', 'not-found'],
    handle: async ({ sv, user, params }) => ({ status: 200, body: await sv.governance.read(user, params.processId, params.number) }),
  }),
  route({
    operationId: 'saveProcessVersion', method: 'put', path: `${BASE}/{number}`, tag: TAG, access: 'session', policy: 'processVersion.draft',
    summary: "Save a draft's model and change note (answers with its lint problems)",
    params: s.versionParams, body: s.saveVersionBody,
    responses: { 200: { description: 'The draft', schema: c.ProcessVersionDetail } },
    problems: ['forbidden', 'not-found', 'conflict'],
    handle: async ({ sv, user, params, body }) => ({ status: 200, body: await sv.governance.save(user, params.processId, params.number, body) }),
  }),
  route({
    operationId: 'submitProcessVersion', method: 'post', path: `${BASE}/{number}/review`, tag: TAG, access: 'session', policy: 'processVersion.draft', command: 'user',
    summary: 'Send a lint-clean draft to named reviewers: the adoption process starts (review tasks, then the adoption task in the inbox)',
    params: s.versionParams, body: s.reviewBody,
    responses: { 200: { description: 'In review', schema: c.ProcessVersionDetail }, ...pending },
    problems: ['forbidden', 'not-found', 'conflict'],
    handle: ({ sv, req, user, params, body }) => runCommand(sv, req, mine(user),
      { done: async () => ({ status: 200, body: await sv.governance.read(user, params.processId, params.number) }) },
      (claim) => sv.governance.submit(user, params.processId, params.number, body.reviewers, claim)),
  }),
  route({
    operationId: 'commentProcessVersion', method: 'post', path: `${BASE}/{number}/comments`, tag: TAG, access: 'session', policy: 'processVersion.comment',
    summary: 'Comment on a version in draft or review (reviewers and the owner, who answers them)',
    params: s.versionParams, body: s.commentBody,
    responses: { 201: { description: 'The version with the comment', schema: c.ProcessVersionDetail } },
    problems: ['forbidden', 'not-found', 'conflict'],
    handle: async ({ sv, user, params, body }) => ({ status: 201, body: await sv.governance.comment(user, params.processId, params.number, body) }),
  }),
  route({
    operationId: 'publishProcessVersion', method: 'post', path: `${BASE}/{number}/publication`, tag: TAG, access: 'session', policy: 'processVersion.publish',
    summary: 'Publish an adopted version not yet in force (the adoption publishes by itself; this is for one whose deployment did not go through)',
    params: s.versionParams,
    responses: { 200: { description: 'Published', schema: c.ProcessVersionDetail } },
    problems: ['forbidden', 'not-found', 'conflict', 'model-invalid'],
    handle: async ({ sv, user, params }) => ({ status: 200, body: await sv.governance.publish(user, params.processId, params.number) }),
  }),
  route({
    operationId: 'diffProcessVersions', method: 'get', path: `${BASE}/{number}/diff/{other}`, tag: TAG, access: 'session', policy: 'processVersion.read',
    summary: 'Elements added, removed and changed from version {other} to version {number} (for the visual diff)',
    params: s.versionDiffParams,
    responses: { 200: { description: 'The difference', schema: c.VersionDiff } },
    problems: ['forbidden', 'not-found'],
    handle: async ({ sv, user, params }) => ({ status: 200, body: await sv.governance.diff(user, params.processId, params.other, params.number) }),
  }),
  route({
    operationId: 'lintModel', method: 'post', path: '/bpmn-lint', tag: TAG, access: 'session', policy: 'processVersion.lint',
    summary: 'Lint a BPMN model with the rules of deployment (the modeler\'s live lint panel)',
    body: s.lintBody,
    responses: { 200: { description: 'The problems', schema: z.array(c.LintProblem) } },
    handle: async ({ sv, body }) => ({ status: 200, body: await sv.governance.lint(body.xml) }),
  }),
];
