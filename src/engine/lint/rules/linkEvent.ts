/**
 * Rule `kvh/link-event`: a throw link event jumps to the catch link event with the same name
 * in the same scope (docs: components/modeler/bpmn/link-events; Zeebe refuses the deployment
 * otherwise). So each throw link needs exactly one catch link of its name beside it.
 * camunda-compat checks that names are set and catch names unique in a process; this checks
 * the pairing per scope. Messages in Swedish.
 */
import type { ModdleElement, Reporter, RuleFactory } from '../bpmnlintTypes.js';
import { capitalise, describeElement } from './describe.js';

function linkName(node: ModdleElement, type: string): string | undefined {
  if (node.$type !== type) return undefined;
  const def = (node.eventDefinitions ?? [])[0];
  return def?.$type === 'bpmn:LinkEventDefinition' ? String(def.name ?? '') : undefined;
}

function checkScope(scope: ModdleElement, reporter: Reporter): void {
  const elements: ModdleElement[] = scope.flowElements ?? [];
  const catches = new Map<string, ModdleElement[]>();
  for (const el of elements) {
    const name = linkName(el, 'bpmn:IntermediateCatchEvent');
    if (name !== undefined) catches.set(name, [...(catches.get(name) ?? []), el]);
  }
  for (const el of elements) {
    const name = linkName(el, 'bpmn:IntermediateThrowEvent');
    if (name === undefined || !name) continue;
    const found = catches.get(name)?.length ?? 0;
    if (found === 0) {
      reporter.report(
        el.id,
        `${capitalise(describeElement(el))} länkar till "${name}", men det finns ingen fångande länkhändelse med det namnet i samma process eller delprocess`,
      );
    } else if (found > 1) {
      reporter.report(
        el.id,
        `${capitalise(describeElement(el))} länkar till "${name}", men flera fångande länkhändelser i samma process eller delprocess har det namnet`,
      );
    }
  }
}

/** The rule factory. */
const linkEvent: RuleFactory = () => ({
  check(node: ModdleElement, reporter: Reporter) {
    if (node.$type === 'bpmn:Process' || node.$type === 'bpmn:SubProcess') checkScope(node, reporter);
  },
});

export default linkEvent;
