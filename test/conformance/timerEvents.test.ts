/**
 * Conformance: timer events — boundary timers, cycles (ISO 8601 and cron), timer start events,
 * timers in event sub-processes and event-based gateways, timers across a restart (timer
 * values: timers.test.ts). References: Camunda 8 docs, components/modeler/bpmn/timer-events
 * (#timer-start-events, #timer-boundary-events, #time-cycle, #timers),
 * components/modeler/bpmn/event-based-gateways, components/modeler/bpmn/event-subprocesses and
 * components/concepts/incidents. Where the docs are silent the scenario follows Zeebe's source
 * (RepeatingInterval: missed cycles do not fire in a burst) and says so.
 */
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { createEmbeddedEngine } from '../../src/engine/embedded/index.js';
import { complete } from '../../src/engine/port.js';
import { createTestDb, databaseKinds } from '../support/databases.js';
import * as b from './bpmn.js';
import { active, enginesUnderTest, eventually, openTasks, recordingWorker, T0, unique, useEngine, visited, completed, activeIncidents } from './harness.js';

const H = 3600_000;

describe.each(enginesUnderTest())('timer events on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (xml: string) => ctx.engine.deploy([{ name: 'm.bpmn', content: xml }]);
  const done = (key: string) => completed(ctx.engine, key);
  const waiting = (key: string, id: string) => eventually(async () => expect(await active(ctx.engine, key)).toContain(id));
  const incident = async (key: string) => (await activeIncidents(ctx.engine, key))[0]!;
  const iso = async (ms: number) => new Date((await ctx.engine.now()).getTime() + ms).toISOString().replace(/\.000Z$/, 'Z');
  const boundaryModel = (id: string, timer: string, interrupting: boolean) =>
    b.model(
      id,
      [b.start('s'), b.user('ut'), b.boundary('tb', 'ut', timer, interrupting), b.end('e'), b.end('eT')],
      [
        ['s', 'ut'],
        ['ut', 'e'],
        ['tb', 'eT'],
      ],
    );
  const fired = async (key: string) => (await visited(ctx.engine, key)).filter((id) => id === 'tb').length;

  it('T18 an interrupting timer boundary with a time date cancels the activity at that date [docs: components/modeler/bpmn/timer-events#timer-boundary-events]', async () => {
    await deploy(boundaryModel('t18', b.timerDate('=deadline'), true));
    const { key } = await ctx.engine.startInstance('t18', { deadline: await iso(4 * H) });
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    await ctx.engine.advanceClock(4 * H);
    await done(key);
    expect(await openTasks(ctx.engine, key)).toHaveLength(0);
    expect(await visited(ctx.engine, key)).toContain('eT');
  });

  it('T19 a non-interrupting timer boundary with a duration fires only once [docs: components/modeler/bpmn/timer-events#timer-boundary-events]', async () => {
    await deploy(boundaryModel('t19', b.timerDuration('PT1H'), false));
    const { key } = await ctx.engine.startInstance('t19');
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    for (let i = 0; i < 3; i++) await ctx.engine.advanceClock(H);
    expect(await fired(key)).toBe(1);
    expect(await openTasks(ctx.engine, key)).toHaveLength(1);
  });

  it('T20 an unbounded cycle (R/PT1H) on a non-interrupting boundary repeats while the activity lives, and stops when it ends [docs: components/modeler/bpmn/timer-events#time-cycle]', async () => {
    await deploy(boundaryModel('t20', b.timerCycle('R/PT1H'), false));
    const { key } = await ctx.engine.startInstance('t20');
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    for (let i = 0; i < 5; i++) await ctx.engine.advanceClock(H);
    expect(await fired(key)).toBe(5);
    const [task] = await openTasks(ctx.engine, key);
    await ctx.engine.completeUserTask(task!.key);
    await done(key);
    await ctx.engine.advanceClock(3 * H);
    expect(await fired(key)).toBe(5);
  });

  it('T21 a failing boundary timer expression is an incident on the activity it is attached to [docs: components/concepts/incidents]', async () => {
    await deploy(boundaryModel('t21', b.timerCycle('=reminder'), false));
    const { key } = await ctx.engine.startInstance('t21', { reminder: 'every hour' });
    const inc = await incident(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'ut' });
    await ctx.engine.setVariables(key, { reminder: 'R2/PT1H' });
    await ctx.engine.resolveIncident(inc.key);
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    for (let i = 0; i < 3; i++) await ctx.engine.advanceClock(H);
    expect(await fired(key)).toBe(2);
  });

  it('T22 a cron cycle on a non-interrupting boundary fires at each matching time (every quarter hour) [docs: components/modeler/bpmn/timer-events#time-cycle]', async () => {
    await deploy(boundaryModel('t22', b.timerCycle('0 0/15 * * * *'), false));
    // Start on a quarter hour so that exactly four quarters pass in the next hour.
    const now = await ctx.engine.now();
    await ctx.engine.advanceClock(15 * 60_000 - (now.getTime() % (15 * 60_000)));
    const { key } = await ctx.engine.startInstance('t22');
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    await ctx.engine.advanceClock(15 * 60_000 - 1);
    expect(await fired(key)).toBe(0);
    for (let i = 0; i < 4; i++) await ctx.engine.advanceClock(i === 0 ? 1 : 15 * 60_000);
    expect(await fired(key)).toBe(4);
  });

  it('T23 missed cycles fire once, then one interval after now, not in a burst (Zeebe source: RepeatingInterval) [docs: components/modeler/bpmn/timer-events#time-cycle]', async () => {
    await deploy(boundaryModel('t23', b.timerCycle('R/PT1H'), false));
    const { key } = await ctx.engine.startInstance('t23');
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    await ctx.engine.advanceClock(5 * H);
    expect(await fired(key)).toBe(1);
    await ctx.engine.advanceClock(H);
    expect(await fired(key)).toBe(2);
  });

  const startCount = async (id: string) => (await ctx.engine.listProcessInstances({ processId: id })).length;

  it('T24 a timer start cycle with a start date fires first at that date, then by the interval, as often as repeated [docs: components/modeler/bpmn/timer-events#time-cycle]', async () => {
    const id = unique('t24');
    await deploy(b.model(id, [b.start('tick', b.timerCycle(`R2/${await iso(2 * H)}/PT1H`)), b.end('e')], b.chain('tick', 'e')));
    await ctx.engine.advanceClock(2 * H - 1);
    expect(await startCount(id)).toBe(0);
    await ctx.engine.advanceClock(1);
    await eventually(async () => expect(await startCount(id)).toBe(1));
    for (let i = 0; i < 3; i++) await ctx.engine.advanceClock(H);
    await eventually(async () => expect(await startCount(id)).toBe(2));
  });

  it('T25 a timer start cycle whose start date is past fires at once [docs: components/modeler/bpmn/timer-events#time-cycle]', async () => {
    const id = unique('t25');
    await deploy(b.model(id, [b.start('tick', b.timerCycle('R1/2020-01-01T00:00:00Z/P1D')), b.end('e')], b.chain('tick', 'e')));
    await ctx.engine.advanceClock(0);
    await eventually(async () => expect(await startCount(id)).toBe(1));
  });

  it('T26 a cron timer start event (weekdays at 09:00 UTC) starts an instance at each matching time [docs: components/modeler/bpmn/timer-events#time-cycle]', async () => {
    const id = unique('t26');
    await deploy(b.model(id, [b.start('tick', b.timerCycle('0 0 9 * * MON-FRI')), b.end('e')], b.chain('tick', 'e')));
    const nextWeekday9 = (after: Date) => {
      const d = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate(), 9));
      while (d <= after || d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
      return d;
    };
    const now = await ctx.engine.now();
    const first = nextWeekday9(now);
    await ctx.engine.advanceClock(first.getTime() - now.getTime() - 1);
    expect(await startCount(id)).toBe(0);
    await ctx.engine.advanceClock(1);
    await eventually(async () => expect(await startCount(id)).toBe(1));
    const second = nextWeekday9(first);
    await ctx.engine.advanceClock(second.getTime() - first.getTime() - 1);
    expect(await startCount(id)).toBe(1);
    await ctx.engine.advanceClock(1);
    await eventually(async () => expect(await startCount(id)).toBe(2));
  });

  it("T27 deploying a new version cancels the old version's timer start events [docs: components/modeler/bpmn/timer-events#timer-start-events]", async () => {
    const id = unique('t27');
    await deploy(b.model(id, [b.start('at', b.timerDate(await iso(2 * H))), b.end('e')], b.chain('at', 'e')));
    await deploy(b.model(id, [b.start('at', b.timerDate(await iso(4 * H))), b.end('e2')], b.chain('at', 'e2')));
    await ctx.engine.advanceClock(3 * H);
    expect(await startCount(id)).toBe(0);
    await ctx.engine.advanceClock(H);
    await eventually(async () => expect(await startCount(id)).toBe(1));
    const [inst] = await ctx.engine.listProcessInstances({ processId: id });
    expect(inst!.version).toBe(2);
  });

  it('T28 a timer start expression is evaluated at deployment: one that fails rejects the deployment [docs: components/modeler/bpmn/timer-events#timers]', async () => {
    const id = unique('t28');
    await expect(deploy(b.model(id, [b.start('at', b.timerDate('=startAt')), b.end('e')], b.chain('at', 'e')))).rejects.toThrow(/timer/);
    expect((await ctx.engine.listProcessDefinitions()).some((d) => d.processId === id)).toBe(false);
  });

  it('T29 a non-interrupting timer event sub-process with a cycle runs beside the main flow as often as repeated [docs: components/modeler/bpmn/event-subprocesses]', async () => {
    const esp = b.sub('remind', [b.start('rs', b.timerCycle('R2/PT1H'), false), b.end('re')], b.chain('rs', 're'), { event: true });
    await deploy(b.model('t29', [b.start('s'), b.user('ut'), b.end('e'), esp], b.chain('s', 'ut', 'e')));
    const { key } = await ctx.engine.startInstance('t29');
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    for (let i = 0; i < 3; i++) await ctx.engine.advanceClock(H);
    expect((await visited(ctx.engine, key)).filter((x) => x === 're')).toHaveLength(2);
    expect(await openTasks(ctx.engine, key)).toHaveLength(1);
  });

  it('T30 an event-based gateway whose timer date is already past takes the timer branch at once [docs: components/modeler/bpmn/event-based-gateways]', async () => {
    await deploy(
      b.model(
        't30',
        [
          b.start('s'),
          b.eventGw('gw'),
          b.catchEvent('late', b.timerDate('=deadline')),
          b.catchEvent('reply', b.messageDef('m')),
          b.end('eLate'),
          b.end('eReply'),
        ],
        [
          ['s', 'gw'],
          ['gw', 'late'],
          ['gw', 'reply'],
          ['late', 'eLate'],
          ['reply', 'eReply'],
        ],
        b.message('m', 't30-msg', '=caseId'),
      ),
    );
    const { key } = await ctx.engine.startInstance('t30', { deadline: '2020-01-01T00:00:00Z', caseId: unique('t30') });
    await ctx.engine.advanceClock(0);
    await done(key);
    expect(await visited(ctx.engine, key)).toContain('eLate');
    expect(await visited(ctx.engine, key)).not.toContain('reply');
  });

  it('T31 a timer on a service task closes when the job completes first [docs: components/modeler/bpmn/timer-events#timer-boundary-events]', async () => {
    await deploy(
      b.model(
        't31',
        [b.start('s'), b.service('t', 't31-job'), b.boundary('tb', 't', b.timerCycle('R/PT1H'), false), b.end('e'), b.end('eT')],
        [
          ['s', 't'],
          ['t', 'e'],
          ['tb', 'eT'],
        ],
      ),
    );
    recordingWorker(ctx.engine, 't31-job', () => complete());
    const { key } = await ctx.engine.startInstance('t31');
    await done(key);
    await ctx.engine.advanceClock(3 * H);
    expect(await fired(key)).toBe(0);
  });

  it('T34 a timer event sub-process inside a sub-process is closed when that sub-process completes [docs: components/modeler/bpmn/event-subprocesses]', async () => {
    const esp = b.sub('remind', [b.start('rs', b.timerDuration('PT1H'), false), b.end('re')], b.chain('rs', 're'), { event: true });
    const inner = b.sub('sp', [b.start('is'), b.user('ut'), b.end('ie'), esp], b.chain('is', 'ut', 'ie'));
    await deploy(b.model('t34', [b.start('s'), inner, b.user('next'), b.end('e')], b.chain('s', 'sp', 'next', 'e')));
    const { key } = await ctx.engine.startInstance('t34');
    const [task] = await eventually(async () => {
      const t = await openTasks(ctx.engine, key);
      expect(t).toHaveLength(1);
      return t;
    });
    await ctx.engine.completeUserTask(task!.key);
    await waiting(key, 'next');
    await ctx.engine.advanceClock(2 * H);
    expect(await visited(ctx.engine, key)).not.toContain('re');
  });
});

// A restart needs a second engine on the same database: only the embedded engine can be built so here.
describe.each(databaseKinds())('timers across a restart of the embedded engine on %s', (kind) => {
  it('T33 a timer that fell due while the engine was stopped fires at once when it starts again [docs: components/modeler/bpmn/timer-events#timers]', async () => {
    const t = await createTestDb(kind);
    const clock = new ControlledClock(T0);
    const first = createEmbeddedEngine({ db: t.db, clock, pollMs: 20 });
    await first.start();
    await first.deploy([
      { name: 'm.bpmn', content: b.model('t33', [b.start('s'), b.catchEvent('wait', b.timerDuration('PT1H')), b.end('e')], b.chain('s', 'wait', 'e')) },
    ]);
    const { key } = await first.startInstance('t33');
    await first.stop();
    clock.advance(3 * H);
    const second = createEmbeddedEngine({ db: t.db, clock, pollMs: 20 });
    await second.start();
    try {
      await eventually(async () => expect((await second.getProcessInstance(key)).state).toBe('COMPLETED'));
    } finally {
      await second.stop();
      await t.destroy();
    }
  });
});
