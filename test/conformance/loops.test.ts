/**
 * Conformance: loops without a wait state. References: Camunda 8 docs,
 * components/concepts/incidents (an incident stops the instance at the element until it is
 * resolved; resolving retries it), components/modeler/bpmn/exclusive-gateways (loops back
 * through a gateway), components/modeler/bpmn/multi-instance (sequential multi-instance).
 *
 * Zeebe runs an endless loop of script tasks or gateways forever, in batches. The embedded
 * engine runs one command in one transaction, so it bounds the activations of a command
 * (engine/embedded/loopGuard.ts) and raises an incident (UNKNOWN) past the limit; that part is
 * ours, not Zeebe's. A long but finite loop below the limit must still complete.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ACTIVATIONS_PER_COMMAND } from '../../src/engine/embedded/loopGuard.js';
import * as b from './bpmn.js';
import { enginesUnderTest, useEngine, completed } from './harness.js';

/** A command that reaches the limit does 1,000 activations: seconds on PGlite, more on a loaded machine. */
const SLOW = 240_000;

const INCIDENTS = 'components/concepts/incidents#resolving-a-process-instance-related-incident';

describe.each(enginesUnderTest().filter((e) => e.name.startsWith('embedded')))('loops without a wait state on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (xml: string) => ctx.engine.deploy([{ name: 'm.bpmn', content: xml }]);
  const done = (key: string) => completed(ctx.engine, key);
  const activeIncidents = (key: string) => ctx.engine.listIncidents({ processInstanceKey: key, state: 'ACTIVE' });
  /** s → inc (i := i + 1) → gw; gw → inc while `i < stop`, else → e. */
  const counter = (id: string) =>
    b.model(
      id,
      [b.start('s'), b.xor('merge'), b.script('inc', '=i + 1', 'i'), b.xor('gw'), b.end('e')],
      [
        ['s', 'merge'],
        ['merge', 'inc'],
        ['inc', 'gw'],
        ['gw', 'merge', '=i < stop'],
        ['gw', 'e', undefined, true],
      ],
    );

  it(
    `L01 a script-task loop ends in an UNKNOWN incident naming the limit; the engine still serves other instances [docs: ${INCIDENTS}]`,
    async () => {
      await deploy(counter('l01'));
      const { key } = await ctx.engine.startInstance('l01', { i: 0, stop: 1e12 });
      const [incident, ...more] = await activeIncidents(key);
      expect(more).toEqual([]);
      expect(incident!.errorType).toBe('UNKNOWN');
      expect(incident!.errorMessage).toContain(String(MAX_ACTIVATIONS_PER_COMMAND));
      expect(incident!.errorMessage).toContain(`'${incident!.elementId}'`);
      expect((await ctx.engine.getProcessInstance(key)).state).toBe('ACTIVE');
      const other = await ctx.engine.startInstance('l01', { i: 0, stop: 3 });
      await done(other.key);
      expect((await ctx.engine.getVariables(other.key)).i).toBe(3);
    },
    SLOW,
  );

  it(
    `L02 a cycle of exclusive gateways alone ends in an incident too [docs: ${INCIDENTS}]`,
    async () => {
      await deploy(
        b.model(
          'l02',
          [b.start('s'), b.xor('a'), b.xor('b'), b.end('e')],
          [
            ['s', 'a'],
            ['a', 'b'],
            ['b', 'a', '=spin'],
            ['b', 'e', undefined, true],
          ],
        ),
      );
      const { key } = await ctx.engine.startInstance('l02', { spin: true });
      const incidents = await activeIncidents(key);
      expect(incidents.map((i) => [i.errorType, ['a', 'b'].includes(i.elementId)])).toEqual([['UNKNOWN', true]]);
    },
    SLOW,
  );

  it(
    `L03 a parallel gateway feeding back into itself is bounded: the command returns with incidents [docs: ${INCIDENTS}]`,
    async () => {
      await deploy(
        b.model(
          'l03',
          [b.start('s'), b.xor('merge'), b.and('fork'), b.script('left', '=1', 'l'), b.script('right', '=2', 'r')],
          [
            ['s', 'merge'],
            ['merge', 'fork'],
            ['fork', 'left'],
            ['fork', 'right'],
            ['left', 'merge'],
            ['right', 'merge'],
          ],
        ),
      );
      const { key } = await ctx.engine.startInstance('l03');
      const incidents = await activeIncidents(key);
      expect(incidents.length).toBeGreaterThan(0);
      expect(incidents.length).toBeLessThanOrEqual(2 * MAX_ACTIVATIONS_PER_COMMAND);
      expect(new Set(incidents.map((i) => i.errorType))).toEqual(new Set(['UNKNOWN']));
      expect((await ctx.engine.listElementInstances(key)).length).toBeLessThanOrEqual(3 * MAX_ACTIVATIONS_PER_COMMAND);
    },
    SLOW,
  );

  it(
    'L04 a sequential multi-instance over 200 script tasks still completes in one command [docs: components/modeler/bpmn/multi-instance#sequential]',
    async () => {
      const each = b.loopOn(
        b.script('square', '=item * item', 'sq'),
        b.loop({ sequential: true, input: '=items', element: 'item', output: 'squares', outputElement: '=sq' }),
      );
      await deploy(b.model('l04', [b.start('s'), each, b.end('e')], b.chain('s', 'square', 'e')));
      const items = Array.from({ length: 200 }, (_, i) => i + 1);
      const { key } = await ctx.engine.startInstance('l04', { items });
      await done(key);
      expect((await ctx.engine.getVariables(key)).squares).toEqual(items.map((i) => i * i));
    },
    SLOW,
  );

  it(
    'L05 a loop of 100 rounds through a script task and a gateway completes [docs: components/modeler/bpmn/exclusive-gateways#conditions]',
    async () => {
      await deploy(counter('l05'));
      const { key } = await ctx.engine.startInstance('l05', { i: 0, stop: 100 });
      await done(key);
      expect((await ctx.engine.getVariables(key)).i).toBe(100);
      expect(await activeIncidents(key)).toEqual([]);
    },
    SLOW,
  );

  it(
    `L06 resolving the loop incident continues for another bounded batch [docs: ${INCIDENTS}]`,
    async () => {
      await deploy(counter('l06'));
      const { key } = await ctx.engine.startInstance('l06', { i: 0, stop: 1e12 });
      const [incident] = await activeIncidents(key);
      const reached = Number((await ctx.engine.getVariables(key)).i);
      expect(reached).toBeGreaterThan(MAX_ACTIVATIONS_PER_COMMAND / 4); // three activations a round
      await ctx.engine.setVariables(key, { stop: reached + 300 });
      await ctx.engine.resolveIncident(incident!.key);
      await done(key);
      expect((await ctx.engine.getVariables(key)).i).toBe(reached + 300);
    },
    SLOW,
  );
});
