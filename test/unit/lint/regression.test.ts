/** Lint runs must not leak into each other (a shared bpmnlint linter kept rule state). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintBpmn } from '../../../src/engine/lint/index.js';

describe('lint', () => {
  it('gives the same answer for a model linted again, after other models', async () => {
    const read = (f: string) => readFileSync(path.resolve(import.meta.dirname, `../../../bpmn/${f}`), 'utf8');
    const models = ['lex-sarah.bpmn', 'synpunkt.bpmn', 'avvikelse.bpmn'].map(read);
    const first = await Promise.all(models.map((m) => lintBpmn(m)));
    const again = [];
    for (const m of models) again.push(await lintBpmn(m));
    expect(again).toEqual(first);
    expect(again.flat()).toEqual([]);
  });
});
