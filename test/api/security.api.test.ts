/**
 * The security holes of issue 15's first slice, on the real wiring: a claimed task is completed
 * only by its assignee (a manager takes it over explicitly, and the previous assignee is told);
 * a task is assigned only to a person it is offered to; the public e-service is idempotent by
 * its submission id; and the audit log has the inbox reads, refused reads, and completions only
 * once the engine accepted them.
 */
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { apiSetups, until, useApi } from '../support/api.js';
import { LEX_SARAH_FORMS as FORMS, LEX_SARAH_REPORT as REPORT } from '../support/lexSarah.js';

const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));

describe.each(apiSetups())('security of tasks, the e-service and the audit on $name', (setup) => {
  const ctx = useApi(setup, clock, { PUBLIC_FORM_RATE_LIMIT_PER_MINUTE: '1000' });
  const { as, taskFor } = ctx;
  const db = () => ctx.t.db;
  const auditOf = (action: string, key: string) => db()('audit_log').where({ action, subject_key: key }).select('actor', 'subject_type', 'detail');

  beforeAll(async () => {
    // a second enhetschef at the unit (a colleague who also manages), one above it, and one elsewhere
    await ctx.services.org.ensureUser('kollega', 'Kim Kollega', 'demo', [{ role: 'enhetschef', nodeId: 'hemtjanst-solrosen' }]);
    await ctx.services.org.ensureUser('ovanfor', 'Olle Ovanför', 'demo', [{ role: 'enhetschef', nodeId: 'aldreomsorg' }]);
    await ctx.services.org.ensureUser('annanstans', 'Alva Annanstans', 'demo', [{ role: 'enhetschef', nodeId: 'vobo-linden' }]);
  });

  const immediateMeasures = async () => {
    const med = await as('medarbetare');
    const { body } = await med.post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: REPORT }).expect(201);
    return taskFor('enhetschef', body.key as string, 'Task_ImmediateMeasures');
  };
  const taskRow = (key: string) => db()('user_task').where({ key }).first('state', 'assignee', 'taken_from');

  it('refuses a colleague completing or drafting a task someone else claimed (409 task-claimed); a manager takes it over and the assignee is told', async () => {
    const task = await immediateMeasures();
    const chef = await as('enhetschef');
    const colleague = await as('kollega');
    await chef.post(`/api/v1/tasks/${task.key}/assignment`).send({ assignee: 'enhetschef' }).expect(200);

    // given the task is the enhetschef's, when the colleague completes it or saves a draft: 409, nothing changes
    const completing = await colleague.post(`/api/v1/tasks/${task.key}/completion`).send({ variables: FORMS.Task_ImmediateMeasures }).expect(409);
    expect(completing.body).toMatchObject({ type: '/api/v1/problems/task-claimed', title: 'Uppgiften är tagen av någon annan', status: 409 });
    expect(completing.body.detail).not.toContain('enhetschef');
    const drafting = await colleague.put(`/api/v1/tasks/${task.key}/draft`).send({ variables: {} }).expect(409);
    expect(drafting.body.type).toBe('/api/v1/problems/task-claimed');
    expect(await taskRow(task.key)).toEqual({ state: 'open', assignee: 'enhetschef', taken_from: null });
    expect(Number((await db()('task_draft').where({ task_key: task.key }).count<{ n: string }[]>('* as n'))[0]!.n)).toBe(0);
    expect(await auditOf('complete', task.key)).toEqual([]);

    // the task says who may take it over: the colleague, an enhetschef at the unit, and not its assignee
    expect((await colleague.get(`/api/v1/tasks/${task.key}`).expect(200)).body.mayTakeOver).toBe(true);
    expect((await chef.get(`/api/v1/tasks/${task.key}`).expect(200)).body.mayTakeOver).toBe(false);
    // when the colleague (an enhetschef at the unit: may assign there) takes it over explicitly
    const taken = await colleague.post(`/api/v1/tasks/${task.key}/assignment`).send({ assignee: 'kollega' }).expect(200);
    expect(taken.body).toMatchObject({ assignee: 'kollega', takenFrom: 'enhetschef' });
    // then the previous assignee is told: on the task, in their counts, and in the audit log
    expect((await chef.get(`/api/v1/tasks/${task.key}`).expect(200)).body).toMatchObject({ takenFrom: 'enhetschef', mayTakeOver: true });
    expect((await chef.get('/api/v1/tasks/counts').expect(200)).body.takenFromMe).toBeGreaterThanOrEqual(1);
    expect((await colleague.get('/api/v1/tasks/counts').expect(200)).body.takenFromMe).toBe(0);
    expect(await auditOf('take-over', task.key)).toEqual([{ actor: 'kollega', subject_type: 'task', detail: { from: 'enhetschef', to: 'kollega' } }]);
    // and the former assignee may no longer complete it; the new one may
    await chef.post(`/api/v1/tasks/${task.key}/completion`).send({ variables: FORMS.Task_ImmediateMeasures }).expect(409);
    await colleague.post(`/api/v1/tasks/${task.key}/completion`).send({ variables: FORMS.Task_ImmediateMeasures }).expect(204);
    // the completion is audited once the engine accepted it, by whoever completed it
    expect(await auditOf('complete', task.key)).toEqual([{ actor: 'kollega', subject_type: 'task', detail: null }]);
  });

  it('assigns a task only to a person who holds one of its candidate roles at its unit or above (else 422 on assignee, nothing changes)', async () => {
    const task = await immediateMeasures();
    const chef = await as('enhetschef');
    const commandsBefore = await db()('outbox_command').where({ kind: 'assignUserTask' }).count<{ n: string }[]>('* as n');
    for (const assignee of ['finns-inte', 'medarbetare', 'annanstans']) {
      const r = await chef.post(`/api/v1/tasks/${task.key}/assignment`).send({ assignee }).expect(422);
      expect(r.body).toMatchObject({ type: '/api/v1/problems/assignee-ineligible', errors: [{ field: 'assignee' }] });
      expect(JSON.stringify(r.body)).not.toContain(assignee);
    }
    expect(await taskRow(task.key)).toEqual({ state: 'open', assignee: null, taken_from: null });
    expect(await db()('outbox_command').where({ kind: 'assignUserTask' }).count<{ n: string }[]>('* as n')).toEqual(commandsBefore);
    expect(await auditOf('assign', task.key)).toEqual([]);
    // an enhetschef above the unit is offered the task: they may be given it
    const given = await chef.post(`/api/v1/tasks/${task.key}/assignment`).send({ assignee: 'ovanfor' }).expect(200);
    expect(given.body).toMatchObject({ assignee: 'ovanfor', takenFrom: null });
    expect((await (await as('ovanfor')).get(`/api/v1/tasks/${task.key}`).expect(200)).body.assignee).toBe('ovanfor');
  });

  it('answers a repeated submission id of the public e-service with the same receipt and starts one case', async () => {
    const form = { kind: 'klagomal', senderType: 'anhorig', unitId: 'hemtjanst-solrosen', description: 'Dubbelklick.', submissionId: crypto.randomUUID() };
    // a double click: two requests at once, then a third after the answer (without Idempotency-Key, as a browser resend)
    const both = await Promise.all([1, 2].map(() => request(ctx.app).post('/api/v1/public/synpunkter').send(form).expect(202)));
    const again = await request(ctx.app).post('/api/v1/public/synpunkter').send(form).expect(202);
    const receipt = both[0]!.body.receipt as string;
    expect([both[1]!.body.receipt, again.body.receipt]).toEqual([receipt, receipt]);
    expect(await db()('public_submission').where({ submission_id: form.submissionId }).select('receipt')).toEqual([{ receipt }]);
    expect(await db()('outbox_command').whereRaw("follow_up_data->>'receipt' = ?", [receipt]).select('id')).toHaveLength(1);
    // the one case starts
    await until(async () => {
      for (const i of await ctx.services.engine.listProcessInstances({ processId: 'synpunkt' })) {
        if ((await ctx.services.engine.getVariables(i.key)).receipt === receipt) return true;
      }
      return undefined;
    });
    // another id is another submission; a malformed id is refused by the schema
    const other = await request(ctx.app)
      .post('/api/v1/public/synpunkter')
      .send({ ...form, submissionId: crypto.randomUUID() })
      .expect(202);
    expect(other.body.receipt).not.toBe(receipt);
    const bad = await request(ctx.app)
      .post('/api/v1/public/synpunkter')
      .send({ ...form, submissionId: 'inte-ett-uuid' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['submissionId']);
  });

  it('audits the inbox reads and refused reads of tasks and cases, with keys and no contents', async () => {
    const task = await immediateMeasures();
    const before = new Date(0);
    const chef = await as('enhetschef');
    await chef.get('/api/v1/tasks').query({ processId: 'lex-sarah', pageSize: 5 }).expect(200);
    const lists = await db()('audit_log')
      .where({ actor: 'enhetschef', action: 'list', subject_type: 'task', subject_key: 'lex-sarah' })
      .where('at', '>', before);
    expect(lists.length).toBeGreaterThanOrEqual(1);
    expect(lists.at(-1)!.detail).toMatchObject({ state: 'open', page: 1 });
    // a task the user may not see (403), one that does not exist (404), a case outside their units (403), an unknown case (404)
    const elsewhere = await as('annanstans');
    await elsewhere.get(`/api/v1/tasks/${task.key}`).expect(403);
    await elsewhere.get('/api/v1/tasks/999999999998').expect(404);
    await elsewhere.get(`/api/v1/process-instances/${task.processInstanceKey}`).expect(403);
    await elsewhere.get('/api/v1/process-instances/999999999997').expect(404);
    const refused = await db()('audit_log')
      .where({ actor: 'annanstans' })
      .whereIn('action', ['read-refused', 'read-not-found'])
      .orderBy('id')
      .select('action', 'subject_type', 'subject_key');
    expect(refused).toEqual([
      { action: 'read-refused', subject_type: 'task', subject_key: task.key },
      { action: 'read-not-found', subject_type: 'task', subject_key: '999999999998' },
      { action: 'read-refused', subject_type: 'process-instance', subject_key: task.processInstanceKey },
      { action: 'read-not-found', subject_type: 'process-instance', subject_key: '999999999997' },
    ]);
    // no row carries what the report says
    const all = JSON.stringify(await db()('audit_log').select('subject_key', 'detail'));
    expect(all).not.toContain(String(REPORT.description));
  });

  it('writes no completion to the audit log that the engine refused', async () => {
    // a task the inbox shows but the engine does not know (as after a lost event): the engine refuses its completion
    const real = await immediateMeasures();
    const key = '999000111222';
    await db()('user_task').insert({
      key,
      process_instance_key: real.processInstanceKey,
      process_id: 'lex-sarah',
      element_id: 'Task_ImmediateMeasures',
      state: 'open',
      candidate_groups: JSON.stringify(['enhetschef']),
      candidate_users: JSON.stringify([]),
      priority: 50,
      unit_id: 'hemtjanst-solrosen',
      created_at: clock.now(),
    });
    const chef = await as('enhetschef');
    await chef.post(`/api/v1/tasks/${key}/completion`).send({ variables: {} }).expect(404);
    expect(await auditOf('complete', key)).toEqual([]);
    expect(await auditOf('complete-refused', key)).toEqual([{ actor: 'system', subject_type: 'task', detail: null }]);
    expect((await taskRow(key))!.state).toBe('open');
  });
});
