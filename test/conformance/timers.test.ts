/**
 * Conformance: timers. References: Camunda 8 docs, components/modeler/bpmn/timer-events
 * (timer start events, intermediate catch events, boundary events; time date, duration and
 * cycle, static or FEEL; cron cycles), the ISO 8601 date-time note on that page (a zone id in
 * brackets, no zone = UTC), components/modeler/bpmn/event-based-gateways,
 * components/modeler/bpmn/event-subprocesses and components/concepts/incidents. Where the docs
 * are silent the scenario follows Zeebe's source (zeebe-bpmn-model's Interval: months clamp to
 * the month's end; RepeatingInterval: missed cycles do not fire in a burst) and says so.
 */
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { createEmbeddedEngine } from '../../src/engine/embedded/index.js';
import { complete } from '../../src/engine/port.js';
import { createTestDb, databaseKinds } from '../support/databases.js';
import * as b from './bpmn.js';
import { active, enginesUnderTest, eventually, openTasks, recordingWorker, T0, unique, useEngine, visited } from './harness.js';

const H = 3600_000;

describe.each(enginesUnderTest())('timers on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (xml: string) => ctx.engine.deploy([{ name: 'm.bpmn', content: xml }]);
  const state = async (key: string) => (await ctx.engine.getProcessInstance(key)).state;
  const done = (key: string) => eventually(async () => expect(await state(key)).toBe('COMPLETED'));
  const waiting = (key: string, id: string) => eventually(async () => expect(await active(ctx.engine, key)).toContain(id));
  const incident = (key: string) => eventually(async () => {
    const i = await ctx.engine.listIncidents({ processInstanceKey: key, state: 'ACTIVE' });
    expect(i).toHaveLength(1);
    return i[0]!;
  });
  const iso = async (ms: number) => new Date((await ctx.engine.now()).getTime() + ms).toISOString().replace(/\.000Z$/, 'Z');
  /** A process that waits at one catch event with the given timer. */
  const waitModel = (id: string, timer: string) => b.model(id, [b.start('s'), b.catchEvent('wait', timer), b.end('e')], b.chain('s', 'wait', 'e'));
  /** Starts the model and checks the timer fires after `ms`, not 1 ms before. */
  const firesAfter = async (id: string, ms: number, vars: Record<string, unknown> = {}) => {
    const { key } = await ctx.engine.startInstance(id, vars);
    await waiting(key, 'wait');
    if (ms > 1) {
      await ctx.engine.advanceClock(ms - 1);
      expect(await state(key)).toBe('ACTIVE');
    }
    await ctx.engine.advanceClock(1);
    await done(key);
    return key;
  };

  it('T01 a duration with days and hours (P1DT12H) fires after 36 hours, not before [docs: components/modeler/bpmn/timer-events#time-duration]', async () => {
    await deploy(waitModel('t01', b.timerDuration('P1DT12H')));
    await firesAfter('t01', 36 * H);
  });

  it('T02 a duration with fractional seconds (PT1.5S) fires after 1.5 seconds [docs: components/modeler/bpmn/timer-events#time-duration]', async () => {
    await deploy(waitModel('t02', b.timerDuration('PT1.5S')));
    await firesAfter('t02', 1500);
  });

  it('T03 a zero duration (PT0S) fires at once [docs: components/modeler/bpmn/timer-events#time-duration]', async () => {
    await deploy(waitModel('t03', b.timerDuration('PT0S')));
    const { key } = await ctx.engine.startInstance('t03');
    await ctx.engine.advanceClock(0);
    await done(key);
  });

  it('T04 a negative duration (-PT1H) fires at once [docs: components/modeler/bpmn/timer-events#time-duration]', async () => {
    await deploy(waitModel('t04', b.timerDuration('=x')));
    const { key } = await ctx.engine.startInstance('t04', { x: '-PT1H' });
    await ctx.engine.advanceClock(0);
    await done(key);
  });

  it('T05 P1M from the 31st ends on the last day of the next month (java.time clamps; Zeebe source) [docs: components/modeler/bpmn/timer-events#time-duration]', async () => {
    await deploy(waitModel('t05', b.timerDuration('P1M')));
    // Move to the next 31st (08:00 UTC) whose following month has 30 days.
    const now = await ctx.engine.now();
    let d = now;
    for (let i = 0; d <= now || d.getUTCDate() !== 31 || new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 2, 0)).getUTCDate() !== 30; i++) {
      d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 31, 8));
    }
    await ctx.engine.advanceClock(d.getTime() - now.getTime());
    const due = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 30, 8));
    await firesAfter('t05', due.getTime() - d.getTime());
  });

  it('T06 a duration from a FEEL duration value (=duration("PT1H")) [docs: components/modeler/bpmn/timer-events#timers]', async () => {
    await deploy(waitModel('t06', b.timerDuration('=duration("PT1H")')));
    await firesAfter('t06', H);
  });

  it('T07 a duration from a variable holding an ISO string [docs: components/modeler/bpmn/timer-events#timers]', async () => {
    await deploy(waitModel('t07', b.timerDuration('=remaining')));
    await firesAfter('t07', 2 * H, { remaining: 'PT2H' });
  });

  it('T08 a duration from temporal arithmetic (difference of two date-times) [docs: components/modeler/bpmn/timer-events#timers]', async () => {
    await deploy(waitModel('t08', b.timerDuration('=date and time(expires) - date and time(created)')));
    await firesAfter('t08', 3 * H, { created: '2026-03-02T08:00:00Z', expires: '2026-03-02T11:00:00Z' });
  });

  it('T09 a duration expression of the wrong type is an EXTRACT_VALUE_ERROR at the catch event; fixed and resolved, the timer runs [docs: components/concepts/incidents]', async () => {
    await deploy(waitModel('t09', b.timerDuration('=wait')));
    const { key } = await ctx.engine.startInstance('t09', { wait: 5 });
    const inc = await incident(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'wait' });
    expect(inc.errorMessage).toContain("to be one of '[DURATION, PERIOD, STRING]', but was 'NUMBER'");
    await ctx.engine.setVariables(key, { wait: 'PT1H' });
    await ctx.engine.resolveIncident(inc.key);
    await waiting(key, 'wait');
    await ctx.engine.advanceClock(H);
    await done(key);
  });

  it('T10 a string that is not an ISO duration is an EXTRACT_VALUE_ERROR incident [docs: components/modeler/bpmn/timer-events#timers]', async () => {
    await deploy(waitModel('t10', b.timerDuration('=wait')));
    const { key } = await ctx.engine.startInstance('t10', { wait: 'one hour' });
    const inc = await incident(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'wait' });
    expect(inc.errorMessage).toContain("Invalid duration format 'one hour'");
  });

  it('T11 a time date with a zone offset fires at that instant [docs: components/modeler/bpmn/timer-events#time-date]', async () => {
    const utc = new Date(await iso(2 * H));
    const local = new Date(utc.getTime() + 2 * H).toISOString().slice(0, 19);
    await deploy(waitModel('t11', b.timerDate('=at')));
    await firesAfter('t11', 2 * H, { at: `${local}+02:00` });
  });

  it('T12 a time date with an IANA zone id in brackets is that zone\'s wall-clock time [docs: components/modeler/bpmn/timer-events#time-date]', async () => {
    const due = new Date(await iso(3 * H));
    const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'medium' }).format(due).replace(' ', 'T');
    await deploy(waitModel('t12', b.timerDate('=at')));
    await firesAfter('t12', 3 * H, { at: `${wall}[Europe/Stockholm]` });
  });

  it('T13 a time date without a zone is read as UTC [docs: components/modeler/bpmn/timer-events#time-date]', async () => {
    const due = await iso(H);
    await deploy(waitModel('t13', b.timerDate('=at')));
    await firesAfter('t13', H, { at: due.slice(0, 19) });
  });

  it('T14 a time date in the past fires at once [docs: components/modeler/bpmn/timer-events#timers]', async () => {
    await deploy(waitModel('t14', b.timerDate('2020-01-01T00:00:00Z')));
    const { key } = await ctx.engine.startInstance('t14');
    await ctx.engine.advanceClock(0);
    await done(key);
  });

  it('T15 a time date from a FEEL zoned date-time value (date and time("…@Europe/Stockholm")) [docs: components/modeler/bpmn/timer-events#timers]', async () => {
    const due = new Date(await iso(5 * H));
    const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'medium' }).format(due).replace(' ', 'T');
    await deploy(waitModel('t15', b.timerDate('=date and time(wall + "@Europe/Stockholm")')));
    await firesAfter('t15', 5 * H, { wall });
  });

  it('T16 a time date from FEEL arithmetic on now() [docs: components/modeler/bpmn/timer-events#timers]', async () => {
    await deploy(waitModel('t16', b.timerDate('=now() + duration("PT2H")')));
    await firesAfter('t16', 2 * H);
  });

  it('T17 a date without a time is not a date-time: EXTRACT_VALUE_ERROR incident [docs: components/modeler/bpmn/timer-events#time-date]', async () => {
    await deploy(waitModel('t17', b.timerDate('=at')));
    const { key } = await ctx.engine.startInstance('t17', { at: '2030-01-01' });
    const inc = await incident(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'wait' });
    expect(inc.errorMessage).toContain("Invalid date-time format '2030-01-01'");
  });

  const boundaryModel = (id: string, timer: string, interrupting: boolean) => b.model(id,
    [b.start('s'), b.user('ut'), b.boundary('tb', 'ut', timer, interrupting), b.end('e'), b.end('eT')], [['s', 'ut'], ['ut', 'e'], ['tb', 'eT']]);
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

  it('T27 deploying a new version cancels the old version\'s timer start events [docs: components/modeler/bpmn/timer-events#timer-start-events]', async () => {
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
    await deploy(b.model('t30', [b.start('s'), b.eventGw('gw'), b.catchEvent('late', b.timerDate('=deadline')), b.catchEvent('reply', b.messageDef('m')), b.end('eLate'), b.end('eReply')],
      [['s', 'gw'], ['gw', 'late'], ['gw', 'reply'], ['late', 'eLate'], ['reply', 'eReply']], b.message('m', 't30-msg', '=caseId')));
    const { key } = await ctx.engine.startInstance('t30', { deadline: '2020-01-01T00:00:00Z', caseId: unique('t30') });
    await ctx.engine.advanceClock(0);
    await done(key);
    expect(await visited(ctx.engine, key)).toContain('eLate');
    expect(await visited(ctx.engine, key)).not.toContain('reply');
  });

  it('T31 a timer on a service task closes when the job completes first [docs: components/modeler/bpmn/timer-events#timer-boundary-events]', async () => {
    await deploy(b.model('t31', [b.start('s'), b.service('t', 't31-job'), b.boundary('tb', 't', b.timerCycle('R/PT1H'), false), b.end('e'), b.end('eT')],
      [['s', 't'], ['t', 'e'], ['tb', 'eT']]));
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
    const [task] = await eventually(async () => { const t = await openTasks(ctx.engine, key); expect(t).toHaveLength(1); return t; });
    await ctx.engine.completeUserTask(task!.key);
    await waiting(key, 'next');
    await ctx.engine.advanceClock(2 * H);
    expect(await visited(ctx.engine, key)).not.toContain('re');
  });

  it('T32 P1Y from 29 February ends on 28 February (java.time clamps; Zeebe source) [docs: components/modeler/bpmn/timer-events#time-duration]', async () => {
    await deploy(waitModel('t32', b.timerDuration('P1Y')));
    const now = await ctx.engine.now();
    let year = now.getUTCFullYear();
    while (new Date(Date.UTC(year, 1, 29)).getUTCDate() !== 29 || Date.UTC(year, 1, 29, 8) <= now.getTime()) year++;
    const leapDay = Date.UTC(year, 1, 29, 8);
    await ctx.engine.advanceClock(leapDay - now.getTime());
    await firesAfter('t32', Date.UTC(year + 1, 1, 28, 8) - leapDay);
  });
});

// A restart needs a second engine on the same database: only the embedded engine can be built so here.
describe.each(databaseKinds())('timers across a restart of the embedded engine on %s', (kind) => {
  it('T33 a timer that fell due while the engine was stopped fires at once when it starts again [docs: components/modeler/bpmn/timer-events#timers]', async () => {
    const t = await createTestDb(kind);
    const clock = new ControlledClock(T0);
    const first = createEmbeddedEngine({ db: t.db, clock, pollMs: 20 });
    await first.start();
    await first.deploy([{ name: 'm.bpmn', content: b.model('t33', [b.start('s'), b.catchEvent('wait', b.timerDuration('PT1H')), b.end('e')], b.chain('s', 'wait', 'e')) }]);
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
