/**
 * Conformance: gateways beyond gateways.test.ts. References: Camunda 8 docs,
 * components/modeler/bpmn/exclusive-gateways (conditions in XML order, first true wins,
 * joining is pass-through), components/modeler/bpmn/inclusive-gateways (every true condition,
 * the join waits only for tokens that can still arrive), components/modeler/bpmn/parallel-gateways,
 * components/modeler/bpmn/event-based-gateways, components/concepts/incidents. A condition
 * that fails to evaluate is an EXTRACT_VALUE_ERROR incident: the docs only say "an incident";
 * the type follows Zeebe's ExclusiveGatewayProcessor/InclusiveGatewayProcessor, which pass the
 * expression failure on (CONDITION_ERROR is only "no flow to take", G03).
 */
import { describe, expect, it } from 'vitest';
import * as b from './bpmn.js';
import { active, enginesUnderTest, eventually, openTasks, unique, useEngine, visited, completed, activeIncidents } from './harness.js';

const XOR = 'components/modeler/bpmn/exclusive-gateways';
const OR = 'components/modeler/bpmn/inclusive-gateways';

describe.each(enginesUnderTest())('more gateways on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (xml: string) => ctx.engine.deploy([{ name: 'gw.bpmn', content: xml }]);
  const done = (key: string) => completed(ctx.engine, key);
  const incidents = (key: string) => activeIncidents(ctx.engine, key);
  const tasks = (key: string, n: number) =>
    eventually(async () => {
      const t = await openTasks(ctx.engine, key);
      expect(t).toHaveLength(n);
      return t;
    });
  const times = async (key: string, id: string) => (await visited(ctx.engine, key)).filter((x) => x === id).length;
  /** s → g → a | bb | c (conditions given) → ends. */
  const three = (id: string, gw: b.El, conds: [string?, string?, string?], defaultTo?: 'c') =>
    b.model(
      id,
      [b.start('s'), gw, b.task('a'), b.task('bb'), b.task('c'), b.end('ea'), b.end('eb'), b.end('ec')],
      [
        ['s', 'g'],
        ['g', 'a', conds[0]],
        ['g', 'bb', conds[1]],
        ['g', 'c', conds[2], defaultTo === 'c'],
        ['a', 'ea'],
        ['bb', 'eb'],
        ['c', 'ec'],
      ],
    );

  it(`G09 the exclusive gateway takes the first flow, in XML order, whose condition is true [docs: ${XOR}]`, async () => {
    await deploy(three('g09', b.xor('g'), ['=n > 10', '=n > 5', '=n > 0']));
    const { key } = await ctx.engine.startInstance('g09', { n: 7 });
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(['s', 'g', 'bb', 'eb']);
  });

  it(`G10 conditions after the first true one are not evaluated: one that would fail raises nothing [docs: ${XOR}]`, async () => {
    await deploy(three('g10', b.xor('g'), ['=true', '=missing > 3', '=false']));
    const { key } = await ctx.engine.startInstance('g10');
    await done(key);
    expect(await visited(ctx.engine, key)).toContain('a');
    expect(await ctx.engine.listIncidents({ processInstanceKey: key })).toHaveLength(0);
  });

  it(`G11 a condition that fails to evaluate (a missing variable) is an incident, even with a default flow; fixed and resolved, the gateway decides again [docs: components/concepts/incidents]`, async () => {
    await deploy(three('g11', b.xor('g'), ['=amount > 100', '=amount > 50', undefined], 'c'));
    const { key } = await ctx.engine.startInstance('g11');
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'g' });
    expect(await visited(ctx.engine, key)).not.toContain('c');
    await ctx.engine.setVariables(key, { amount: 70 });
    await ctx.engine.resolveIncident(inc!.key);
    await done(key);
    expect(await visited(ctx.engine, key)).toContain('bb');
  });

  it(`G12 a condition that gives no boolean (a string) is an incident [docs: ${XOR}#conditions]`, async () => {
    await deploy(three('g12', b.xor('g'), ['=answer', '=false', undefined], 'c'));
    const { key } = await ctx.engine.startInstance('g12', { answer: 'ja' });
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'g' });
  });

  it(`G13 an exclusive gateway with a single outgoing flow without condition takes it [docs: ${XOR}]`, async () => {
    await deploy(b.model('g13', [b.start('s'), b.xor('g'), b.task('a'), b.end('e')], b.chain('s', 'g', 'a', 'e')));
    const { key } = await ctx.engine.startInstance('g13');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(['s', 'g', 'a', 'e']);
  });

  // The docs describe gateways with outgoing flows; Zeebe's ExclusiveGatewayProcessor treats a
  // gateway without any as an implicit end of its scope.
  it(`G23 an exclusive gateway without outgoing flows ends its branch like an end event [docs: ${XOR}]`, async () => {
    await deploy(b.model('g23', [b.start('s'), b.xor('g')], b.chain('s', 'g')));
    const { key } = await ctx.engine.startInstance('g23');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(['s', 'g']);
  });

  it(`G14 a joining exclusive gateway passes every token through: it does not merge [docs: ${XOR}]`, async () => {
    await deploy(
      b.model(
        'g14',
        [b.start('s'), b.and('fork'), b.task('a'), b.task('bb'), b.xor('merge'), b.task('after'), b.end('e')],
        [
          ['s', 'fork'],
          ['fork', 'a'],
          ['fork', 'bb'],
          ['a', 'merge'],
          ['bb', 'merge'],
          ['merge', 'after'],
          ['after', 'e'],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('g14');
    await done(key);
    expect(await times(key, 'after')).toBe(2);
    expect(await times(key, 'e')).toBe(2);
  });

  it(`G15 an inclusive gateway whose condition fails to evaluate raises an incident and takes no flow [docs: ${OR}]`, async () => {
    await deploy(three('g15', b.or('g'), ['=true', '=amount > 100', '=true']));
    const { key } = await ctx.engine.startInstance('g15');
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'g' });
    expect(await visited(ctx.engine, key)).toEqual(['s', 'g']);
  });

  it(`G16 an inclusive gateway with one outgoing flow without condition takes it [docs: ${OR}]`, async () => {
    await deploy(b.model('g16', [b.start('s'), b.or('g'), b.task('a'), b.end('e')], b.chain('s', 'g', 'a', 'e')));
    const { key } = await ctx.engine.startInstance('g16');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(['s', 'g', 'a', 'e']);
  });

  const orJoin = (id: string, branchB: b.El[], flowsB: b.Flow[]) =>
    b.model(
      id,
      [b.start('s'), b.or('fork'), b.task('quick'), ...branchB, b.or('join'), b.task('after'), b.end('e')],
      [['s', 'fork'], ['fork', 'quick', '=true'], ['quick', 'join'], ...flowsB, ['join', 'after'], ['after', 'e']],
    );

  it(`G17 the inclusive join waits for a token still inside an embedded sub-process [docs: ${OR}]`, async () => {
    const sp = b.sub('sp', [b.start('is'), b.user('inner'), b.end('ie')], b.chain('is', 'inner', 'ie'));
    await deploy(
      orJoin(
        'g17',
        [sp],
        [
          ['fork', 'sp', '=true'],
          ['sp', 'join'],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('g17');
    const [inner] = await tasks(key, 1);
    expect(await visited(ctx.engine, key)).not.toContain('join');
    await ctx.engine.completeUserTask(inner!.key);
    await done(key);
    expect(await times(key, 'join')).toBe(1);
  });

  it(`G18 the inclusive join waits for a token on a loop that can still reach it [docs: ${OR}]`, async () => {
    await deploy(
      orJoin(
        'g18',
        [b.user('review'), b.xor('ok')],
        [
          ['fork', 'review', '=true'],
          ['review', 'ok'],
          ['ok', 'join', '=approved'],
          ['ok', 'review', undefined, true],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('g18');
    const [first] = await tasks(key, 1);
    await ctx.engine.completeUserTask(first!.key, { approved: false });
    const [second] = await eventually(async () => {
      const t = await openTasks(ctx.engine, key);
      expect(t[0]?.key).not.toBe(first!.key);
      return t;
    });
    expect(await visited(ctx.engine, key)).not.toContain('join');
    await ctx.engine.completeUserTask(second!.key, { approved: true });
    await done(key);
    expect(await times(key, 'join')).toBe(1);
    expect(await times(key, 'after')).toBe(1);
  });

  it(`G19 the inclusive join fires as soon as no active element can reach it any more [docs: ${OR}]`, async () => {
    await deploy(
      orJoin(
        'g19',
        [b.user('decide'), b.xor('way'), b.end('elsewhere')],
        [
          ['fork', 'decide', '=true'],
          ['decide', 'way'],
          ['way', 'join', '=go = "join"'],
          ['way', 'elsewhere', undefined, true],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('g19');
    const [decide] = await tasks(key, 1);
    expect(await visited(ctx.engine, key)).not.toContain('join');
    await ctx.engine.completeUserTask(decide!.key, { go: 'away' });
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(expect.arrayContaining(['elsewhere', 'join', 'after', 'e']));
  });

  it(`G20 a parallel join waits for a token on each incoming flow: two on the same flow are not enough [docs: components/modeler/bpmn/parallel-gateways]`, async () => {
    await deploy(
      b.model(
        'g20',
        [b.start('s'), b.and('fork'), b.task('a'), b.task('bb'), b.user('ut'), b.xor('m'), b.and('join'), b.task('after'), b.end('e')],
        [
          ['s', 'fork'],
          ['fork', 'a'],
          ['fork', 'bb'],
          ['fork', 'ut'],
          ['a', 'm'],
          ['bb', 'm'],
          ['m', 'join'],
          ['ut', 'join'],
          ['join', 'after'],
          ['after', 'e'],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('g20');
    const [ut] = await tasks(key, 1);
    expect(await times(key, 'm')).toBe(2);
    expect(await visited(ctx.engine, key)).not.toContain('join');
    await ctx.engine.completeUserTask(ut!.key);
    await eventually(async () => expect(await times(key, 'after')).toBe(1));
    expect(await times(key, 'join')).toBe(1);
  });

  it(`G21 an event-based gateway with two messages and a timer takes the first event; the others can no longer happen [docs: components/modeler/bpmn/event-based-gateways]`, async () => {
    const caseId = unique('g21');
    await deploy(
      b.model(
        'g21',
        [
          b.start('s'),
          b.eventGw('g'),
          b.catchEvent('approved', b.messageDef('m1')),
          b.catchEvent('rejected', b.messageDef('m2')),
          b.catchEvent('timeout', b.timerDuration('P1D')),
          b.end('e1'),
          b.end('e2'),
          b.end('e3'),
        ],
        [
          ['s', 'g'],
          ['g', 'approved'],
          ['g', 'rejected'],
          ['g', 'timeout'],
          ['approved', 'e1'],
          ['rejected', 'e2'],
          ['timeout', 'e3'],
        ],
        b.message('m1', 'g21-approved', '=caseId') + b.message('m2', 'g21-rejected', '=caseId'),
      ),
    );
    const { key } = await ctx.engine.startInstance('g21', { caseId });
    await eventually(async () => expect(await active(ctx.engine, key)).toEqual(['g']));
    await ctx.engine.publishMessage({ name: 'g21-rejected', correlationKey: caseId, variables: { why: 'ofullständig' } });
    await done(key);
    await ctx.engine.publishMessage({ name: 'g21-approved', correlationKey: caseId });
    await ctx.engine.advanceClock(2 * 86_400_000);
    expect(await visited(ctx.engine, key)).toEqual(['s', 'g', 'rejected', 'e2']);
    expect((await ctx.engine.getVariables(key)).why).toBe('ofullständig');
  });

  it(`G22 an inclusive fork takes every flow whose condition is true, none of the false ones, even beside a default [docs: ${OR}]`, async () => {
    await deploy(three('g22', b.or('g'), ['=list contains(courses, "a")', '=list contains(courses, "bb")', undefined], 'c'));
    const { key } = await ctx.engine.startInstance('g22', { courses: ['a', 'bb'] });
    await done(key);
    const v = await visited(ctx.engine, key);
    expect(v).toEqual(expect.arrayContaining(['a', 'bb']));
    expect(v).not.toContain('c');
  });
});
