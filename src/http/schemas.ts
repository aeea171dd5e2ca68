/**
 * zod schemas of the HTTP API's bodies, queries and path parameters. Every string, array and
 * record has a maximum (issue 13, point 7): identifiers as long as the ids they name (BPMN ids
 * 200, unit ids 100, engine keys the 19 digits of a bigint), variables at most 200 fields
 * whose values the form bounds (domain/forms/limits.ts), deployments 100 resources of 2 MB.
 * NUL bytes and lone surrogates are refused before any schema (inputGuard.ts).
 */
import { z } from 'zod';
import { DECISION_LEVELS } from '../domain/routines/policy.js';

/** A BPMN id (process, element): an XML NCName, as long as any model of ours needs. */
export const bpmnId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z_][\w.-]*$/);

export const loginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
/** Process variables: at most 200 names of at most 100 characters (a form has fewer fields). */
const variables = z.record(z.string().min(1).max(100), z.unknown()).refine((v) => Object.keys(v).length <= 200, { message: 'högst 200 variabler' });
export const startBody = z.object({ processId: bpmnId, variables: variables.default({}) });
export const completeBody = z.object({ variables: variables.default({}) });
/** PUT /me/notifications: one's own e-mail address and notification choices (issue 15 point 4). */
export const notificationSettingsBody = z
  .object({
    email: z.string().trim().max(254).nullable(),
    newTasks: z.enum(['immediate', 'digest', 'off']),
    deadlineDays: z.number().int().min(0).max(30),
  })
  .strict();
