/**
 * Conformance: timers and messages. References: Camunda 8 docs, "Timer events" (durations,
 * dates, cycles; start events), "Message events" and "Message correlation" (correlation key
 * evaluated when the subscription opens, buffering for the time-to-live, message id
 * uniqueness, message start events with one active instance per correlation key).
 */
import { describe, expect, it } from 'vitest';
import { settled } from '../support/waits.js';
import * as b from './bpmn.js';
import { active, enginesUnderTest, eventually, T0, unique, useEngine, visited, completed } from './harness.js';

describe.each(enginesUnderTest())('timers and messages on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (xml: string) => ctx.engine.deploy([{ name: 'm.bpmn', content: xml }]);
  const done = (key: string) => completed(ctx.engine, key);
  const waiting = (key: string, id: string) => eventually(async () => expect(await active(ctx.engine, key)).toContain(id));

  it('E01 intermediate timer (ISO duration) fires only when its time has come [docs: components/modeler/bpmn/timer-events#intermediate-timer-catch-events]', async () => {
    await deploy(b.model('e01', [b.start('s'), b.catchEvent('wait', b.timerDuration('PT2H')), b.end('e')], b.chain('s', 'wait', 'e')));
    const { key } = await ctx.engine.startInstance('e01');
    await waiting(key, 'wait');
    await ctx.engine.advanceClock(3600_000);
    expect((await ctx.engine.getProcessInstance(key)).state).toBe('ACTIVE');
    await ctx.engine.advanceClock(3600_000 + 1);
    await done(key);
  });

  it('E02 intermediate timer with a date from a FEEL expression [docs: components/modeler/bpmn/timer-events#time-date]', async () => {
    await deploy(b.model('e02', [b.start('s'), b.catchEvent('wait', b.timerDate('=followUpAt')), b.end('e')], b.chain('s', 'wait', 'e')));
    const now = await ctx.engine.now();
    const { key } = await ctx.engine.startInstance('e02', { followUpAt: new Date(now.getTime() + 86400_000).toISOString() });
    await waiting(key, 'wait');
    await ctx.engine.advanceClock(86400_000 + 1);
    await done(key);
  });

  it('E03 timer start event with a cycle R2/PT1H starts two instances, one per hour, then stops [docs: components/modeler/bpmn/timer-events#time-cycle]', async () => {
    // A fresh process id per run: a broker that already has this exact model keeps its (used-up) timer.
    const id = unique('e03');
    await deploy(b.model(id, [b.start('tick', b.timerCycle('R2/PT1H')), b.end('e')], b.chain('tick', 'e')));
    for (let h = 0; h < 4; h++) await ctx.engine.advanceClock(3600_000 + 1);
    await eventually(async () => expect(await ctx.engine.listProcessInstances({ processId: id })).toHaveLength(2));
  });

  it('E04 timer start event with a date starts one instance at that date [docs: components/modeler/bpmn/timer-events#timer-start-events]', async () => {
    const at = new Date((await ctx.engine.now()).getTime() + 3 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const id = unique('e04');
    await deploy(b.model(id, [b.start('at', b.timerDate(at)), b.end('e')], b.chain('at', 'e')));
    expect(await ctx.engine.listProcessInstances({ processId: id })).toHaveLength(0);
    await ctx.engine.advanceClock(3 * 3600_000 + 1);
    await eventually(async () => expect(await ctx.engine.listProcessInstances({ processId: id })).toHaveLength(1));
  });

  const catchModel = (id: string) =>
    b.model(id, [b.start('s'), b.catchEvent('answer', b.messageDef('m')), b.end('e')], b.chain('s', 'answer', 'e'), b.message('m', `${id}-msg`, '=caseId'));

  it('E05 message catch event correlates by key and merges the message variables [docs: components/concepts/messages#message-subscriptions]', async () => {
    await deploy(catchModel('e05'));
    const caseId = unique('e05');
    const other = await ctx.engine.startInstance('e05', { caseId: `${caseId}-other` });
    const { key } = await ctx.engine.startInstance('e05', { caseId });
    await waiting(key, 'answer');
    await ctx.engine.publishMessage({ name: 'e05-msg', correlationKey: caseId, variables: { reply: 'klar' } });
    await done(key);
    expect((await ctx.engine.getVariables(key)).reply).toBe('klar');
    expect((await ctx.engine.getProcessInstance(other.key)).state).toBe('ACTIVE');
  });

  it('E06 a message published before the subscription waits out its TTL and then correlates [docs: components/concepts/messages#message-buffering]', async () => {
    await deploy(catchModel('e06'));
    const caseId = unique('e06');
    await ctx.engine.publishMessage({ name: 'e06-msg', correlationKey: caseId, timeToLiveMs: 3600_000, variables: { early: true } });
    const { key } = await ctx.engine.startInstance('e06', { caseId });
    await done(key);
    expect((await ctx.engine.getVariables(key)).early).toBe(true);
  });

  it('E07 a buffered message whose TTL has run out is not correlated [docs: components/concepts/messages#message-buffering]', async () => {
    await deploy(catchModel('e07'));
    const caseId = unique('e07');
    await ctx.engine.publishMessage({ name: 'e07-msg', correlationKey: caseId, timeToLiveMs: 60_000 });
    await ctx.engine.advanceClock(120_000);
    const { key } = await ctx.engine.startInstance('e07', { caseId });
    await waiting(key, 'answer');
    await settled(ctx.engine);
    expect((await ctx.engine.getProcessInstance(key)).state).toBe('ACTIVE');
  });

  it('E08 a second message with the same id within the TTL is rejected [docs: components/concepts/messages#message-uniqueness]', async () => {
    const caseId = unique('e08');
    await ctx.engine.publishMessage({ name: 'e08-msg', correlationKey: caseId, timeToLiveMs: 60_000, messageId: `${caseId}-1` });
    await expect(ctx.engine.publishMessage({ name: 'e08-msg', correlationKey: caseId, timeToLiveMs: 60_000, messageId: `${caseId}-1` })).rejects.toThrow();
    await ctx.engine.publishMessage({ name: 'e08-msg', correlationKey: caseId, timeToLiveMs: 60_000, messageId: `${caseId}-2` });
  });

  it('E09 message start event starts an instance with the variables, at most one active per correlation key [docs: components/modeler/bpmn/message-events#message-start-events]', async () => {
    await deploy(
      b.model(
        'e09',
        [b.start('received', b.messageDef('m')), b.user('handle'), b.end('e')],
        b.chain('received', 'handle', 'e'),
        b.message('m', 'e09-feedback'),
      ),
    );
    const ck = unique('e09');
    await ctx.engine.publishMessage({ name: 'e09-feedback', correlationKey: ck, variables: { kind: 'klagomal' } });
    await eventually(async () => expect(await ctx.engine.listProcessInstances({ processId: 'e09' })).toHaveLength(1));
    await ctx.engine.publishMessage({ name: 'e09-feedback', correlationKey: ck, variables: { kind: 'again' } });
    await ctx.engine.publishMessage({ name: 'e09-feedback', correlationKey: `${ck}-b` });
    await eventually(async () => expect(await ctx.engine.listProcessInstances({ processId: 'e09' })).toHaveLength(2));
    const [first] = await ctx.engine.listProcessInstances({ processId: 'e09' });
    expect((await ctx.engine.getVariables(first!.key)).kind).toBe('klagomal');
  });

  it('E10 receive task waits for its message [docs: components/modeler/bpmn/receive-tasks]', async () => {
    await deploy(b.model('e10', [b.start('s'), b.receive('wait', 'm'), b.end('e')], b.chain('s', 'wait', 'e'), b.message('m', 'e10-msg', '=caseId')));
    const caseId = unique('e10');
    const { key } = await ctx.engine.startInstance('e10', { caseId });
    await waiting(key, 'wait');
    await ctx.engine.publishMessage({ name: 'e10-msg', correlationKey: caseId });
    await done(key);
  });

  it('E11 a subscription takes one message: the second stays uncorrelated for this instance [docs: components/concepts/messages#message-subscriptions]', async () => {
    await deploy(catchModel('e11'));
    const caseId = unique('e11');
    const { key } = await ctx.engine.startInstance('e11', { caseId });
    await waiting(key, 'answer');
    await ctx.engine.publishMessage({ name: 'e11-msg', correlationKey: caseId, variables: { n: 1 }, timeToLiveMs: 60_000 });
    await ctx.engine.publishMessage({ name: 'e11-msg', correlationKey: caseId, variables: { n: 2 }, timeToLiveMs: 60_000 });
    await done(key);
    expect((await ctx.engine.getVariables(key)).n).toBe(1);
    expect((await visited(ctx.engine, key)).filter((id) => id === 'answer')).toHaveLength(1);
  });

  it('harness: the clock is pinned for the whole suite (timers are deterministic)', async () => {
    expect((await ctx.engine.now()).getTime()).toBeGreaterThanOrEqual(T0.getTime());
  });
});
