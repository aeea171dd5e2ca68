/**
 * Lex Sarah end to end on each engine: the real model, forms and workers, a real database, a
 * pinned clock. Reported on Thursday 25 March 2027, the day before långfredag. On Camunda the
 * engine's read side is eventually consistent, so reads after a command wait.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { getCaseByInstance, listCaseNotifications } from '../../src/domain/lexSarah/index.js';
import type { DeployResource, ProcessEngine, UserTaskInfo } from '../../src/engine/port.js';
import { createLogger } from '../../src/logger.js';
import { allWorkers } from '../../workers/index.js';
import { registerWorkers } from '../../workers/registry.js';
import { cancelActive } from '../support/cleanup.js';
import { createTestDb, type TestDb } from '../support/databases.js';
import { createEngineFor, engineSetups } from '../support/engines.js';
import { settled, waitFor } from '../support/waits.js';
import { caseRows } from '../../src/domain/caseCore.js';

const BPMN_DIR = path.resolve(import.meta.dirname, '../../bpmn');

function resources(): DeployResource[] {
  const read = (dir: string, ext: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(ext))
      .map((name) => ({ name, content: readFileSync(path.join(dir, name), 'utf8') }));
  return [...read(path.join(BPMN_DIR, 'forms'), '.form'), ...read(BPMN_DIR, '.bpmn')];
}

const REPORT = {
  unitId: 'enhet-solglantan',
  occurredAt: '2027-03-25T08:15+01:00',
  location: 'Avdelning 2',
  description: 'Brukaren fick inte sin medicin under kvällen.',
  affectedPersons: 'En brukare på avdelning 2',
  immediateActionsTaken: 'Sjuksköterska kontaktades.',
};

describe.each(engineSetups())('lex Sarah on $name', (setup) => {
  let t: TestDb;
  let engine: ProcessEngine;
  const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));

  beforeAll(async () => {
    t = await createTestDb(setup.kind);
    const logger = createLogger('silent');
    engine = createEngineFor(setup, t, clock, logger);
    registerWorkers(engine, allWorkers, { db: t.db, clock, logger, settings: { lexSarahIvoTargetWorkdays: 2, synpunktFeedbackWorkdays: 14 } });
    await engine.deploy(resources());
    await engine.start();
  });

  afterAll(async () => {
    if (setup.zeebe && engine) await cancelActive(engine);
    await engine?.stop();
    await t?.destroy();
  });

  async function openTask(instanceKey: string, elementId: string): Promise<UserTaskInfo> {
    return waitFor(elementId, async () => {
      const tasks = await engine.listUserTasks({ processInstanceKey: instanceKey, state: 'CREATED' });
      return tasks.find((task) => task.elementId === elementId);
    });
  }

  async function completeTask(instanceKey: string, elementId: string, variables: Record<string, unknown>): Promise<UserTaskInfo> {
    const task = await openTask(instanceKey, elementId);
    await engine.completeUserTask(task.key, variables);
    return task;
  }

  async function reportAndAssess(assessment: string): Promise<string> {
    const { key } = await engine.startInstance('lex-sarah', REPORT);
    const measures = await completeTask(key, 'Task_ImmediateMeasures', {
      immediateMeasures: 'Medicinen gavs, rutinen gicks igenom med personalen.',
      measuresTakenAt: '2027-03-25',
      clientSafe: true,
    });
    expect(measures).toMatchObject({ candidateGroups: ['enhetschef'], formId: 'lex-sarah-immediate-measures' });
    await completeTask(key, 'Task_Investigate', {
      chairAndDirectorInformed: true,
      whatHappened: 'Kvällsmedicinen uteblev.',
      whyItHappened: 'Överlämningen mellan passen brast.',
      affectedPersonView: 'Brukaren var orolig.',
      causeCategories: ['rutiner', 'kommunikation'],
      causes: 'Ingen signeringslista vid passbyte.',
      howToPrevent: 'Signeringslista och checklista vid överlämning.',
      actionsTaken: 'Genomgång med personalen.',
    });
    const assess = await completeTask(key, 'Task_Assess', { assessment, assessmentMotivation: 'Se utredningen.' });
    expect(assess.candidateGroups).toEqual(['socialchef']);
    return key;
  }

  it('walks an allvarligt case: IVO due in 2 arbetsdagar over påsk, nämnd notified, follow-up after 6 months', async () => {
    const key = await reportAndAssess('allvarligt');
    await waitFor('the assessment in the variables', async () => ((await engine.getVariables(key)).assessment ? true : undefined));
    const vars = await engine.getVariables(key);
    expect(vars).toMatchObject({ unitId: 'enhet-solglantan', caseNumber: 'LS-2027-0001', assessment: 'allvarligt' });

    // the IVO task is due at the end of Wednesday 31 March (långfredag, weekend, annandag påsk skipped)
    const ivo = await openTask(key, 'Task_ReportToIvo');
    expect(ivo.name).toMatch(/IVO/);
    expect(ivo.candidateGroups).toEqual(['utredare', 'kvalitetsledare']);
    expect(ivo.dueDate?.toISOString()).toBe(new Date('2027-03-31T23:59:59+02:00').toISOString());

    // the nämnd is notified (a row) and the nämndsekreterare has a task
    const inform = await openTask(key, 'Task_InformCommittee');
    expect(inform.candidateGroups).toEqual(['namndsekreterare']);
    const record = await getCaseByInstance(t.db, key);
    expect(await listCaseNotifications(t.db, record!.id)).toHaveLength(1);

    // IVO reported without the investigation: it is due 2 months later (30 May is a Sunday → 31 May)
    await engine.completeUserTask(ivo.key, { ivoReportedAt: '2027-03-30', ivoReference: 'IVO 3.5-1234/2027', investigationAttached: false });
    const send = await openTask(key, 'Task_SendInvestigation');
    expect(send.dueDate?.toISOString()).toBe(new Date('2027-05-31T23:59:59+02:00').toISOString());
    await engine.completeUserTask(send.key, { investigationSentAt: '2027-05-20' });
    await engine.completeUserTask(inform.key, { committeeInformedAt: '2027-04-20' });

    await completeTask(key, 'Task_ActionPlan', {
      actionPlan: 'Signeringslista införs.',
      actions: [{ title: 'Signeringslista i varje kök', ownerRole: 'enhetschef', dueDate: '2027-05-01' }],
    });
    // the action runs in the shared process atgard; the case's follow-up waits for it
    const action = await waitFor('the action', async () => caseRows(t.db, 'action').where({ source_case_number: 'LS-2027-0001' }).first());
    await completeTask(action.process_instance_key, 'Task_Implement', { outcome: 'ej-genomford', whatWasDone: 'Ersätts av digital signering.' });

    // the follow-up waits for 00:00 on Monday 27 September 2027 (6 months; 25 Sep is a Saturday)
    await waitFor('the follow-up date', async () => (await engine.getVariables(key)).followUpAt as string | undefined);
    expect((await engine.getVariables(key)).followUpAt).toBe('2027-09-27T00:00:00+02:00');
    await waitFor('the follow-up timer', async () =>
      (await engine.listElementInstances(key)).some((e) => e.state === 'ACTIVE' && e.elementType === 'intermediateCatchEvent') ? true : undefined,
    );
    const followUpAt = new Date('2027-09-27T00:00:00+02:00').getTime();
    await engine.advanceClock(followUpAt - (await engine.now()).getTime() - 60_000);
    await settled(engine);
    const early = await engine.listUserTasks({ processInstanceKey: key, state: 'CREATED' });
    expect(early.map((task) => task.elementId)).toEqual([]);
    await engine.advanceClock(2 * 60_000);
    const followUp = await completeTask(key, 'Task_FollowUp', { actionsEffective: 'ja', followUpResult: 'Inga fler missar.' });
    expect(followUp.name).toBe('Följ upp åtgärdernas effekt');

    await waitFor('instance completed', async () => {
      const info = await engine.getProcessInstance(key);
      return info.state === 'COMPLETED' ? info : undefined;
    });
    expect(await getCaseByInstance(t.db, key)).toMatchObject({ status: 'closed', assessment: 'allvarligt', caseNumber: 'LS-2027-0001' });
  });

  it('closes an ej-missförhållande case right after the assessment, with no IVO task', async () => {
    const key = await reportAndAssess('ej-missforhallande');
    await waitFor('instance completed', async () => {
      const info = await engine.getProcessInstance(key);
      return info.state === 'COMPLETED' ? info : undefined;
    });
    const tasks = await engine.listUserTasks({ processInstanceKey: key });
    expect(tasks.map((task) => task.elementId).sort()).toEqual(['Task_Assess', 'Task_ImmediateMeasures', 'Task_Investigate']);
    expect((await getCaseByInstance(t.db, key))?.status).toBe('closed');
  });
});
