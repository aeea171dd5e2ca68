/**
 * Rule `kvh/supported-event`: the event definitions the embedded engine executes, per kind of
 * event (bpmn/README.md). Signal, escalation, compensation, conditional, link and cancel
 * events are refused, as are events with more than one definition.
 */
import type { ModdleElement, Reporter, RuleFactory } from '../bpmnlintTypes.js';
import { capitalise, describeElement, typeLabel } from './describe.js';

const NONE = 'none';
const MESSAGE = 'bpmn:MessageEventDefinition';
const TIMER = 'bpmn:TimerEventDefinition';
const ERROR = 'bpmn:ErrorEventDefinition';
const TERMINATE = 'bpmn:TerminateEventDefinition';

function isEventSubProcess(element: ModdleElement): boolean {
  return element?.$type === 'bpmn:SubProcess' && element.triggeredByEvent === true;
}

/** Which definitions (or `none`) an event may have where it stands. */
function allowedFor(node: ModdleElement): string[] {
  switch (node.$type) {
    case 'bpmn:StartEvent': {
      const parent = node.$parent;
      if (isEventSubProcess(parent)) return [TIMER, MESSAGE, ERROR];
      if (parent?.$type === 'bpmn:SubProcess') return [NONE];
      return [NONE, MESSAGE, TIMER];
    }
    case 'bpmn:EndEvent':
      return [NONE, ERROR, TERMINATE, MESSAGE];
    case 'bpmn:IntermediateCatchEvent':
      return [TIMER, MESSAGE];
    case 'bpmn:IntermediateThrowEvent':
      return [NONE, MESSAGE];
    case 'bpmn:BoundaryEvent':
      return [TIMER, MESSAGE, ERROR];
    default:
      return [];
  }
}

function where(node: ModdleElement): string {
  if (node.$type !== 'bpmn:StartEvent') return '';
  if (isEventSubProcess(node.$parent)) return ' in an event sub-process';
  if (node.$parent?.$type === 'bpmn:SubProcess') return ' in an embedded sub-process';
  return '';
}

/** The rule factory. */
const supportedEvent: RuleFactory = () => ({
  check(node: ModdleElement, reporter: Reporter) {
    const allowed = allowedFor(node);
    if (!allowed.length) return;
    const definitions: ModdleElement[] = node.eventDefinitions ?? [];
    if (definitions.length > 1) {
      reporter.report(node.id, `Event ${describeElement(node)} has several event definitions; the embedded engine supports one`);
      return;
    }
    const kind: string = definitions[0]?.$type ?? NONE;
    if (allowed.includes(kind)) return;
    const label = kind === NONE ? 'A none (blank)' : capitalise(typeLabel(kind));
    reporter.report(
      node.id,
      `${label} event definition on ${describeElement(node)}${where(node)} is not supported by the embedded engine ` +
        `(supported here: ${allowed.map((a) => (a === NONE ? 'none' : typeLabel(a))).join(', ')})`,
    );
  },
});

export default supportedEvent;
