/**
 * Conformance: boundary events and BPMN errors. References: Camunda 8 docs, "Boundary events"
 * (interrupting and non-interrupting; a non-interrupting timer cycle fires repeatedly while
 * the activity is active), "Error events" (caught by the nearest boundary or event
 * sub-process up the scope chain, else an UNHANDLED_ERROR_EVENT incident).
 */
import { describe, expect, it } from 'vitest';
import { bpmnError, complete } from '../../src/engine/port.js';
import { deferred, settled } from '../support/waits.js';
import * as b from './bpmn.js';
import { active, enginesUnderTest, eventually, openTasks, recordingWorker, unique, useEngine, visited, completed } from './harness.js';

describe.each(enginesUnderTest())('boundary events and errors on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (xml: string) => ctx.engine.deploy([{ name: 'm.bpmn', content: xml }]);
  const done = (key: string) => completed(ctx.engine, key);

  it('B01 interrupting timer boundary cancels the user task and takes the timeout path [docs: components/modeler/bpmn/timer-events#timer-boundary-events]', async () => {
    await deploy(
      b.model(
        'b01',
        [b.start('s'), b.user('ut'), b.boundary('late', 'ut', b.timerDuration('P1D')), b.end('e'), b.end('eLate')],
        [
          ['s', 'ut'],
          ['ut', 'e'],
          ['late', 'eLate'],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('b01');
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    await ctx.engine.advanceClock(86400_000 + 1);
    await done(key);
    expect(await openTasks(ctx.engine, key)).toHaveLength(0);
    expect(await visited(ctx.engine, key)).toEqual(['s', 'ut', 'late', 'eLate']);
  });

  it('B02 non-interrupting timer cycle R3/PT1H fires three times while the task lives [docs: components/modeler/bpmn/timer-events#timer-boundary-events]', async () => {
    await deploy(
      b.model(
        'b02',
        [b.start('s'), b.user('ut'), b.boundary('remind', 'ut', b.timerCycle('R3/PT1H'), false), b.end('e'), b.end('eRemind')],
        [
          ['s', 'ut'],
          ['ut', 'e'],
          ['remind', 'eRemind'],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('b02');
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    for (let i = 0; i < 5; i++) await ctx.engine.advanceClock(3600_000 + 1);
    await eventually(async () => expect((await visited(ctx.engine, key)).filter((id) => id === 'remind')).toHaveLength(3));
    const [task] = await openTasks(ctx.engine, key);
    await ctx.engine.completeUserTask(task!.key);
    await done(key);
  });

  const msgModel = (id: string, interrupting: boolean) =>
    b.model(
      id,
      [b.start('s'), b.service('t', `${id}-job`), b.boundary('stop', 't', b.messageDef('m'), interrupting), b.end('e'), b.end('eStop')],
      [
        ['s', 't'],
        ['t', 'e'],
        ['stop', 'eStop'],
      ],
      b.message('m', `${id}-msg`, '=caseId'),
    );

  it('B03 interrupting message boundary on a service task ends the task [docs: components/modeler/bpmn/message-events#message-boundary-events]', async () => {
    await deploy(msgModel('b03', true));
    // The worker is slow: the message interrupts the task first, and the late completion is refused.
    const late = deferred();
    const jobs = recordingWorker(ctx.engine, 'b03-job', () => late.promise.then(() => complete()));
    const caseId = unique('b03');
    const { key } = await ctx.engine.startInstance('b03', { caseId });
    await eventually(async () => expect(jobs).toHaveLength(1));
    await ctx.engine.publishMessage({ name: 'b03-msg', correlationKey: caseId });
    await done(key);
    late.resolve();
    await settled(ctx.engine);
    expect(await visited(ctx.engine, key)).toEqual(['s', 't', 'stop', 'eStop']);
  });

  it('B04 non-interrupting message boundary runs beside the task [docs: components/modeler/bpmn/message-events#message-boundary-events]', async () => {
    await deploy(
      b.model(
        'b04',
        [b.start('s'), b.user('ut'), b.boundary('note', 'ut', b.messageDef('m'), false), b.end('e'), b.end('eNote')],
        [
          ['s', 'ut'],
          ['ut', 'e'],
          ['note', 'eNote'],
        ],
        b.message('m', 'b04-msg', '=caseId'),
      ),
    );
    const caseId = unique('b04');
    const { key } = await ctx.engine.startInstance('b04', { caseId });
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    await ctx.engine.publishMessage({ name: 'b04-msg', correlationKey: caseId });
    await eventually(async () => expect(await visited(ctx.engine, key)).toContain('eNote'));
    expect(await openTasks(ctx.engine, key)).toHaveLength(1);
    expect((await ctx.engine.getProcessInstance(key)).state).toBe('ACTIVE');
  });

  it('B05 a BPMN error from a worker is caught by the matching error boundary [docs: components/modeler/bpmn/error-events#catching-the-error]', async () => {
    await deploy(
      b.model(
        'b05',
        [b.start('s'), b.service('t', 'b05-job'), b.boundary('rejected', 't', b.errorDef('err')), b.end('e'), b.end('eRejected')],
        [
          ['s', 't'],
          ['t', 'e'],
          ['rejected', 'eRejected'],
        ],
        b.error('err', 'REJECTED'),
      ),
    );
    recordingWorker(ctx.engine, 'b05-job', () => bpmnError('REJECTED', 'not allowed'));
    const { key } = await ctx.engine.startInstance('b05');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(['s', 't', 'rejected', 'eRejected']);
  });

  it('B06 an error end event in a sub-process is caught by the boundary on the sub-process [docs: components/modeler/bpmn/error-events#defining-the-error]', async () => {
    const inner = [b.start('is'), b.end('fail', b.errorDef('err'))];
    await deploy(
      b.model(
        'b06',
        [b.start('s'), b.sub('sp', inner, b.chain('is', 'fail')), b.boundary('caught', 'sp', b.errorDef('err')), b.end('e'), b.end('eCaught')],
        [
          ['s', 'sp'],
          ['sp', 'e'],
          ['caught', 'eCaught'],
        ],
        b.error('err', 'BROKEN'),
      ),
    );
    const { key } = await ctx.engine.startInstance('b06');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(expect.arrayContaining(['fail', 'caught', 'eCaught']));
    expect(await visited(ctx.engine, key)).not.toContain('e');
  });

  it('B07 an uncaught BPMN error raises an UNHANDLED_ERROR_EVENT incident [docs: components/modeler/bpmn/error-events#unhandled-errors]', async () => {
    await deploy(b.model('b07', [b.start('s'), b.service('t', 'b07-job'), b.end('e')], b.chain('s', 't', 'e')));
    recordingWorker(ctx.engine, 'b07-job', () => bpmnError('NOBODY_CATCHES'));
    const { key } = await ctx.engine.startInstance('b07');
    const [inc] = await eventually(async () => {
      const i = await ctx.engine.listIncidents({ processInstanceKey: key, state: 'ACTIVE' });
      expect(i).toHaveLength(1);
      return i;
    });
    expect(inc).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 't' });
    expect(await active(ctx.engine, key)).toContain('t');
  });

  it('B08 a catch-all error boundary (no error code) catches any code [docs: components/modeler/bpmn/error-events#catching-the-error]', async () => {
    await deploy(
      b.model(
        'b08',
        [b.start('s'), b.service('t', 'b08-job'), b.boundary('any', 't', b.errorDef()), b.end('e'), b.end('eAny')],
        [
          ['s', 't'],
          ['t', 'e'],
          ['any', 'eAny'],
        ],
      ),
    );
    recordingWorker(ctx.engine, 'b08-job', () => bpmnError('WHATEVER'));
    const { key } = await ctx.engine.startInstance('b08');
    await done(key);
    expect(await visited(ctx.engine, key)).toContain('any');
  });

  it('B09 a completed task closes its boundary timers [docs: components/modeler/bpmn/timer-events#timer-boundary-events]', async () => {
    await deploy(
      b.model(
        'b09',
        [b.start('s'), b.service('t', 'b09-job'), b.boundary('late', 't', b.timerDuration('PT1H')), b.user('next'), b.end('e'), b.end('eLate')],
        [
          ['s', 't'],
          ['t', 'next'],
          ['next', 'e'],
          ['late', 'eLate'],
        ],
      ),
    );
    recordingWorker(ctx.engine, 'b09-job', () => complete());
    const { key } = await ctx.engine.startInstance('b09');
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    await ctx.engine.advanceClock(2 * 3600_000);
    expect(await visited(ctx.engine, key)).not.toContain('late');
  });
});
