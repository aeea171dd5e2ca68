/**
 * Conformance: timer values — durations and dates, static or FEEL, on intermediate catch
 * events (cycles, boundaries and start events: timerEvents.test.ts). References: Camunda 8
 * docs, components/modeler/bpmn/timer-events (#timers, #time-duration, #time-date and its ISO
 * 8601 note: a zone id in brackets, no zone = UTC) and components/concepts/incidents. Where
 * the docs are silent the scenario follows Zeebe's source (zeebe-bpmn-model's Interval:
 * months and years clamp to the month's end) and says so.
 */
import { describe, expect, it } from 'vitest';
import * as b from './bpmn.js';
import { active, enginesUnderTest, eventually, useEngine, completed, activeIncidents } from './harness.js';

const H = 3600_000;

describe.each(enginesUnderTest())('timers on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (xml: string) => ctx.engine.deploy([{ name: 'm.bpmn', content: xml }]);
  const state = async (key: string) => (await ctx.engine.getProcessInstance(key)).state;
  const done = (key: string) => completed(ctx.engine, key);
  const waiting = (key: string, id: string) => eventually(async () => expect(await active(ctx.engine, key)).toContain(id));
  const incident = async (key: string) => (await activeIncidents(ctx.engine, key))[0]!;
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

  it('T12 a time date with an offset and an IANA zone id in brackets is read at its offset [docs: components/modeler/bpmn/timer-events#time-date]', async () => {
    const due = new Date(await iso(3 * H));
    const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'medium' }).format(due).replace(' ', 'T');
    await deploy(waitModel('t12', b.timerDate('=at')));
    const offset = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Stockholm', timeZoneName: 'longOffset' }).format(due).replace(/.*GMT/, '') || '+00:00';
    await firesAfter('t12', 3 * H, { at: `${wall}${offset}[Europe/Stockholm]` });
  });

  it('T13 a time date without an offset is no date-time: an EXTRACT_VALUE_ERROR incident [docs: components/modeler/bpmn/timer-events#time-date]', async () => {
    const due = await iso(H);
    await deploy(waitModel('t13', b.timerDate('=at')));
    const { key } = await ctx.engine.startInstance('t13', { at: due.slice(0, 19) });
    const inc = await incident(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'wait' });
    expect(inc.errorMessage).toContain(`Invalid date-time format '${due.slice(0, 19)}'`);
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
