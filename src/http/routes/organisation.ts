/** The organisation and the risk matrix in force (routines: routines.ts). */
import { z } from 'zod';
import * as c from '../contract.js';
import * as s from '../schemas.js';
import { route } from '../route.js';

export const organisationRoutes = [
  route({
    operationId: 'listOrgNodes',
    method: 'get',
    path: '/org/units',
    tag: 'Organisation',
    access: 'session',
    policy: 'session.read',
    summary: 'The organisation tree, flat (nämnd, förvaltning, verksamhet, enhet)',
    responses: { 200: { description: 'The nodes', schema: z.array(c.OrgNode) } },
    handle: async ({ sv }) => ({ status: 200, body: await sv.org.nodes() }),
  }),
  route({
    operationId: 'listOrgRoles',
    method: 'get',
    path: '/org/roles',
    tag: 'Organisation',
    access: 'session',
    policy: 'session.read',
    summary: "The organisation's roles with their levels and holders (the modeler's candidate roles, a version's reviewers)",
    responses: { 200: { description: 'The roles', schema: z.array(c.OrgRole) } },
    handle: async ({ sv }) => ({ status: 200, body: await sv.org.roles() }),
  }),
  route({
    operationId: 'getRiskMatrix',
    method: 'get',
    path: '/risk-matrix',
    tag: 'Risker',
    access: 'session',
    policy: 'session.read',
    summary: "The risk matrix in force: size and the traffic light's thresholds",
    responses: { 200: { description: 'The matrix', schema: c.RiskMatrix } },
    handle: async ({ sv }) => ({ status: 200, body: await sv.riskMatrix.active() }),
  }),
  route({
    operationId: 'setRiskMatrix',
    method: 'put',
    path: '/risk-matrix',
    tag: 'Risker',
    access: 'session',
    policy: 'risk.matrix.set',
    summary: 'A new risk matrix (admin, kvalitetsledare); later analyses use it',
    body: s.riskMatrixBody,
    responses: { 200: { description: 'The matrix now in force', schema: c.RiskMatrix } },
    problems: ['forbidden'],
    handle: async ({ sv, body }) => ({ status: 200, body: await sv.riskMatrix.configure(body) }),
  }),
];
