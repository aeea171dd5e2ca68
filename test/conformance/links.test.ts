/**
 * Conformance: link events. Reference (docs.camunda.io/docs/…): components/modeler/bpmn/
 * link-events — a throw link event jumps to the catch link event with the same name in the
 * same scope: a pair works as two intermediate none events joined by a sequence flow (e.g. a
 * retry loop). "Same scope" is Zeebe's deployment rule, checked by lint (kvh/link-event).
 */
import { describe, expect, it } from 'vitest';
import * as b from './bpmn.js';
import { enginesUnderTest, useEngine, visited, completed } from './harness.js';

const DOC = 'components/modeler/bpmn/link-events';

describe.each(enginesUnderTest())('link events on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (xml: string) => ctx.engine.deploy([{ name: 'm.bpmn', content: xml }]);
  const done = (key: string) => completed(ctx.engine, key);

  it(`N01 a throw link event continues at the catch link event of the same name [docs: ${DOC}]`, async () => {
    await deploy(
      b.model(
        'n01',
        [
          b.start('s'),
          b.throwEvent('jump', b.linkDef('vidare')),
          b.catchEvent('land', b.linkDef('vidare')),
          b.script('after', '="landed"', 'where'),
          b.end('e'),
        ],
        [
          ['s', 'jump'],
          ['land', 'after'],
          ['after', 'e'],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('n01');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(['s', 'jump', 'land', 'after', 'e']);
    expect((await ctx.engine.getVariables(key)).where).toBe('landed');
  });

  it(`N02 a link pair forms a retry loop [docs: ${DOC}]`, async () => {
    await deploy(
      b.model(
        'n02',
        [
          b.start('s'),
          b.catchEvent('again', b.linkDef('A')),
          b.script('work', '=tries + 1', 'tries'),
          b.xor('g'),
          b.throwEvent('retry', b.linkDef('A')),
          b.end('e'),
        ],
        [
          ['s', 'work'],
          ['again', 'work'],
          ['work', 'g'],
          ['g', 'retry', '=tries < 3'],
          ['g', 'e', undefined, true],
        ],
      ),
    );
    const { key } = await ctx.engine.startInstance('n02', { tries: 0 });
    await done(key);
    expect((await ctx.engine.getVariables(key)).tries).toBe(3);
    expect((await visited(ctx.engine, key)).filter((id) => id === 'again')).toHaveLength(2);
  });

  it(`N03 a link inside a sub-process stays in the sub-process, which then completes [docs: ${DOC}]`, async () => {
    const sp = b.sub(
      'sp',
      [b.start('is'), b.throwEvent('jump', b.linkDef('in')), b.catchEvent('land', b.linkDef('in')), b.end('ie')],
      [
        ['is', 'jump'],
        ['land', 'ie'],
      ],
    );
    await deploy(b.model('n03', [b.start('s'), sp, b.end('e')], b.chain('s', 'sp', 'e')));
    const { key } = await ctx.engine.startInstance('n03');
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(['s', 'sp', 'is', 'jump', 'land', 'ie', 'e']);
  });
});
