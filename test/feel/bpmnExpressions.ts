/**
 * Every FEEL expression of a BPMN model, found through the model parser (src/engine/model.ts):
 * conditions, mappings, scripts, assignment, schedule, priority, timers, correlation keys,
 * multi-instance collections, called element ids, job types and retries. Used by the BPMN
 * corpus of the FEEL differential.
 */
import { isExpression } from '../../src/engine/embedded/feel.js';
import type { ElementDef, ProcessModel } from '../../src/engine/model.js';

/** One FEEL expression in a model: where it is (element and attribute) and its text (no `=`). */
export interface ModelExpression {
  processId: string;
  elementId: string;
  attribute: string;
  expression: string;
}

/** The FEEL expressions (attributes starting with `=`) of a parsed process, in model order. */
export function modelExpressions(model: ProcessModel): ModelExpression[] {
  const out: ModelExpression[] = [];
  const add = (el: ElementDef | { id: string }, attribute: string, raw: string | undefined) => {
    if (isExpression(raw)) out.push({ processId: model.processId, elementId: el.id, attribute, expression: raw.trimStart().slice(1) });
  };
  for (const el of model.elements.values()) {
    for (const f of el.outgoing) add({ id: f.id }, 'condition', f.condition);
    el.inputs.forEach((m) => add(el, `input:${m.target}`, m.source));
    el.outputs.forEach((m) => add(el, `output:${m.target}`, m.source));
    add(el, 'jobType', el.jobType);
    add(el, 'retries', el.retries);
    for (const [k, v] of Object.entries(el.userTask ?? {})) add(el, k, v);
    add(el, 'script', el.script?.expression);
    add(el, `timer:${el.timer?.kind}`, el.timer?.expression);
    add(el, 'correlationKey', el.message?.correlationKey);
    add(el, 'calledElement', el.calledElement?.processId);
    add(el, 'inputCollection', el.loop?.inputCollection);
    add(el, 'outputElement', el.loop?.outputElement);
    add(el, 'completionCondition', el.loop?.completionCondition);
  }
  return out;
}
