/** Human-readable (Swedish) names for elements in lint messages: process owners read them. */
import type { ModdleElement } from '../bpmnlintTypes.js';

/** Swedish names of BPMN element types and event definitions. */
const LABELS: Record<string, string> = {
  StartEvent: 'starthändelse',
  EndEvent: 'sluthändelse',
  IntermediateCatchEvent: 'mellanliggande fångande händelse',
  IntermediateThrowEvent: 'mellanliggande kastande händelse',
  BoundaryEvent: 'gränshändelse',
  Task: 'uppgift',
  ServiceTask: 'tjänsteuppgift',
  SendTask: 'sändningsuppgift',
  ReceiveTask: 'mottagningsuppgift',
  ScriptTask: 'skriptuppgift',
  UserTask: 'användaruppgift',
  ManualTask: 'manuell uppgift',
  BusinessRuleTask: 'affärsregeluppgift',
  ExclusiveGateway: 'exklusiv gateway',
  ParallelGateway: 'parallell gateway',
  InclusiveGateway: 'inkluderande gateway',
  EventBasedGateway: 'händelsebaserad gateway',
  ComplexGateway: 'komplex gateway',
  SubProcess: 'delprocess',
  AdHocSubProcess: 'ad hoc-delprocess',
  Transaction: 'transaktion',
  CallActivity: 'anropsaktivitet',
  SequenceFlow: 'sekvensflöde',
  // Event definitions (…EventDefinition).
  Message: 'meddelande',
  Timer: 'timer',
  Error: 'fel',
  Escalation: 'eskalering',
  Terminate: 'avslut',
  Link: 'länk',
  Signal: 'signal',
  Compensate: 'kompensation',
  Conditional: 'villkor',
  Cancel: 'annullering',
};

/** `bpmn:ComplexGateway` → `komplex gateway`; `bpmn:SignalEventDefinition` → `signal`. */
export function typeLabel(type: string): string {
  const local = type.replace(/^[a-z]+:/, '').replace(/EventDefinition$/, '');
  return LABELS[local] ?? local.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** `komplex gateway "Välj" (Gateway_1)`: names the element so a modeler can find it. */
export function describeElement(node: ModdleElement): string {
  const name = typeof node.name === 'string' && node.name.trim() ? ` "${node.name.trim()}"` : '';
  return `${typeLabel(String(node.$type))}${name} (${String(node.id ?? 'utan id')})`;
}

/** Whether an element is (an instance of) one of the given types, by moddle's `$instanceOf`. */
export function isAny(node: ModdleElement, types: string[]): boolean {
  return types.some((t) => typeof node?.$instanceOf === 'function' && node.$instanceOf(t));
}

/** Upper-cases the first letter. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
