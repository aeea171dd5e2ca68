/**
 * Conformance: messages. References: Camunda 8 docs, components/concepts/messages (message
 * subscriptions, buffering and time to live, cardinality, uniqueness),
 * components/modeler/bpmn/message-events (message start events and their correlation key,
 * message boundary events, the message's name and correlation key expressions, variable
 * mappings), components/modeler/bpmn/event-subprocesses. Where the docs are silent the
 * scenario follows Zeebe's source (ExpressionProcessor: a numeric correlation key becomes
 * `Long.toString(longValue)`) and says so.
 */
import { describe, expect, it } from 'vitest';
import { settled } from '../support/waits.js';
import * as b from './bpmn.js';
import { active, enginesUnderTest, eventually, openTasks, unique, useEngine, visited, completed, activeIncidents } from './harness.js';

const MIN = 60_000;

describe.each(enginesUnderTest())('messages on $name', (eut) => {
  const ctx = useEngine(eut);
  /** Everything due has run (a message that would correlate has): for checks that something did not happen. */
  const settle = () => settled(ctx.engine);
  const deploy = (xml: string) => ctx.engine.deploy([{ name: 'm.bpmn', content: xml }]);
  const state = async (key: string) => (await ctx.engine.getProcessInstance(key)).state;
  const done = (key: string) => completed(ctx.engine, key);
  const waiting = (key: string, id: string) => eventually(async () => expect(await active(ctx.engine, key)).toContain(id));
  const publish = (name: string, correlationKey: string, more: { variables?: Record<string, unknown>; timeToLiveMs?: number; messageId?: string } = {}) =>
    ctx.engine.publishMessage({ name, correlationKey, ...more });
  const incident = async (key: string) => (await activeIncidents(ctx.engine, key))[0]!;
  const instances = (processId: string) => ctx.engine.listProcessInstances({ processId });
  /** A process waiting at a message catch event with correlation key `key`. */
  const catchModel = (id: string, key = '=caseId', name = `${id}-msg`) =>
    b.model(id, [b.start('s'), b.catchEvent('answer', b.messageDef('m')), b.end('e')], b.chain('s', 'answer', 'e'), b.message('m', name, key));
  /** A process started by a message, waiting at a user task. */
  const startModel = (id: string, name = `${id}-msg`) =>
    b.model(id, [b.start('received', b.messageDef('m')), b.user('handle'), b.end('e')], b.chain('received', 'handle', 'e'), b.message('m', name));

  it('Q01 a numeric correlation key is converted to a string [docs: components/modeler/bpmn/message-events#messages]', async () => {
    await deploy(catchModel('q01'));
    const { key } = await ctx.engine.startInstance('q01', { caseId: 4711 });
    await waiting(key, 'answer');
    await publish('q01-msg', '4711');
    await done(key);
  });

  it('Q02 a decimal correlation key is truncated to its integer part (Zeebe source: Long.toString) [docs: components/modeler/bpmn/message-events#messages]', async () => {
    await deploy(catchModel('q02'));
    const { key } = await ctx.engine.startInstance('q02', { caseId: 42.7 });
    await waiting(key, 'answer');
    await publish('q02-msg', '42');
    await done(key);
  });

  it('Q03 a correlation key that is neither string nor number is an EXTRACT_VALUE_ERROR; fixed and resolved, the message correlates [docs: components/modeler/bpmn/message-events#messages]', async () => {
    await deploy(catchModel('q03'));
    const { key } = await ctx.engine.startInstance('q03', { caseId: true });
    const inc = await incident(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'answer' });
    expect(inc.errorMessage).toContain("The value must be either a string or a number, but was 'BOOLEAN'");
    const caseId = unique('q03');
    await ctx.engine.setVariables(key, { caseId });
    await ctx.engine.resolveIncident(inc.key);
    await waiting(key, 'answer');
    await publish('q03-msg', caseId);
    await done(key);
  });

  it('Q04 a missing correlation key variable (null) is an EXTRACT_VALUE_ERROR incident [docs: components/modeler/bpmn/message-events#messages]', async () => {
    await deploy(catchModel('q04'));
    const { key } = await ctx.engine.startInstance('q04');
    const inc = await incident(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'answer' });
    expect(inc.errorMessage).toContain("but was 'NULL'");
  });

  it('Q05 a message name given as an expression is evaluated when the event is activated [docs: components/modeler/bpmn/message-events#messages]', async () => {
    await deploy(catchModel('q05', '=caseId', '=&quot;q05-&quot; + kind'));
    const caseId = unique('q05');
    const { key } = await ctx.engine.startInstance('q05', { caseId, kind: 'reply' });
    await waiting(key, 'answer');
    await publish('q05-reply', caseId);
    await done(key);
  });

  it('Q06 a subscription keeps the correlation key it opened with, though the variable changes later [docs: components/concepts/messages#message-subscriptions]', async () => {
    await deploy(catchModel('q06'));
    const caseId = unique('q06');
    const { key } = await ctx.engine.startInstance('q06', { caseId });
    await waiting(key, 'answer');
    await ctx.engine.setVariables(key, { caseId: `${caseId}-changed` });
    await publish('q06-msg', `${caseId}-changed`);
    await settle();
    expect(await state(key)).toBe('ACTIVE');
    await publish('q06-msg', caseId);
    await done(key);
  });

  it('Q07 a message with time to live 0 is not buffered: published before the subscription, it is lost [docs: components/concepts/messages#message-buffering]', async () => {
    await deploy(catchModel('q07'));
    const caseId = unique('q07');
    await publish('q07-msg', caseId, { timeToLiveMs: 0 });
    const { key } = await ctx.engine.startInstance('q07', { caseId });
    await waiting(key, 'answer');
    await settle();
    expect(await state(key)).toBe('ACTIVE');
  });

  it('Q08 of several buffered messages the first published correlates first (FIFO) [docs: components/concepts/messages#message-buffering]', async () => {
    await deploy(catchModel('q08'));
    const caseId = unique('q08');
    for (const n of [1, 2]) await publish('q08-msg', caseId, { timeToLiveMs: 10 * MIN, variables: { n } });
    const { key } = await ctx.engine.startInstance('q08', { caseId });
    await done(key);
    expect((await ctx.engine.getVariables(key)).n).toBe(1);
  });

  it('Q09 message ids are unique per name and correlation key: the same id with another key is accepted [docs: components/concepts/messages#message-uniqueness]', async () => {
    const k = unique('q09');
    await publish('q09-msg', `${k}-a`, { timeToLiveMs: MIN, messageId: `${k}-id` });
    await expect(publish('q09-msg', `${k}-b`, { timeToLiveMs: MIN, messageId: `${k}-id` })).resolves.toHaveProperty('key');
    await expect(publish('q09-other', `${k}-a`, { timeToLiveMs: MIN, messageId: `${k}-id` })).resolves.toHaveProperty('key');
  });

  it('Q10 once the buffered message expired, its id can be published again [docs: components/concepts/messages#message-uniqueness]', async () => {
    const k = unique('q10');
    await publish('q10-msg', k, { timeToLiveMs: MIN, messageId: `${k}-id` });
    await expect(publish('q10-msg', k, { timeToLiveMs: MIN, messageId: `${k}-id` })).rejects.toThrow();
    await ctx.engine.advanceClock(MIN + 1);
    await expect(publish('q10-msg', k, { timeToLiveMs: MIN, messageId: `${k}-id` })).resolves.toHaveProperty('key');
  });

  it('Q11 a message that already correlated stays buffered: its id is still rejected within the time to live [docs: components/concepts/messages#message-uniqueness]', async () => {
    await deploy(catchModel('q11'));
    const caseId = unique('q11');
    const { key } = await ctx.engine.startInstance('q11', { caseId });
    await waiting(key, 'answer');
    await publish('q11-msg', caseId, { timeToLiveMs: 10 * MIN, messageId: `${caseId}-id` });
    await done(key);
    await expect(publish('q11-msg', caseId, { timeToLiveMs: 10 * MIN, messageId: `${caseId}-id` })).rejects.toThrow();
  });

  it('Q12 one message correlates to a waiting instance of each process [docs: components/concepts/messages#message-cardinality]', async () => {
    await deploy(catchModel('q12a', '=caseId', 'q12-msg'));
    await deploy(catchModel('q12b', '=caseId', 'q12-msg'));
    const caseId = unique('q12');
    const a = await ctx.engine.startInstance('q12a', { caseId });
    const c = await ctx.engine.startInstance('q12b', { caseId });
    await waiting(a.key, 'answer');
    await waiting(c.key, 'answer');
    await publish('q12-msg', caseId);
    await done(a.key);
    await done(c.key);
  });

  it('Q13 with two instances of one process waiting, one message correlates to only one of them [docs: components/concepts/messages#message-cardinality]', async () => {
    await deploy(catchModel('q13'));
    const caseId = unique('q13');
    const keys = [(await ctx.engine.startInstance('q13', { caseId })).key, (await ctx.engine.startInstance('q13', { caseId })).key];
    for (const k of keys) await waiting(k, 'answer');
    await publish('q13-msg', caseId, { timeToLiveMs: 10 * MIN });
    await eventually(async () => expect((await Promise.all(keys.map(state))).filter((s) => s === 'COMPLETED')).toHaveLength(1));
    await settle();
    expect((await Promise.all(keys.map(state))).filter((s) => s === 'ACTIVE')).toHaveLength(1);
  });

  it('Q14 a buffered message correlated to one instance is not correlated again to a later instance of the same process [docs: components/concepts/messages#message-cardinality]', async () => {
    await deploy(catchModel('q14'));
    const caseId = unique('q14');
    await publish('q14-msg', caseId, { timeToLiveMs: 10 * MIN });
    const first = await ctx.engine.startInstance('q14', { caseId });
    await done(first.key);
    const second = await ctx.engine.startInstance('q14', { caseId });
    await waiting(second.key, 'answer');
    await settle();
    expect(await state(second.key)).toBe('ACTIVE');
  });

  it('Q15 with an output mapping on the catch event only the mapped variables reach the instance [docs: components/modeler/bpmn/message-events#variable-mappings]', async () => {
    const answer = b.withIo(b.catchEvent('answer', b.messageDef('m')), b.mappings([], [['=reply', 'answerText']]));
    await deploy(b.model('q15', [b.start('s'), answer, b.end('e')], b.chain('s', 'answer', 'e'), b.message('m', 'q15-msg', '=caseId')));
    const caseId = unique('q15');
    const { key } = await ctx.engine.startInstance('q15', { caseId });
    await waiting(key, 'answer');
    await publish('q15-msg', caseId, { variables: { reply: 'ja', extra: 1 } });
    await done(key);
    const vars = await ctx.engine.getVariables(key);
    expect(vars.answerText).toBe('ja');
    expect(vars).not.toHaveProperty('reply');
    expect(vars).not.toHaveProperty('extra');
  });

  it('Q16 a non-interrupting message boundary correlates several messages while the activity lives [docs: components/modeler/bpmn/message-events#message-boundary-events]', async () => {
    await deploy(
      b.model(
        'q16',
        [b.start('s'), b.user('ut'), b.boundary('note', 'ut', b.messageDef('m'), false), b.end('e'), b.end('eNote')],
        [
          ['s', 'ut'],
          ['ut', 'e'],
          ['note', 'eNote'],
        ],
        b.message('m', 'q16-msg', '=caseId'),
      ),
    );
    const caseId = unique('q16');
    const { key } = await ctx.engine.startInstance('q16', { caseId });
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    for (let i = 0; i < 3; i++) await publish('q16-msg', caseId);
    await eventually(async () => expect((await visited(ctx.engine, key)).filter((x) => x === 'eNote')).toHaveLength(3));
    expect(await openTasks(ctx.engine, key)).toHaveLength(1);
  });

  it('Q17 an interrupting message event sub-process cancels the main flow [docs: components/modeler/bpmn/event-subprocesses]', async () => {
    const esp = b.sub('cancelled', [b.start('cs', b.messageDef('m')), b.end('ce')], b.chain('cs', 'ce'), { event: true });
    await deploy(b.model('q17', [b.start('s'), b.user('ut'), b.end('e'), esp], b.chain('s', 'ut', 'e'), b.message('m', 'q17-msg', '=caseId')));
    const caseId = unique('q17');
    const { key } = await ctx.engine.startInstance('q17', { caseId });
    await eventually(async () => expect(await openTasks(ctx.engine, key)).toHaveLength(1));
    await publish('q17-msg', caseId);
    await done(key);
    expect(await openTasks(ctx.engine, key)).toHaveLength(0);
    expect(await visited(ctx.engine, key)).toContain('ce');
    expect(await visited(ctx.engine, key)).not.toContain('e');
  });

  it('Q18 a message start event without correlation key starts an instance for every message [docs: components/modeler/bpmn/message-events#message-correlation]', async () => {
    await deploy(startModel('q18'));
    for (let i = 0; i < 3; i++) await publish('q18-msg', '');
    await eventually(async () => expect(await instances('q18')).toHaveLength(3));
  });

  it('Q19 a buffered message with the key of an active message-started instance starts the next instance when that one ends [docs: components/modeler/bpmn/message-events#message-correlation]', async () => {
    await deploy(startModel('q19'));
    const ck = unique('q19');
    await publish('q19-msg', ck, { variables: { n: 1 } });
    await eventually(async () => expect(await instances('q19')).toHaveLength(1));
    await publish('q19-msg', ck, { variables: { n: 2 }, timeToLiveMs: 10 * MIN });
    await settle();
    expect(await instances('q19')).toHaveLength(1);
    const [first] = await instances('q19');
    const [task] = await eventually(async () => {
      const t = await openTasks(ctx.engine, first!.key);
      expect(t).toHaveLength(1);
      return t;
    });
    await ctx.engine.completeUserTask(task!.key);
    await eventually(async () => expect(await instances('q19')).toHaveLength(2));
    const second = (await instances('q19')).find((i) => i.key !== first!.key)!;
    expect((await ctx.engine.getVariables(second.key)).n).toBe(2);
  });

  it('Q20 without time to live that message is discarded: no instance follows the active one [docs: components/concepts/messages#message-cardinality]', async () => {
    await deploy(startModel('q20'));
    const ck = unique('q20');
    await publish('q20-msg', ck);
    await eventually(async () => expect(await instances('q20')).toHaveLength(1));
    await publish('q20-msg', ck, { timeToLiveMs: 0 });
    const [first] = await instances('q20');
    const [task] = await eventually(async () => {
      const t = await openTasks(ctx.engine, first!.key);
      expect(t).toHaveLength(1);
      return t;
    });
    await ctx.engine.completeUserTask(task!.key);
    await done(first!.key);
    await settle();
    expect(await instances('q20')).toHaveLength(1);
  });

  it('Q21 a message published before the process was deployed does not start it [docs: components/modeler/bpmn/message-events#message-correlation]', async () => {
    await publish('q21-msg', '', { timeToLiveMs: 10 * MIN });
    await publish('q21-msg', 'k', { timeToLiveMs: 10 * MIN });
    await deploy(startModel('q21'));
    await settle();
    expect(await instances('q21')).toHaveLength(0);
    await publish('q21-msg', '');
    await eventually(async () => expect(await instances('q21')).toHaveLength(1));
  });

  it('Q22 a process with several message start events starts at the one whose message arrived [docs: components/modeler/bpmn/message-events#message-start-events]', async () => {
    const roots = b.message('mA', 'q22-a') + b.message('mB', 'q22-b');
    await deploy(
      b.model(
        'q22',
        [b.start('byA', b.messageDef('mA')), b.start('byB', b.messageDef('mB')), b.end('e')],
        [
          ['byA', 'e'],
          ['byB', 'e'],
        ],
        roots,
      ),
    );
    await publish('q22-b', '');
    await eventually(async () => expect(await instances('q22')).toHaveLength(1));
    const [inst] = await instances('q22');
    expect(await visited(ctx.engine, inst!.key)).toEqual(['byB', 'e']);
  });

  it('Q23 one message both correlates to a waiting instance of one process and starts another process [docs: components/concepts/messages#message-cardinality]', async () => {
    await deploy(catchModel('q23a', '=caseId', 'q23-msg'));
    await deploy(startModel('q23b', 'q23-msg'));
    const caseId = unique('q23');
    const { key } = await ctx.engine.startInstance('q23a', { caseId });
    await waiting(key, 'answer');
    await publish('q23-msg', caseId);
    await done(key);
    await eventually(async () => expect(await instances('q23b')).toHaveLength(1));
  });

  it('Q24 a new version without the message start event is not started by that message (nor is the old version) [docs: components/modeler/bpmn/message-events#message-correlation]', async () => {
    await deploy(startModel('q24'));
    await deploy(b.model('q24', [b.start('s'), b.user('handle'), b.end('e')], b.chain('s', 'handle', 'e')));
    await publish('q24-msg', '');
    await settle();
    expect(await instances('q24')).toHaveLength(0);
  });

  it('Q25 at most one active instance per correlation key, whichever version it runs [docs: components/modeler/bpmn/message-events#message-correlation]', async () => {
    await deploy(startModel('q25'));
    const ck = unique('q25');
    await publish('q25-msg', ck);
    await eventually(async () => expect(await instances('q25')).toHaveLength(1));
    await deploy(
      b.model('q25', [b.start('received', b.messageDef('m')), b.user('handle2'), b.end('e')], b.chain('received', 'handle2', 'e'), b.message('m', 'q25-msg')),
    );
    await publish('q25-msg', ck);
    await publish('q25-msg', `${ck}-other`);
    await eventually(async () => expect(await instances('q25')).toHaveLength(2));
    await settle();
    const all = await instances('q25');
    expect(all.map((i) => i.version).sort()).toEqual([1, 2]);
  });

  it("Q26 a message start event's name given as an expression is evaluated at deployment [docs: components/modeler/bpmn/message-events#messages]", async () => {
    await deploy(startModel('q26', '=&quot;q26-&quot; + &quot;feedback&quot;'));
    await publish('q26-feedback', '');
    await eventually(async () => expect(await instances('q26')).toHaveLength(1));
  });
  it('Q27 a subscription is closed when its element is left: a later message does not trigger the boundary [docs: components/concepts/messages#message-subscriptions]', async () => {
    await deploy(
      b.model(
        'q27',
        [b.start('s'), b.user('ut'), b.boundary('stop', 'ut', b.messageDef('m')), b.user('next'), b.end('e'), b.end('eStop')],
        [
          ['s', 'ut'],
          ['ut', 'next'],
          ['next', 'e'],
          ['stop', 'eStop'],
        ],
        b.message('m', 'q27-msg', '=caseId'),
      ),
    );
    const caseId = unique('q27');
    const { key } = await ctx.engine.startInstance('q27', { caseId });
    const [task] = await eventually(async () => {
      const t = await openTasks(ctx.engine, key);
      expect(t).toHaveLength(1);
      return t;
    });
    await ctx.engine.completeUserTask(task!.key);
    await waiting(key, 'next');
    await publish('q27-msg', caseId, { timeToLiveMs: 10 * MIN });
    await settle();
    expect(await visited(ctx.engine, key)).not.toContain('stop');
    expect(await active(ctx.engine, key)).toEqual(['next']);
  });
});
