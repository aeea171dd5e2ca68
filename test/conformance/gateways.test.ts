/**
 * Conformance: gateways. References: Camunda 8 docs, "Exclusive gateways" (first true
 * condition, default flow, incident when none matches), "Parallel gateways", "Inclusive
 * gateways" (join waits only for branches that were taken), "Event-based gateways".
 */
import { describe, expect, it } from 'vitest';
import { complete } from '../../src/engine/port.js';
import * as b from './bpmn.js';
import { active, enginesUnderTest, eventually, openTasks, recordingWorker, unique, useEngine, visited, completed } from './harness.js';

describe.each(enginesUnderTest())('gateways on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (xml: string) => ctx.engine.deploy([{ name: 'm.bpmn', content: xml }]);
  const done = (key: string) => completed(ctx.engine, key);

  const xorModel = (id: string, withDefault: boolean) =>
    b.model(
      id,
      [b.start('s'), b.xor('g'), b.task('high'), b.task('low'), b.end('e1'), b.end('e2')],
      [
        ['s', 'g'],
        ['g', 'high', '=score >= 10'],
        ['g', 'low', withDefault ? undefined : '=score < 5', withDefault],
        ['high', 'e1'],
        ['low', 'e2'],
      ],
    );

  it('G01 exclusive gateway takes the flow whose condition is true [docs: components/modeler/bpmn/exclusive-gateways]', async () => {
    await deploy(xorModel('g01', false));
    const { key } = await ctx.engine.startInstance('g01', { score: 12 });
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(['s', 'g', 'high', 'e1']);
  });

  it('G02 exclusive gateway takes the default flow when no condition is true [docs: components/modeler/bpmn/exclusive-gateways]', async () => {
    await deploy(xorModel('g02', true));
    const { key } = await ctx.engine.startInstance('g02', { score: 7 });
    await done(key);
    expect(await visited(ctx.engine, key)).toContain('low');
  });

  it('G03 no true condition and no default → CONDITION_ERROR incident, resolved after fixing the variable [docs: components/modeler/bpmn/exclusive-gateways]', async () => {
    await deploy(xorModel('g03', false));
    const { key } = await ctx.engine.startInstance('g03', { score: 7 });
    const [incident] = await eventually(async () => {
      const i = await ctx.engine.listIncidents({ processInstanceKey: key, state: 'ACTIVE' });
      expect(i).toHaveLength(1);
      return i;
    });
    expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'g' });
    await ctx.engine.setVariables(key, { score: 20 });
    await ctx.engine.resolveIncident(incident!.key);
    await done(key);
    expect(await visited(ctx.engine, key)).toContain('high');
  });

  it('G04 parallel gateway forks and the join waits for every branch [docs: components/modeler/bpmn/parallel-gateways]', async () => {
    await deploy(
      b.model(
        'g04',
        [b.start('s'), b.and('fork'), b.user('a'), b.task('bb'), b.and('join'), b.end('e')],
        [
          ['s', 'fork'],
          ['fork', 'a'],
          ['fork', 'bb'],
          ['a', 'join'],
          ['bb', 'join'],
          ['join', 'e'],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('g04');
    const [task] = await eventually(async () => {
      const t = await openTasks(ctx.engine, key);
      expect(t).toHaveLength(1);
      return t;
    });
    expect((await ctx.engine.getProcessInstance(key)).state).toBe('ACTIVE');
    expect(await visited(ctx.engine, key)).not.toContain('join');
    await ctx.engine.completeUserTask(task!.key);
    await done(key);
    expect((await visited(ctx.engine, key)).filter((id) => id === 'join')).toHaveLength(1);
  });

  it('G05 inclusive gateway takes every true branch and joins only those [docs: components/modeler/bpmn/inclusive-gateways]', async () => {
    await deploy(
      b.model(
        'g05',
        [b.start('s'), b.or('fork'), b.service('x', 'g05-x'), b.service('y', 'g05-y'), b.service('z', 'g05-z'), b.or('join'), b.end('e')],
        [
          ['s', 'fork'],
          ['fork', 'x', '=x'],
          ['fork', 'y', '=y'],
          ['fork', 'z', '=z'],
          ['x', 'join'],
          ['y', 'join'],
          ['z', 'join'],
          ['join', 'e'],
        ],
      ),
    );
    for (const t of ['g05-x', 'g05-y', 'g05-z']) recordingWorker(ctx.engine, t, () => complete());
    const { key } = await ctx.engine.startInstance('g05', { x: true, y: false, z: true });
    await done(key);
    const v = await visited(ctx.engine, key);
    expect(v).toEqual(expect.arrayContaining(['x', 'z']));
    expect(v).not.toContain('y');
    expect(v.filter((id) => id === 'join')).toHaveLength(1);
  });

  it('G06 inclusive gateway with no true condition takes its default flow [docs: components/modeler/bpmn/inclusive-gateways]', async () => {
    await deploy(
      b.model(
        'g06',
        [b.start('s'), b.or('fork'), b.task('a'), b.task('fallback'), b.end('e1'), b.end('e2')],
        [
          ['s', 'fork'],
          ['fork', 'a', '=flag = true'],
          ['fork', 'fallback', undefined, true],
          ['a', 'e1'],
          ['fallback', 'e2'],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('g06', { flag: false });
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(['s', 'fork', 'fallback', 'e2']);
  });

  const eventModel = (id: string) =>
    b.model(
      id,
      [b.start('s'), b.eventGw('g'), b.catchEvent('answer', b.messageDef('m')), b.catchEvent('timeout', b.timerDuration('PT1H')), b.end('e1'), b.end('e2')],
      [
        ['s', 'g'],
        ['g', 'answer'],
        ['g', 'timeout'],
        ['answer', 'e1'],
        ['timeout', 'e2'],
      ],
      b.message('m', `${id}-answer`, '=caseId'),
    );

  it('G07 event-based gateway: the message comes first, the timer is dropped [docs: components/modeler/bpmn/event-based-gateways]', async () => {
    await deploy(eventModel('g07'));
    const caseId = unique('g07');
    const { key } = await ctx.engine.startInstance('g07', { caseId });
    await eventually(async () => expect(await active(ctx.engine, key)).toEqual(['g']));
    await ctx.engine.publishMessage({ name: 'g07-answer', correlationKey: caseId, variables: { answer: 'ja' } });
    await done(key);
    await ctx.engine.advanceClock(2 * 3600_000);
    const v = await visited(ctx.engine, key);
    expect(v).toEqual(['s', 'g', 'answer', 'e1']);
    expect((await ctx.engine.getVariables(key)).answer).toBe('ja');
  });

  it('G08 event-based gateway: the timer comes first, the message subscription is dropped [docs: components/modeler/bpmn/event-based-gateways]', async () => {
    await deploy(eventModel('g08'));
    const caseId = unique('g08');
    const { key } = await ctx.engine.startInstance('g08', { caseId });
    await eventually(async () => expect(await active(ctx.engine, key)).toEqual(['g']));
    await ctx.engine.advanceClock(3600_000 + 1000);
    await done(key);
    await ctx.engine.publishMessage({ name: 'g08-answer', correlationKey: caseId });
    expect(await visited(ctx.engine, key)).toEqual(['s', 'g', 'timeout', 'e2']);
  });
});
