/**
 * Rule `kvh/feel-supported`: every FEEL expression of a model (any attribute or expression
 * body starting with `=`, and sequence-flow conditions) must parse, and must not use a built-in
 * or construct that the embedded engine does not run as Zeebe's FEEL-Scala does (see
 * src/engine/feel/support.ts and the FEEL differential in test/feel). Messages in Swedish.
 */
import { isExpression } from '../../embedded/feel.js';
import { feelProblems } from '../../feel/support.js';
import type { ModdleElement, Reporter, RuleFactory } from '../bpmnlintTypes.js';

/** The FEEL expressions held by this moddle element, with the attribute each stands in. */
function expressions(node: ModdleElement): { attribute: string; expression: string }[] {
  const out: { attribute: string; expression: string }[] = [];
  for (const [key, value] of Object.entries(node ?? {})) {
    if (key.startsWith('$') || typeof value !== 'string') continue;
    if (isExpression(value)) out.push({ attribute: key, expression: value.trimStart().slice(1) });
  }
  return out;
}

/** The nearest element with an id: the one the problem is reported on. */
function owner(node: ModdleElement): ModdleElement {
  let n = node;
  while (n && !n.id) n = n.$parent;
  return n ?? node;
}

function noun(type: string): string {
  if (type === 'bpmn:SequenceFlow') return 'flödet';
  if (/Event$/.test(type)) return 'händelsen';
  if (/Gateway$/.test(type)) return 'grinden';
  if (/(Task|CallActivity|SubProcess)$/.test(type)) return 'aktiviteten';
  return 'elementet';
}

/** `Villkor på flödet "Ja" (Flow_1)`: where the expression stands, in Swedish. */
function where(node: ModdleElement, attribute: string): string {
  const el = owner(node);
  const name = typeof el?.name === 'string' && el.name.trim() ? ` "${el.name.trim()}"` : '';
  const target = `${noun(String(el?.$type))}${name} (${String(el?.id ?? 'utan id')})`;
  const parent = node.$parent;
  if (node.$type === 'bpmn:FormalExpression' && parent?.$type === 'bpmn:SequenceFlow') return `Villkor på ${target}`;
  if (node.$type === 'bpmn:FormalExpression' && parent?.$type === 'bpmn:TimerEventDefinition') return `Timer på ${target}`;
  if (node.$type === 'bpmn:FormalExpression') return `Uttryck på ${target}`;
  if (node.$type === 'zeebe:Input' || node.$type === 'zeebe:Output') return `Mappningen till "${String(node.target)}" på ${target}`;
  return `Attributet "${attribute}" på ${target}`;
}

/** The rule factory. */
const feelSupported: RuleFactory = () => ({
  check(node: ModdleElement, reporter: Reporter) {
    for (const { attribute, expression } of expressions(node)) {
      for (const problem of feelProblems(expression)) {
        reporter.report(String(owner(node)?.id ?? ''), `${problem} (${where(node, attribute)})`);
      }
    }
  },
});

export default feelSupported;
