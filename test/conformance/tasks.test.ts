/**
 * Conformance: tasks, variables and mappings. References: Camunda 8 docs, "Variables"
 * (scopes, propagation), "Input/output variable mappings", "Service tasks", "User tasks",
 * "Script tasks", "Task headers".
 */
import { describe, expect, it } from 'vitest';
import { complete } from '../../src/engine/port.js';
import * as b from './bpmn.js';
import { active, enginesUnderTest, eventually, openTasks, recordingWorker, T0, useEngine, visited } from './harness.js';

describe.each(enginesUnderTest())('tasks and variables on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (xml: string) => ctx.engine.deploy([{ name: 'm.bpmn', content: xml }]);

  it('C01 none start → service task → end: job variables reach the root and the instance completes [docs: components/modeler/bpmn/service-tasks]', async () => {
    await deploy(b.model('c01', [b.start('s'), b.service('t', 'c01-job'), b.end('e')], b.chain('s', 't', 'e')));
    recordingWorker(ctx.engine, 'c01-job', () => complete({ result: 42 }));
    const { key } = await ctx.engine.startInstance('c01', { input: 'a' });
    await eventually(async () => expect((await ctx.engine.getProcessInstance(key)).state).toBe('COMPLETED'));
    expect(await ctx.engine.getVariables(key)).toEqual({ input: 'a', result: 42 });
    expect(await visited(ctx.engine, key)).toEqual(['s', 't', 'e']);
  });

  it('C02 script task evaluates FEEL into its result variable [docs: components/modeler/bpmn/script-tasks]', async () => {
    await deploy(b.model('c02', [b.start('s'), b.script('calc', '=a + b', 'sum'), b.end('e')], b.chain('s', 'calc', 'e')));
    const { key } = await ctx.engine.startInstance('c02', { a: 2, b: 3 });
    await eventually(async () => expect((await ctx.engine.getVariables(key)).sum).toBe(5));
  });

  it('C03 manual and undefined tasks and a none intermediate throw pass straight through [docs: components/modeler/bpmn/manual-tasks]', async () => {
    await deploy(b.model('c03', [b.start('s'), b.manual('m'), b.task('u'), b.throwNone('n'), b.end('e')], b.chain('s', 'm', 'u', 'n', 'e')));
    const { key } = await ctx.engine.startInstance('c03');
    await eventually(async () => expect((await ctx.engine.getProcessInstance(key)).state).toBe('COMPLETED'));
    expect(await visited(ctx.engine, key)).toEqual(['s', 'm', 'u', 'n', 'e']);
  });

  it('C04 send task, message throw and message end events are jobs [docs: components/modeler/bpmn/send-tasks]', async () => {
    await deploy(
      b.model(
        'c04',
        [b.start('s'), b.send('snd', 'c04-send'), b.throwMessage('thr', 'c04-throw'), b.messageEnd('e', 'c04-end')],
        b.chain('s', 'snd', 'thr', 'e'),
      ),
    );
    const types: string[] = [];
    for (const t of ['c04-send', 'c04-throw', 'c04-end'])
      recordingWorker(ctx.engine, t, (j) => {
        types.push(j.type);
        return complete();
      });
    const { key } = await ctx.engine.startInstance('c04');
    await eventually(async () => expect((await ctx.engine.getProcessInstance(key)).state).toBe('COMPLETED'));
    expect(types).toEqual(['c04-send', 'c04-throw', 'c04-end']);
  });

  it('C05 user task: assignment, candidate groups from FEEL, schedule, priority and form; completion variables [docs: components/modeler/bpmn/user-tasks]', async () => {
    const more =
      '<zeebe:formDefinition formId="c05-form"/><zeebe:assignmentDefinition assignee="=owner" candidateGroups="=[&quot;enhetschef&quot;, group]"/>' +
      '<zeebe:taskSchedule dueDate="=now() + duration(&quot;P2D&quot;)" followUpDate="2026-03-03T08:00:00Z"/><zeebe:priorityDefinition priority="=70"/>';
    const form = JSON.stringify({ id: 'c05-form', type: 'default', components: [{ type: 'textfield', key: 'decision', label: 'Beslut' }] });
    await ctx.engine.deploy([
      { name: 'c05.form', content: form },
      { name: 'm.bpmn', content: b.model('c05', [b.start('s'), b.user('ut', more), b.end('e')], b.chain('s', 'ut', 'e')) },
    ]);
    const { key } = await ctx.engine.startInstance('c05', { owner: 'anna', group: 'utredare' });
    const [task] = await eventually(async () => {
      const t = await openTasks(ctx.engine, key);
      expect(t).toHaveLength(1);
      return t;
    });
    expect(task).toMatchObject({ assignee: 'anna', candidateGroups: ['enhetschef', 'utredare'], priority: 70, formId: 'c05-form', elementId: 'ut' });
    expect(task!.dueDate?.toISOString()).toBe(new Date(T0.getTime() + 2 * 86400_000).toISOString());
    expect(task!.followUpDate?.toISOString()).toBe('2026-03-03T08:00:00.000Z');
    await ctx.engine.completeUserTask(task!.key, { decision: 'ok' });
    await eventually(async () => expect((await ctx.engine.getVariables(key)).decision).toBe('ok'));
  });

  it('C06 input mappings create local variables; with output mappings only the mapped targets propagate [docs: components/concepts/variables#inputoutput-variable-mappings]', async () => {
    const io = b.mappings([['=amount * 2', 'doubled']], [['=total', 'final']]);
    await deploy(b.model('c06', [b.start('s'), b.service('t', 'c06-job', io), b.end('e')], b.chain('s', 't', 'e')));
    const jobs = recordingWorker(ctx.engine, 'c06-job', () => complete({ total: 7, scratch: true }));
    const { key } = await ctx.engine.startInstance('c06', { amount: 5 });
    await eventually(async () => expect((await ctx.engine.getProcessInstance(key)).state).toBe('COMPLETED'));
    expect(jobs[0]!.variables).toMatchObject({ amount: 5, doubled: 10 });
    expect(await ctx.engine.getVariables(key)).toEqual({ amount: 5, final: 7 });
  });

  it('C07 completion variables go to the nearest scope that holds the name, else the root [docs: components/concepts/variables#variable-propagation]', async () => {
    const inner = [b.start('is'), b.service('t', 'c07-job'), b.end('ie')];
    const el = b.sub('sp', inner, b.chain('is', 't', 'ie'), { io: b.mappings([['="local"', 'shared']], [['=shared', 'sharedOut']]) });
    await deploy(b.model('c07', [b.start('s'), el, b.end('e')], b.chain('s', 'sp', 'e')));
    recordingWorker(ctx.engine, 'c07-job', () => complete({ shared: 'from-job', fresh: 1 }));
    const { key } = await ctx.engine.startInstance('c07');
    await eventually(async () => expect((await ctx.engine.getProcessInstance(key)).state).toBe('COMPLETED'));
    // `shared` existed in the sub-process scope (input mapping): updated there, then mapped out.
    expect(await ctx.engine.getVariables(key)).toEqual({ fresh: 1, sharedOut: 'from-job' });
  });

  it('C08 task headers and all visible variables (inner scope wins) reach the job [docs: components/modeler/bpmn/service-tasks#task-headers]', async () => {
    const io = b.headers({ routine: 'R-12', level: '2' }) + b.mappings([['="inner"', 'who']]);
    await deploy(b.model('c08', [b.start('s'), b.service('t', 'c08-job', io), b.end('e')], b.chain('s', 't', 'e')));
    const jobs = recordingWorker(ctx.engine, 'c08-job', () => complete());
    await ctx.engine.startInstance('c08', { who: 'outer', other: 1 });
    const job = await eventually(async () => {
      expect(jobs).toHaveLength(1);
      return jobs[0]!;
    });
    expect(job.customHeaders).toEqual({ routine: 'R-12', level: '2' });
    expect(job.variables).toMatchObject({ who: 'inner', other: 1 });
    expect(job.elementId).toBe('t');
  });

  it('C09 cancelling an instance terminates it and cancels its user task [docs: components/concepts/process-instance-creation]', async () => {
    await deploy(b.model('c09', [b.start('s'), b.user('ut'), b.end('e')], b.chain('s', 'ut', 'e')));
    const { key } = await ctx.engine.startInstance('c09');
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    await ctx.engine.cancelInstance(key);
    await eventually(async () => expect((await ctx.engine.getProcessInstance(key)).state).toBe('TERMINATED'));
    expect(await openTasks(ctx.engine, key)).toHaveLength(0);
    expect(await active(ctx.engine, key)).toEqual([]);
  });

  it('C10 a user task can be assigned, updated, and completed only once [docs: components/modeler/bpmn/user-tasks]', async () => {
    await deploy(b.model('c10', [b.start('s'), b.user('ut'), b.end('e')], b.chain('s', 'ut', 'e')));
    const { key } = await ctx.engine.startInstance('c10');
    const [task] = await eventually(async () => {
      const t = await openTasks(ctx.engine, key);
      expect(t).toHaveLength(1);
      return t;
    });
    await ctx.engine.assignUserTask(task!.key, 'erik');
    await ctx.engine.updateUserTask(task!.key, { priority: 90, candidateGroups: ['mas'] });
    await eventually(async () => {
      const [updated] = await openTasks(ctx.engine, key);
      expect(updated).toMatchObject({ assignee: 'erik', priority: 90, candidateGroups: ['mas'] });
    });
    await ctx.engine.completeUserTask(task!.key, {});
    await expect(ctx.engine.completeUserTask(task!.key, {})).rejects.toThrow();
  });

  it('C12 a user task whose form is not deployed, or whose due date is not a date-time, raises an incident instead [docs: components/modeler/bpmn/user-tasks#user-task-form]', async () => {
    const noForm = '<zeebe:formDefinition formId="c12-missing-form"/>';
    const badDue = '<zeebe:taskSchedule dueDate="=string(now())"/>';
    await deploy(
      b.model(
        'c12',
        [b.start('s'), b.and('fork'), b.user('a', noForm), b.user('b', badDue), b.end('ea'), b.end('eb')],
        [...b.chain('s', 'fork'), ['fork', 'a'], ['fork', 'b'], ['a', 'ea'], ['b', 'eb']],
      ),
    );
    const { key } = await ctx.engine.startInstance('c12');
    const incidents = await eventually(async () => {
      const i = await ctx.engine.listIncidents({ processInstanceKey: key });
      expect(i).toHaveLength(2);
      return i;
    });
    expect(incidents.map((i) => [i.elementId, i.errorType]).sort()).toEqual([
      ['a', 'FORM_NOT_FOUND'],
      ['b', 'EXTRACT_VALUE_ERROR'],
    ]);
    expect(await openTasks(ctx.engine, key)).toEqual([]);
  });

  it('C11 FEEL date and time functions compute from the engine clock [docs: components/modeler/feel/builtin-functions/feel-built-in-functions-temporal#now]', async () => {
    await deploy(
      b.model(
        'c11',
        [
          b.start('s'),
          b.script('d', '=string(date and time("2026-03-02T08:00:00Z") + duration("P1M"))', 'later'),
          b.script('n', '=now().year * 1000000 + now().month * 10000 + now().day * 100 + now().hour', 'nowHour'),
          b.script('n2', '=string(now())', 'nowText'),
          b.end('e'),
        ],
        b.chain('s', 'd', 'n', 'n2', 'e'),
      ),
    );
    const { key } = await ctx.engine.startInstance('c11');
    // now() is a zoned date-time in UTC (Zeebe writes it "…@Etc/UTC"), from the engine clock (T0).
    await eventually(async () =>
      expect(await ctx.engine.getVariables(key)).toMatchObject({ later: '2026-04-02T08:00:00Z', nowHour: 2026030208, nowText: '2026-03-02T08:00:00@Etc/UTC' }),
    );
  });
});
