/**
 * Routines under document control (issue 14 point 4): the register and a routine's page (its
 * versions, diff, attachments, read confirmations), and the owner's work on drafts (create,
 * edit, import from Word, send for review, link to activities), reviewers' comments and the
 * adoption (an API action for now; issue 14 point 2's adoption process will route it).
 */
import { z } from 'zod';
import * as c from '../contract.js';
import * as s from '../schemas.js';
import { route } from '../route.js';

const idParams = z.object({ id: s.routineId });
const tag = 'Rutiner';

export const routineRoutes = [
  route({
    operationId: 'listRoutines', method: 'get', path: '/routines', tag, access: 'session', policy: 'routine.read',
    summary: 'The routines in force of a process, each with the activities it is linked to',
    query: s.routineQuery,
    responses: { 200: { description: 'The routines', schema: z.array(c.ProcessRoutine) } },
    handle: async ({ sv, query }) => ({ status: 200, body: await sv.routines.ofProcess(query.processId) }),
  }),
  route({
    operationId: 'searchRoutineRegister', method: 'get', path: '/routine-register', tag, access: 'session', policy: 'routine.read',
    summary: 'The register: every routine in force, searched by title, text or process',
    query: s.routineRegisterQuery,
    responses: { 200: { description: 'The routines in force', schema: z.array(c.RegisterEntry) } },
    handle: async ({ sv, query }) => ({ status: 200, body: await sv.routineDocs.register(query.q || undefined) }),
  }),
  route({
    operationId: 'createRoutine', method: 'post', path: '/routines', tag, access: 'session', policy: 'routine.create',
    summary: 'A new routine; its first version is a draft of yours',
    body: s.newRoutineBody,
    responses: { 201: { description: 'The routine and its draft', schema: c.RoutineRef } },
    handle: async ({ sv, user, body }) => ({ status: 201, body: await sv.routineDocs.create(user, body) }),
  }),
  route({
    operationId: 'getRoutine', method: 'get', path: '/routines/{id}', tag, access: 'session', policy: 'routine.read',
    summary: 'One routine: the version in force, its links, and whether you confirmed reading it',
    params: idParams,
    responses: { 200: { description: 'The routine', schema: c.RoutineWithText } },
    problems: ['not-found'],
    handle: async ({ sv, user, params }) => ({ status: 200, body: { ...await sv.routines.get(params.id), readConfirmed: await sv.routineReads.confirmedBy(user, params.id) } }),
  }),
  route({
    operationId: 'listRoutineVersions', method: 'get', path: '/routines/{id}/versions', tag, access: 'session', policy: 'routine.read',
    summary: 'Every version, newest first, with reviewers and comments',
    params: idParams,
    responses: { 200: { description: 'The versions', schema: z.array(c.RoutineVersion) } },
    problems: ['not-found'],
    handle: async ({ sv, params }) => ({ status: 200, body: await sv.routineDocs.versions(params.id) }),
  }),
  route({
    operationId: 'diffRoutineVersions', method: 'get', path: '/routines/{id}/diff', tag, access: 'session', policy: 'routine.read',
    summary: 'The words changed between two versions',
    params: idParams, query: s.diffQuery,
    responses: { 200: { description: 'The diff', schema: z.array(c.DiffPart) } },
    problems: ['not-found'],
    handle: async ({ sv, params, query }) => ({ status: 200, body: await sv.routineDocs.diff(params.id, query.from, query.to) }),
  }),
  route({
    operationId: 'createRoutineDraft', method: 'post', path: '/routines/{id}/versions', tag, access: 'session', policy: 'routine.draft',
    summary: "A new draft (a copy of the version in force unless a text is given); the routine's owner",
    params: idParams, body: s.draftVersionBody,
    responses: { 201: { description: 'The draft', schema: c.RoutineRef } },
    problems: ['not-found', 'conflict'],
    handle: async ({ sv, user, params, body }) => ({ status: 201, body: await sv.routineDocs.newDraft(user, params.id, body) }),
  }),
  route({
    operationId: 'updateRoutineDraft', method: 'put', path: '/routines/{id}/versions/{number}', tag, access: 'session', policy: 'routine.draft',
    summary: 'Changes a draft (its text is sanitised); any other version never changes',
    params: s.versionParams, body: s.draftVersionBody,
    responses: { 204: { description: 'Saved' } },
    problems: ['not-found', 'conflict'],
    handle: async ({ sv, user, params, body }) => { await sv.routineDocs.editDraft(user, params.id, params.number, body); return { status: 204, body: undefined }; },
  }),
  route({
    operationId: 'importRoutineDocx', method: 'post', path: '/routines/{id}/imports', tag, access: 'session', policy: 'routine.draft',
    summary: 'A Word document (.docx, base64) as the draft: headings, lists and tables kept',
    params: idParams, body: s.docxImportBody,
    responses: { 201: { description: 'The draft', schema: c.RoutineRef } },
    problems: ['not-found', 'conflict'],
    handle: async ({ sv, user, params, body }) => ({ status: 201, body: await sv.routineDocs.importDocx(user, params.id, Buffer.from(body.dataBase64, 'base64')) }),
  }),
  route({
    operationId: 'sendRoutineForReview', method: 'post', path: '/routines/{id}/versions/{number}/review', tag, access: 'session', policy: 'routine.draft',
    summary: 'Sends a draft to named reviewers',
    params: s.versionParams, body: s.reviewBody,
    responses: { 204: { description: 'In review' } },
    problems: ['not-found', 'conflict'],
    handle: async ({ sv, user, params, body }) => { await sv.routineDocs.sendForReview(user, params.id, params.number, body.reviewers); return { status: 204, body: undefined }; },
  }),
  route({
    operationId: 'commentRoutineVersion', method: 'post', path: '/routines/{id}/versions/{number}/comments', tag, access: 'session', policy: 'routine.review',
    summary: "A named reviewer's comment on a version in review",
    params: s.versionParams, body: s.commentBody,
    responses: { 204: { description: 'Commented' } },
    problems: ['not-found', 'conflict'],
    handle: async ({ sv, user, params, body }) => { await sv.routineDocs.comment(user, params.id, params.number, body.body); return { status: 204, body: undefined }; },
  }),
  route({
    operationId: 'adoptRoutineVersion', method: 'post', path: '/routines/{id}/versions/{number}/adoption', tag, access: 'session', policy: 'routine.adopt',
    summary: "Adopts (fastställer) a version in review: the routine's decision level decides who may",
    params: s.versionParams, body: s.adoptionBody,
    responses: { 200: { description: 'The routine with the version now in force', schema: c.RoutineHead } },
    problems: ['not-found', 'conflict'],
    handle: async ({ sv, user, params, body }) => ({ status: 200, body: await sv.routineDocs.adopt(user, params.id, params.number, body) }),
  }),
  route({
    operationId: 'setRoutineLinks', method: 'put', path: '/routines/{id}/links', tag, access: 'session', policy: 'routine.draft',
    summary: 'The activities the routine governs (replaces them)',
    params: idParams, body: s.routineLinksBody,
    responses: { 204: { description: 'Saved' } },
    problems: ['not-found'],
    handle: async ({ sv, user, params, body }) => { await sv.routineDocs.setLinks(user, params.id, body.links); return { status: 204, body: undefined }; },
  }),
  route({
    operationId: 'listRoutineAttachments', method: 'get', path: '/routines/{id}/attachments', tag, access: 'session', policy: 'routine.read',
    summary: "The routine's attachments (without their bytes)",
    params: idParams,
    responses: { 200: { description: 'The attachments', schema: z.array(c.RoutineAttachment) } },
    problems: ['not-found'],
    handle: async ({ sv, params }) => ({ status: 200, body: await sv.routineAttachments.list(params.id) }),
  }),
  route({
    operationId: 'addRoutineAttachment', method: 'post', path: '/routines/{id}/attachments', tag, access: 'session', policy: 'routine.draft',
    summary: 'An attachment (pdf, docx, xlsx, png or jpeg; at most 5 MB; base64)',
    params: idParams, body: s.attachmentBody,
    responses: { 201: { description: 'Stored', schema: c.RoutineAttachment } },
    problems: ['not-found'],
    handle: async ({ sv, user, params, body }) => ({
      status: 201, body: await sv.routineAttachments.add(user, params.id, { fileName: body.fileName, contentType: body.contentType, data: Buffer.from(body.dataBase64, 'base64') }),
    }),
  }),
  route({
    operationId: 'getRoutineAttachment', method: 'get', path: '/routines/{id}/attachments/{attachmentId}', tag, access: 'session', policy: 'routine.read',
    summary: 'One attachment with its bytes (audited)',
    params: s.attachmentParams,
    responses: { 200: { description: 'The file', schema: c.AttachmentFile } },
    problems: ['not-found'],
    handle: async ({ sv, user, params }) => {
      const { data, ...file } = await sv.routineAttachments.download(user, params.id, params.attachmentId);
      return { status: 200, body: { ...file, dataBase64: data.toString('base64') } };
    },
  }),
  route({
    operationId: 'confirmRoutineRead', method: 'post', path: '/routines/{id}/read-confirmation', tag, access: 'session', policy: 'routine.confirmRead',
    summary: 'Läst och förstått: you confirm reading the version in force',
    params: idParams,
    responses: { 200: { description: 'Confirmed', schema: c.ReadConfirmation } },
    problems: ['not-found', 'conflict'],
    handle: async ({ sv, user, params }) => ({ status: 200, body: await sv.routineReads.confirm(user, params.id) }),
  }),
  route({
    operationId: 'routineUnread', method: 'get', path: '/routines/{id}/unread', tag, access: 'session', policy: 'routine.unread',
    summary: 'Who at your units (and below) has not confirmed reading the version in force',
    params: idParams,
    responses: { 200: { description: 'The count and the names', schema: c.UnreadSummary } },
    problems: ['not-found', 'conflict'],
    handle: async ({ sv, user, params }) => ({ status: 200, body: await sv.routineReads.unread(user, params.id) }),
  }),
];
