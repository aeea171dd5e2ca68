/** The service's own routes: health, this contract, and the description of each problem kind. */
import { z } from 'zod';
import { NotFoundError } from '../../errors.js';
import * as c from '../contract.js';
import { PROBLEMS, problemType, type ProblemKind } from '../problems.js';
import { route, type Route } from '../route.js';

export const systemRoutes: Route[] = [
  route({
    operationId: 'health',
    method: 'get',
    path: '/health',
    tag: 'System',
    access: 'public',
    policy: 'public',
    summary: 'Health: engine and database',
    responses: { 200: { description: 'Up', schema: c.Health } },
    handle: async ({ sv }) => ({ status: 200, body: { status: 'ok', engine: sv.engine.kind, database: sv.databaseKind } }),
  }),
  route({
    operationId: 'openapi',
    method: 'get',
    path: '/openapi.json',
    tag: 'System',
    access: 'public',
    policy: 'public',
    summary: 'This document (OpenAPI 3.1), generated from the route declarations',
    responses: { 200: { description: 'OpenAPI', schema: z.record(z.string(), z.unknown()) } },
    // built once from every route, these too (app.ts keeps it in app.locals)
    handle: async ({ req }) => ({ status: 200, body: req.app.locals.openapi as Record<string, unknown> }),
  }),
  route({
    operationId: 'problemKind',
    method: 'get',
    path: '/problems/{kind}',
    tag: 'System',
    access: 'public',
    policy: 'public',
    summary: 'What a problem `type` means',
    params: z.object({ kind: z.string().max(50) }),
    responses: { 200: { description: 'The kind', schema: c.ProblemDescription } },
    problems: ['not-found'],
    handle: async ({ params }) => {
      if (!Object.hasOwn(PROBLEMS, params.kind)) throw new NotFoundError('Ingen sådan problemtyp');
      const k = params.kind as ProblemKind;
      return { status: 200, body: { type: problemType(k), ...PROBLEMS[k] } };
    },
  }),
];
