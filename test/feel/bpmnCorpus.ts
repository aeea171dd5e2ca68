/**
 * Writes test/feel/corpus/bpmn.json: every FEEL expression of the product's models
 * (bpmn/*.bpmn), each evaluated in every hand-written variable context of its process
 * (bpmnContexts.ts). Run: `npx tsx test/feel/bpmnCorpus.ts` (after a model changes).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBpmn } from '../../src/engine/model.js';
import { modelExpressions } from './bpmnExpressions.js';
import { processContexts } from './bpmnContexts.js';

const root = join(import.meta.dirname, '..', '..');

/** The BPMN corpus entries: one per expression and context of its process. */
async function bpmnCorpus(): Promise<{ id: string; expression: string; context: Record<string, unknown> }[]> {
  const entries = [];
  for (const file of readdirSync(join(root, 'bpmn'))
    .filter((f) => f.endsWith('.bpmn'))
    .sort()) {
    for (const model of await parseBpmn(readFileSync(join(root, 'bpmn', file), 'utf8'))) {
      const contexts = processContexts[model.processId];
      const expressions = modelExpressions(model);
      if (expressions.length && !contexts) throw new Error(`no variable context for process ${model.processId} (bpmnContexts.ts)`);
      for (const x of expressions) {
        for (const [name, context] of Object.entries(contexts ?? {})) {
          entries.push({ id: `bpmn-${x.processId}-${x.elementId}-${x.attribute}-${name}`, expression: x.expression, context });
        }
      }
    }
  }
  return entries;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const entries = await bpmnCorpus();
  writeFileSync(join(root, 'test/feel/corpus/bpmn.json'), `${JSON.stringify(entries, null, 1)}\n`);
  console.log(`bpmn corpus: ${entries.length} entries`);
}
