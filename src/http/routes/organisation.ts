/** The organisation, the routines (rutiner) and the risk matrix in force. */
import { z } from 'zod';
import * as c from '../contract.js';
import * as s from '../schemas.js';
import { route } from '../route.js';

export const organisationRoutes = [
  route({
    operationId: 'listOrgNodes', method: 'get', path: '/org/units', tag: 'Organisation', access: 'session', policy: 'session.read',
    summary: 'The organisation tree, flat (nämnd, förvaltning, verksamhet, enhet)',
    responses: { 200: { description: 'The nodes', schema: z.array(c.OrgNode) } },
    handle: async ({ sv }) => ({ status: 200, body: await sv.org.nodes() }),
  }),
  route({
    operationId: 'listRoutines', method: 'get', path: '/routines', tag: 'Rutiner', access: 'session', policy: 'session.read',
    summary: 'The routines of a process, each with the activities it is linked to',
    query: s.routineQuery,
    responses: { 200: { description: 'The routines', schema: z.array(c.ProcessRoutine) } },
    handle: async ({ sv, query }) => ({ status: 200, body: await sv.routines.ofProcess(query.processId) }),
  }),
  route({
    operationId: 'getRoutine', method: 'get', path: '/routines/{id}', tag: 'Rutiner', access: 'session', policy: 'session.read',
    summary: 'One routine with its text and links',
    params: z.object({ id: s.routineId }),
    responses: { 200: { description: 'The routine', schema: c.RoutineWithText } },
    problems: ['not-found'],
    handle: async ({ sv, params }) => ({ status: 200, body: await sv.routines.get(params.id) }),
  }),
  route({
    operationId: 'getRiskMatrix', method: 'get', path: '/risk-matrix', tag: 'Risker', access: 'session', policy: 'session.read',
    summary: "The risk matrix in force: size and the traffic light's thresholds",
    responses: { 200: { description: 'The matrix', schema: c.RiskMatrix } },
    handle: async ({ sv }) => ({ status: 200, body: await sv.riskMatrix.active() }),
  }),
  route({
    operationId: 'setRiskMatrix', method: 'put', path: '/risk-matrix', tag: 'Risker', access: 'session', policy: 'risk.matrix.set',
    summary: 'A new risk matrix (admin, kvalitetsledare); later analyses use it',
    body: s.riskMatrixBody,
    responses: { 200: { description: 'The matrix now in force', schema: c.RiskMatrix } },
    problems: ['forbidden'],
    handle: async ({ sv, body }) => ({ status: 200, body: await sv.riskMatrix.configure(body) }),
  }),
];
