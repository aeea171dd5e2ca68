/**
 * FEEL numbers as Zeebe stores them. Our FEEL layer computes numbers as FEEL-Scala does (Scala
 * BigDecimal, src/engine/feel/number.ts: kept scale, 34-digit quotients), with a decimal value
 * of its own where a double cannot say the value. That value must never reach a variable, a
 * job's variables or JSON: Zeebe's FeelToMessagePackTransformer (camunda/camunda,
 * zeebe/feel/src/main/java/io/camunda/zeebe/feel/impl/, read, not copied) writes a number that
 * is whole and fits a long as an integer, anything else as a double.
 */
import { describe, expect, it } from 'vitest';
import { evalTyped, evalValue } from '../../../src/engine/embedded/feel.js';
import { complete } from '../../../src/engine/port.js';
import * as b from '../../conformance/bpmn.js';
import { completed, enginesUnderTest, recordingWorker, useEngine } from '../../conformance/harness.js';

const NOW = new Date('2026-03-02T08:00:00Z');
const value = (expr: string, vars: Record<string, unknown> = {}) => evalValue(`=${expr}`, vars, NOW);

/** Whether a value is plain JSON data (numbers, strings, booleans, null, arrays, plain objects). */
function plainJson(v: unknown): boolean {
  if (v === null || ['number', 'string', 'boolean'].includes(typeof v)) return true;
  if (Array.isArray(v)) return v.every(plainJson);
  return typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(plainJson);
}

describe('FEEL numbers stored as variables (Zeebe FeelToMessagePackTransformer)', () => {
  it.each([
    ['2/3*3', 2], // FEEL-Scala 2.000000000000000000000000000000000: whole, an integer
    ['1/3', 0.3333333333333333], // 34 threes: a double
    ['2/3', 0.6666666666666666],
    ['1/3 + 1/3 + 1/3', 1], // 0.9999999999999999999999999999999999 as a double
    ['1.10 + 0.40', 1.5], // 1.50: the scale is not stored
    ['1.5 * 2', 3],
    ['0.1 + 0.2', 0.3],
    ['100 / 0.5', 200], // 2.0E+2
    ['decimal(1, 2)', 1],
    ['9007199254740991 + 0', 9007199254740991],
  ])('= %s is stored as %s', (expr, expected) => {
    const v = value(expr);
    expect(v).toBe(expected);
    expect(typeof v).toBe('number');
  });

  it('a whole result is an integer in JSON, a quotient a double', () => {
    expect(JSON.stringify(value('2/3*3'))).toBe('2');
    expect(JSON.stringify(value('1/3'))).toBe('0.3333333333333333');
  });

  it('numbers inside lists and contexts are plain too', () => {
    const v = value('{total: 1.10 + 0.40, third: 1/3, whole: 2/3*3, list: [1.0, 2.50, 1/3]}');
    expect(v).toEqual({ total: 1.5, third: 0.3333333333333333, whole: 2, list: [1, 2.5, 0.3333333333333333] });
    expect(plainJson(v)).toBe(true);
  });

  it('an integer beyond 2^53 is stored as the nearest double (JSON numbers are doubles)', () => {
    expect(value('9007199254740993 + 0')).toBe(9007199254740992);
    expect(value('string(9007199254740993 + 0)')).toBe('9007199254740993');
  });

  it('a decimal result is a NUMBER where the engine requires one', () => {
    expect(evalTyped<number>('=1.50 * 2', {}, NOW, 'number')).toBe(3);
    expect(evalTyped<number>('=2/3*3', {}, NOW, 'number')).toBe(2);
  });
});

describe.each(enginesUnderTest())('FEEL numbers in a running process on $name', (eut) => {
  const ctx = useEngine(eut);

  it('script results and output mappings store decimals as Zeebe does; the job sees plain numbers', async () => {
    const calc = b.script(
      'calc',
      '=2/3*3',
      'whole',
      b.mappings(
        [],
        [
          ['=whole', 'whole'],
          ['=1/3', 'third'],
          ['=1.10 + 0.40', 'total'],
          ['=[1.0, 1/3]', 'list'],
        ],
      ),
    );
    const model = b.model('feel-numbers', [b.start('s'), calc, b.service('job', 'feel-numbers-job'), b.end('e')], b.chain('s', 'calc', 'job', 'e'));
    await ctx.engine.deploy([{ name: 'm.bpmn', content: model }]);
    const jobs = recordingWorker(ctx.engine, 'feel-numbers-job', () => complete());
    const { key } = await ctx.engine.startInstance('feel-numbers', {});
    await completed(ctx.engine, key);
    const expected = { whole: 2, third: 0.3333333333333333, total: 1.5, list: [1, 0.3333333333333333] };
    expect(jobs[0]!.variables).toEqual(expected);
    expect(plainJson(jobs[0]!.variables)).toBe(true);
    expect(await ctx.engine.getVariables(key)).toEqual(expected);
  });
});
