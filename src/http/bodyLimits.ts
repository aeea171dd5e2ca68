/**
 * The JSON body limits, per route (issue 13, point 7): the largest legitimate request with a
 * margin, not more. A form submission is bounded by its form (domain/forms/limits.ts); the
 * largest of our forms at its limits is about 600 KB of JSON ("Identifiera risker": 50 risks,
 * every text at its maximum, at 3 bytes a character; a test computes it over bpmn/forms) —
 * 1 MB holds it with room for a form a municipality adds. A deployment carries whole models and forms: ours are under 30 KB each and under
 * 400 KB together, a modeler's diagram can be a few MB, so 8 MB (each resource at most
 * 2,000,000 characters, schemas.ts); so do a routine's attachments and Word imports (5 MB files
 * as base64). Anything larger is a 413 before it is parsed.
 */
import express, { type RequestHandler } from 'express';

/** Bytes of JSON one request may carry. */
export const BODY_LIMITS = { default: 1024 * 1024, deployments: 8 * 1024 * 1024, routineFiles: 8 * 1024 * 1024 } as const;

/** The JSON parsers: the deployments route first, then everything else under /api. */
export function jsonParsers(): { path: string; handler: RequestHandler }[] {
  return [
    { path: '/api/v1/deployments', handler: express.json({ limit: BODY_LIMITS.deployments }) },
    // a routine's attachment or Word import: a 5 MB file as base64 in JSON (about 6.7 MB)
    { path: '/api/v1/routines', handler: express.json({ limit: BODY_LIMITS.routineFiles }) },
    { path: '/api', handler: express.json({ limit: BODY_LIMITS.default }) },
  ];
}
