/** zod schemas of the HTTP API's bodies and queries. */
import { z } from 'zod';

export const loginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
export const variables = z.record(z.string(), z.unknown());
export const startBody = z.object({ processId: z.string().min(1).max(200), variables: variables.default({}) });
export const completeBody = z.object({ variables: variables.default({}) });
export const assignBody = z.object({ assignee: z.string().min(1).max(100).nullable() });
export const messageBody = z.object({
  name: z.string().min(1).max(200), correlationKey: z.string().max(500).default(''),
  variables: variables.default({}), timeToLive: z.number().int().min(0).max(365 * 24 * 3600_000).default(0),
  messageId: z.string().max(200).optional(),
});
export const deployBody = z.object({ resources: z.array(z.object({ name: z.string().regex(/^[\w.-]+\.(bpmn|form)$/), content: z.string().max(2_000_000) })).min(1) });
export const taskQuery = z.object({
  state: z.enum(['open', 'completed']).default('open'), processId: z.string().optional(),
  assignee: z.enum(['me', 'unassigned']).optional(), unitId: z.string().max(100).optional(),
  due: z.enum(['overdue', 'soon']).optional(), sort: z.enum(['due', 'priority', 'created']).default('due'),
  page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
/** The public e-service's submission (no login). Plain language in the UI; Swedish values here. */
export const publicSynpunktBody = z.object({
  kind: z.enum(['klagomal', 'synpunkt', 'berom']),
  senderType: z.enum(['brukare', 'anhorig', 'medborgare', 'annan']),
  unitId: z.string().min(1).max(100),
  description: z.string().trim().min(1).max(4000),
  anonymous: z.boolean().default(false),
  contactDetails: z.string().trim().max(300).optional(),
}).strict();
export const instanceQuery = z.object({
  processId: z.string().min(1).max(200).optional(), elementId: z.string().min(1).max(200).optional(), state: z.enum(['active', 'completed']).optional(),
  page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
/** A draft of a task's form: at most 200 fields (values unchecked: a draft is unfinished). */
export const draftBody = z.object({
  variables: z.record(z.string().max(200), z.unknown()).refine((v) => Object.keys(v).length <= 200, { message: 'högst 200 fält' }),
});
export const keyParam = z.string().regex(/^\d{1,20}$/);
export const routineQuery = z.object({ processId: z.string().min(1).max(200) });
export const riskMatrixBody = z.object({
  size: z.union([z.literal(4), z.literal(5)]),
  greenMax: z.number().int().min(1),
  yellowMax: z.number().int().min(2),
}).strict().superRefine((m, ctx) => {
  if (m.yellowMax <= m.greenMax) ctx.addIssue({ code: 'custom', path: ['yellowMax'], message: 'ska vara större än greenMax' });
  if (m.yellowMax >= m.size * m.size) ctx.addIssue({ code: 'custom', path: ['yellowMax'], message: 'ska lämna några röda värden' });
});
