/**
 * Conformance: task kinds and what a job or user task is made of. References: Camunda 8 docs,
 * components/modeler/bpmn/service-tasks (task definition: job type and retries as static values
 * or expressions; task headers), components/concepts/job-workers (requesting jobs:
 * fetchVariables), components/modeler/bpmn/script-tasks (FEEL script, resultVariable, output
 * mappings, incident and re-evaluation on resolve, job worker implementation),
 * components/modeler/bpmn/business-rule-tasks (job worker implementation),
 * components/modeler/bpmn/manual-tasks, components/modeler/bpmn/user-tasks (assignments,
 * scheduling, priority, variable mappings, task headers).
 */
import { describe, expect, it } from 'vitest';
import { complete } from '../../src/engine/port.js';
import * as b from './bpmn.js';
import { enginesUnderTest, eventually, openTasks, recordingWorker, useEngine, visited, completed, activeIncidents } from './harness.js';

const UT = 'components/modeler/bpmn/user-tasks';
const ST = 'components/modeler/bpmn/script-tasks';

describe.each(enginesUnderTest())('task kinds on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (xml: string) => ctx.engine.deploy([{ name: 'm.bpmn', content: xml }]);
  const done = (key: string) => completed(ctx.engine, key);
  const oneIncident = async (key: string) => (await activeIncidents(ctx.engine, key))[0]!;
  const oneTask = (key: string) =>
    eventually(async () => {
      const t = await openTasks(ctx.engine, key);
      expect(t).toHaveLength(1);
      return t[0]!;
    });
  /** start → user task `ut` with extension content → end. */
  const userModel = (id: string, more: string) => b.model(id, [b.start('s'), b.user('ut', more), b.end('e')], b.chain('s', 'ut', 'e'));

  it('W01 the job type and the retries can be FEEL expressions, evaluated when the task is activated [docs: components/modeler/bpmn/service-tasks#task-definition]', async () => {
    const t = b.taskOf('serviceTask', 't', '<zeebe:taskDefinition type="=&quot;w01-&quot; + channel" retries="=tries + 1"/>');
    await deploy(b.model('w01', [b.start('s'), t, b.end('e')], b.chain('s', 't', 'e')));
    const jobs = recordingWorker(ctx.engine, 'w01-mail', () => complete());
    const { key } = await ctx.engine.startInstance('w01', { channel: 'mail', tries: 4 });
    await done(key);
    expect(jobs[0]).toMatchObject({ type: 'w01-mail', retries: 5 });
  });

  it('W02 a worker with fetchVariables gets only those variables (missing ones left out) [docs: components/concepts/job-workers#requesting-jobs]', async () => {
    await deploy(b.model('w02', [b.start('s'), b.service('t', 'w02-job'), b.end('e')], b.chain('s', 't', 'e')));
    const seen: Record<string, unknown>[] = [];
    ctx.engine.registerWorker({
      jobType: 'w02-job',
      fetchVariables: ['wanted', 'absent'],
      handler: async (j) => {
        seen.push(j.variables);
        return complete();
      },
    });
    const { key } = await ctx.engine.startInstance('w02', { wanted: 1, secret: 'x' });
    await done(key);
    expect(seen).toEqual([{ wanted: 1 }]);
  });

  it(`W03 a script task's result variable with output mappings stays local; only the mapped target propagates [docs: ${ST}#variable-mappings]`, async () => {
    const calc = b.script('calc', '=a + b', 'sum', b.mappings([], [['=sum * 10', 'total']]));
    await deploy(b.model('w03', [b.start('s'), calc, b.end('e')], b.chain('s', 'calc', 'e')));
    const { key } = await ctx.engine.startInstance('w03', { a: 1, b: 2 });
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ a: 1, b: 2, total: 30 });
  });

  it(`W04 a failing script expression raises an incident; resolving applies the input mappings again and re-evaluates [docs: ${ST}#variable-mappings]`, async () => {
    const calc = b.script('calc', '=assert(n, n > 0) * 2', 'doubled', b.mappings([['=given', 'n']]));
    await deploy(b.model('w04', [b.start('s'), calc, b.end('e')], b.chain('s', 'calc', 'e')));
    const { key } = await ctx.engine.startInstance('w04', { given: -1 });
    const incident = await oneIncident(key);
    expect(incident).toMatchObject({ elementId: 'calc', errorType: 'EXTRACT_VALUE_ERROR' });
    await ctx.engine.setVariables(key, { given: 21 });
    await ctx.engine.resolveIncident(incident.key);
    await done(key);
    expect((await ctx.engine.getVariables(key)).doubled).toBe(42);
  });

  it(`W05 a script task with a task definition is a job, like a service task [docs: ${ST}#job-worker-implementation]`, async () => {
    const t = b.taskOf('scriptTask', 'js', b.taskDef('w05-script') + b.headers({ language: 'javascript', script: 'a + b' }));
    await deploy(b.model('w05', [b.start('s'), t, b.end('e')], b.chain('s', 'js', 'e')));
    const jobs = recordingWorker(ctx.engine, 'w05-script', () => complete({ sum: 3 }));
    const { key } = await ctx.engine.startInstance('w05', { a: 1, b: 2 });
    await done(key);
    expect(jobs[0]!.customHeaders).toEqual({ language: 'javascript', script: 'a + b' });
    expect((await ctx.engine.getVariables(key)).sum).toBe(3);
  });

  it('W06 a business rule task with a task definition is a job, like a service task [docs: components/modeler/bpmn/business-rule-tasks#job-worker-implementation]', async () => {
    const t = b.taskOf('businessRuleTask', 'risk', b.taskDef('w06-risk') + b.headers({ decisionRef: 'risk' }));
    await deploy(b.model('w06', [b.start('s'), t, b.end('e')], b.chain('s', 'risk', 'e')));
    const jobs = recordingWorker(ctx.engine, 'w06-risk', () => complete({ risk: 'low' }));
    const { key } = await ctx.engine.startInstance('w06');
    await done(key);
    expect(jobs[0]).toMatchObject({ elementId: 'risk', customHeaders: { decisionRef: 'risk' } });
    expect((await ctx.engine.getVariables(key)).risk).toBe('low');
  });

  it('W07 manual and undefined tasks pass through at once [docs: components/modeler/bpmn/manual-tasks#additional-resources]', async () => {
    await deploy(b.model('w07', [b.start('s'), b.manual('m'), b.task('u'), b.end('e')], b.chain('s', 'm', 'u', 'e')));
    const { key } = await ctx.engine.startInstance('w07');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(['s', 'm', 'u', 'e']);
  });

  it(`W08 static assignment: assignee, and candidate users and groups from a comma-separated list [docs: ${UT}#assignments]`, async () => {
    await deploy(userModel('w08', '<zeebe:assignmentDefinition assignee="anna" candidateUsers="erik, sara" candidateGroups="mas,  enhetschef"/>'));
    const { key } = await ctx.engine.startInstance('w08');
    const task = await oneTask(key);
    expect(task).toMatchObject({ assignee: 'anna', candidateUsers: ['erik', 'sara'], candidateGroups: ['mas', 'enhetschef'] });
  });

  it(`W09 candidate users from a FEEL list; candidate groups that are not a list of strings are an incident [docs: ${UT}#assignments]`, async () => {
    await deploy(
      b.model(
        'w09',
        [
          b.start('s'),
          b.and('fork'),
          b.user('ok', '<zeebe:assignmentDefinition candidateUsers="=remove(reviewers, 1)"/>'),
          b.user('bad', '<zeebe:assignmentDefinition candidateGroups="=group"/>'),
          b.end('e1'),
          b.end('e2'),
        ],
        [
          ['s', 'fork'],
          ['fork', 'ok'],
          ['fork', 'bad'],
          ['ok', 'e1'],
          ['bad', 'e2'],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('w09', { reviewers: ['self', 'erik', 'sara'], group: 'mas' });
    const task = await oneTask(key);
    expect(task).toMatchObject({ elementId: 'ok', candidateUsers: ['erik', 'sara'] });
    expect(await oneIncident(key)).toMatchObject({ elementId: 'bad', errorType: 'EXTRACT_VALUE_ERROR' });
  });

  it(`W10 priority: 50 when none is given, else the static or evaluated integer [docs: ${UT}#define-user-task-priority]`, async () => {
    await deploy(
      b.model(
        'w10',
        [
          b.start('s'),
          b.and('fork'),
          b.user('none'),
          b.user('fixed', '<zeebe:priorityDefinition priority="80"/>'),
          b.user('computed', '<zeebe:priorityDefinition priority="=base + 5"/>'),
          b.end('e1'),
          b.end('e2'),
          b.end('e3'),
        ],
        [
          ['s', 'fork'],
          ['fork', 'none'],
          ['fork', 'fixed'],
          ['fork', 'computed'],
          ['none', 'e1'],
          ['fixed', 'e2'],
          ['computed', 'e3'],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('w10', { base: 90 });
    const tasks = await eventually(async () => {
      const t = await openTasks(ctx.engine, key);
      expect(t).toHaveLength(3);
      return t;
    });
    expect(Object.fromEntries(tasks.map((t) => [t.elementId, t.priority]))).toEqual({ none: 50, fixed: 80, computed: 95 });
  });

  it(`W11 a priority expression outside 0–100 is an EXTRACT_VALUE_ERROR incident; no task is created [docs: ${UT}#define-user-task-priority]`, async () => {
    await deploy(userModel('w11', '<zeebe:priorityDefinition priority="=base * 2"/>'));
    const { key } = await ctx.engine.startInstance('w11', { base: 60 });
    const incident = await oneIncident(key);
    expect(incident).toMatchObject({
      elementId: 'ut',
      errorType: 'EXTRACT_VALUE_ERROR',
      errorMessage: "Expected priority to be in the range [0,100] but was '120'.",
    });
    expect(await openTasks(ctx.engine, key)).toEqual([]);
    await ctx.engine.setVariables(key, { base: 10 });
    await ctx.engine.resolveIncident(incident.key);
    expect((await oneTask(key)).priority).toBe(20);
  });

  // The page's date format: "ISO 8601 combined date and time … must contain timezone
  // information, either Z for UTC or a zone offset. Optionally, it can contain a zone id."
  it(`W12 due and follow-up dates need Z or an offset, optionally with a zone id; without one the task is an incident [docs: ${UT}#scheduling]`, async () => {
    await deploy(userModel('w12', '<zeebe:taskSchedule dueDate="=due" followUpDate="=followUp"/>'));
    const { key } = await ctx.engine.startInstance('w12', { due: '2026-03-12T16:00:00+02:00', followUp: '2026-03-10T08:09:40+01:00[Europe/Stockholm]' });
    const task = await oneTask(key);
    expect(task.dueDate?.toISOString()).toBe('2026-03-12T14:00:00.000Z');
    expect(task.followUpDate?.toISOString()).toBe('2026-03-10T07:09:40.000Z');
    const other = await ctx.engine.startInstance('w12', { due: '2026-03-12T16:00:00', followUp: null });
    expect(await oneIncident(other.key)).toMatchObject({ elementId: 'ut', errorType: 'EXTRACT_VALUE_ERROR' });
    expect(await openTasks(ctx.engine, other.key)).toEqual([]);
  });

  it(`W13 a due date that is a date without a time is not a date-time: an EXTRACT_VALUE_ERROR incident [docs: ${UT}#scheduling]`, async () => {
    await deploy(userModel('w13', '<zeebe:taskSchedule dueDate="=due"/>'));
    const { key } = await ctx.engine.startInstance('w13', { due: '2026-03-12' });
    expect(await oneIncident(key)).toMatchObject({ elementId: 'ut', errorType: 'EXTRACT_VALUE_ERROR' });
    expect(await openTasks(ctx.engine, key)).toEqual([]);
  });

  it(`W14 user task completion variables with output mappings: only the mapped targets propagate [docs: ${UT}#variable-mappings]`, async () => {
    await deploy(userModel('w14', b.mappings([], [['=decision', 'review.decision']])));
    const { key } = await ctx.engine.startInstance('w14', { review: { caseId: 'c1' } });
    const task = await oneTask(key);
    await ctx.engine.completeUserTask(task.key, { decision: 'approve', comment: 'draft text' });
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ review: { caseId: 'c1', decision: 'approve' } });
  });

  it(`W15 a user task's task headers are stored with the task [docs: ${UT}#task-headers]`, async () => {
    await deploy(userModel('w15', b.headers({ routine: 'R-7', view: 'compact' })));
    const { key } = await ctx.engine.startInstance('w15');
    expect((await oneTask(key)).customHeaders).toEqual({ routine: 'R-7', view: 'compact' });
  });

  it('W16 a job type expression that is not a string is an EXTRACT_VALUE_ERROR incident; set the variable and resolve to create the job [docs: components/modeler/bpmn/service-tasks#task-definition]', async () => {
    const t = b.taskOf('serviceTask', 't', '<zeebe:taskDefinition type="=channel" retries="2"/>');
    await deploy(b.model('w16', [b.start('s'), t, b.end('e')], b.chain('s', 't', 'e')));
    const jobs = recordingWorker(ctx.engine, 'w16-sms', () => complete());
    const { key } = await ctx.engine.startInstance('w16');
    const incident = await oneIncident(key);
    expect(incident).toMatchObject({ elementId: 't', errorType: 'EXTRACT_VALUE_ERROR' });
    await ctx.engine.setVariables(key, { channel: 'w16-sms' });
    await ctx.engine.resolveIncident(incident.key);
    await done(key);
    expect(jobs[0]).toMatchObject({ type: 'w16-sms', retries: 2 });
  });
});
