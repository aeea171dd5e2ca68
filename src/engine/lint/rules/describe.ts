/** Human-readable names for elements in lint messages. */
import type { ModdleElement } from '../bpmnlintTypes.js';

/** `bpmn:ComplexGateway` → `complex gateway`; `bpmn:SignalEventDefinition` → `signal`. */
export function typeLabel(type: string): string {
  const local = type.replace(/^[a-z]+:/, '').replace(/EventDefinition$/, '');
  return local.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** `complex gateway "Välj" (Gateway_1)`: names the element so a modeler can find it. */
export function describeElement(node: ModdleElement): string {
  const name = typeof node.name === 'string' && node.name.trim() ? ` "${node.name.trim()}"` : '';
  return `${typeLabel(String(node.$type))}${name} (${String(node.id ?? 'no id')})`;
}

/** Whether an element is (an instance of) one of the given types, by moddle's `$instanceOf`. */
export function isAny(node: ModdleElement, types: string[]): boolean {
  return types.some((t) => typeof node?.$instanceOf === 'function' && node.$instanceOf(t));
}

/** Upper-cases the first letter. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
