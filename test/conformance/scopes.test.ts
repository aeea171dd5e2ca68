/**
 * Conformance: sub-processes, event sub-processes, call activities, terminate end events.
 * References: Camunda 8 docs, "Embedded subprocess", "Event subprocess" (interrupting and
 * non-interrupting; timer, message, error start), "Call activities" (propagateAllChildVariables,
 * propagateAllParentVariables, mappings; errors thrown across), "Terminate events".
 */
import { describe, expect, it } from 'vitest';
import { bpmnError, complete } from '../../src/engine/port.js';
import * as b from './bpmn.js';
import { active, enginesUnderTest, eventually, openTasks, recordingWorker, unique, useEngine, visited, completed } from './harness.js';

describe.each(enginesUnderTest())('scopes on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (...xml: string[]) => ctx.engine.deploy(xml.map((content, i) => ({ name: `m${i}.bpmn`, content })));
  const done = (key: string) => completed(ctx.engine, key);

  it('S01 embedded sub-process: input-mapped locals stay inside, other variables reach the root [docs: components/modeler/bpmn/embedded-subprocesses#variable-mappings]', async () => {
    const inner = [b.start('is'), b.script('calc', '=local * 2', 'result'), b.end('ie')];
    await deploy(
      b.model(
        's01',
        [b.start('s'), b.sub('sp', inner, b.chain('is', 'calc', 'ie'), { io: b.mappings([['=21', 'local']]) }), b.end('e')],
        b.chain('s', 'sp', 'e'),
      ),
    );
    const { key } = await ctx.engine.startInstance('s01');
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ result: 42 });
    expect(await visited(ctx.engine, key)).toEqual(['s', 'sp', 'is', 'calc', 'ie', 'e']);
  });

  it('S02 interrupting timer event sub-process cancels the main flow [docs: components/modeler/bpmn/event-subprocesses]', async () => {
    const esp = b.sub('timeout', [b.start('ts', b.timerDuration('P14D')), b.end('te')], b.chain('ts', 'te'), { event: true });
    await deploy(b.model('s02', [b.start('s'), b.user('ut'), b.end('e'), esp], b.chain('s', 'ut', 'e')));
    const { key } = await ctx.engine.startInstance('s02');
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    await ctx.engine.advanceClock(14 * 86400_000 + 1);
    await done(key);
    expect(await openTasks(ctx.engine, key)).toHaveLength(0);
    expect(await visited(ctx.engine, key)).toEqual(expect.arrayContaining(['timeout', 'ts', 'te']));
  });

  it('S03 non-interrupting message event sub-process runs beside the main flow [docs: components/modeler/bpmn/event-subprocesses]', async () => {
    const esp = b.sub('info', [b.start('ms', b.messageDef('m'), false), b.end('me')], b.chain('ms', 'me'), { event: true });
    await deploy(b.model('s03', [b.start('s'), b.user('ut'), b.end('e'), esp], b.chain('s', 'ut', 'e'), b.message('m', 's03-info', '=caseId')));
    const caseId = unique('s03');
    const { key } = await ctx.engine.startInstance('s03', { caseId });
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    await ctx.engine.publishMessage({ name: 's03-info', correlationKey: caseId, variables: { note: 'x' } });
    await eventually(async () => expect(await visited(ctx.engine, key)).toContain('me'));
    expect(await openTasks(ctx.engine, key)).toHaveLength(1);
    const [task] = await openTasks(ctx.engine, key);
    await ctx.engine.completeUserTask(task!.key);
    await done(key);
  });

  it('S04 error event sub-process catches a worker error in its scope [docs: components/modeler/bpmn/event-subprocesses]', async () => {
    const esp = b.sub('onError', [b.start('es', b.errorDef('err')), b.end('ee')], b.chain('es', 'ee'), { event: true });
    await deploy(b.model('s04', [b.start('s'), b.service('t', 's04-job'), b.end('e'), esp], b.chain('s', 't', 'e'), b.error('err', 'FAILED_CHECK')));
    recordingWorker(ctx.engine, 's04-job', () => bpmnError('FAILED_CHECK'));
    const { key } = await ctx.engine.startInstance('s04');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(expect.arrayContaining(['onError', 'es', 'ee']));
    expect(await visited(ctx.engine, key)).not.toContain('e');
  });

  const child = (id: string, jobType: string) => b.model(id, [b.start('cs'), b.service('ct', jobType), b.end('ce')], b.chain('cs', 'ct', 'ce'));

  it('S05 call activity: parent variables go in, child variables come out (default propagation) [docs: components/modeler/bpmn/call-activities#variable-mappings]', async () => {
    await deploy(child('s05-child', 's05-job'), b.model('s05', [b.start('s'), b.call('ca', 's05-child'), b.end('e')], b.chain('s', 'ca', 'e')));
    const jobs = recordingWorker(ctx.engine, 's05-job', (j) => complete({ doubled: Number(j.variables.n) * 2 }));
    const { key } = await ctx.engine.startInstance('s05', { n: 4 });
    await done(key);
    expect(jobs[0]!.variables).toMatchObject({ n: 4 });
    expect(await ctx.engine.getVariables(key)).toMatchObject({ n: 4, doubled: 8 });
    const [c] = await ctx.engine.listProcessInstances({ parentProcessInstanceKey: key });
    expect(c).toMatchObject({ processId: 's05-child', state: 'COMPLETED' });
  });

  it('S06 call activity without propagation: only mapped variables cross, both ways [docs: components/modeler/bpmn/call-activities#variable-mappings]', async () => {
    const io = b.mappings([['=secret + 1', 'given']], [['=made', 'fromChild']]);
    await deploy(
      child('s06-child', 's06-job'),
      b.model('s06', [b.start('s'), b.call('ca', 's06-child', { child: false, parent: false, io }), b.end('e')], b.chain('s', 'ca', 'e')),
    );
    const jobs = recordingWorker(ctx.engine, 's06-job', () => complete({ made: 'ok', noise: 1 }));
    const { key } = await ctx.engine.startInstance('s06', { secret: 1 });
    await done(key);
    expect(jobs[0]!.variables).toEqual({ given: 2 });
    expect(await ctx.engine.getVariables(key)).toEqual({ secret: 1, fromChild: 'ok' });
  });

  it('S07 a BPMN error in the child is caught by a boundary on the call activity [docs: components/modeler/bpmn/call-activities#boundary-events]', async () => {
    await deploy(
      child('s07-child', 's07-job'),
      b.model(
        's07',
        [b.start('s'), b.call('ca', 's07-child'), b.boundary('caught', 'ca', b.errorDef('err')), b.end('e'), b.end('eCaught')],
        [
          ['s', 'ca'],
          ['ca', 'e'],
          ['caught', 'eCaught'],
        ],
        b.error('err', 'CHILD_FAILED'),
      ),
    );
    recordingWorker(ctx.engine, 's07-job', () => bpmnError('CHILD_FAILED'));
    const { key } = await ctx.engine.startInstance('s07');
    await done(key);
    expect(await visited(ctx.engine, key)).toContain('caught');
    const [c] = await ctx.engine.listProcessInstances({ parentProcessInstanceKey: key });
    expect(c!.state).toBe('TERMINATED');
  });

  it('S08 cancelling the parent cancels the called child [docs: components/modeler/bpmn/call-activities]', async () => {
    await deploy(
      b.model('s08-child', [b.start('cs'), b.user('cu'), b.end('ce')], b.chain('cs', 'cu', 'ce')),
      b.model('s08', [b.start('s'), b.call('ca', 's08-child'), b.end('e')], b.chain('s', 'ca', 'e')),
    );
    const { key } = await ctx.engine.startInstance('s08');
    const c = await eventually(async () => {
      const l = await ctx.engine.listProcessInstances({ parentProcessInstanceKey: key });
      expect(l).toHaveLength(1);
      return l[0]!;
    });
    await ctx.engine.cancelInstance(key);
    await eventually(async () => expect((await ctx.engine.getProcessInstance(c.key)).state).toBe('TERMINATED'));
    expect(await openTasks(ctx.engine, c.key)).toHaveLength(0);
  });

  it('S09 a terminate end event ends the instance while another branch still waits [docs: components/modeler/bpmn/terminate-events]', async () => {
    await deploy(
      b.model(
        's09',
        [b.start('s'), b.and('fork'), b.user('slow'), b.end('stop', b.terminateDef), b.end('e')],
        [
          ['s', 'fork'],
          ['fork', 'slow'],
          ['fork', 'stop'],
          ['slow', 'e'],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('s09');
    await done(key);
    expect(await openTasks(ctx.engine, key)).toHaveLength(0);
    expect(await active(ctx.engine, key)).toEqual([]);
  });
});
