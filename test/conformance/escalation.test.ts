/**
 * Conformance: escalation events. References (docs.camunda.io/docs/…):
 * components/modeler/bpmn/escalation-events (defining — FEEL code on throw events, catch-all
 * without a reference —, throwing — non-critical, the throw event goes on —, catching — the
 * nearest scope, one catch event at most, a matching code before a catch-all, interrupting
 * catch events terminate their scope and the throw event's flows are not taken, nobody
 * catching is no incident), components/modeler/bpmn/call-activities#boundary-events.
 */
import { describe, expect, it } from 'vitest';
import { complete } from '../../src/engine/port.js';
import * as b from './bpmn.js';
import { enginesUnderTest, eventually, openTasks, recordingWorker, useEngine, visited, completed } from './harness.js';

const DOC = 'components/modeler/bpmn/escalation-events';

describe.each(enginesUnderTest())('escalation events on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (...xml: string[]) => ctx.engine.deploy(xml.map((content, i) => ({ name: `m${i}.bpmn`, content })));
  const done = (key: string) => completed(ctx.engine, key);
  const noIncidents = async (key: string) => expect(await ctx.engine.listIncidents({ processInstanceKey: key })).toEqual([]);

  /** s → sp[ is → raise(escalation) → after → ie ] with a boundary `caught` on sp. */
  const raising = (id: string, boundaryDef: string, interrupting: boolean, roots = b.escalation('esc', 'LATE')) => {
    const sp = b.sub('sp', [b.start('is'), b.throwEvent('raise', b.escalationDef('esc')), b.task('after'), b.end('ie')], b.chain('is', 'raise', 'after', 'ie'));
    return b.model(
      id,
      [b.start('s'), sp, b.boundary('caught', 'sp', boundaryDef, interrupting), b.task('handle'), b.end('e'), b.end('eCaught')],
      [
        ['s', 'sp'],
        ['sp', 'e'],
        ['caught', 'handle'],
        ['handle', 'eCaught'],
      ],
      roots,
    );
  };

  it(`X01 a non-interrupting catch: the flows after the throw event and after the catch event are both taken [docs: ${DOC}#catching-the-escalation]`, async () => {
    await deploy(raising('x01', b.escalationDef('esc'), false));
    const { key } = await ctx.engine.startInstance('x01');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(expect.arrayContaining(['raise', 'caught', 'handle', 'eCaught', 'after', 'ie', 'e']));
    await noIncidents(key);
  });

  it(`X02 an interrupting catch terminates the scope; the throw event's outgoing flow is not taken [docs: ${DOC}#catching-the-escalation]`, async () => {
    await deploy(raising('x02', b.escalationDef('esc'), true));
    const { key } = await ctx.engine.startInstance('x02');
    await done(key);
    const path = await visited(ctx.engine, key);
    expect(path).toEqual(expect.arrayContaining(['raise', 'caught', 'handle', 'eCaught']));
    expect(path).not.toContain('after');
    expect(path).not.toContain('e');
  });

  it(`X03 an escalation nobody catches raises no incident: the process goes on past the throw event [docs: ${DOC}#catching-the-escalation]`, async () => {
    await deploy(raising('x03', b.escalationDef('other'), true, b.escalation('esc', 'LATE') + b.escalation('other', 'OTHER')));
    const { key } = await ctx.engine.startInstance('x03');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(['s', 'sp', 'is', 'raise', 'after', 'ie', 'e']);
    await noIncidents(key);
  });

  it(`X04 an escalation end event in a sub-process is caught by a non-interrupting event sub-process of the process; the sub-process ends [docs: ${DOC}#throwing-the-escalation]`, async () => {
    const esp = b.sub('onEsc', [b.start('es', b.escalationDef('esc'), false), b.end('ee')], b.chain('es', 'ee'), { event: true });
    const sp = b.sub('sp', [b.start('is'), b.end('up', b.escalationDef('esc'))], b.chain('is', 'up'));
    await deploy(b.model('x04', [b.start('s'), sp, b.task('next'), b.end('e'), esp], b.chain('s', 'sp', 'next', 'e'), b.escalation('esc', 'NEEDS_MANAGER')));
    const { key } = await ctx.engine.startInstance('x04');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(expect.arrayContaining(['up', 'onEsc', 'es', 'ee', 'next', 'e']));
  });

  it(`X05 a FEEL escalation code on the throw event is evaluated; the catch event with that code wins over a catch-all [docs: ${DOC}#defining-an-escalation]`, async () => {
    const roots = '<bpmn:escalation id="esc" name="dyn" escalationCode="=level"/>' + b.escalation('high', 'HIGH');
    const sp = b.sub('sp', [b.start('is'), b.throwEvent('raise', b.escalationDef('esc')), b.end('ie')], b.chain('is', 'raise', 'ie'));
    await deploy(
      b.model(
        'x05',
        [
          b.start('s'),
          sp,
          b.boundary('any', 'sp', b.escalationDef(), false),
          b.boundary('onHigh', 'sp', b.escalationDef('high'), false),
          b.end('e'),
          b.end('eAny'),
          b.end('eHigh'),
        ],
        [
          ['s', 'sp'],
          ['sp', 'e'],
          ['any', 'eAny'],
          ['onHigh', 'eHigh'],
        ],
        roots,
      ),
    );
    const { key } = await ctx.engine.startInstance('x05', { level: 'HIGH' });
    await done(key);
    expect(await visited(ctx.engine, key)).toContain('onHigh');
    expect(await visited(ctx.engine, key)).not.toContain('any');
  });

  it(`X06 a catch event without an escalation reference catches every escalation [docs: ${DOC}#defining-an-escalation]`, async () => {
    await deploy(raising('x06', b.escalationDef(), false));
    const { key } = await ctx.engine.startInstance('x06');
    await done(key);
    expect(await visited(ctx.engine, key)).toContain('caught');
  });

  it(`X07 the nearest scope catches, and only one catch event is triggered [docs: ${DOC}#catching-the-escalation]`, async () => {
    const inner = b.sub('inner', [b.start('is2'), b.throwEvent('raise', b.escalationDef('esc')), b.end('ie2')], b.chain('is2', 'raise', 'ie2'));
    const outer = b.sub(
      'outer',
      [b.start('is1'), inner, b.boundary('near', 'inner', b.escalationDef('esc'), false), b.end('ie1'), b.end('eNear')],
      [
        ['is1', 'inner'],
        ['inner', 'ie1'],
        ['near', 'eNear'],
      ],
    );
    await deploy(
      b.model(
        'x07',
        [b.start('s'), outer, b.boundary('far', 'outer', b.escalationDef('esc'), false), b.end('e'), b.end('eFar')],
        [
          ['s', 'outer'],
          ['outer', 'e'],
          ['far', 'eFar'],
        ],
        b.escalation('esc', 'LATE'),
      ),
    );
    const { key } = await ctx.engine.startInstance('x07');
    await done(key);
    expect(await visited(ctx.engine, key)).toContain('near');
    expect(await visited(ctx.engine, key)).not.toContain('far');
  });

  it('X08 an escalation from a called process is caught by a non-interrupting boundary on the call activity; the child goes on [docs: components/modeler/bpmn/call-activities#boundary-events]', async () => {
    const child = b.model(
      'x08-child',
      [b.start('cs'), b.throwEvent('raise', b.escalationDef('esc')), b.service('ct', 'x08-job'), b.end('ce')],
      b.chain('cs', 'raise', 'ct', 'ce'),
      b.escalation('esc', 'TELL_PARENT'),
    );
    await deploy(
      child,
      b.model(
        'x08',
        [b.start('s'), b.call('ca', 'x08-child'), b.boundary('told', 'ca', b.escalationDef('esc'), false), b.end('e'), b.end('eTold')],
        [
          ['s', 'ca'],
          ['ca', 'e'],
          ['told', 'eTold'],
        ],
        b.escalation('esc', 'TELL_PARENT'),
      ),
    );
    recordingWorker(ctx.engine, 'x08-job', () => complete({ childDone: true }));
    const { key } = await ctx.engine.startInstance('x08');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(expect.arrayContaining(['told', 'eTold', 'e']));
    const [c] = await ctx.engine.listProcessInstances({ parentProcessInstanceKey: key });
    expect(c!.state).toBe('COMPLETED');
    expect((await ctx.engine.getVariables(key)).childDone).toBe(true);
  });

  it(`X09 an interrupting escalation event sub-process ends the other work of its scope [docs: ${DOC}#catching-the-escalation]`, async () => {
    const esp = b.sub('onEsc', [b.start('es', b.escalationDef('esc')), b.end('ee')], b.chain('es', 'ee'), { event: true });
    const sp = b.sub(
      'sp',
      [b.start('is'), b.and('fork'), b.user('waiting'), b.throwEvent('raise', b.escalationDef('esc')), b.task('after'), b.end('ie1'), b.end('ie2'), esp],
      [
        ['is', 'fork'],
        ['fork', 'waiting'],
        ['fork', 'raise'],
        ['waiting', 'ie1'],
        ['raise', 'after'],
        ['after', 'ie2'],
      ],
    );
    await deploy(b.model('x09', [b.start('s'), sp, b.end('e')], b.chain('s', 'sp', 'e'), b.escalation('esc', 'STOP')));
    const { key } = await ctx.engine.startInstance('x09');
    await done(key);
    expect(await openTasks(ctx.engine, key)).toHaveLength(0);
    const path = await visited(ctx.engine, key);
    expect(path).toEqual(expect.arrayContaining(['onEsc', 'es', 'ee', 'e']));
    expect(path).not.toContain('after');
  });

  it(`X10 an escalation end event nobody catches simply ends: the instance completes without an incident [docs: ${DOC}#throwing-the-escalation]`, async () => {
    await deploy(b.model('x10', [b.start('s'), b.end('up', b.escalationDef('esc'))], b.chain('s', 'up'), b.escalation('esc', 'NOBODY')));
    const { key } = await ctx.engine.startInstance('x10');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(['s', 'up']);
    await noIncidents(key);
  });

  it(`X11 a non-interrupting escalation boundary on a call activity does not affect the child, which keeps waiting [docs: ${DOC}#catching-the-escalation]`, async () => {
    const child = b.model(
      'x11-child',
      [b.start('cs'), b.throwEvent('raise', b.escalationDef('esc')), b.user('cu'), b.end('ce')],
      b.chain('cs', 'raise', 'cu', 'ce'),
      b.escalation('esc', 'X11'),
    );
    await deploy(
      child,
      b.model(
        'x11',
        [b.start('s'), b.call('ca', 'x11-child'), b.boundary('told', 'ca', b.escalationDef(), false), b.user('parentTask'), b.end('e'), b.end('eTold')],
        [
          ['s', 'ca'],
          ['ca', 'e'],
          ['told', 'parentTask'],
          ['parentTask', 'eTold'],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('x11');
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    const [c] = await ctx.engine.listProcessInstances({ parentProcessInstanceKey: key });
    await eventually(async () => expect(await openTasks(ctx.engine, c!.key)).toHaveLength(1));
    expect((await ctx.engine.getProcessInstance(c!.key)).state).toBe('ACTIVE');
  });
});
