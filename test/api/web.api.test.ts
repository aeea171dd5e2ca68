/**
 * The API the rebuilt web front end needs (issue 5), by the demo users on each engine: the
 * process map's adoption time and activities, the instance list and detail, retrying an
 * incident, drafts, the deadline behind a due date, a task's context, and who may assign.
 */
import { stockholmDate } from '../../src/domain/calendar/localDate.js';
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { complete } from '../../src/engine/port.js';
import * as b from '../conformance/bpmn.js';
import { LEX_SARAH_FORMS as FORMS, LEX_SARAH_REPORT as REPORT } from '../support/lexSarah.js';
import { apiSetups, until, useApi } from '../support/api.js';

describe.each(apiSetups())("the web front end's API on $name", (setup) => {
  // Thursday 25 March 2027, 09:00 in Stockholm
  const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));
  const ctx = useApi(setup, clock);
  const { as, taskFor, completeAs } = ctx;
  const report = async () =>
    (await (await as('medarbetare')).post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: REPORT }).expect(201)).body.key as string;
  // cancels and waits until the instance has ended (on Camunda its rows follow the broker's events)
  const cancel = async (key: string) => {
    await ctx.services.engine.cancelInstance(key);
    await until(async () => ((await ctx.services.engine.getProcessInstance(key)).state !== 'ACTIVE' ? true : undefined));
  };
  const audits = async (action: string, subjectType: string) =>
    Number((await ctx.t.db('audit_log').where({ action, subject_type: subjectType }).count({ n: '*' }).first())?.n);

  it('lists process definitions with the adoption date of their published version (at installation: the day it was deployed)', async () => {
    const r = await (await as('medarbetare')).get('/api/v1/process-definitions').expect(200);
    const sarah = r.body.find((d: { processId: string }) => d.processId === 'lex-sarah');
    const row = (await ctx.t.db('engine_definition').where({ key: sarah.key }).first())!;
    expect(sarah.adoptedAt).toBe(stockholmDate(new Date(row.deployed_at)));
    expect(await ctx.t.db('process_version').where({ process_id: 'lex-sarah', state: 'published' }).first('definition_key', 'adopted_by')).toEqual({
      definition_key: sarah.key,
      adopted_by: 'införande',
    });
    expect(sarah).toMatchObject({ group: 'stod', ownerRole: 'socialchef', startable: true, version: row.version });
  });

  it('lists the activities of a process with role, routines, waiting instances and overdue tasks', async () => {
    const key = await report();
    const task = await taskFor('enhetschef', key, 'Task_ImmediateMeasures');
    await ctx.services.engine.updateUserTask(task.key, { dueDate: new Date('2027-03-24T16:00:00+01:00') });
    await until(async () => ((await ctx.t.db('user_task').where({ key: task.key }).first())?.due_date ? true : undefined));
    const r = await (await as('medarbetare')).get('/api/v1/process-definitions/lex-sarah/activities').expect(200);
    const byId = new Map(r.body.map((a: { elementId: string }) => [a.elementId, a]));
    expect(byId.get('Task_ImmediateMeasures')).toEqual({
      elementId: 'Task_ImmediateMeasures',
      name: 'Vidta omedelbara åtgärder',
      type: 'userTask',
      role: 'enhetschef',
      routines: await ctx.services.routines.forActivity('lex-sarah', 'Task_ImmediateMeasures'),
      waiting: 1,
      overdue: 1,
    });
    expect(byId.get('Task_ReportToIvo')).toMatchObject({ type: 'userTask', role: 'utredare, kvalitetsledare', waiting: 0, overdue: 0 });
    expect(byId.get('Task_RegisterCase')).toMatchObject({ type: 'serviceTask', role: 'socialchef' });
    expect((byId.get('Task_ReportToIvo') as { routines: { id: string }[] }).routines.map((x) => x.id)).toContain('riktlinje-lex-sarah-ivo');
    expect(byId.has('StartEvent_1')).toBe(false);
    await (await as('medarbetare')).get('/api/v1/process-definitions/nope/activities').expect(404);
    await cancel(key);
  });

  it('lists only the instances a user may read, waiting at an activity, including those started by a message', async () => {
    const key = await report();
    await taskFor('enhetschef', key, 'Task_ImmediateMeasures');
    await (
      await as('medarbetare')
    )
      .post('/api/v1/public/synpunkter')
      .send({ kind: 'klagomal', senderType: 'anhorig', unitId: 'hemtjanst-solrosen', description: 'Maten var kall.' })
      .expect(202);
    const sy = await until(async () => ctx.t.db('engine_instance').where({ process_id: 'synpunkt', state: 'ACTIVE' }).first());
    const listed = await audits('list', 'process-instance');
    const q = { processId: 'lex-sarah', elementId: 'Task_ImmediateMeasures', state: 'active' };
    const chef = await (await as('enhetschef')).get('/api/v1/process-instances').query(q).expect(200);
    expect(chef.body).toMatchObject({ total: 1, page: 1, pageSize: 25 });
    const entered = (await ctx.services.engine.listElementInstances(key)).find((e) => e.elementId === 'Task_ImmediateMeasures')!.startedAt;
    expect(chef.body.items[0]).toMatchObject({
      key,
      processId: 'lex-sarah',
      unitId: 'hemtjanst-solrosen',
      unitName: 'Hemtjänst Solrosen',
      state: 'ACTIVE',
      endedAt: null,
      waitingSince: entered.toISOString(),
    });
    expect(chef.body.items[0].caseNumber).toBe((await ctx.services.engine.getVariables(key)).caseNumber ?? null);
    expect(await audits('list', 'process-instance')).toBe(listed + 1);
    // the handläggare holds no role at the unit and started nothing
    const other = await (await as('handlaggare')).get('/api/v1/process-instances').query({ state: 'active' }).expect(200);
    expect(other.body.items.map((i: { key: string }) => i.key)).not.toContain(key);
    expect(other.body.items.map((i: { key: string }) => i.key)).not.toContain(String(sy.key));
    // the synpunkt has no start row: its unit is its variable, and the verksamhetschef above the unit sees it
    const above = await (await as('verksamhetschef')).get('/api/v1/process-instances').query({ processId: 'synpunkt' }).expect(200);
    expect(above.body.items.find((i: { key: string }) => i.key === String(sy.key))).toMatchObject({
      unitId: 'hemtjanst-solrosen',
      unitName: 'Hemtjänst Solrosen',
      waitingSince: null,
    });
    await (await as('enhetschef')).get('/api/v1/process-instances').query({ state: 'open' }).expect(400);
    await cancel(key);
    await cancel(String(sy.key));
  });

  it('shows an instance with element names, its tasks and whether the user may retry incidents', async () => {
    const key = await report();
    await completeAs('enhetschef', key, 'Task_ImmediateMeasures', FORMS.Task_ImmediateMeasures!);
    const detail = await until(async () => {
      const r = await (await as('enhetschef')).get(`/api/v1/process-instances/${key}`).expect(200);
      return r.body.tasks.some((t: { elementId: string }) => t.elementId === 'Task_Investigate') ? r.body : undefined;
    });
    expect(detail.history.find((h: { elementId: string }) => h.elementId === 'Task_ImmediateMeasures')).toMatchObject({
      name: 'Vidta omedelbara åtgärder',
      elementType: 'userTask',
      state: 'COMPLETED',
    });
    expect(detail.tasks[0]).toMatchObject({
      name: 'Vidta omedelbara åtgärder',
      elementId: 'Task_ImmediateMeasures',
      state: 'completed',
      completedBy: 'enhetschef',
      assignee: null,
    });
    expect(detail.tasks[0].completedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(detail.tasks[1]).toMatchObject({ elementId: 'Task_Investigate', state: 'open', completedAt: null, completedBy: null });
    expect(detail).toMatchObject({ mayRetry: false, processId: 'lex-sarah' });
    expect((await (await as('kvalitetsledare')).get(`/api/v1/process-instances/${key}`).expect(200)).body.mayRetry).toBe(true);
    await (await as('handlaggare')).get(`/api/v1/process-instances/${key}`).expect(403);
    await cancel(key);
  });

  it('retries an incident for admin and kvalitetsledare only', async () => {
    const engine = ctx.services.engine;
    await engine.deploy([
      {
        name: 'web-incident.bpmn',
        content: b.model('web-incident', [b.start('s'), b.service('Task_Call', 'web-incident-job', '', 1), b.end('e')], b.chain('s', 'Task_Call', 'e')),
      },
    ]);
    let broken = true;
    engine.registerWorker({
      jobType: 'web-incident-job',
      handler: async () => {
        if (broken) throw new Error('tjänsten svarar inte');
        return complete({ called: true });
      },
    });
    const { key } = await engine.startInstance('web-incident');
    const incident = await until(async () => (await engine.listIncidents({ processInstanceKey: key, state: 'ACTIVE' }))[0]);
    expect(incident.errorType).toBe('JOB_NO_RETRIES');
    await (await as('medarbetare')).post(`/api/v1/incidents/${incident.key}/resolution`).expect(403);
    await (await as('admin')).post('/api/v1/incidents/4503599627370495/resolution').expect(404);
    broken = false;
    await (await as('kvalitetsledare')).post(`/api/v1/incidents/${incident.key}/resolution`).expect(204);
    await until(async () => ((await engine.getProcessInstance(key)).state === 'COMPLETED' ? true : undefined));
    expect((await engine.getVariables(key)).called).toBe(true);
    expect(
      await ctx.t.db('audit_log').where({ action: 'resolve', subject_type: 'incident', subject_key: incident.key, actor: 'kvalitetsledare' }).first(),
    ).toBeDefined();
  });

  it('keeps a draft per task and user, merged into the form, removed on completion and when the task is cancelled', async () => {
    const key = await report();
    const task = await taskFor('enhetschef', key, 'Task_ImmediateMeasures');
    const chef = await as('enhetschef');
    const saved = await chef
      .put(`/api/v1/tasks/${task.key}/draft`)
      .send({ variables: { immediateMeasures: 'Påbörjat' } })
      .expect(200);
    expect(saved.body).toEqual({ variables: { immediateMeasures: 'Påbörjat' }, savedAt: clock.now().toISOString() });
    const form = await chef.get(`/api/v1/tasks/${task.key}/form`).expect(200);
    expect(form.body.data).toMatchObject({ immediateMeasures: 'Påbörjat', location: 'Rum 3' });
    expect(form.body.draftSavedAt).toBe(clock.now().toISOString());
    const bad = await chef
      .put(`/api/v1/tasks/${task.key}/draft`)
      .send({ variables: { immediateMeasures: 'x', notAField: 1 } })
      .expect(400);
    expect(bad.body.errors).toEqual([{ field: 'variables.notAField', message: 'finns inte i uppgiftens formulär' }]);
    await (await as('handlaggare')).put(`/api/v1/tasks/${task.key}/draft`).send({ variables: {} }).expect(403);
    await chef.delete(`/api/v1/tasks/${task.key}/draft`).expect(204);
    const cleared = await chef.get(`/api/v1/tasks/${task.key}/form`).expect(200);
    expect(cleared.body.draftSavedAt).toBeNull();
    expect(cleared.body.data.immediateMeasures).toBeUndefined();
    await chef
      .put(`/api/v1/tasks/${task.key}/draft`)
      .send({ variables: { immediateMeasures: 'Nästan klart' } })
      .expect(200);
    await chef.post(`/api/v1/tasks/${task.key}/completion`).send({ variables: FORMS.Task_ImmediateMeasures }).expect(204);
    expect(await ctx.t.db('task_draft').where({ task_key: task.key })).toEqual([]);
    await chef.put(`/api/v1/tasks/${task.key}/draft`).send({ variables: {} }).expect(409);
    // a draft of a task that is then cancelled (the case is cancelled) goes too
    const next = await taskFor('utredare', key, 'Task_Investigate');
    await (
      await as('utredare')
    )
      .put(`/api/v1/tasks/${next.key}/draft`)
      .send({ variables: { whatHappened: 'Påbörjat' } })
      .expect(200);
    await cancel(key);
    await until(async () => ((await ctx.t.db('task_draft').where({ task_key: next.key })).length === 0 ? true : undefined));
  });

  it("names the deadline rule behind a task's due date, and none when no rule set it", async () => {
    const h = await as('handlaggare');
    const started = await h
      .post('/api/v1/process-instances')
      .send({
        processId: 'huvudprocess',
        variables: {
          inflow: 'anmalan',
          isChild: true,
          law: 'sol',
          unitId: 'barn-och-unga',
          clientReference: 'BU-1',
          description: 'Orosanmälan.',
        },
      })
      .expect(201);
    // (on Camunda the instance is read from the projection, which may not have it yet)
    const caseNumber = await until(
      async () => (await ctx.services.engine.getVariables(started.body.key).catch((): Record<string, unknown> => ({}))).caseNumber as string | undefined,
    );
    const protection = await ctx.caseTask('handlaggare', caseNumber, 'Task_ProtectionAssessment');
    const r = await h.get(`/api/v1/tasks/${protection.key}`).expect(200);
    expect(r.body.deadline).toEqual({ kind: 'legal', title: 'Skyddsbedömning', basis: 'SoL (2025:400) 20 kap. 2 §: genast, samma dag som anmälan kom in' });
    expect(r.body.dueDate).not.toBeNull();
    const key = await report();
    const measures = await taskFor('enhetschef', key, 'Task_ImmediateMeasures');
    expect((await (await as('enhetschef')).get(`/api/v1/tasks/${measures.key}`).expect(200)).body.deadline).toBeNull();
    await cancel(started.body.key);
    await cancel(key);
  });

  it('gives a task its context: the timeline and what earlier tasks recorded', async () => {
    const key = await report();
    await completeAs('enhetschef', key, 'Task_ImmediateMeasures', FORMS.Task_ImmediateMeasures!);
    const investigate = await taskFor('utredare', key, 'Task_Investigate');
    const before = await audits('read-context', 'task');
    const r = await (await as('utredare')).get(`/api/v1/tasks/${investigate.key}/context`).expect(200);
    expect(await audits('read-context', 'task')).toBe(before + 1);
    expect(r.body.earlier).toHaveLength(2);
    // first the report itself (the start form), by whoever reported it
    expect(r.body.earlier[0]).toMatchObject({ taskKey: null, name: 'Rapport om missförhållande', completedBy: 'medarbetare' });
    expect(r.body.earlier[0].fields).toContainEqual({ key: 'description', label: 'Vad har hänt?', value: REPORT.description });
    // a chosen unit reads as its name
    expect(r.body.earlier[0].fields).toContainEqual(expect.objectContaining({ key: 'unitId', value: 'hemtjanst-solrosen', text: 'Hemtjänst Solrosen' }));
    expect(r.body.earlier[1]).toMatchObject({ name: 'Vidta omedelbara åtgärder', completedBy: 'enhetschef' });
    expect(r.body.earlier[1].fields).toEqual([
      {
        key: 'immediateMeasures',
        label: 'Vilka åtgärder har vidtagits för att avhjälpa eller undanröja missförhållandet?',
        value: FORMS.Task_ImmediateMeasures!.immediateMeasures,
      },
      { key: 'measuresTakenAt', label: 'Datum då åtgärderna vidtogs', value: FORMS.Task_ImmediateMeasures!.measuresTakenAt },
      { key: 'clientSafe', label: 'Den enskildes säkerhet är tryggad', value: true },
    ]);
    const at = (id: string) => r.body.timeline.find((e: { elementId: string }) => e.elementId === id);
    expect(at('Task_ImmediateMeasures')).toMatchObject({ name: 'Vidta omedelbara åtgärder', type: 'userTask', state: 'COMPLETED' });
    expect(at('Task_Investigate')).toMatchObject({ name: 'Registrera och utred', state: 'ACTIVE', endedAt: null });
    await (await as('handlaggare')).get(`/api/v1/tasks/${investigate.key}/context`).expect(403);
    await cancel(key);
  });

  it('lets a user take a task or give back their own; only an enhetschef or admin at the unit assigns to others', async () => {
    await ctx.services.org.ensureUser('utredare2', 'Ulla Utredare', 'demo', [{ role: 'utredare', nodeId: 'socialforvaltningen' }]);
    const key = await report();
    await completeAs('enhetschef', key, 'Task_ImmediateMeasures', FORMS.Task_ImmediateMeasures!);
    const task = await taskFor('utredare', key, 'Task_Investigate');
    const u = await as('utredare');
    const u2 = await as('utredare2');
    const refused = await u.post(`/api/v1/tasks/${task.key}/assignment`).send({ assignee: 'utredare2' }).expect(403);
    expect(refused.body.detail).toBe('Du kan bara ta uppgiften själv eller lämna tillbaka din egen; enhetschef eller admin fördelar till andra');
    expect((await u.post(`/api/v1/tasks/${task.key}/assignment`).send({ assignee: 'utredare' }).expect(200)).body.assignee).toBe('utredare');
    await u2.post(`/api/v1/tasks/${task.key}/assignment`).send({ assignee: null }).expect(403);
    await u2.post(`/api/v1/tasks/${task.key}/assignment`).send({ assignee: 'utredare2' }).expect(403);
    expect((await u.post(`/api/v1/tasks/${task.key}/assignment`).send({ assignee: null }).expect(200)).body.assignee).toBeNull();
    // the enhetschef at the unit gives the next task to a colleague the task is offered to (another enhetschef there)
    await ctx.services.org.ensureUser('enhetschef2', 'Elsa Enhetschef', 'demo', [{ role: 'enhetschef', nodeId: 'hemtjanst-solrosen' }]);
    const key2 = await report();
    const measures = await taskFor('enhetschef', key2, 'Task_ImmediateMeasures');
    expect((await (await as('enhetschef')).post(`/api/v1/tasks/${measures.key}/assignment`).send({ assignee: 'enhetschef2' }).expect(200)).body.assignee).toBe(
      'enhetschef2',
    );
    await cancel(key);
    await cancel(key2);
  });
});
