/** Workers of avvikelsehantering (bpmn/avvikelse.bpmn; DOMAIN.md §5.3). */
import { z } from 'zod';
import { AREAS, closeDeviation, recordActions, recordAssessment, registerDeviation } from '../src/domain/deviations/index.js';
import { concernsOf } from '../src/domain/processes/concerns.js';
import { JobTypes } from './jobTypes.js';
import { requestLinkedCase } from './linkedCase.js';
import { defineWorker, done } from './registry.js';

const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T/);
const level = z.coerce.number().int().min(1).max(4);

export const avvikelseRegisterWorker = defineWorker({
  jobType: JobTypes.avvikelseRegister,
  description: 'Registrerar avvikelsen som ärende (AV-år-nummer)',
  input: z.object({
    unitId: z.string().min(1),
    area: z.enum(AREAS),
    category: z.string().min(1),
    occurredAt: z.string().min(1),
    // where it happened, checked against the map when the report was started
    concernsProcessId: z.string().min(1).nullish(),
    concernsElementId: z.string().min(1).nullish(),
  }),
  output: z.object({ caseNumber: z.string().regex(/^AV-\d{4}-\d{4,}$/), reportedAt: iso }),
  async handle(input, job, deps) {
    const occurredAt = new Date(input.occurredAt);
    const d = await registerDeviation(deps.db, {
      processInstanceKey: job.processInstanceKey,
      unitId: input.unitId,
      area: input.area,
      category: input.category,
      occurredAt: Number.isNaN(occurredAt.getTime()) ? deps.clock.now() : occurredAt,
      reportedAt: deps.clock.now(),
      concerns: concernsOf(input),
    });
    return done({ caseNumber: d.caseNumber, reportedAt: deps.clock.now().toISOString() });
  },
});

export const avvikelseAssessedWorker = defineWorker({
  jobType: JobTypes.avvikelseAssessed,
  description: 'Räknar riskvärdet (sannolikhet × konsekvens) och avgör vart avvikelsen går vidare',
  input: z.object({ severity: z.coerce.number().int().min(1).max(3), probability: level, consequence: level }),
  output: z.object({ route: z.enum(['lex-sarah', 'mas', 'none']), riskScore: z.number().int().min(1).max(16) }),
  async handle(input, job, deps) {
    const d = await recordAssessment(deps.db, job.processInstanceKey, input);
    return done({ route: d.route!, riskScore: d.riskScore! });
  },
});

export const avvikelseReportLexSarahWorker = defineWorker({
  jobType: JobTypes.avvikelseReportLexSarah,
  description: 'Startar ett lex Sarah-ärende med avvikelsens uppgifter',
  input: z.object({ caseNumber: z.string().min(1), unitId: z.string().min(1), description: z.string().optional(), occurredAt: z.string().min(1) }),
  output: z.object({ lexSarahRequestedAt: iso }),
  async handle(input, job, deps) {
    await requestLinkedCase(deps, job, 'lex-sarah', input);
    return done({ lexSarahRequestedAt: deps.clock.now().toISOString() });
  },
});

export const avvikelseReportLexMariaWorker = defineWorker({
  jobType: JobTypes.avvikelseReportLexMaria,
  description: 'Startar ett lex Maria-ärende med avvikelsens uppgifter när MAS bedömt att den ska anmälas',
  input: z.object({ caseNumber: z.string().min(1), unitId: z.string().min(1), description: z.string().optional(), occurredAt: z.string().min(1) }),
  output: z.object({ lexMariaRequestedAt: iso }),
  async handle(input, job, deps) {
    await requestLinkedCase(deps, job, 'lex-maria', input);
    return done({ lexMariaRequestedAt: deps.clock.now().toISOString() });
  },
});

export const avvikelseActionsPlannedWorker = defineWorker({
  jobType: JobTypes.avvikelseActionsPlanned,
  description: 'Registrerar de beslutade åtgärderna (avvikelsen är klar när den sista åtgärden ska vara det)',
  input: z.object({ actions: z.array(z.object({ dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}/) }).passthrough()).min(1) }),
  output: z.object({ actionsDueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  async handle(input, job, deps) {
    const d = await recordActions(
      deps.db,
      job.processInstanceKey,
      input.actions.map((a) => a.dueDate),
    );
    return done({ actionsDueOn: d.actionsDueOn! });
  },
});

export const avvikelseCloseWorker = defineWorker({
  jobType: JobTypes.avvikelseClose,
  description: 'Avslutar avvikelsen när dess åtgärder är avslutade',
  input: z.object({}).passthrough(),
  output: z.object({ closedAt: iso }),
  async handle(_input, job, deps) {
    const now = deps.clock.now();
    await closeDeviation(deps.db, job.processInstanceKey, now);
    return done({ closedAt: now.toISOString() });
  },
});
