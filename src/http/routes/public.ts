/**
 * The public e-service for synpunkter och klagomål: no login, rate-limited per address; the
 * answer is only a receipt (nothing of what was sent is echoed back, in the body or the URL).
 */
import rateLimit from 'express-rate-limit';
import type { Services } from '../../services.js';
import * as c from '../contract.js';
import { sendProblem } from '../problem.js';
import * as s from '../schemas.js';
import { route, type Route } from '../route.js';
import { runCommand } from '../commands.js';
import { unitOptions } from './common.js';
import { z } from 'zod';

/** The e-service's rate limit per address (PUBLIC_FORM_RATE_LIMIT_PER_MINUTE). */
const limit = (sv: Services) => [
  rateLimit({
    windowMs: 60_000,
    limit: sv.config.publicFormRateLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) => sendProblem(res, 'too-many-requests', 'För många inskick. Försök igen om en stund.', req.originalUrl.split('?')[0] ?? ''),
  }),
];

/** The notice's facts: the controller is the committee at the top of the tree (the nämnd is personuppgiftsansvarig). */
async function privacyNotice(sv: Services) {
  const nodes = await sv.org.nodes();
  const top = nodes.find((n) => n.parentId === null && n.type === 'committee') ?? nodes.find((n) => n.parentId === null);
  return {
    municipality: sv.config.privacy.municipality ?? null,
    controller: top?.name ?? 'Nämnden',
    dataProtectionOfficer: sv.config.privacy.dpoContact ?? null,
  };
}

export const publicRoutes: Route[] = [
  route({
    operationId: 'publicPrivacyNotice',
    method: 'get',
    path: '/public/privacy-notice',
    tag: 'E-tjänst',
    access: 'public',
    policy: 'public',
    summary:
      "The facts of the e-service's personal-data notice (GDPR art. 13): municipality, controller, the data protection officer's contact (public, no login)",
    responses: { 200: { description: 'The notice', schema: c.PrivacyNotice } },
    handle: async ({ sv }) => ({ status: 200, body: await privacyNotice(sv) }),
  }),
  route({
    operationId: 'publicUnits',
    method: 'get',
    path: '/public/units',
    tag: 'E-tjänst',
    access: 'public',
    policy: 'public',
    summary: 'The units a citizen can address (public, no login)',
    responses: { 200: { description: 'Units', schema: z.array(c.Option) } },
    handle: async ({ sv }) => ({ status: 200, body: await unitOptions(sv) }),
  }),
  route({
    operationId: 'publicProcesses',
    method: 'get',
    path: '/public/processes',
    tag: 'E-tjänst',
    access: 'public',
    policy: 'public',
    summary: 'The services (huvudprocesser, by name) a citizen may say a synpunkt concerns (public, no login; no activities or internal structure)',
    responses: { 200: { description: 'Processes', schema: z.array(c.Option) } },
    handle: async ({ sv }) => ({ status: 200, body: await sv.processes.map.publicProcesses() }),
  }),
  route({
    operationId: 'submitSynpunkt',
    method: 'post',
    path: '/public/synpunkter',
    tag: 'E-tjänst',
    access: 'public',
    policy: 'public',
    command: 'key-only',
    summary:
      'Submit a synpunkt or klagomål from the public e-service (no login, rate-limited; anonymous allowed). The Idempotency-Key alone is the scope: use a random UUID.',
    body: s.publicSynpunktBody,
    before: limit,
    responses: { 202: { description: 'Received: the receipt (whether or not the engine has started the case yet)', schema: c.Receipt } },
    problems: ['too-many-requests', 'reference-unknown'],
    // the key alone is the scope (no login); the receipt is the answer however far the command got
    handle: ({ sv, req, body }) =>
      runCommand(sv, req, 'public', { always: true, done: (row) => ({ status: 202, body: { receipt: row.followUpData.receipt } }) }, (claim) =>
        sv.feedback.submitPublic(body, claim),
      ),
  }),
];
