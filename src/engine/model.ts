/**
 * Parses Zeebe-dialect BPMN (bpmn-moddle + zeebe-bpmn-moddle) into the plain structures the
 * embedded interpreter walks: elements by id with their flows, scopes and Zeebe extensions.
 * Shared (beside the port): the Zeebe projection and the domain (routine links, step names)
 * read models with it too, without depending on the embedded engine.
 */
import { BpmnModdle } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { memoized } from './memo.js';

export interface Mapping {
  source: string;
  target: string;
}
export interface FlowDef {
  id: string;
  sourceId: string;
  targetId: string;
  condition: string | undefined;
}
export interface LoopDef {
  sequential: boolean;
  inputCollection: string;
  inputElement: string | undefined;
  outputCollection: string | undefined;
  outputElement: string | undefined;
  completionCondition: string | undefined;
}
export interface TimerDef {
  kind: 'duration' | 'date' | 'cycle';
  expression: string;
}

export interface ElementDef {
  id: string;
  /** camelCase BPMN type without prefix: serviceTask, startEvent … */
  type: string;
  name: string | undefined;
  /** Id of the enclosing sub-process; undefined at process level. */
  scopeId: string | undefined;
  incoming: string[];
  outgoing: FlowDef[];
  defaultFlow: string | undefined;
  jobType: string | undefined;
  retries: string;
  headers: Record<string, string>;
  inputs: Mapping[];
  outputs: Mapping[];
  userTask:
    | {
        assignee?: string;
        candidateGroups?: string;
        candidateUsers?: string;
        dueDate?: string;
        followUpDate?: string;
        priority?: string;
        formId?: string;
      }
    | undefined;
  script: { expression: string; resultVariable: string } | undefined;
  timer: TimerDef | undefined;
  message: { name: string; correlationKey: string | undefined } | undefined;
  /** For error events: the error code (undefined = catch all). */
  errorCode: string | undefined;
  isErrorEvent: boolean;
  /** For escalation events: the escalation code (undefined = catch all; on a throw event it may be a FEEL expression). */
  escalationCode: string | undefined;
  isEscalationEvent: boolean;
  /** For link events: the link name (a throw link jumps to the catch link of that name in its scope). */
  linkName: string | undefined;
  terminate: boolean;
  attachedTo: string | undefined;
  interrupting: boolean;
  boundaryIds: string[];
  /** For process and sub-processes: the none start event and the event sub-processes. */
  noneStartId: string | undefined;
  eventSubprocessIds: string[];
  triggeredByEvent: boolean;
  calledElement: { processId: string; propagateChild: boolean; propagateParent: boolean } | undefined;
  loop: LoopDef | undefined;
}

export interface ProcessModel {
  processId: string;
  name: string | undefined;
  elements: Map<string, ElementDef>;
  /** The process-level scope: none start, event sub-processes, start events (message/timer). */
  root: ElementDef;
  startEvents: ElementDef[];
}

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const moddle = new BpmnModdle({ zeebe });

/** Parses every executable process of a BPMN document (each caller gets its own copy). */
export const parseBpmn: (xml: string) => Promise<ProcessModel[]> = memoized(64, parseDocument);

async function parseDocument(xml: string): Promise<ProcessModel[]> {
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const defs = rootElement as Any;
  const errors = new Map<string, string | undefined>();
  for (const e of defs.rootElements ?? []) if (e.$type === 'bpmn:Error') errors.set(e.id, e.errorCode);
  const messages = new Map<string, Any>();
  for (const e of defs.rootElements ?? []) if (e.$type === 'bpmn:Message') messages.set(e.id, e);
  return (defs.rootElements ?? []).filter((e: Any) => e.$type === 'bpmn:Process' && e.isExecutable !== false).map((p: Any) => buildProcess(p));
}

function buildProcess(p: Any): ProcessModel {
  const elements = new Map<string, ElementDef>();
  const root = blank(p.id, 'process', p.name, undefined);
  collect(p, undefined, root, elements);
  for (const el of elements.values()) {
    if (el.attachedTo) elements.get(el.attachedTo)?.boundaryIds.push(el.id);
  }
  const startEvents = [...elements.values()].filter((e) => e.type === 'startEvent' && e.scopeId === undefined);
  return { processId: p.id, name: p.name, elements, root, startEvents };
}

function collect(container: Any, scopeId: string | undefined, scope: ElementDef, out: Map<string, ElementDef>): void {
  const flows: FlowDef[] = [];
  for (const fe of container.flowElements ?? []) {
    if (fe.$type === 'bpmn:SequenceFlow') {
      flows.push({ id: fe.id, sourceId: fe.sourceRef?.id, targetId: fe.targetRef?.id, condition: fe.conditionExpression?.body });
    }
  }
  for (const fe of container.flowElements ?? []) {
    if (fe.$type === 'bpmn:SequenceFlow' || !fe.$type.startsWith('bpmn:')) continue;
    const type = camel(fe.$type.slice(5));
    if (['dataObject', 'dataObjectReference', 'dataStoreReference'].includes(type)) continue;
    const el = blank(fe.id, type, fe.name, scopeId);
    el.outgoing = flows.filter((f) => f.sourceId === fe.id);
    el.incoming = flows.filter((f) => f.targetId === fe.id).map((f) => f.id);
    el.defaultFlow = fe.default?.id;
    extensions(fe, el);
    eventDefinition(fe, el);
    if (fe.$type === 'bpmn:BoundaryEvent') {
      el.attachedTo = fe.attachedToRef?.id;
      el.interrupting = fe.cancelActivity !== false;
    }
    if (type === 'startEvent') {
      el.interrupting = fe.isInterrupting !== false;
      if (!el.timer && !el.message && !el.isErrorEvent && !el.isEscalationEvent) scope.noneStartId = fe.id;
    }
    if (type === 'subProcess') {
      el.triggeredByEvent = fe.triggeredByEvent === true;
      if (el.triggeredByEvent) scope.eventSubprocessIds.push(fe.id);
      collect(fe, fe.id, el, out);
    }
    out.set(el.id, el);
  }
}

