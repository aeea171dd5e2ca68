/**
 * Conformance: call activities. References: Camunda 8 docs,
 * components/modeler/bpmn/call-activities (defining the called process: static or FEEL
 * processId, latest version, none start event; boundary events; variable mappings and the
 * propagation flags), components/concepts/incidents (CALLED_ELEMENT_ERROR, resolved after
 * deploying), components/modeler/bpmn/terminate-events#on-the-process-scope. `bindingType`
 * other than `latest` is refused by lint (test/unit/lint/callActivity.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { complete } from '../../src/engine/port.js';
import * as b from './bpmn.js';
import { enginesUnderTest, eventually, openTasks, recordingWorker, unique, useEngine, visited, completed, activeIncidents } from './harness.js';

const CA = 'components/modeler/bpmn/call-activities';

describe.each(enginesUnderTest())('call activities on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (...xml: string[]) => ctx.engine.deploy(xml.map((content, i) => ({ name: `ca${i}.bpmn`, content })));
  const done = (key: string) => completed(ctx.engine, key);
  const incidents = (key: string) => activeIncidents(ctx.engine, key);
  const children = (key: string) => ctx.engine.listProcessInstances({ parentProcessInstanceKey: key });
  const parent = (id: string, ca: b.El, extra: b.El[] = [], flows: b.Flow[] = []) =>
    b.model(id, [b.start('s'), ca, b.end('e'), ...extra], [...b.chain('s', ca.id, 'e'), ...flows]);
  const scriptChild = (id: string, expression: string, result: string) =>
    b.model(id, [b.start('cs'), b.script('ct', expression, result), b.end('ce')], b.chain('cs', 'ct', 'ce'));
  const userChild = (id: string) => b.model(id, [b.start('cs'), b.user('cu'), b.end('ce')], b.chain('cs', 'cu', 'ce'));

  it(`A01 processId as a FEEL expression, evaluated when the call activity is activated [docs: ${CA}#defining-the-called-process]`, async () => {
    await deploy(scriptChild('a01-child-urgent', '="brådskande"', 'handled'), parent('a01', b.callWith('ca', { processId: '="a01-child-" + kind' })));
    const { key } = await ctx.engine.startInstance('a01', { kind: 'urgent' });
    await done(key);
    expect((await children(key))[0]).toMatchObject({ processId: 'a01-child-urgent', state: 'COMPLETED' });
    expect((await ctx.engine.getVariables(key)).handled).toBe('brådskande');
  });

  it(`A02 the called process starts in its latest version [docs: ${CA}#defining-the-called-process]`, async () => {
    await deploy(scriptChild('a02-child', '=1', 'version'));
    await deploy(scriptChild('a02-child', '=2', 'version'));
    await deploy(parent('a02', b.call('ca', 'a02-child')));
    const { key } = await ctx.engine.startInstance('a02');
    await done(key);
    expect((await children(key))[0]!.version).toBe(2);
    expect((await ctx.engine.getVariables(key)).version).toBe(2);
  });

  it(`A03 a processId expression that is not a string is an EXTRACT_VALUE_ERROR incident [docs: ${CA}#defining-the-called-process]`, async () => {
    await deploy(parent('a03', b.callWith('ca', { processId: '=target' })));
    const { key } = await ctx.engine.startInstance('a03', { target: 42 });
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'ca' });
    expect(await children(key)).toHaveLength(0);
  });

  it(`A04 a called process that is not deployed is a CALLED_ELEMENT_ERROR incident; deployed and resolved, the child runs [docs: components/concepts/incidents]`, async () => {
    await deploy(parent('a04', b.call('ca', 'a04-child')));
    const { key } = await ctx.engine.startInstance('a04');
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'ca' });
    await deploy(scriptChild('a04-child', '="klar"', 'status'));
    await ctx.engine.resolveIncident(inc!.key);
    await done(key);
    expect((await ctx.engine.getVariables(key)).status).toBe('klar');
  });

  it(`A13 a called process without a none start event is a CALLED_ELEMENT_ERROR incident; no child is created [docs: ${CA}]`, async () => {
    const child = b.model('a13-child', [b.start('byMessage', b.messageDef('m')), b.end('ce')], b.chain('byMessage', 'ce'), b.message('m', unique('a13-msg')));
    await deploy(child, parent('a13', b.call('ca', 'a13-child')));
    const { key } = await ctx.engine.startInstance('a13');
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'ca' });
    expect(await children(key)).toHaveLength(0);
  });

  it(`A05 the child gets every variable of the call activity scope, input-mapped locals included; the locals stay off the parent [docs: ${CA}#variable-mappings]`, async () => {
    await deploy(scriptChild('a05-child', '=string(n) + extra', 'seen'), parent('a05', b.call('ca', 'a05-child', { io: b.mappings([['="!"', 'extra']]) })));
    const { key } = await ctx.engine.startInstance('a05', { n: 7 });
    await done(key);
    const vars = await ctx.engine.getVariables(key);
    expect(vars.seen).toBe('7!');
    expect(vars).not.toHaveProperty('extra');
  });

  it(`A06 propagateAllParentVariables="false": the child gets only the input-mapped variables [docs: ${CA}#variable-mappings]`, async () => {
    await deploy(
      b.model('a06-child', [b.start('cs'), b.service('ct', 'a06-job'), b.end('ce')], b.chain('cs', 'ct', 'ce')),
      parent('a06', b.call('ca', 'a06-child', { parent: false, io: b.mappings([['=caseId', 'id']]) })),
    );
    const jobs = recordingWorker(ctx.engine, 'a06-job', () => complete());
    const { key } = await ctx.engine.startInstance('a06', { caseId: 'c-1', secret: 'personnummer' });
    await done(key);
    expect(jobs[0]!.variables).toEqual({ id: 'c-1' });
  });

  it(`A07 propagateAllChildVariables="false" without output mappings: no child variable reaches the parent [docs: ${CA}#variable-mappings]`, async () => {
    await deploy(scriptChild('a07-child', '=n + 1', 'n'), parent('a07', b.call('ca', 'a07-child', { child: false })));
    const { key } = await ctx.engine.startInstance('a07', { n: 1 });
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ n: 1 }); // the child changed its copy only
  });

  it(`A08 with output mappings only the mapped variables propagate, even with propagateAllChildVariables [docs: ${CA}#variable-mappings]`, async () => {
    await deploy(
      b.model('a08-child', [b.start('cs'), b.service('ct', 'a08-job'), b.end('ce')], b.chain('cs', 'ct', 'ce')),
      parent('a08', b.call('ca', 'a08-child', { io: b.mappings([], [['=decision', 'beslut']]) })),
    );
    recordingWorker(ctx.engine, 'a08-job', () => complete({ decision: 'bifall', noise: true }));
    const { key } = await ctx.engine.startInstance('a08');
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ beslut: 'bifall' });
  });

  it(`A09 an interrupting boundary terminates the child; its variables are not propagated [docs: ${CA}#boundary-events]`, async () => {
    await deploy(
      userChild('a09-child'),
      parent('a09', b.call('ca', 'a09-child'), [b.boundary('late', 'ca', b.timerDuration('P3D')), b.end('eLate')], [['late', 'eLate']]),
    );
    const { key } = await ctx.engine.startInstance('a09');
    const [child] = await children(key);
    await ctx.engine.setVariables(child!.key, { fromChild: true });
    await ctx.engine.advanceClock(3 * 86_400_000 + 1);
    await done(key);
    expect((await ctx.engine.getProcessInstance(child!.key)).state).toBe('TERMINATED');
    expect(await openTasks(ctx.engine, child!.key)).toHaveLength(0);
    expect(await ctx.engine.getVariables(key)).not.toHaveProperty('fromChild');
    expect(await visited(ctx.engine, key)).toContain('eLate');
  });

  it(`A10 a non-interrupting boundary leaves the child running; it completes and propagates later [docs: ${CA}#boundary-events]`, async () => {
    await deploy(
      userChild('a10-child'),
      parent('a10', b.call('ca', 'a10-child'), [b.boundary('remind', 'ca', b.timerDuration('P1D'), false), b.end('eRemind')], [['remind', 'eRemind']]),
    );
    const { key } = await ctx.engine.startInstance('a10');
    const [child] = await children(key);
    await ctx.engine.advanceClock(86_400_000 + 1);
    await eventually(async () => expect(await visited(ctx.engine, key)).toContain('eRemind'));
    const [task] = await openTasks(ctx.engine, child!.key);
    await ctx.engine.completeUserTask(task!.key, { answer: 'ja' });
    await done(key);
    expect((await ctx.engine.getVariables(key)).answer).toBe('ja');
  });

  it(`A11 the child is created when the call activity is activated, in the same step as the parent [docs: ${CA}]`, async () => {
    await deploy(userChild('a11-child'), parent('a11', b.call('ca', 'a11-child')));
    const { key } = await ctx.engine.startInstance('a11');
    // No waiting: starting the parent already started the child and created its task.
    const [child] = await children(key);
    expect(child).toMatchObject({ processId: 'a11-child', state: 'ACTIVE', parentProcessInstanceKey: key });
    expect(await openTasks(ctx.engine, child!.key)).toHaveLength(1);
  });

  it(`A12 the child starts at its none start event; its other start events are ignored [docs: ${CA}]`, async () => {
    const child = b.model(
      'a12-child',
      [b.start('cs'), b.start('byMessage', b.messageDef('m')), b.task('viaNone'), b.task('viaMessage'), b.end('ce1'), b.end('ce2')],
      [
        ['cs', 'viaNone'],
        ['byMessage', 'viaMessage'],
        ['viaNone', 'ce1'],
        ['viaMessage', 'ce2'],
      ],
      b.message('m', unique('a12-msg')),
    );
    await deploy(child, parent('a12', b.call('ca', 'a12-child')));
    const { key } = await ctx.engine.startInstance('a12');
    await done(key);
    const [c] = await children(key);
    expect(await visited(ctx.engine, c!.key)).toEqual(['cs', 'viaNone', 'ce1']);
  });

  it(`K02 a terminate end event in the child completes the child; the call activity completes and the parent goes on [docs: components/modeler/bpmn/terminate-events#on-the-process-scope]`, async () => {
    const child = b.model(
      'k02-child',
      [b.start('cs'), b.and('fork'), b.user('cu'), b.script('mark', '="avbruten"', 'outcome'), b.end('stop', b.terminateDef), b.end('ce')],
      [
        ['cs', 'fork'],
        ['fork', 'cu'],
        ['fork', 'mark'],
        ['mark', 'stop'],
        ['cu', 'ce'],
      ],
    );
    await deploy(child, parent('k02', b.call('ca', 'k02-child')));
    const { key } = await ctx.engine.startInstance('k02');
    await done(key);
    const [c] = await children(key);
    expect(c!.state).toBe('COMPLETED');
    expect(await ctx.engine.listUserTasks({ processInstanceKey: c!.key, state: 'CANCELED' })).toHaveLength(1);
    expect(await visited(ctx.engine, key)).toEqual(['s', 'ca', 'e']);
    expect((await ctx.engine.getVariables(key)).outcome).toBe('avbruten');
  });
});
