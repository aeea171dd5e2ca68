/**
 * Conformance: embedded sub-processes, event sub-processes and terminate end events.
 * References: Camunda 8 docs, components/modeler/bpmn/embedded-subprocesses (active while an
 * element inside is active; interrupting boundary; variable mappings),
 * components/modeler/bpmn/event-subprocesses (triggered while the scope is active;
 * interrupting once, non-interrupting many times; the scope waits for it; variables),
 * components/modeler/bpmn/terminate-events (process scope, inside a sub-process).
 */
import { describe, expect, it } from 'vitest';
import { bpmnError, complete } from '../../src/engine/port.js';
import { deferred, settled } from '../support/waits.js';
import * as b from './bpmn.js';
import { active, enginesUnderTest, eventually, openTasks, recordingWorker, unique, useEngine, visited, completed } from './harness.js';

const SP = 'components/modeler/bpmn/embedded-subprocesses';
const ESP = 'components/modeler/bpmn/event-subprocesses';
const TERM = 'components/modeler/bpmn/terminate-events';
const HOUR = 3_600_000;

describe.each(enginesUnderTest())('sub-processes on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (...xml: string[]) => ctx.engine.deploy(xml.map((content, i) => ({ name: `sp${i}.bpmn`, content })));
  const done = (key: string) => completed(ctx.engine, key);
  const tasks = (key: string, n: number) =>
    eventually(async () => {
      const t = await openTasks(ctx.engine, key);
      expect(t).toHaveLength(n);
      return t;
    });
  const taskOf = async (key: string, elementId: string) => (await openTasks(ctx.engine, key)).find((t) => t.elementId === elementId)!;
  const count = async (key: string, id: string) => (await visited(ctx.engine, key)).filter((x) => x === id).length;
  /** A message event sub-process `id` with start `ms` → elements → end. */
  const messageEsp = (id: string, messageId: string, interrupting: boolean, inner: b.El[] = [], io = '') => {
    const ids = ['ms', ...inner.map((e) => e.id), 'me'];
    return b.sub(id, [b.start('ms', b.messageDef(messageId), interrupting), ...inner, b.end('me')], b.chain(...ids), { event: true, io });
  };

  it(`P01 input mappings make locals of the sub-process; they stay inside, output mappings carry values out [docs: ${SP}#variable-mappings]`, async () => {
    const inner = [b.start('is'), b.script('calc', '=base * 2', 'doubled'), b.end('ie')];
    await deploy(
      b.model(
        'p01',
        [b.start('s'), b.sub('sp', inner, b.chain('is', 'calc', 'ie'), { io: b.mappings([['=5', 'base']], [['=base + 1', 'next']]) }), b.end('e')],
        b.chain('s', 'sp', 'e'),
      ),
    );
    const { key } = await ctx.engine.startInstance('p01');
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ doubled: 10, next: 6 });
  });

  it(`P02 the sub-process stays active as long as one element inside is active [docs: ${SP}]`, async () => {
    const inner = [b.start('is'), b.and('fork'), b.user('a'), b.user('bb'), b.end('ea'), b.end('eb')];
    await deploy(
      b.model(
        'p02',
        [
          b.start('s'),
          b.sub('sp', inner, [
            ['is', 'fork'],
            ['fork', 'a'],
            ['fork', 'bb'],
            ['a', 'ea'],
            ['bb', 'eb'],
          ]),
          b.end('e'),
        ],
        b.chain('s', 'sp', 'e'),
      ),
    );
    const { key } = await ctx.engine.startInstance('p02');
    const [first, second] = await tasks(key, 2);
    await ctx.engine.completeUserTask(first!.key);
    expect(await active(ctx.engine, key)).toEqual(expect.arrayContaining(['sp']));
    await ctx.engine.completeUserTask(second!.key);
    await done(key);
  });

  it(`P03 an interrupting boundary on the sub-process terminates everything inside it [docs: ${SP}]`, async () => {
    const inner = [b.start('is'), b.and('fork'), b.user('a'), b.user('bb'), b.end('ea'), b.end('eb')];
    await deploy(
      b.model(
        'p03',
        [
          b.start('s'),
          b.sub('sp', inner, [
            ['is', 'fork'],
            ['fork', 'a'],
            ['fork', 'bb'],
            ['a', 'ea'],
            ['bb', 'eb'],
          ]),
          b.boundary('late', 'sp', b.timerDuration('P2D')),
          b.end('e'),
          b.end('eLate'),
        ],
        [
          ['s', 'sp'],
          ['sp', 'e'],
          ['late', 'eLate'],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('p03');
    await tasks(key, 2);
    await ctx.engine.advanceClock(2 * 86_400_000 + 1);
    await done(key);
    expect(await ctx.engine.listUserTasks({ processInstanceKey: key, state: 'CANCELED' })).toHaveLength(2);
    expect(await visited(ctx.engine, key)).toContain('eLate');
  });

  it(`P04 a non-interrupting event sub-process can be triggered several times [docs: ${ESP}]`, async () => {
    const caseId = unique('p04');
    await deploy(
      b.model('p04', [b.start('s'), b.user('ut'), b.end('e'), messageEsp('note', 'm', false)], b.chain('s', 'ut', 'e'), b.message('m', 'p04-note', '=caseId')),
    );
    const { key } = await ctx.engine.startInstance('p04', { caseId });
    await tasks(key, 1);
    await ctx.engine.publishMessage({ name: 'p04-note', correlationKey: caseId });
    await ctx.engine.publishMessage({ name: 'p04-note', correlationKey: caseId });
    await eventually(async () => expect(await count(key, 'note')).toBe(2));
    expect(await tasks(key, 1)).toHaveLength(1);
  });

  it(`P05 an interrupting event sub-process terminates the scope's instances, non-interrupting event sub-processes included [docs: ${ESP}]`, async () => {
    const caseId = unique('p05');
    const timeout = b.sub('timeout', [b.start('ts', b.timerDuration('PT2H')), b.end('te')], b.chain('ts', 'te'), { event: true });
    await deploy(
      b.model(
        'p05',
        [b.start('s'), b.user('ut'), b.end('e'), messageEsp('note', 'm', false, [b.user('followUp')]), timeout],
        b.chain('s', 'ut', 'e'),
        b.message('m', 'p05-note', '=caseId'),
      ),
    );
    const { key } = await ctx.engine.startInstance('p05', { caseId });
    await tasks(key, 1);
    await ctx.engine.publishMessage({ name: 'p05-note', correlationKey: caseId });
    await tasks(key, 2);
    await ctx.engine.advanceClock(2 * HOUR + 1);
    await done(key);
    expect(await ctx.engine.listUserTasks({ processInstanceKey: key, state: 'CANCELED' })).toHaveLength(2);
    expect(await visited(ctx.engine, key)).toContain('te');
  });

  it(`P06 an interrupting event sub-process is triggered only once [docs: ${ESP}]`, async () => {
    const caseId = unique('p06');
    await deploy(
      b.model(
        'p06',
        [b.start('s'), b.user('ut'), b.end('e'), messageEsp('cancel', 'm', true, [b.user('confirm')])],
        b.chain('s', 'ut', 'e'),
        b.message('m', 'p06-cancel', '=caseId'),
      ),
    );
    const { key } = await ctx.engine.startInstance('p06', { caseId });
    await tasks(key, 1);
    await ctx.engine.publishMessage({ name: 'p06-cancel', correlationKey: caseId });
    await eventually(async () => expect((await openTasks(ctx.engine, key)).map((t) => t.elementId)).toEqual(['confirm']));
    await ctx.engine.publishMessage({ name: 'p06-cancel', correlationKey: caseId });
    expect(await count(key, 'cancel')).toBe(1);
  });

  it(`P07 the scope does not complete until a triggered event sub-process has completed [docs: ${ESP}]`, async () => {
    const caseId = unique('p07');
    await deploy(
      b.model(
        'p07',
        [b.start('s'), b.user('ut'), b.end('e'), messageEsp('note', 'm', false, [b.user('followUp')])],
        b.chain('s', 'ut', 'e'),
        b.message('m', 'p07-note', '=caseId'),
      ),
    );
    const { key } = await ctx.engine.startInstance('p07', { caseId });
    await tasks(key, 1);
    await ctx.engine.publishMessage({ name: 'p07-note', correlationKey: caseId });
    await tasks(key, 2);
    await ctx.engine.completeUserTask((await taskOf(key, 'ut')).key);
    await tasks(key, 1);
    expect((await ctx.engine.getProcessInstance(key)).state).toBe('ACTIVE');
    await ctx.engine.completeUserTask((await taskOf(key, 'followUp')).key);
    await done(key);
  });

  it(`P08 an event sub-process inside an embedded sub-process has that sub-process as its scope: it ends the sub-process, the process goes on [docs: ${ESP}]`, async () => {
    const esp = b.sub('timeout', [b.start('ts', b.timerDuration('PT1H')), b.end('te')], b.chain('ts', 'te'), { event: true });
    await deploy(
      b.model(
        'p08',
        [b.start('s'), b.sub('sp', [b.start('is'), b.user('work'), b.end('ie'), esp], b.chain('is', 'work', 'ie')), b.user('after'), b.end('e')],
        b.chain('s', 'sp', 'after', 'e'),
      ),
    );
    const { key } = await ctx.engine.startInstance('p08');
    await tasks(key, 1);
    await ctx.engine.advanceClock(HOUR + 1);
    await eventually(async () => expect((await openTasks(ctx.engine, key)).map((t) => t.elementId)).toEqual(['after']));
    const sp = (await ctx.engine.listElementInstances(key)).find((e) => e.elementId === 'sp')!;
    expect(sp.state).toBe('COMPLETED');
  });

  it(`P09 an event sub-process can be triggered only while its scope is active [docs: ${ESP}]`, async () => {
    const caseId = unique('p09');
    const esp = messageEsp('note', 'm', false);
    await deploy(
      b.model(
        'p09',
        [b.start('s'), b.sub('sp', [b.start('is'), b.user('work'), b.end('ie'), esp], b.chain('is', 'work', 'ie')), b.user('after'), b.end('e')],
        b.chain('s', 'sp', 'after', 'e'),
        b.message('m', 'p09-note', '=caseId'),
      ),
    );
    const { key } = await ctx.engine.startInstance('p09', { caseId });
    const [work] = await tasks(key, 1);
    await ctx.engine.completeUserTask(work!.key);
    await eventually(async () => expect((await openTasks(ctx.engine, key)).map((t) => t.elementId)).toEqual(['after']));
    await ctx.engine.publishMessage({ name: 'p09-note', correlationKey: caseId });
    await settled(ctx.engine);
    expect(await visited(ctx.engine, key)).not.toContain('note');
  });

  it(`P10 event sub-process input mappings make locals visible only inside it; output mappings apply on completion [docs: ${ESP}#variables]`, async () => {
    const caseId = unique('p10');
    const esp = messageEsp('note', 'm', false, [b.script('use', '=tag + "-x"', 'seen')], b.mappings([['="intern"', 'tag']], [['=tag + "!"', 'published']]));
    await deploy(b.model('p10', [b.start('s'), b.user('ut'), b.end('e'), esp], b.chain('s', 'ut', 'e'), b.message('m', 'p10-note', '=caseId')));
    const { key } = await ctx.engine.startInstance('p10', { caseId });
    await tasks(key, 1);
    await ctx.engine.publishMessage({ name: 'p10-note', correlationKey: caseId });
    await eventually(async () => expect(await visited(ctx.engine, key)).toContain('me'));
    expect(await ctx.engine.getVariables(key)).toEqual({ caseId, seen: 'intern-x', published: 'intern!' });
  });

  it(`P11 an event sub-process can read and change the local variables of its containing scope [docs: ${ESP}#variables]`, async () => {
    const caseId = unique('p11');
    const esp = messageEsp('bump', 'm', false, [b.script('inc', '=count + 1', 'count')]);
    const sp = b.sub('sp', [b.start('is'), b.user('work'), b.end('ie'), esp], b.chain('is', 'work', 'ie'), {
      io: b.mappings([['=0', 'count']], [['=count', 'final']]),
    });
    await deploy(b.model('p11', [b.start('s'), sp, b.end('e')], b.chain('s', 'sp', 'e'), b.message('m', 'p11-bump', '=caseId')));
    const { key } = await ctx.engine.startInstance('p11', { caseId });
    const [work] = await tasks(key, 1);
    await ctx.engine.publishMessage({ name: 'p11-bump', correlationKey: caseId });
    await eventually(async () => expect(await visited(ctx.engine, key)).toContain('me'));
    await ctx.engine.completeUserTask(work!.key);
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ caseId, final: 1 });
  });

  it(`P12 without input mappings the message variables of the start event propagate by the default rules, to the process [docs: ${ESP}#variables]`, async () => {
    const caseId = unique('p12');
    await deploy(
      b.model('p12', [b.start('s'), b.user('ut'), b.end('e'), messageEsp('note', 'm', false)], b.chain('s', 'ut', 'e'), b.message('m', 'p12-note', '=caseId')),
    );
    const { key } = await ctx.engine.startInstance('p12', { caseId });
    await tasks(key, 1);
    await ctx.engine.publishMessage({ name: 'p12-note', correlationKey: caseId, variables: { reason: 'ny uppgift' } });
    await eventually(async () => expect((await ctx.engine.getVariables(key)).reason).toBe('ny uppgift'));
  });

  it(`P13 an error event sub-process in an embedded sub-process catches an error from inside it; the process goes on after the sub-process [docs: ${ESP}]`, async () => {
    const esp = b.sub('onError', [b.start('es', b.errorDef('err')), b.script('note', '="fångad"', 'handled'), b.end('ee')], b.chain('es', 'note', 'ee'), {
      event: true,
    });
    await deploy(
      b.model(
        'p13',
        [b.start('s'), b.sub('sp', [b.start('is'), b.service('t', 'p13-job'), b.end('ie'), esp], b.chain('is', 't', 'ie')), b.end('e')],
        b.chain('s', 'sp', 'e'),
        b.error('err', 'P13_FAILED'),
      ),
    );
    recordingWorker(ctx.engine, 'p13-job', () => bpmnError('P13_FAILED'));
    const { key } = await ctx.engine.startInstance('p13');
    await done(key);
    const v = await visited(ctx.engine, key);
    expect(v).toEqual(expect.arrayContaining(['onError', 'note', 'e']));
    expect(v).not.toContain('ie');
    expect((await ctx.engine.getVariables(key)).handled).toBe('fångad');
  });

  it(`P14 an event sub-process in a called process interrupts the child; the child completes and the parent goes on [docs: ${ESP}]`, async () => {
    const esp = b.sub(
      'timeout',
      [b.start('ts', b.timerDuration('PT1H')), b.script('mark', '="tidsgräns"', 'outcome'), b.end('te')],
      b.chain('ts', 'mark', 'te'),
      { event: true },
    );
    await deploy(
      b.model('p14-child', [b.start('cs'), b.user('cu'), b.end('ce'), esp], b.chain('cs', 'cu', 'ce')),
      b.model('p14', [b.start('s'), b.call('ca', 'p14-child'), b.end('e')], b.chain('s', 'ca', 'e')),
    );
    const { key } = await ctx.engine.startInstance('p14');
    await ctx.engine.advanceClock(HOUR + 1);
    await done(key);
    expect((await ctx.engine.getVariables(key)).outcome).toBe('tidsgräns');
  });

  it(`P15 a non-interrupting timer cycle event sub-process fires at every cycle while its scope is active [docs: ${ESP}]`, async () => {
    const esp = b.sub('remind', [b.start('rs', b.timerCycle('R2/PT1H'), false), b.end('re')], b.chain('rs', 're'), { event: true });
    await deploy(b.model('p15', [b.start('s'), b.user('ut'), b.end('e'), esp], b.chain('s', 'ut', 'e')));
    const { key } = await ctx.engine.startInstance('p15');
    await tasks(key, 1);
    await ctx.engine.advanceClock(HOUR + 1);
    await ctx.engine.advanceClock(HOUR + 1);
    await ctx.engine.advanceClock(HOUR + 1);
    await eventually(async () => expect(await count(key, 'remind')).toBe(2));
    expect(await tasks(key, 1)).toHaveLength(1);
  });

  it(`P16 while an interrupting event sub-process runs, the boundary events of its sub-process stay active [docs: ${ESP}]`, async () => {
    const esp = b.sub('timeout', [b.start('ts', b.timerDuration('PT1H')), b.user('handle'), b.end('te')], b.chain('ts', 'handle', 'te'), { event: true });
    await deploy(
      b.model(
        'p16',
        [
          b.start('s'),
          b.sub('sp', [b.start('is'), b.user('work'), b.end('ie'), esp], b.chain('is', 'work', 'ie')),
          b.boundary('deadline', 'sp', b.timerDuration('PT3H')),
          b.end('e'),
          b.end('eDeadline'),
        ],
        [
          ['s', 'sp'],
          ['sp', 'e'],
          ['deadline', 'eDeadline'],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('p16');
    await tasks(key, 1);
    await ctx.engine.advanceClock(HOUR + 1);
    await eventually(async () => expect((await openTasks(ctx.engine, key)).map((t) => t.elementId)).toEqual(['handle']));
    await ctx.engine.advanceClock(2 * HOUR);
    await done(key);
    expect(await visited(ctx.engine, key)).toContain('eDeadline');
    expect(await openTasks(ctx.engine, key)).toHaveLength(0);
  });

  it(`K03 a terminate end event in an embedded sub-process ends only that sub-process; the process goes on [docs: ${TERM}#inside-a-subprocess]`, async () => {
    const inner = [b.start('is'), b.and('fork'), b.user('inner'), b.end('stop', b.terminateDef), b.end('ie')];
    await deploy(
      b.model(
        'k03',
        [
          b.start('s'),
          b.and('split'),
          b.sub('sp', inner, [
            ['is', 'fork'],
            ['fork', 'inner'],
            ['fork', 'stop'],
            ['inner', 'ie'],
          ]),
          b.user('outer'),
          b.task('afterSp'),
          b.end('e1'),
          b.end('e2'),
        ],
        [
          ['s', 'split'],
          ['split', 'sp'],
          ['split', 'outer'],
          ['sp', 'afterSp'],
          ['afterSp', 'e1'],
          ['outer', 'e2'],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('k03');
    await eventually(async () => expect(await visited(ctx.engine, key)).toContain('afterSp'));
    expect((await openTasks(ctx.engine, key)).map((t) => t.elementId)).toEqual(['outer']);
    expect((await ctx.engine.listElementInstances(key)).find((e) => e.elementId === 'sp')!.state).toBe('COMPLETED');
  });

  it(`K04 a terminate end event in an event sub-process ends only the event sub-process [docs: ${TERM}#inside-a-subprocess]`, async () => {
    const caseId = unique('k04');
    const esp = b.sub(
      'note',
      [b.start('ms', b.messageDef('m'), false), b.and('fork'), b.user('followUp'), b.end('stop', b.terminateDef), b.end('me')],
      [
        ['ms', 'fork'],
        ['fork', 'followUp'],
        ['fork', 'stop'],
        ['followUp', 'me'],
      ],
      { event: true },
    );
    await deploy(b.model('k04', [b.start('s'), b.user('ut'), b.end('e'), esp], b.chain('s', 'ut', 'e'), b.message('m', 'k04-note', '=caseId')));
    const { key } = await ctx.engine.startInstance('k04', { caseId });
    await tasks(key, 1);
    await ctx.engine.publishMessage({ name: 'k04-note', correlationKey: caseId });
    await eventually(async () => expect((await ctx.engine.listElementInstances(key)).find((e) => e.elementId === 'note')?.state).toBe('COMPLETED'));
    expect((await openTasks(ctx.engine, key)).map((t) => t.elementId)).toEqual(['ut']);
    expect((await ctx.engine.getProcessInstance(key)).state).toBe('ACTIVE');
  });

  it(`K05 a terminate end event on the process scope cancels user tasks and timers, and the instance completes [docs: ${TERM}#on-the-process-scope]`, async () => {
    await deploy(
      b.model(
        'k05',
        [
          b.start('s'),
          b.and('fork'),
          b.user('ut'),
          b.boundary('late', 'ut', b.timerDuration('PT1H')),
          b.catchEvent('wait', b.timerDuration('PT2H')),
          b.service('go', 'k05-job'),
          b.end('stop', b.terminateDef),
          b.end('e1'),
          b.end('e2'),
          b.end('e3'),
        ],
        [
          ['s', 'fork'],
          ['fork', 'ut'],
          ['fork', 'wait'],
          ['fork', 'go'],
          ['go', 'stop'],
          ['ut', 'e1'],
          ['late', 'e2'],
          ['wait', 'e3'],
        ],
      ),
    );
    // the job completes (and the flow reaches the terminate end) while the user task and the timers wait
    const go = deferred();
    recordingWorker(ctx.engine, 'k05-job', () => go.promise.then(() => complete()));
    const { key } = await ctx.engine.startInstance('k05');
    await eventually(async () => expect((await openTasks(ctx.engine, key)).map((t) => t.elementId)).toEqual(['ut']));
    go.resolve();
    await done(key);
    expect(await ctx.engine.listUserTasks({ processInstanceKey: key, state: 'CANCELED' })).toHaveLength(1);
    await ctx.engine.advanceClock(3 * HOUR);
    const v = await visited(ctx.engine, key);
    expect(v).not.toContain('late');
    expect(v).not.toContain('e3');
    expect(v).not.toContain('e1');
  });
});
