/**
 * Rule `kvh/supported-event`: the event definitions the embedded engine executes, per kind of
 * event and where it stands (bpmn/README.md; Zeebe's own places: docs components/modeler/bpmn/
 * bpmn-coverage). Signal, compensation, conditional and cancel events are refused, as are
 * events with more than one definition and non-interrupting error catch events (Zeebe: error
 * catch events must be interrupting, docs error-events#catching-the-error). Messages in Swedish.
 */
import type { ModdleElement, Reporter, RuleFactory } from '../bpmnlintTypes.js';
import { capitalise, describeElement, typeLabel } from './describe.js';

const NONE = 'none';
const MESSAGE = 'bpmn:MessageEventDefinition';
const TIMER = 'bpmn:TimerEventDefinition';
const ERROR = 'bpmn:ErrorEventDefinition';
const ESCALATION = 'bpmn:EscalationEventDefinition';
const LINK = 'bpmn:LinkEventDefinition';
const TERMINATE = 'bpmn:TerminateEventDefinition';

const ENGINE = 'stöds inte av den inbyggda motorn';

/** Kinds of event the engine never runs, with why and what to do instead. */
const REFUSED: Record<string, string> = {
  'bpmn:SignalEventDefinition': 'Signalhändelser {engine} ({el}): motorn har ingen utsändning till alla processer; använd ett meddelande',
  'bpmn:CompensateEventDefinition': 'Kompensationshändelser {engine} ({el}): modellera det som ska göras om med vanliga flöden',
  'bpmn:ConditionalEventDefinition': 'Villkorshändelser {engine} ({el}): använd ett meddelande, en timer eller en gateway',
  'bpmn:CancelEventDefinition': 'Annulleringshändelser {engine} ({el}): de hör till transaktioner, som inte stöds',
};

function isEventSubProcess(element: ModdleElement): boolean {
  return element?.$type === 'bpmn:SubProcess' && element.triggeredByEvent === true;
}

/** Which definitions (or `none`) an event may have where it stands. */
function allowedFor(node: ModdleElement): string[] {
  switch (node.$type) {
    case 'bpmn:StartEvent': {
      const parent = node.$parent;
      if (isEventSubProcess(parent)) return [TIMER, MESSAGE, ERROR, ESCALATION];
      if (parent?.$type === 'bpmn:SubProcess') return [NONE];
      return [NONE, MESSAGE, TIMER];
    }
    case 'bpmn:EndEvent':
      return [NONE, ERROR, ESCALATION, TERMINATE, MESSAGE];
    case 'bpmn:IntermediateCatchEvent':
      return [TIMER, MESSAGE, LINK];
    case 'bpmn:IntermediateThrowEvent':
      return [NONE, MESSAGE, ESCALATION, LINK];
    case 'bpmn:BoundaryEvent':
      return [TIMER, MESSAGE, ERROR, ESCALATION];
    default:
      return [];
  }
}

function where(node: ModdleElement): string {
  if (node.$type !== 'bpmn:StartEvent') return '';
  if (isEventSubProcess(node.$parent)) return ' i en händelsedelprocess';
  if (node.$parent?.$type === 'bpmn:SubProcess') return ' i en inbäddad delprocess';
  return '';
}

function kindLabel(kind: string): string {
  return kind === NONE ? 'ingen (blank)' : typeLabel(kind);
}

/** Error catch events interrupt (Zeebe refuses the others at deployment). */
function nonInterruptingError(node: ModdleElement, kind: string): boolean {
  if (kind !== ERROR) return false;
  if (node.$type === 'bpmn:BoundaryEvent') return node.cancelActivity === false;
  return node.$type === 'bpmn:StartEvent' && node.isInterrupting === false;
}

function checkEvent(node: ModdleElement, reporter: Reporter, allowed: string[]): void {
  const definitions: ModdleElement[] = node.eventDefinitions ?? [];
  const el = describeElement(node);
  if (definitions.length > 1) {
    reporter.report(node.id, `${capitalise(el)} har flera händelsedefinitioner; den inbyggda motorn stöder bara en`);
    return;
  }
  const kind: string = definitions[0]?.$type ?? NONE;
  const refused = REFUSED[kind];
  if (refused) {
    reporter.report(node.id, refused.replace('{engine}', ENGINE).replace('{el}', capitalise(el)));
    return;
  }
  if (!allowed.includes(kind)) {
    reporter.report(node.id, `Händelsedefinitionen ${kindLabel(kind)} på ${el}${where(node)} ${ENGINE} (tillåtet här: ${allowed.map(kindLabel).join(', ')})`);
    return;
  }
  if (nonInterruptingError(node, kind)) {
    reporter.report(node.id, `${capitalise(el)} fångar ett fel men avbryter inte; ett fel fångas alltid avbrytande`);
  }
}

/** The rule factory. */
const supportedEvent: RuleFactory = () => ({
  check(node: ModdleElement, reporter: Reporter) {
    const allowed = allowedFor(node);
    if (allowed.length) checkEvent(node, reporter, allowed);
  },
});

export default supportedEvent;
