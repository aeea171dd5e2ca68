/**
 * Conformance: BPMN errors. References (docs.camunda.io/docs/…):
 * components/modeler/bpmn/error-events (defining, throwing, catching — innermost scope first,
 * a matching code before a catch-all —, unhandled errors, variable mappings),
 * components/modeler/bpmn/call-activities#boundary-events,
 * components/modeler/bpmn/multi-instance#boundary-events,
 * components/modeler/bpmn/embedded-subprocesses, components/modeler/bpmn/event-subprocesses.
 */
import { describe, expect, it } from 'vitest';
import { bpmnError, complete } from '../../src/engine/port.js';
import { deferred } from '../support/waits.js';
import * as b from './bpmn.js';
import { active, enginesUnderTest, eventually, openTasks, recordingWorker, useEngine, visited, completed, activeIncidents } from './harness.js';

const CATCHING = 'components/modeler/bpmn/error-events#catching-the-error';

describe.each(enginesUnderTest())('BPMN errors on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (...xml: string[]) => ctx.engine.deploy(xml.map((content, i) => ({ name: `m${i}.bpmn`, content })));
  const done = (key: string) => completed(ctx.engine, key);
  const incidents = (key: string, n = 1) => activeIncidents(ctx.engine, key, n);
  /** A task `t` with two error boundaries: `any` (catch-all, listed first) and `specific`. */
  const twoBoundaries = (id: string) =>
    b.model(
      id,
      [
        b.start('s'),
        b.service('t', `${id}-job`),
        b.boundary('any', 't', b.errorDef()),
        b.boundary('specific', 't', b.errorDef('err')),
        b.end('e'),
        b.end('eAny'),
        b.end('eSpecific'),
      ],
      [
        ['s', 't'],
        ['t', 'e'],
        ['any', 'eAny'],
        ['specific', 'eSpecific'],
      ],
      b.error('err', 'NOT_FOUND'),
    );

  it(`R01 at one level a catch event with the thrown code comes before a catch-all [docs: ${CATCHING}]`, async () => {
    await deploy(twoBoundaries('r01'));
    recordingWorker(ctx.engine, 'r01-job', () => bpmnError('NOT_FOUND'));
    const { key } = await ctx.engine.startInstance('r01');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(['s', 't', 'specific', 'eSpecific']);
  });

  it(`R02 a code no catch event names is caught by the catch-all of that level [docs: ${CATCHING}]`, async () => {
    await deploy(twoBoundaries('r02'));
    recordingWorker(ctx.engine, 'r02-job', () => bpmnError('SOMETHING_ELSE'));
    const { key } = await ctx.engine.startInstance('r02');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(['s', 't', 'any', 'eAny']);
  });

  it(`R03 the innermost scope catches first: the boundary on the sub-process, not the process's event sub-process [docs: ${CATCHING}]`, async () => {
    const esp = b.sub('onError', [b.start('es', b.errorDef('err')), b.end('ee')], b.chain('es', 'ee'), { event: true });
    const inner = b.sub('sp', [b.start('is'), b.service('t', 'r03-job'), b.end('ie')], b.chain('is', 't', 'ie'));
    await deploy(
      b.model(
        'r03',
        [b.start('s'), inner, b.boundary('caught', 'sp', b.errorDef('err')), b.end('e'), b.end('eCaught'), esp],
        [
          ['s', 'sp'],
          ['sp', 'e'],
          ['caught', 'eCaught'],
        ],
        b.error('err', 'DENIED'),
      ),
    );
    recordingWorker(ctx.engine, 'r03-job', () => bpmnError('DENIED'));
    const { key } = await ctx.engine.startInstance('r03');
    await done(key);
    expect(await visited(ctx.engine, key)).toContain('caught');
    expect(await visited(ctx.engine, key)).not.toContain('onError');
  });

  it(`R04 an error no catch event of the inner scope matches goes up to the parent scope [docs: ${CATCHING}]`, async () => {
    const esp = b.sub('onError', [b.start('es', b.errorDef()), b.end('ee')], b.chain('es', 'ee'), { event: true });
    await deploy(
      b.model(
        'r04',
        [b.start('s'), b.service('t', 'r04-job'), b.boundary('other', 't', b.errorDef('err')), b.end('e'), b.end('eOther'), esp],
        [
          ['s', 't'],
          ['t', 'e'],
          ['other', 'eOther'],
        ],
        b.error('err', 'OTHER'),
      ),
    );
    recordingWorker(ctx.engine, 'r04-job', () => bpmnError('UNEXPECTED'));
    const { key } = await ctx.engine.startInstance('r04');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(expect.arrayContaining(['onError', 'es', 'ee']));
    expect(await visited(ctx.engine, key)).not.toContain('other');
  });

  // The sub-process is one level: the start events of its event sub-processes and the boundary
  // events on it are matched together, a matching code first.
  const level = (id: string, espCode: string | undefined, boundaryCode: string | undefined) => {
    const esp = b.sub('inner', [b.start('es', b.errorDef(espCode ? 'e1' : undefined)), b.end('ee')], b.chain('es', 'ee'), { event: true });
    const sp = b.sub('sp', [b.start('is'), b.end('fail', b.errorDef('thrown')), esp], b.chain('is', 'fail'));
    const roots = b.error('thrown', 'CODE') + (espCode ? b.error('e1', espCode) : '') + (boundaryCode ? b.error('e2', boundaryCode) : '');
    return b.model(
      id,
      [b.start('s'), sp, b.boundary('outer', 'sp', b.errorDef(boundaryCode ? 'e2' : undefined)), b.end('e'), b.end('eOuter')],
      [
        ['s', 'sp'],
        ['sp', 'e'],
        ['outer', 'eOuter'],
      ],
      roots,
    );
  };

  it(`R05 within one sub-process a specific error event sub-process wins over a catch-all boundary on it [docs: ${CATCHING}]`, async () => {
    await deploy(level('r05', 'CODE', undefined));
    const { key } = await ctx.engine.startInstance('r05');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(expect.arrayContaining(['inner', 'es', 'ee', 'e']));
    expect(await visited(ctx.engine, key)).not.toContain('outer');
  });

  it(`R06 within one sub-process a specific boundary on it wins over a catch-all error event sub-process inside [docs: ${CATCHING}]`, async () => {
    await deploy(level('r06', undefined, 'CODE'));
    const { key } = await ctx.engine.startInstance('r06');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(expect.arrayContaining(['outer', 'eOuter']));
    expect(await visited(ctx.engine, key)).not.toContain('inner');
  });

  it('R07 an error end event with a FEEL error code throws the evaluated code [docs: components/modeler/bpmn/error-events#defining-the-error]', async () => {
    const sp = b.sub('sp', [b.start('is'), b.end('fail', b.errorDef('dyn'))], b.chain('is', 'fail'));
    await deploy(
      b.model(
        'r07',
        [
          b.start('s'),
          sp,
          b.boundary('late', 'sp', b.errorDef('errLate')),
          b.boundary('lost', 'sp', b.errorDef('errLost')),
          b.end('e'),
          b.end('eLate'),
          b.end('eLost'),
        ],
        [
          ['s', 'sp'],
          ['sp', 'e'],
          ['late', 'eLate'],
          ['lost', 'eLost'],
        ],
        '<bpmn:error id="dyn" name="dyn" errorCode="=&quot;E_&quot; + reason"/>' + b.error('errLate', 'E_LATE') + b.error('errLost', 'E_LOST'),
      ),
    );
    const { key } = await ctx.engine.startInstance('r07', { reason: 'LOST' });
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(['s', 'sp', 'is', 'fail', 'lost', 'eLost']);
  });

  const withVars = (id: string, outputs: string) =>
    b
      .model(
        id,
        [b.start('s'), b.service('t', `${id}-job`), b.boundary('caught', 't', b.errorDef('err')), b.end('e'), b.end('eCaught')],
        [
          ['s', 't'],
          ['t', 'e'],
          ['caught', 'eCaught'],
        ],
        b.error('err', 'INVALID'),
      )
      .replace('<bpmn:boundaryEvent id="caught" attachedToRef="t">', `<bpmn:boundaryEvent id="caught" attachedToRef="t">${outputs}`);

  it('R08 the variables sent with a BPMN error stay local to the catch event when it has no output mapping [docs: components/modeler/bpmn/error-events#variable-mappings]', async () => {
    await deploy(withVars('r08', ''));
    recordingWorker(ctx.engine, 'r08-job', () => bpmnError('INVALID', 'bad input', { reason: 'missing date' }));
    const { key } = await ctx.engine.startInstance('r08', { caseId: 'c1' });
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ caseId: 'c1' });
  });

  it('R09 an output mapping on the error catch event passes the error variables on [docs: components/modeler/bpmn/error-events#variable-mappings]', async () => {
    await deploy(withVars('r09', `<bpmn:extensionElements>${b.outputs(['=reason', 'rejectReason'])}</bpmn:extensionElements>`));
    recordingWorker(ctx.engine, 'r09-job', () => bpmnError('INVALID', 'bad input', { reason: 'missing date', noise: 1 }));
    const { key } = await ctx.engine.startInstance('r09');
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ rejectReason: 'missing date' });
  });

  it('R10 the error variables reach an error event sub-process start event and its output mappings [docs: components/modeler/bpmn/error-events#variable-mappings]', async () => {
    const startWithOut = b.withIo(b.start('es', b.errorDef('err')), b.outputs(['=code', 'failure']));
    const esp = b.sub('onError', [startWithOut, b.end('ee')], b.chain('es', 'ee'), { event: true });
    await deploy(b.model('r10', [b.start('s'), b.service('t', 'r10-job'), b.end('e'), esp], b.chain('s', 't', 'e'), b.error('err', 'BROKEN')));
    recordingWorker(ctx.engine, 'r10-job', () => bpmnError('BROKEN', undefined, { code: 42 }));
    const { key } = await ctx.engine.startInstance('r10');
    await done(key);
    expect((await ctx.engine.getVariables(key)).failure).toBe(42);
  });

  it("R11 a child's error caught on the call activity terminates the child; its variables do not come out [docs: components/modeler/bpmn/call-activities#boundary-events]", async () => {
    const child = b.model(
      'r11-child',
      [b.start('cs'), b.script('note', '="seen"', 'childNote'), b.service('ct', 'r11-job'), b.end('ce')],
      b.chain('cs', 'note', 'ct', 'ce'),
    );
    await deploy(
      child,
      b.model(
        'r11',
        [b.start('s'), b.call('ca', 'r11-child'), b.boundary('caught', 'ca', b.errorDef('err')), b.end('e'), b.end('eCaught')],
        [
          ['s', 'ca'],
          ['ca', 'e'],
          ['caught', 'eCaught'],
        ],
        b.error('err', 'CHILD_FAILED'),
      ),
    );
    recordingWorker(ctx.engine, 'r11-job', () => bpmnError('CHILD_FAILED'));
    const { key } = await ctx.engine.startInstance('r11');
    await done(key);
    const [c] = await ctx.engine.listProcessInstances({ parentProcessInstanceKey: key });
    expect(c!.state).toBe('TERMINATED');
    expect(await ctx.engine.getVariables(key)).not.toHaveProperty('childNote');
  });

  it('R12 an error in one inner instance of a multi-instance is caught on the body, which ends every inner instance [docs: components/modeler/bpmn/multi-instance#boundary-events]', async () => {
    const inner = [b.start('is'), b.xor('g'), b.end('fail', b.errorDef('err')), b.user('work'), b.end('ie')];
    const each = b.loopOn(
      b.sub('each', inner, [
        ['is', 'g'],
        ['g', 'fail', '=item = 2'],
        ['g', 'work', undefined, true],
        ['work', 'ie'],
      ]),
      b.loop({ input: '=items', element: 'item' }),
    );
    await deploy(
      b.model(
        'r12',
        [b.start('s'), each, b.boundary('caught', 'each', b.errorDef('err')), b.end('e'), b.end('eCaught')],
        [
          ['s', 'each'],
          ['each', 'e'],
          ['caught', 'eCaught'],
        ],
        b.error('err', 'ITEM_FAILED'),
      ),
    );
    const { key } = await ctx.engine.startInstance('r12', { items: [1, 2, 3] });
    await done(key);
    expect(await visited(ctx.engine, key)).toContain('eCaught');
    expect(await openTasks(ctx.engine, key)).toHaveLength(0);
    const tasks = await ctx.engine.listUserTasks({ processInstanceKey: key });
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => t.state === 'CANCELED')).toBe(true);
  });

  it(`R13 an error end event inside an event sub-process is caught by the boundary on the enclosing sub-process [docs: ${CATCHING}]`, async () => {
    const esp = b.sub('overdue', [b.start('ts', b.timerDuration('PT1H')), b.end('fail', b.errorDef('err'))], b.chain('ts', 'fail'), { event: true });
    const sp = b.sub('sp', [b.start('is'), b.user('work'), b.end('ie'), esp], b.chain('is', 'work', 'ie'));
    await deploy(
      b.model(
        'r13',
        [b.start('s'), sp, b.boundary('caught', 'sp', b.errorDef('err')), b.end('e'), b.end('eCaught')],
        [
          ['s', 'sp'],
          ['sp', 'e'],
          ['caught', 'eCaught'],
        ],
        b.error('err', 'OVERDUE'),
      ),
    );
    const { key } = await ctx.engine.startInstance('r13');
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    await ctx.engine.advanceClock(3600_000 + 1);
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(expect.arrayContaining(['overdue', 'fail', 'caught', 'eCaught']));
  });

  it('R14 an error end event in an error event sub-process is not caught by that event sub-process again: an incident [docs: components/modeler/bpmn/error-events#unhandled-errors]', async () => {
    const esp = b.sub('onError', [b.start('es', b.errorDef()), b.end('again', b.errorDef('err'))], b.chain('es', 'again'), { event: true });
    await deploy(b.model('r14', [b.start('s'), b.service('t', 'r14-job'), b.end('e'), esp], b.chain('s', 't', 'e'), b.error('err', 'AGAIN')));
    recordingWorker(ctx.engine, 'r14-job', () => bpmnError('FIRST'));
    const { key } = await ctx.engine.startInstance('r14');
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'again' });
  });

  it('R15 an uncaught job error is an incident on the task; resolving it re-enables the job [docs: components/modeler/bpmn/error-events#unhandled-errors]', async () => {
    await deploy(b.model('r15', [b.start('s'), b.service('t', 'r15-job'), b.end('e')], b.chain('s', 't', 'e')));
    let calls = 0;
    recordingWorker(ctx.engine, 'r15-job', () => (++calls === 1 ? bpmnError('NOBODY') : complete({ second: true })));
    const { key } = await ctx.engine.startInstance('r15');
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 't' });
    expect(inc!.jobKey).toBeDefined();
    await ctx.engine.resolveIncident(inc!.key);
    await done(key);
    expect(calls).toBe(2);
    expect((await ctx.engine.getVariables(key)).second).toBe(true);
  });

  it('R16 an uncaught error end event is an incident on the end event; resolving it raises the incident again [docs: components/modeler/bpmn/error-events#unhandled-errors]', async () => {
    await deploy(b.model('r16', [b.start('s'), b.end('fail', b.errorDef('err'))], b.chain('s', 'fail'), b.error('err', 'UNCAUGHT')));
    const { key } = await ctx.engine.startInstance('r16');
    const [first] = await incidents(key);
    expect(first).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'fail', jobKey: undefined });
    await ctx.engine.resolveIncident(first!.key);
    const [second] = await incidents(key);
    expect(second).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'fail' });
    expect(second!.key).not.toBe(first!.key);
    expect((await ctx.engine.getProcessInstance(key)).state).toBe('ACTIVE');
  });

  it('R17 a BPMN error from a job with retries left is caught at once: the job is not retried [docs: components/modeler/bpmn/error-events#throwing-the-error]', async () => {
    await deploy(
      b.model(
        'r17',
        [b.start('s'), b.service('t', 'r17-job', '', 5), b.boundary('caught', 't', b.errorDef()), b.end('e'), b.end('eCaught')],
        [
          ['s', 't'],
          ['t', 'e'],
          ['caught', 'eCaught'],
        ],
      ),
    );
    const jobs = recordingWorker(ctx.engine, 'r17-job', () => bpmnError('STOP'));
    const { key } = await ctx.engine.startInstance('r17');
    await done(key);
    await ctx.engine.advanceClock(60_000);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.retries).toBe(5);
    expect(await visited(ctx.engine, key)).toEqual(['s', 't', 'caught', 'eCaught']);
  });

  it('R18 an error boundary on an embedded sub-process ends all work inside it [docs: components/modeler/bpmn/embedded-subprocesses]', async () => {
    const inner = [b.start('is'), b.and('fork'), b.user('waiting'), b.service('t', 'r18-job'), b.end('ie1'), b.end('ie2')];
    const sp = b.sub('sp', inner, [
      ['is', 'fork'],
      ['fork', 'waiting'],
      ['fork', 't'],
      ['waiting', 'ie1'],
      ['t', 'ie2'],
    ]);
    await deploy(
      b.model(
        'r18',
        [b.start('s'), sp, b.boundary('caught', 'sp', b.errorDef('err')), b.end('e'), b.end('eCaught')],
        [
          ['s', 'sp'],
          ['sp', 'e'],
          ['caught', 'eCaught'],
        ],
        b.error('err', 'ABORT'),
      ),
    );
    // the error is thrown while the user task beside the job is open
    const go = deferred();
    recordingWorker(ctx.engine, 'r18-job', () => go.promise.then(() => bpmnError('ABORT')));
    const { key } = await ctx.engine.startInstance('r18');
    await eventually(async () => expect((await openTasks(ctx.engine, key)).map((t) => t.elementId)).toEqual(['waiting']));
    go.resolve();
    await done(key);
    expect(await openTasks(ctx.engine, key)).toHaveLength(0);
    expect(await active(ctx.engine, key)).toEqual([]);
    expect(await visited(ctx.engine, key)).not.toContain('ie1');
  });
});
