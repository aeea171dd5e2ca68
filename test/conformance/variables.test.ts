/**
 * Conformance: variables and input/output mappings. References: Camunda 8 docs,
 * components/concepts/variables ("Variable values", "Variable scopes", "Variable propagation",
 * "Local variables", "Input/output variable mappings", "Input mappings", "Output mappings",
 * "Nested variables in mappings", "Variable propagation by BPMN element") and
 * components/concepts/incidents ("Resolving a process instance-related incident").
 */
import { describe, expect, it } from 'vitest';
import { complete } from '../../src/engine/port.js';
import * as b from './bpmn.js';
import { enginesUnderTest, eventually, openTasks, recordingWorker, unique, useEngine, completed, activeIncidents } from './harness.js';

const V = 'components/concepts/variables';

describe.each(enginesUnderTest())('variables and mappings on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (xml: string) => ctx.engine.deploy([{ name: 'm.bpmn', content: xml }]);
  const done = (key: string) => completed(ctx.engine, key);
  const oneIncident = async (key: string) => (await activeIncidents(ctx.engine, key))[0]!;
  /** start → service task `t` (job type `<id>-job`, extra extension content) → end. */
  const oneTask = (id: string, more: string) => b.model(id, [b.start('s'), b.service('t', `${id}-job`, more), b.end('e')], b.chain('s', 't', 'e'));

  it(`V01 input mappings run in order: a later source reads the target of an earlier one [docs: ${V}#inputoutput-variable-mappings]`, async () => {
    await deploy(
      oneTask(
        'v01',
        b.mappings([
          ['=n + 1', 'first'],
          ['=first * 10', 'second'],
        ]),
      ),
    );
    const jobs = recordingWorker(ctx.engine, 'v01-job', () => complete());
    const { key } = await ctx.engine.startInstance('v01', { n: 1 });
    await done(key);
    expect(jobs[0]!.variables).toMatchObject({ first: 2, second: 20 });
    expect(await ctx.engine.getVariables(key)).toEqual({ n: 1 });
  });

  it(`V02 output mappings run in order: a later source reads the target of an earlier one [docs: ${V}#inputoutput-variable-mappings]`, async () => {
    await deploy(
      oneTask(
        'v02',
        b.mappings(
          [],
          [
            ['=result + 1', 'plusOne'],
            ['=plusOne * 2', 'doubled'],
          ],
        ),
      ),
    );
    recordingWorker(ctx.engine, 'v02-job', () => complete({ result: 4 }));
    const { key } = await ctx.engine.startInstance('v02');
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ plusOne: 5, doubled: 10 });
  });

  it(`V03 nested input targets build one local context variable [docs: ${V}#input-mappings]`, async () => {
    await deploy(
      oneTask(
        'v03',
        b.mappings([
          ['=customer', 'sender.name'],
          ['=iban', 'sender.iban'],
        ]),
      ),
    );
    const jobs = recordingWorker(ctx.engine, 'v03-job', () => complete());
    const { key } = await ctx.engine.startInstance('v03', { customer: 'John', iban: 'DE456' });
    await done(key);
    expect(jobs[0]!.variables.sender).toEqual({ name: 'John', iban: 'DE456' });
    expect(jobs[0]!.variables).not.toHaveProperty(['sender.name']);
    expect(await ctx.engine.getVariables(key)).toEqual({ customer: 'John', iban: 'DE456' });
  });

  it(`V04 a nested input target replaces an outer variable of the same name inside the element, without merging [docs: ${V}#nested-variables-in-mappings]`, async () => {
    await deploy(oneTask('v04', b.mappings([['="urgent"', 'order.flag']])));
    const jobs = recordingWorker(ctx.engine, 'v04-job', () => complete());
    const { key } = await ctx.engine.startInstance('v04', { order: { id: 'A1', status: 'new' } });
    await done(key);
    expect(jobs[0]!.variables.order).toEqual({ flag: 'urgent' });
    expect((await ctx.engine.getVariables(key)).order).toEqual({ id: 'A1', status: 'new' });
  });

  it(`V05 a nested output target writes only the leaf into the existing context, keeping its other properties [docs: ${V}#nested-variables-in-mappings]`, async () => {
    await deploy(oneTask('v05', b.mappings([], [['=status', 'order.status']])));
    recordingWorker(ctx.engine, 'v05-job', () => complete({ status: 'paid' }));
    const { key } = await ctx.engine.startInstance('v05', { order: { id: 'A1', status: 'new' } });
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ order: { id: 'A1', status: 'paid' } });
  });

  it(`V06 a deep output target a.b.c creates the missing levels and keeps siblings at every level [docs: ${V}#nested-variables-in-mappings]`, async () => {
    await deploy(
      oneTask(
        'v06',
        b.mappings(
          [],
          [
            ['=1', 'a.b.c'],
            ['=2', 'a.x.y'],
          ],
        ),
      ),
    );
    recordingWorker(ctx.engine, 'v06-job', () => complete());
    const { key } = await ctx.engine.startInstance('v06', { a: { keep: true, b: { old: 0 } } });
    await done(key);
    expect((await ctx.engine.getVariables(key)).a).toEqual({ keep: true, b: { old: 0, c: 1 }, x: { y: 2 } });
  });

  it(`V07 a nested output target whose variable does not exist yet creates it [docs: ${V}#output-mappings]`, async () => {
    await deploy(
      oneTask(
        'v07',
        b.mappings(
          [],
          [
            ['=result.status', 'payment.status'],
            ['=result.transactionId', 'payment.id'],
          ],
        ),
      ),
    );
    recordingWorker(ctx.engine, 'v07-job', () => complete({ result: { status: 'Ok', transactionId: 't-789' } }));
    const { key } = await ctx.engine.startInstance('v07');
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ payment: { status: 'Ok', id: 't-789' } });
  });

  it(`V08 a mapping whose source variable is missing, or that has no source, maps null [docs: ${V}#inputoutput-variable-mappings]`, async () => {
    const io = '<zeebe:ioMapping><zeebe:input source="=missing.field" target="absent"/><zeebe:input target="customer"/></zeebe:ioMapping>';
    await deploy(oneTask('v08', io));
    const jobs = recordingWorker(ctx.engine, 'v08-job', () => complete());
    const { key } = await ctx.engine.startInstance('v08', { customer: { name: 'John' } });
    await done(key);
    expect(jobs[0]!.variables).toMatchObject({ absent: null, customer: null });
    expect((await ctx.engine.getVariables(key)).customer).toEqual({ name: 'John' });
  });

  it(`V09 a source without "=" is a static string, even when it looks like a number [docs: ${V}#input-mappings]`, async () => {
    await deploy(
      oneTask(
        'v09',
        b.mappings([
          ['Peter', 'sender'],
          ['1', 'level'],
        ]),
      ),
    );
    const jobs = recordingWorker(ctx.engine, 'v09-job', () => complete());
    const { key } = await ctx.engine.startInstance('v09');
    await done(key);
    expect(jobs[0]!.variables).toMatchObject({ sender: 'Peter', level: '1' });
  });

  it('V10 an input mapping that cannot be applied is an IO_MAPPING_ERROR incident; set the variable and resolve to go on [docs: components/concepts/incidents#resolving-a-process-instance-related-incident]', async () => {
    await deploy(oneTask('v10', b.mappings([['=assert(amount, amount > 0)', 'checked']])));
    const jobs = recordingWorker(ctx.engine, 'v10-job', () => complete());
    const { key } = await ctx.engine.startInstance('v10', { amount: 0 });
    const incident = await oneIncident(key);
    expect(incident).toMatchObject({ errorType: 'IO_MAPPING_ERROR', elementId: 't' });
    expect(jobs).toHaveLength(0);
    await ctx.engine.setVariables(key, { amount: 5 });
    await ctx.engine.resolveIncident(incident.key);
    await done(key);
    expect(jobs[0]!.variables.checked).toBe(5);
  });

  it('V11 an output mapping that cannot be applied is an IO_MAPPING_ERROR incident at completion; resolving applies it again [docs: components/concepts/incidents#resolving-a-process-instance-related-incident]', async () => {
    await deploy(oneTask('v11', b.mappings([], [['=assert(score, score >= limit)', 'accepted']])));
    const jobs = recordingWorker(ctx.engine, 'v11-job', () => complete({ score: 3 }));
    const { key } = await ctx.engine.startInstance('v11', { limit: 5 });
    const incident = await oneIncident(key);
    expect(incident).toMatchObject({ errorType: 'IO_MAPPING_ERROR', elementId: 't' });
    await ctx.engine.setVariables(key, { limit: 1 });
    await ctx.engine.resolveIncident(incident.key);
    await done(key);
    expect(jobs).toHaveLength(1);
    expect(await ctx.engine.getVariables(key)).toEqual({ limit: 1, accepted: 3 });
  });

  it(`V12 a job variable named like an input-mapped local of the task ends its propagation there, so it does not reach the root [docs: ${V}#variable-propagation]`, async () => {
    await deploy(oneTask('v12', b.mappings([['=draft', 'text']])));
    recordingWorker(ctx.engine, 'v12-job', () => complete({ text: 'final', other: 1 }));
    const { key } = await ctx.engine.startInstance('v12', { draft: 'draft' });
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ draft: 'draft', other: 1 });
  });

  it(`V13 a message catch event's output mappings propagate only the mapped targets, nested ones merged [docs: ${V}#output-mappings]`, async () => {
    const caseId = unique('v13');
    const catchIt = b.withIo(b.catchEvent('wait', b.messageDef('m')), b.mappings([], [['=verdict', 'review.verdict']]));
    await deploy(b.model('v13', [b.start('s'), catchIt, b.end('e')], b.chain('s', 'wait', 'e'), b.message('m', 'v13-answer', '=caseId')));
    const { key } = await ctx.engine.startInstance('v13', { caseId, review: { by: 'anna' } });
    await ctx.engine.publishMessage({ name: 'v13-answer', correlationKey: caseId, variables: { verdict: 'ok', noise: true }, timeToLiveMs: 60_000 });
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ caseId, review: { by: 'anna', verdict: 'ok' } });
  });

  it(`V14 an embedded sub-process propagates its locals only through its output mappings [docs: ${V}#variable-propagation-by-bpmn-element]`, async () => {
    const inner = [b.start('is'), b.script('write', '="written " + topic', 'draft'), b.end('ie')];
    const io = b.mappings(
      [
        ['=null', 'draft'],
        ['="local"', 'scratch'],
      ],
      [['=draft', 'report.text']],
    );
    await deploy(b.model('v14', [b.start('s'), b.sub('sp', inner, b.chain('is', 'write', 'ie'), { io }), b.end('e')], b.chain('s', 'sp', 'e')));
    const { key } = await ctx.engine.startInstance('v14', { topic: 'x', report: { id: 7 } });
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ topic: 'x', report: { id: 7, text: 'written x' } });
  });

  it(`V15 setting variables locally creates them on that scope; otherwise they propagate to the scope that holds them, else the root [docs: ${V}#local-variables]`, async () => {
    await deploy(b.model('v15', [b.start('s'), b.user('ut', b.mappings([['="in"', 'mine']])), b.end('e')], b.chain('s', 'ut', 'e')));
    const { key } = await ctx.engine.startInstance('v15', { shared: 0 });
    const [task] = await eventually(async () => {
      const t = await openTasks(ctx.engine, key);
      expect(t).toHaveLength(1);
      return t;
    });
    await ctx.engine.setVariables(task!.elementInstanceKey, { onlyHere: 1 }, true);
    await ctx.engine.setVariables(task!.elementInstanceKey, { shared: 2, mine: 'changed', fresh: 3 });
    expect(await ctx.engine.getVariables(key)).toEqual({ shared: 2, fresh: 3 });
    await ctx.engine.completeUserTask(task!.key);
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ shared: 2, fresh: 3 });
  });

  it(`V16 variable values keep their JSON type: strings, numbers (64-bit range integers, doubles), booleans, arrays, nested objects, null [docs: ${V}#variable-values]`, async () => {
    const values = {
      text: 'Åsa "Ö"',
      big: Number.MAX_SAFE_INTEGER,
      negative: -42,
      fraction: 0.1 + 0.2,
      yes: true,
      no: false,
      nothing: null,
      list: [1, 'two', [3], { four: 4 }],
      doc: { level1: { level2: { level3: ['deep', { level4: null }] } }, empty: {} },
    };
    await deploy(
      b.model(
        'v16',
        [b.start('s'), b.script('copy', '=doc.level1.level2.level3[2].level4 = null and big = 9007199254740991', 'checked'), b.end('e')],
        b.chain('s', 'copy', 'e'),
      ),
    );
    const { key } = await ctx.engine.startInstance('v16', values);
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ ...values, checked: true });
  });

  it(`V17 a call activity's output mappings propagate only the mapped child variables, a nested target merged into the caller's context [docs: ${V}#output-mappings]`, async () => {
    const child = b.model('v17-child', [b.start('cs'), b.script('decide', '="approved"', 'verdict'), b.end('ce')], b.chain('cs', 'decide', 'ce'));
    const parent = b.model(
      'v17',
      [b.start('s'), b.call('ca', 'v17-child', { io: b.mappings([], [['=verdict', 'application.verdict']]) }), b.end('e')],
      b.chain('s', 'ca', 'e'),
    );
    await ctx.engine.deploy([
      { name: 'child.bpmn', content: child },
      { name: 'parent.bpmn', content: parent },
    ]);
    const { key } = await ctx.engine.startInstance('v17', { application: { id: 'A-1' } });
    await done(key);
    expect(await ctx.engine.getVariables(key)).toEqual({ application: { id: 'A-1', verdict: 'approved' } });
  });
});