export const assignBody = z.object({ assignee: z.string().min(1).max(100).nullable() });
export const messageBody = z.object({
  name: z.string().min(1).max(200),
  correlationKey: z.string().max(500).default(''),
  variables: variables.default({}),
  timeToLive: z
    .number()
    .int()
    .min(0)
    .max(365 * 24 * 3600_000)
    .default(0),
  messageId: z.string().max(200).optional(),
});
export const deployBody = z.object({
  resources: z
    .array(
      z.object({
        name: z
          .string()
          .max(200)
          .regex(/^[\w.-]+\.(bpmn|form)$/),
        content: z.string().max(2_000_000),
      }),
    )
    .min(1)
    .max(100),
});
export const taskQuery = z.object({
  state: z.enum(['open', 'completed']).default('open'),
  processId: z.string().max(200).optional(),
  assignee: z.enum(['me', 'unassigned']).optional(),
  unitId: z.string().max(100).optional(),
  due: z.enum(['overdue', 'soon']).optional(),
  sort: z.enum(['due', 'priority', 'created']).default('due'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
/** The public e-service's submission (no login). Plain language in the UI; Swedish values here. */
export const publicSynpunktBody = z
  .object({
    kind: z.enum(['klagomal', 'synpunkt', 'berom']),
    senderType: z.enum(['brukare', 'anhorig', 'medborgare', 'annan']),
    unitId: z.string().min(1).max(100),
    description: z.string().trim().min(1).max(4000),
    anonymous: z.boolean().default(false),
    contactDetails: z.string().trim().max(300).optional(),
    /** One of GET /public/processes (optional): the service it concerns. */
    concernsProcessId: z.string().min(1).max(200).optional(),
  })
  .strict();
export const instanceQuery = z.object({
  processId: z.string().min(1).max(200).optional(),
  elementId: z.string().min(1).max(200).optional(),
  state: z.enum(['active', 'completed']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
/** A draft of a task's form: at most 200 fields (values unchecked: a draft is unfinished). */
export const draftBody = z.object({
  variables: z.record(z.string().max(200), z.unknown()).refine((v) => Object.keys(v).length <= 200, { message: 'högst 200 fält' }),
});
/** An engine key: a positive bigint (a longer number was a 500 from the database). */
// (zod runs a refinement even after the regex failed: the test is repeated, BigInt() throws otherwise)
export const keyParam = z
  .string()
  .regex(/^\d{1,19}$/)
  .refine((k) => /^\d{1,19}$/.test(k) && BigInt(k) <= 9_223_372_036_854_775_807n);
/** A routine's id (a slug). */
export const routineId = z.string().min(1).max(200);
export const routineQuery = z.object({ processId: z.string().min(1).max(200) });
/** The register's search: title, text or process (at most 200 characters). */
export const routineRegisterQuery = z.object({ q: z.string().trim().max(200).optional() });
/** A version's number. */
const routineVersionNumber = z.coerce.number().int().min(1).max(100_000);
export const routineVersionParams = z.object({ id: routineId, number: routineVersionNumber });
export const diffQuery = z.object({ from: routineVersionNumber, to: routineVersionNumber });
/** A routine's text as HTML: at most 500,000 characters (sanitised by the service). */
const routineHtml = z.string().max(500_000);
const changeNote = z.string().trim().max(2000);
export const newRoutineBody = z
  .object({
    title: z.string().trim().min(1).max(300),
    kind: z.enum(['rutin', 'riktlinje', 'instruktion', 'checklista']),
    ownerRole: z.string().min(1).max(100),
    decisionLevel: z.enum(DECISION_LEVELS),
    reviewIntervalMonths: z.number().int().min(1).max(60).default(12),
    followUpBy: z.string().trim().min(1).max(200).optional(),
    bodyHtml: routineHtml.default(''),
    changeNote: changeNote.optional(),
  })
  .strict();
export const draftVersionBody = z.object({ bodyHtml: routineHtml.optional(), changeNote: changeNote.optional() }).strict();
export const routineReviewBody = z.object({ reviewers: z.array(z.string().min(1).max(200)).min(1).max(20) }).strict();
export const routineCommentBody = z.object({ body: z.string().trim().min(1).max(5000) }).strict();
export const adoptionBody = z.object({ decisionRef: z.string().trim().min(1).max(200), validFrom: z.iso.date().optional() }).strict();
export const routineLinksBody = z
  .object({
    links: z.array(z.object({ processId: z.string().min(1).max(200), elementId: z.string().min(1).max(200) }).strict()).max(500),
  })
  .strict();
/** A file as base64 in JSON: at most 5 MB decoded (7,000,000 base64 characters); the type is checked by the service. */
const base64File = z
  .string()
  .max(7_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
export const attachmentBody = z
  .object({ fileName: z.string().trim().min(1).max(255), contentType: z.string().min(1).max(200), dataBase64: base64File })
  .strict();
export const docxImportBody = z.object({ dataBase64: base64File }).strict();
export const attachmentParams = z.object({ id: routineId, attachmentId: z.coerce.number().int().min(1).max(2_147_483_647) });
export const riskMatrixBody = z
  .object({
    size: z.union([z.literal(4), z.literal(5)]),
    greenMax: z.number().int().min(1).max(25),
    yellowMax: z.number().int().min(2).max(25),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.yellowMax <= m.greenMax) ctx.addIssue({ code: 'custom', path: ['yellowMax'], message: 'ska vara större än greenMax' });
    if (m.yellowMax >= m.size * m.size) ctx.addIssue({ code: 'custom', path: ['yellowMax'], message: 'ska lämna några röda värden' });
  });
/** A BPMN model sent whole (the API's body limit is 1 MB). */
const bpmnXml = z.string().min(1).max(1_000_000);
/** A process version's number. */
const versionNumber = z.coerce.number().int().min(1).max(1_000_000);
export const versionParams = z.object({ processId: bpmnId, number: versionNumber });
export const versionDiffParams = z.object({ processId: bpmnId, number: versionNumber, other: versionNumber });
/** A new draft: from version `basedOn` (default the published one), or an uploaded model (import). */
export const createVersionBody = z
  .object({ basedOn: z.number().int().min(1).max(1_000_000).optional(), xml: bpmnXml.optional(), changeNote: z.string().max(2000).optional() })
  .strict();
export const saveVersionBody = z.object({ xml: bpmnXml, changeNote: z.string().max(2000) }).strict();
export const reviewBody = z.object({ reviewers: z.array(z.string().min(1).max(100)).min(1).max(20) }).strict();
export const commentBody = z.object({ text: z.string().trim().min(1).max(4000), replyTo: z.number().int().min(1).optional() }).strict();
export const lintBody = z.object({ xml: bpmnXml }).strict();
/** The period of the deviation counts on the process page: Stockholm dates, both included. */
export const deviationCountsQuery = z.object({ from: z.iso.date(), to: z.iso.date() }).strict();

/** The process map (issue 14.3): a process's kind, a role name, a new descriptive process, its place, owner and leader. */
const processKind = z.enum(['ledning', 'huvud', 'stod']);
const roleName = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z][a-z0-9_-]*$/);
export const processMapCreateBody = z
  .object({
    processId: bpmnId.optional(),
    name: z.string().trim().min(1).max(200),
    kind: processKind,
    parentId: bpmnId.nullable().optional(),
    ownerRole: roleName,
    leaderRole: roleName.nullable().optional(),
    description: z.string().max(4000).optional(),
    xml: bpmnXml.optional(),
  })
  .strict();
export const processMapPlaceBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    kind: processKind.optional(),
    parentId: bpmnId.nullable().optional(),
    position: z.number().int().min(0).max(1000).optional(),
    ownerRole: roleName.optional(),
    leaderRole: roleName.nullable().optional(),
    description: z.string().max(4000).optional(),
  })
  .strict();
export const processMapExecutableBody = z.object({ executable: z.boolean() }).strict();
export const processMapImportBody = z.object({ xml: bpmnXml, changeNote: z.string().max(2000).optional() }).strict();
/** A form's id in a path or a body (the form-js schema's `id`; forms/schema.ts checks it the same way). */
const formId = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,99}$/, 'bokstäver, siffror, - och _ (högst 100)');
/** A form-js schema: an object; forms/schema.ts says what it must hold (422 otherwise). */
const formJsSchema = z.record(z.string().max(200), z.unknown());
export const formParams = z.object({ formId });
/** A new form with its first draft. */
export const formsCreateBody = z.object({ formId, title: z.string().trim().min(1).max(200), schema: formJsSchema }).strict();
/** A form's draft (and, if given, a new title). */
export const formsDraftBody = z.object({ title: z.string().trim().min(1).max(200).optional(), schema: formJsSchema }).strict();
