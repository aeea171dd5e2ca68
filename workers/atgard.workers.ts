/** Workers of the shared action process (bpmn/atgard.bpmn; one instance per action). */
import { z } from 'zod';
import { ACTION_OWNER_ROLES, actionDueAt, closeAction, recordImplemented, registerAction } from '../src/domain/actions/index.js';
import { stockholmDate } from '../src/domain/calendar/index.js';
import { JobTypes } from './jobTypes.js';
import { defineWorker, done } from './registry.js';

const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T/);
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/)
  .transform((s) => s.slice(0, 10));

export const atgardRegisterWorker = defineWorker({
  jobType: JobTypes.atgardRegister,
  description: 'Registrerar åtgärden (AT-år-nummer) med ansvarig roll och förfallodag',
  input: z.object({
    action: z.object({ title: z.string().min(1).max(500), ownerRole: z.enum(ACTION_OWNER_ROLES), dueDate: date }),
    caseNumber: z.string().optional(),
    unitId: z.string().optional(),
  }),
  output: z.object({ actionNumber: z.string().regex(/^AT-\d{4}-\d{4,}$/), ownerRole: z.string(), actionDueAt: iso }),
  async handle(input, job, deps) {
    const a = await registerAction(deps.db, {
      processInstanceKey: job.processInstanceKey,
      sourceCaseNumber: input.caseNumber,
      unitId: input.unitId,
      title: input.action.title,
      ownerRole: input.action.ownerRole,
      dueOn: input.action.dueDate,
      at: deps.clock.now(),
    });
    return done({ actionNumber: a.caseNumber, ownerRole: a.ownerRole, actionDueAt: actionDueAt(a.dueOn) });
  },
});

export const atgardImplementedWorker = defineWorker({
  jobType: JobTypes.atgardImplemented,
  description: 'Noterar att åtgärden är genomförd och när effekten ska följas upp',
  input: z.object({ effectFollowUpDate: date }),
  output: z.object({ effectFollowUpAt: iso }),
  async handle(input, job, deps) {
    // a follow-up date in the past is followed up today, not lost
    const today = stockholmDate(deps.clock.now());
    const on = input.effectFollowUpDate < today ? today : input.effectFollowUpDate;
    const { effectFollowUpAt } = await recordImplemented(deps.db, job.processInstanceKey, { effectFollowUpOn: on, at: deps.clock.now() });
    return done({ effectFollowUpAt });
  },
});

export const atgardCloseWorker = defineWorker({
  jobType: JobTypes.atgardClose,
  description: 'Avslutar åtgärden med uppföljningens resultat',
  input: z.object({ outcome: z.enum(['genomford', 'ej-genomford']), effective: z.enum(['ja', 'delvis', 'nej']).optional() }),
  output: z.object({ actionClosedAt: iso }),
  async handle(input, job, deps) {
    const now = deps.clock.now();
    await closeAction(deps.db, job.processInstanceKey, { implemented: input.outcome === 'genomford', effect: input.effective, at: now });
    return done({ actionClosedAt: now.toISOString() });
  },
});