function blank(id: string, type: string, name: string | undefined, scopeId: string | undefined): ElementDef {
  return {
    id,
    type,
    name,
    scopeId,
    incoming: [],
    outgoing: [],
    defaultFlow: undefined,
    jobType: undefined,
    retries: '3',
    headers: {},
    inputs: [],
    outputs: [],
    userTask: undefined,
    script: undefined,
    timer: undefined,
    message: undefined,
    errorCode: undefined,
    isErrorEvent: false,
    escalationCode: undefined,
    isEscalationEvent: false,
    linkName: undefined,
    terminate: false,
    attachedTo: undefined,
    interrupting: true,
    boundaryIds: [],
    noneStartId: undefined,
    eventSubprocessIds: [],
    triggeredByEvent: false,
    calledElement: undefined,
    loop: undefined,
  };
}

function camel(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function extensions(fe: Any, el: ElementDef): void {
  for (const x of fe.extensionElements?.values ?? []) {
    switch (x.$type) {
      case 'zeebe:TaskDefinition':
        el.jobType = x.type;
        el.retries = x.retries ?? '3';
        break;
      case 'zeebe:TaskHeaders':
        for (const h of x.values ?? []) el.headers[h.key] = h.value;
        break;
      case 'zeebe:IoMapping':
        el.inputs = (x.inputParameters ?? []).map((m: Any) => ({ source: m.source, target: m.target }));
        el.outputs = (x.outputParameters ?? []).map((m: Any) => ({ source: m.source, target: m.target }));
        break;
      case 'zeebe:UserTask':
        el.userTask = { ...el.userTask };
        break;
      case 'zeebe:AssignmentDefinition':
        el.userTask = { ...el.userTask, assignee: x.assignee, candidateGroups: x.candidateGroups, candidateUsers: x.candidateUsers };
        break;
      case 'zeebe:TaskSchedule':
        el.userTask = { ...el.userTask, dueDate: x.dueDate, followUpDate: x.followUpDate };
        break;
      case 'zeebe:PriorityDefinition':
        el.userTask = { ...el.userTask, priority: x.priority };
        break;
      case 'zeebe:FormDefinition':
        el.userTask = { ...el.userTask, formId: x.formId };
        break;
      case 'zeebe:Script':
        el.script = { expression: x.expression, resultVariable: x.resultVariable };
        break;
      case 'zeebe:CalledElement':
        el.calledElement = {
          processId: x.processId ?? x.processIdExpression,
          propagateChild: x.propagateAllChildVariables !== false,
          propagateParent: x.propagateAllParentVariables !== false,
        };
        break;
      default:
        break;
    }
  }
  const lc = fe.loopCharacteristics;
  if (lc?.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
    const z = (lc.extensionElements?.values ?? []).find((v: Any) => v.$type === 'zeebe:LoopCharacteristics') ?? {};
    el.loop = {
      sequential: lc.isSequential === true,
      inputCollection: z.inputCollection,
      inputElement: z.inputElement,
      outputCollection: z.outputCollection,
      outputElement: z.outputElement,
      completionCondition: lc.completionCondition?.body,
    };
  }
  if (el.type === 'userTask' && !el.userTask) el.userTask = {};
}

function messageOf(msg: Any): ElementDef['message'] {
  const sub = (msg?.extensionElements?.values ?? []).find((v: Any) => v.$type === 'zeebe:Subscription');
  return { name: msg?.name, correlationKey: sub?.correlationKey };
}

function eventDefinition(fe: Any, el: ElementDef): void {
  if (fe.$type === 'bpmn:ReceiveTask' && fe.messageRef) el.message = messageOf(fe.messageRef);
  const def = fe.eventDefinitions?.[0];
  if (!def) return;
  switch (def.$type) {
    case 'bpmn:TimerEventDefinition':
      if (def.timeDuration) el.timer = { kind: 'duration', expression: def.timeDuration.body };
      else if (def.timeDate) el.timer = { kind: 'date', expression: def.timeDate.body };
      else if (def.timeCycle) el.timer = { kind: 'cycle', expression: def.timeCycle.body };
      break;
    case 'bpmn:MessageEventDefinition':
      el.message = messageOf(def.messageRef);
      break;
    case 'bpmn:ErrorEventDefinition':
      el.isErrorEvent = true;
      el.errorCode = def.errorRef?.errorCode;
      break;
    case 'bpmn:EscalationEventDefinition':
      el.isEscalationEvent = true;
      el.escalationCode = def.escalationRef?.escalationCode;
      break;
    case 'bpmn:LinkEventDefinition':
      el.linkName = def.name;
      break;
    case 'bpmn:TerminateEventDefinition':
      el.terminate = true;
      break;
    default:
      break;
  }
}
