/**
 * Conformance: multi-instance activities. References: Camunda 8 docs,
 * components/modeler/bpmn/multi-instance (sequential vs. parallel, the input collection,
 * collecting the output, boundary events, loopCounter, variable mappings, completion
 * condition), components/modeler/bpmn/terminate-events#inside-a-subprocess and
 * components/concepts/incidents. Where the docs leave a detail open (the numbers available to
 * the completion condition while an instance completes, the error type of a failed completion
 * condition) the scenario follows Zeebe's MultiInstanceBodyProcessor and says so.
 */
import { describe, expect, it } from 'vitest';
import { bpmnError, complete } from '../../src/engine/port.js';
import * as b from './bpmn.js';
import { deferred, inTurn, settled } from '../support/waits.js';
import { active, enginesUnderTest, eventually, openTasks, recordingWorker, unique, useEngine, visited, completed, activeIncidents } from './harness.js';

const MI = 'components/modeler/bpmn/multi-instance';

describe.each(enginesUnderTest())('multi-instance on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (...xml: string[]) => ctx.engine.deploy(xml.map((content, i) => ({ name: `mi${i}.bpmn`, content })));
  const done = (key: string) => completed(ctx.engine, key);
  const incidents = (key: string) => activeIncidents(ctx.engine, key);
  const tasks = (key: string, n: number) =>
    eventually(async () => {
      const t = await openTasks(ctx.engine, key);
      expect(t).toHaveLength(n);
      return t;
    });
  /** s → el → e, `el` marked multi-instance. */
  const around = (id: string, el: b.El, o: Parameters<typeof b.loop>[0], extra: b.El[] = [], flows: b.Flow[] = []) =>
    b.model(id, [b.start('s'), b.loopOn(el, b.loop(o)), b.end('e'), ...extra], [...b.chain('s', el.id, 'e'), ...flows]);

  it(`M05 parallel: every inner instance is created when the body is activated [docs: ${MI}#sequential-vs-parallel]`, async () => {
    await deploy(around('m05', b.user('review'), { input: '=reviewers', element: 'reviewer' }));
    const { key } = await ctx.engine.startInstance('m05', { reviewers: ['anna', 'bo', 'cia'] });
    const open = await tasks(key, 3);
    for (const t of open) await ctx.engine.completeUserTask(t.key);
    await done(key);
  });

  it(`M06 sequential: the next inner instance is created only when the previous one completed [docs: ${MI}#sequential-vs-parallel]`, async () => {
    await deploy(around('m06', b.user('review'), { sequential: true, input: '=reviewers', element: 'reviewer' }));
    const { key } = await ctx.engine.startInstance('m06', { reviewers: ['anna', 'bo'] });
    const [first] = await tasks(key, 1);
    await ctx.engine.completeUserTask(first!.key);
    const [second] = await eventually(async () => {
      const t = await openTasks(ctx.engine, key);
      expect(t.map((x) => x.key)).not.toContain(first!.key);
      expect(t).toHaveLength(1);
      return t;
    });
    await ctx.engine.completeUserTask(second!.key);
    await done(key);
    expect((await visited(ctx.engine, key)).filter((id) => id === 'review')).toHaveLength(3); // the body and two inner instances
  });

  it(`M07 an input collection that is not a list is an EXTRACT_VALUE_ERROR incident; fixed and resolved, the activity runs [docs: ${MI}#defining-the-collection-to-iterate-over]`, async () => {
    await deploy(around('m07', b.script('each', '=item * 2', 'last'), { input: '=items', element: 'item' }));
    const { key } = await ctx.engine.startInstance('m07', { items: 'not a list' });
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'each' });
    await ctx.engine.setVariables(key, { items: [1, 2] });
    await ctx.engine.resolveIncident(inc!.key);
    await done(key);
    expect((await ctx.engine.getVariables(key)).last).toBe(4);
  });

  it(`M08 an input collection that is null (missing variable) is an EXTRACT_VALUE_ERROR incident [docs: ${MI}#defining-the-collection-to-iterate-over]`, async () => {
    await deploy(around('m08', b.task('each'), { input: '=items', element: 'item' }));
    const { key } = await ctx.engine.startInstance('m08');
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'each' });
    expect(await active(ctx.engine, key)).toEqual(['each']);
  });

  it(`M09 the input element and loopCounter are local variables of each inner instance [docs: ${MI}#special-multi-instance-variables]`, async () => {
    await deploy(around('m09', b.service('each', 'm09-job'), { input: '=items', element: 'item' }));
    const jobs = recordingWorker(ctx.engine, 'm09-job', () => complete());
    const { key } = await ctx.engine.startInstance('m09', { items: ['x', 'y'] });
    await done(key);
    expect(jobs.map((j) => [j.variables.item, j.variables.loopCounter]).sort()).toEqual([
      ['x', 1],
      ['y', 2],
    ]);
    const vars = await ctx.engine.getVariables(key);
    expect(vars).not.toHaveProperty('item');
    expect(vars).not.toHaveProperty('loopCounter');
  });

  it(`M10 the output element variable is local to each inner instance: a worker's result stays there and lands in input order [docs: ${MI}#collecting-the-output]`, async () => {
    await deploy(around('m10', b.service('each', 'm10-job'), { input: '=items', element: 'item', output: 'results', outputElement: '=result' }));
    const turn = inTurn([3, 2, 1]); // later items finish first
    recordingWorker(ctx.engine, 'm10-job', (j) => turn(Number(j.variables.item), () => complete({ result: Number(j.variables.item) * 10 })));
    const { key } = await ctx.engine.startInstance('m10', { items: [1, 2, 3] });
    await done(key);
    const vars = await ctx.engine.getVariables(key);
    expect(vars.results).toEqual([10, 20, 30]);
    expect(vars).not.toHaveProperty('result');
  });

  it(`M11 an output element that is never set gives null at its index [docs: ${MI}#collecting-the-output]`, async () => {
    await deploy(around('m11', b.service('each', 'm11-job'), { input: '=items', element: 'item', output: 'results', outputElement: '=result' }));
    recordingWorker(ctx.engine, 'm11-job', (j) => complete(j.variables.item === 'b' ? { result: 'B' } : {}));
    const { key } = await ctx.engine.startInstance('m11', { items: ['a', 'b', 'c'] });
    await done(key);
    expect((await ctx.engine.getVariables(key)).results).toEqual([null, 'B', null]);
  });

  it(`M12 other variables a worker completes with go to the process instance, visible beside the instances [docs: ${MI}#variable-mappings]`, async () => {
    await deploy(
      around('m12', b.service('each', 'm12-job'), { sequential: true, input: '=items', element: 'item', output: 'results', outputElement: '=result' }),
    );
    const jobs = recordingWorker(ctx.engine, 'm12-job', (j) => complete({ result: j.variables.item, lastSeen: j.variables.item }));
    const { key } = await ctx.engine.startInstance('m12', { items: ['a', 'b'] });
    await done(key);
    expect(jobs[1]!.variables.lastSeen).toBe('a'); // the second instance sees what the first wrote
    expect(await ctx.engine.getVariables(key)).toEqual({ items: ['a', 'b'], lastSeen: 'b', results: ['a', 'b'] });
  });

  it(`M13 the output collection is a local variable of the body until the body completes [docs: ${MI}#collecting-the-output]`, async () => {
    await deploy(around('m13', b.user('each'), { sequential: true, input: '=items', element: 'item', output: 'results', outputElement: '=answer' }));
    const { key } = await ctx.engine.startInstance('m13', { items: [1, 2] });
    const [first] = await tasks(key, 1);
    await ctx.engine.completeUserTask(first!.key, { answer: 'ja' });
    await tasks(key, 1);
    expect(await ctx.engine.getVariables(key)).not.toHaveProperty('results');
    const [second] = await openTasks(ctx.engine, key);
    await ctx.engine.completeUserTask(second!.key, { answer: 'nej' });
    await done(key);
    expect((await ctx.engine.getVariables(key)).results).toEqual(['ja', 'nej']);
  });

  it(`M14 input mappings apply to each inner instance and can read the input element and loopCounter [docs: ${MI}#variable-mappings]`, async () => {
    const el = b.service(
      'each',
      'm14-job',
      b.mappings([
        ['=person.name', 'name'],
        ['=loopCounter * 100', 'rank'],
      ]),
    );
    await deploy(around('m14', el, { input: '=people', element: 'person' }));
    const jobs = recordingWorker(ctx.engine, 'm14-job', () => complete());
    const { key } = await ctx.engine.startInstance('m14', { people: [{ name: 'Anna' }, { name: 'Bo' }] });
    await done(key);
    expect(jobs.map((j) => `${String(j.variables.name)}:${String(j.variables.rank)}`).sort()).toEqual(['Anna:100', 'Bo:200']);
    expect(await ctx.engine.getVariables(key)).toEqual({ people: [{ name: 'Anna' }, { name: 'Bo' }] });
  });

  it(`M15 output mappings apply to each inner instance and update its output element [docs: ${MI}#variable-mappings]`, async () => {
    const el = b.service('each', 'm15-job', b.mappings([], [['=x', 'output']]));
    await deploy(around('m15', el, { input: '=items', element: 'item', output: 'results', outputElement: '=output' }));
    const turn = inTurn([2, 1]);
    recordingWorker(ctx.engine, 'm15-job', (j) => turn(Number(j.variables.item), () => complete({ x: `r${String(j.variables.item)}` })));
    const { key } = await ctx.engine.startInstance('m15', { items: [1, 2] });
    await done(key);
    const vars = await ctx.engine.getVariables(key);
    expect(vars.results).toEqual(['r1', 'r2']);
    expect(vars).not.toHaveProperty('output');
    expect(vars).not.toHaveProperty('x'); // with output mappings only the mapped targets leave the task
  });

  it(`M16 a satisfied completion condition terminates the remaining instances; their places stay null [docs: ${MI}#completion-condition]`, async () => {
    await deploy(
      around('m16', b.user('vote'), {
        input: '=voters',
        element: 'voter',
        output: 'votes',
        outputElement: '=vote',
        completion: '=numberOfCompletedInstances = 2',
      }),
    );
    const { key } = await ctx.engine.startInstance('m16', { voters: ['a', 'b', 'c', 'd'] });
    const open = await tasks(key, 4);
    await ctx.engine.completeUserTask(open[3]!.key, { vote: 'd' });
    await ctx.engine.completeUserTask(open[0]!.key, { vote: 'a' });
    await done(key);
    expect(await openTasks(ctx.engine, key)).toHaveLength(0);
    expect(await ctx.engine.listUserTasks({ processInstanceKey: key, state: 'CANCELED' })).toHaveLength(2);
    expect((await ctx.engine.getVariables(key)).votes).toEqual(['a', null, null, 'd']);
  });

  it(`M17 numberOfInstances counts the instances created so far: a sequential body has created one per step [docs: ${MI}#completion-condition]`, async () => {
    await deploy(around('m17', b.service('each', 'm17-job'), { sequential: true, input: '=items', element: 'item', completion: '=numberOfInstances >= 2' }));
    const jobs = recordingWorker(ctx.engine, 'm17-job', () => complete());
    const { key } = await ctx.engine.startInstance('m17', { items: [1, 2, 3] });
    await done(key);
    expect(jobs.map((j) => j.variables.item)).toEqual([1, 2]);
  });

  // The docs name the numbers; that the completing instance counts as completed and no longer
  // active follows Zeebe's MultiInstanceBodyProcessor (getNumberOfActive/CompletedInstancesVariable).
  it(`M18 numberOfActiveInstances leaves out, numberOfCompletedInstances includes the instance that completes [docs: ${MI}#completion-condition]`, async () => {
    await deploy(around('m18', b.user('vote'), { input: '=voters', completion: '=numberOfActiveInstances = 1 and numberOfCompletedInstances = 2' }));
    const { key } = await ctx.engine.startInstance('m18', { voters: ['a', 'b', 'c'] });
    const open = await tasks(key, 3);
    await ctx.engine.completeUserTask(open[0]!.key);
    expect(await openTasks(ctx.engine, key)).toHaveLength(2);
    await ctx.engine.completeUserTask(open[1]!.key);
    await done(key);
  });

  it(`M19 the multi-instance numbers take precedence over process variables of the same name [docs: ${MI}#completion-condition]`, async () => {
    await deploy(around('m19', b.service('each', 'm19-job'), { sequential: true, input: '=items', completion: '=numberOfCompletedInstances = 1' }));
    const jobs = recordingWorker(ctx.engine, 'm19-job', () => complete());
    const { key } = await ctx.engine.startInstance('m19', { items: [1, 2, 3], numberOfCompletedInstances: 99 });
    await done(key);
    expect(jobs).toHaveLength(1);
  });

  it(`M29 numberOfTerminatedInstances is available to the completion condition (0 while none was terminated) [docs: ${MI}#completion-condition]`, async () => {
    await deploy(around('m29', b.service('each', 'm29-job'), { sequential: true, input: '=items', completion: '=numberOfTerminatedInstances = 0' }));
    const jobs = recordingWorker(ctx.engine, 'm29-job', () => complete());
    const { key } = await ctx.engine.startInstance('m29', { items: [1, 2, 3] });
    await done(key);
    expect(jobs).toHaveLength(1); // a missing name would be null, and null = 0 is false
  });

  // Zeebe: the completion condition is evaluated while the inner instance completes; a
  // non-boolean result is an EXTRACT_VALUE_ERROR incident on that inner instance.
  it(`M20 a completion condition that is not a boolean is an incident; fixed and resolved, the body goes on [docs: ${MI}#completion-condition]`, async () => {
    await deploy(around('m20', b.service('each', 'm20-job'), { sequential: true, input: '=items', completion: '=enough' }));
    const jobs = recordingWorker(ctx.engine, 'm20-job', () => complete());
    const { key } = await ctx.engine.startInstance('m20', { items: [1, 2, 3], enough: 'maybe' });
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'each' });
    await ctx.engine.setVariables(key, { enough: true });
    await ctx.engine.resolveIncident(inc!.key);
    await done(key);
    expect(jobs).toHaveLength(1);
  });

  it(`M21 an interrupting timer boundary terminates the body and every instance, without partial output [docs: ${MI}#boundary-events]`, async () => {
    await deploy(
      around(
        'm21',
        b.user('each'),
        { input: '=items', element: 'item', output: 'results', outputElement: '=answer' },
        [b.boundary('late', 'each', b.timerDuration('P7D')), b.end('eLate')],
        [['late', 'eLate']],
      ),
    );
    const { key } = await ctx.engine.startInstance('m21', { items: [1, 2, 3] });
    const open = await tasks(key, 3);
    await ctx.engine.completeUserTask(open[0]!.key, { answer: 'ja' });
    await ctx.engine.advanceClock(7 * 86_400_000 + 1);
    await done(key);
    expect(await openTasks(ctx.engine, key)).toHaveLength(0);
    expect(await visited(ctx.engine, key)).toContain('eLate');
    expect(await ctx.engine.getVariables(key)).not.toHaveProperty('results');
  });

  it(`M22 a non-interrupting boundary leaves the instances running [docs: ${MI}#boundary-events]`, async () => {
    await deploy(
      around(
        'm22',
        b.user('each'),
        { input: '=items' },
        [b.boundary('remind', 'each', b.timerDuration('P1D'), false), b.end('eRemind')],
        [['remind', 'eRemind']],
      ),
    );
    const { key } = await ctx.engine.startInstance('m22', { items: [1, 2] });
    await tasks(key, 2);
    await ctx.engine.advanceClock(86_400_000 + 1);
    await eventually(async () => expect(await visited(ctx.engine, key)).toContain('eRemind'));
    const open = await tasks(key, 2);
    for (const t of open) await ctx.engine.completeUserTask(t.key);
    await done(key);
  });

  it(`M23 a BPMN error from one inner instance is caught by the boundary on the body; the others are terminated [docs: ${MI}#boundary-events]`, async () => {
    await deploy(
      around(
        'm23',
        b.service('each', 'm23-job'),
        { input: '=items', element: 'item' },
        [b.boundary('failed', 'each', b.errorDef('err')), b.end('eFailed')],
        [['failed', 'eFailed']],
      ).replace('<bpmn:process', `${b.error('err', 'BROKEN')}<bpmn:process`),
    );
    // items 1 and 3 are still at work when item 2 fails; they return after the instance has ended
    const late = deferred();
    recordingWorker(ctx.engine, 'm23-job', async (j) => (j.variables.item === 2 ? bpmnError('BROKEN') : late.promise.then(() => complete())));
    const { key } = await ctx.engine.startInstance('m23', { items: [1, 2, 3] });
    await done(key);
    late.resolve();
    await settled(ctx.engine);
    const els = await ctx.engine.listElementInstances(key);
    const body = els.find((e) => e.elementId === 'each' && e.elementType === 'multiInstanceBody')!;
    expect(body.state).toBe('TERMINATED');
    expect(els.find((e) => e.elementId === 'failed')!.flowScopeKey).toBe(key); // beside the body, not inside it
    expect(els.map((e) => e.elementId)).toContain('eFailed');
    expect(els.map((e) => e.elementId)).not.toContain('e');
  });

  it(`M24 a multi-instance embedded sub-process: each instance is its own scope with its own loop variables [docs: ${MI}]`, async () => {
    const inner = [b.start('is'), b.script('calc', '=item + "-" + string(loopCounter)', 'label'), b.end('ie')];
    await deploy(
      b.model(
        'm24',
        [
          b.start('s'),
          b.sub('each', inner, b.chain('is', 'calc', 'ie'), { loop: b.loop({ input: '=items', element: 'item', output: 'labels', outputElement: '=label' }) }),
          b.end('e'),
        ],
        b.chain('s', 'each', 'e'),
      ),
    );
    const { key } = await ctx.engine.startInstance('m24', { items: ['a', 'b'] });
    await done(key);
    const vars = await ctx.engine.getVariables(key);
    expect(vars.labels).toEqual(['a-1', 'b-2']);
    expect(vars).not.toHaveProperty('label');
  });

  it(`M25 a parallel multi-instance call activity collects each child's result through an output mapping [docs: ${MI}#variable-mappings]`, async () => {
    const child = b.model('m25-child', [b.start('cs'), b.service('ct', 'm25-job'), b.end('ce')], b.chain('cs', 'ct', 'ce'));
    await deploy(
      child,
      around('m25', b.call('each', 'm25-child', { io: b.mappings([], [['=x', 'output']]) }), {
        input: '=items',
        element: 'item',
        output: 'results',
        outputElement: '=output',
      }),
    );
    const turn = inTurn([2, 1]);
    recordingWorker(ctx.engine, 'm25-job', (j) => turn(Number(j.variables.item), () => complete({ x: Number(j.variables.item) * 2 })));
    const { key } = await ctx.engine.startInstance('m25', { items: [1, 2] });
    await done(key);
    expect((await ctx.engine.getVariables(key)).results).toEqual([2, 4]);
    expect(await ctx.engine.listProcessInstances({ parentProcessInstanceKey: key, state: 'COMPLETED' })).toHaveLength(2);
  });

  it(`M26 nested multi-instance: a sub-process per group, a task per member, outputs nested in order [docs: ${MI}#collecting-the-output]`, async () => {
    const member = b.loopOn(
      b.script('greet', '="hej " + member', 'greeting'),
      b.loop({ input: '=group', element: 'member', output: 'greetings', outputElement: '=greeting' }),
    );
    const inner = [b.start('is'), member, b.end('ie')];
    await deploy(
      b.model(
        'm26',
        [
          b.start('s'),
          b.sub('groups', inner, b.chain('is', 'greet', 'ie'), {
            loop: b.loop({ input: '=teams', element: 'group', output: 'all', outputElement: '=greetings' }),
          }),
          b.end('e'),
        ],
        b.chain('s', 'groups', 'e'),
      ),
    );
    const { key } = await ctx.engine.startInstance('m26', { teams: [['a', 'b'], ['c']] });
    await done(key);
    expect((await ctx.engine.getVariables(key)).all).toEqual([['hej a', 'hej b'], ['hej c']]);
  });

  it(`M27 cancelling the instance terminates the body and cancels every inner task [docs: ${MI}]`, async () => {
    await deploy(around('m27', b.user('each'), { input: '=items' }));
    const { key } = await ctx.engine.startInstance('m27', { items: [1, 2, 3] });
    await tasks(key, 3);
    await ctx.engine.cancelInstance(key);
    await eventually(async () => expect((await ctx.engine.getProcessInstance(key)).state).toBe('TERMINATED'));
    expect(await ctx.engine.listUserTasks({ processInstanceKey: key, state: 'CANCELED' })).toHaveLength(3);
    expect(await active(ctx.engine, key)).toEqual([]);
  });

  it(`M28 a multi-instance receive task: each inner instance subscribes with its own input element as correlation key [docs: ${MI}]`, async () => {
    const ids = [unique('m28'), unique('m28')];
    await deploy(
      around('m28', b.receive('each', 'msg'), { input: '=ids', element: 'id', output: 'replies', outputElement: '=reply' }).replace(
        '<bpmn:process',
        `${b.message('msg', 'm28-reply', '=id')}<bpmn:process`,
      ),
    );
    const { key } = await ctx.engine.startInstance('m28', { ids });
    await eventually(async () =>
      expect((await ctx.engine.listElementInstances(key)).filter((e) => e.elementId === 'each' && e.state === 'ACTIVE')).toHaveLength(3),
    );
    await ctx.engine.publishMessage({ name: 'm28-reply', correlationKey: ids[1]!, variables: { reply: 'två' } });
    await ctx.engine.publishMessage({ name: 'm28-reply', correlationKey: ids[0]!, variables: { reply: 'ett' } });
    await done(key);
    expect((await ctx.engine.getVariables(key)).replies).toEqual(['ett', 'två']);
  });

  it(`K01 a terminate end event in a multi-instance sub-process ends only its own iteration [docs: components/modeler/bpmn/terminate-events#inside-a-subprocess]`, async () => {
    const inner = [b.start('is'), b.and('fork'), b.user('work'), b.xor('ok'), b.end('stop', b.terminateDef), b.end('ie')];
    const flows: b.Flow[] = [
      ['is', 'fork'],
      ['fork', 'work'],
      ['fork', 'ok'],
      ['ok', 'stop', '=item = "stop"'],
      ['ok', 'ie', undefined, true],
      ['work', 'ie'],
    ];
    await deploy(
      b.model(
        'k01',
        [b.start('s'), b.sub('each', inner, flows, { loop: b.loop({ input: '=items', element: 'item' }) }), b.end('e')],
        b.chain('s', 'each', 'e'),
      ),
    );
    const { key } = await ctx.engine.startInstance('k01', { items: ['stop', 'go'] });
    const [left] = await tasks(key, 1); // the 'stop' iteration terminated its own task
    expect(await ctx.engine.listUserTasks({ processInstanceKey: key, state: 'CANCELED' })).toHaveLength(1);
    await ctx.engine.completeUserTask(left!.key);
    await done(key);
  });
});
