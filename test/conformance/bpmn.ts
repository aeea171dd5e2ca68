/**
 * A small builder for Zeebe-dialect BPMN used by the conformance scenarios, so each scenario
 * shows its model in a few lines. Flows are listed once; incoming/outgoing are derived.
 */

export interface El {
  id: string;
  render(io: string, defaultFlow?: string): string;
}
/** [from, to, condition?, isDefault?] */
export type Flow = [string, string, string?, boolean?];

const Z = 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const ext = (inner: string) => (inner ? `<bpmn:extensionElements>${inner}</bpmn:extensionElements>` : '');

function flowId(f: Flow): string {
  return `f_${f[0]}_${f[1]}`;
}

function renderScope(elements: El[], flows: Flow[]): string {
  const parts = elements.map((e) => {
    const inc = flows
      .filter((f) => f[1] === e.id)
      .map((f) => `<bpmn:incoming>${flowId(f)}</bpmn:incoming>`)
      .join('');
    const out = flows
      .filter((f) => f[0] === e.id)
      .map((f) => `<bpmn:outgoing>${flowId(f)}</bpmn:outgoing>`)
      .join('');
    const def = flows.find((f) => f[0] === e.id && f[3]);
    return e.render(inc + out, def ? flowId(def) : undefined);
  });
  const fs = flows.map(
    (f) =>
      `<bpmn:sequenceFlow id="${flowId(f)}" sourceRef="${f[0]}" targetRef="${f[1]}">${
        f[2] ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${esc(f[2])}</bpmn:conditionExpression>` : ''
      }</bpmn:sequenceFlow>`,
  );
  return parts.join('\n') + '\n' + fs.join('\n');
}

/** A whole definitions document with one executable process; `roots` adds messages/errors. */
export function model(id: string, elements: El[], flows: Flow[], roots = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ${Z} xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="defs_${id}" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.9.0">
${roots}
<bpmn:process id="${id}" isExecutable="true">
${renderScope(elements, flows)}
</bpmn:process>
</bpmn:definitions>`;
}

/** Chains ids with flows: chain('a','b','c') = a→b, b→c. */
export function chain(...ids: string[]): Flow[] {
  return ids.slice(1).map((id, i) => [ids[i]!, id] as Flow);
}

/** BPMN's schema order: extensionElements, then incoming/outgoing, then the rest (event definitions …). */
function placeIo(inner: string, io: string): string {
  const end = '</bpmn:extensionElements>';
  const i = inner.startsWith('<bpmn:extensionElements') ? inner.indexOf(end) + end.length : 0;
  return inner.slice(0, i) + io + inner.slice(i);
}

const simple = (tag: string, id: string, inner = '', attrs = ''): El => ({
  id,
  render: (io, d) => `<bpmn:${tag} id="${id}"${d ? ` default="${d}"` : ''}${attrs}>${placeIo(inner, io)}</bpmn:${tag}>`,
});

export const mappings = (inputs: [string, string][] = [], outputs: [string, string][] = []) =>
  `<zeebe:ioMapping>${inputs.map(([s, t]) => `<zeebe:input source="${esc(s)}" target="${t}"/>`).join('')}${outputs.map(([s, t]) => `<zeebe:output source="${esc(s)}" target="${t}"/>`).join('')}</zeebe:ioMapping>`;
export const headers = (h: Record<string, string>) =>
  `<zeebe:taskHeaders>${Object.entries(h)
    .map(([k, v]) => `<zeebe:header key="${k}" value="${esc(v)}"/>`)
    .join('')}</zeebe:taskHeaders>`;
export const taskDef = (type: string, retries = 3) => `<zeebe:taskDefinition type="${type}" retries="${retries}"/>`;

export const start = (id: string, eventDef = '', interrupting = true) => simple('startEvent', id, eventDef, interrupting ? '' : ' isInterrupting="false"');
export const end = (id: string, eventDef = '') => simple('endEvent', id, eventDef);
export const messageEnd = (id: string, jobType: string) => simple('endEvent', id, ext(taskDef(jobType)) + '<bpmn:messageEventDefinition/>');
export const service = (id: string, jobType: string, more = '', retries = 3) => simple('serviceTask', id, ext(taskDef(jobType, retries) + more));
export const send = (id: string, jobType: string) => simple('sendTask', id, ext(taskDef(jobType)));
export const script = (id: string, expression: string, resultVariable: string, more = '') =>
  simple('scriptTask', id, ext(`<zeebe:script expression="${esc(expression)}" resultVariable="${resultVariable}"/>` + more));
export const user = (id: string, more = '') => simple('userTask', id, ext('<zeebe:userTask/>' + more));
export const manual = (id: string) => simple('manualTask', id);
export const task = (id: string) => simple('task', id);
export const receive = (id: string, messageId: string) => simple('receiveTask', id, '', ` messageRef="${messageId}"`);
export const xor = (id: string) => simple('exclusiveGateway', id);
export const and = (id: string) => simple('parallelGateway', id);
export const or = (id: string) => simple('inclusiveGateway', id);
export const eventGw = (id: string) => simple('eventBasedGateway', id);
export const catchEvent = (id: string, eventDef: string) => simple('intermediateCatchEvent', id, eventDef);
export const throwNone = (id: string) => simple('intermediateThrowEvent', id);
export const throwMessage = (id: string, jobType: string) => simple('intermediateThrowEvent', id, ext(taskDef(jobType)) + '<bpmn:messageEventDefinition/>');
export const withIo = (el: El, io: string): El => ({
  id: el.id,
  render: (x, d) => el.render(x, d).replace(/(<bpmn:extensionElements>)|(>)/, (m, a) => (a ? `${a}${io}` : `>${ext(io)}`)),
});

export const timerDuration = (d: string) =>
  `<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${esc(d)}</bpmn:timeDuration></bpmn:timerEventDefinition>`;
export const timerDate = (d: string) =>
  `<bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${esc(d)}</bpmn:timeDate></bpmn:timerEventDefinition>`;
export const timerCycle = (c: string) =>
  `<bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${esc(c)}</bpmn:timeCycle></bpmn:timerEventDefinition>`;
export const messageDef = (messageId: string) => `<bpmn:messageEventDefinition messageRef="${messageId}"/>`;
export const errorDef = (errorId?: string) => (errorId ? `<bpmn:errorEventDefinition errorRef="${errorId}"/>` : '<bpmn:errorEventDefinition/>');
export const terminateDef = '<bpmn:terminateEventDefinition/>';

/** A message declaration (root element) with a FEEL correlation key. */
export const message = (id: string, name: string, correlationKey?: string) =>
  `<bpmn:message id="${id}" name="${name}">${correlationKey ? ext(`<zeebe:subscription correlationKey="${esc(correlationKey)}"/>`) : ''}</bpmn:message>`;
/** An error declaration (root element). */
export const error = (id: string, code: string) => `<bpmn:error id="${id}" name="${code}" errorCode="${code}"/>`;

/** A boundary event on `attachedTo`. */
export const boundary = (id: string, attachedTo: string, eventDef: string, interrupting = true): El => ({
  id,
  render: (io) =>
    `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}"${interrupting ? '' : ' cancelActivity="false"'}>${io}${eventDef}</bpmn:boundaryEvent>`,
});

/** An embedded (or event) sub-process with its own elements and flows. */
export const sub = (id: string, elements: El[], flows: Flow[], opts: { event?: boolean; loop?: string; io?: string } = {}): El => ({
  id,
  render: (io) =>
    `<bpmn:subProcess id="${id}"${opts.event ? ' triggeredByEvent="true"' : ''}>${ext(opts.io ?? '')}${io}${opts.loop ?? ''}${renderScope(elements, flows)}</bpmn:subProcess>`,
});

/** A call activity. */
export const call = (id: string, processId: string, opts: { child?: boolean; parent?: boolean; io?: string } = {}): El =>
  simple(
    'callActivity',
    id,
    ext(
      `<zeebe:calledElement processId="${processId}"${opts.child === false ? ' propagateAllChildVariables="false"' : ''}${opts.parent === false ? ' propagateAllParentVariables="false"' : ''}/>` +
        (opts.io ?? ''),
    ),
  );

/** Multi-instance characteristics for an activity (append to its render via `loopOn`). */
export const loop = (o: { sequential?: boolean; input: string; element?: string; output?: string; outputElement?: string; completion?: string }) =>
  `<bpmn:multiInstanceLoopCharacteristics${o.sequential ? ' isSequential="true"' : ''}>${ext(`<zeebe:loopCharacteristics inputCollection="${esc(o.input)}"${o.element ? ` inputElement="${o.element}"` : ''}${o.output ? ` outputCollection="${o.output}" outputElement="${esc(o.outputElement ?? '')}"` : ''}/>`)}${o.completion ? `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${esc(o.completion)}</bpmn:completionCondition>` : ''}</bpmn:multiInstanceLoopCharacteristics>`;

/** Adds loop characteristics to a task element. */
export const loopOn = (el: El, characteristics: string): El => ({
  id: el.id,
  render: (io, d) => el.render(io, d).replace(/<\/bpmn:(\w+)>$/, `${characteristics}</bpmn:$1>`),
});

// ---- errors, escalations, links (issue 11) -------------------------------------------------

/** An intermediate throw event with an event definition (escalation, link). */
export const throwEvent = (id: string, eventDef: string) => simple('intermediateThrowEvent', id, eventDef);
/** An escalation declaration (root element); the code may be a FEEL expression (`=…`). */
export const escalation = (id: string, code: string) => `<bpmn:escalation id="${id}" name="${esc(code)}" escalationCode="${esc(code)}"/>`;
/** An escalation event definition; without a reference it catches every escalation. */
export const escalationDef = (escalationId?: string) =>
  escalationId ? `<bpmn:escalationEventDefinition escalationRef="${escalationId}"/>` : '<bpmn:escalationEventDefinition/>';
/** A link event definition. */
export const linkDef = (name: string) => `<bpmn:linkEventDefinition name="${esc(name)}"/>`;
/** Output mappings only (for catch events). */
export const outputs = (...pairs: [string, string][]) => mappings([], pairs);

/** A call activity with raw `zeebe:calledElement` attributes (e.g. a FEEL `processId`), escaped here. */
export const callWith = (id: string, attrs: Record<string, string>, io = ''): El =>
  simple(
    'callActivity',
    id,
    ext(
      `<zeebe:calledElement ${Object.entries(attrs)
        .map(([k, v]) => `${k}="${esc(v)}"`)
        .join(' ')}/>` + io,
    ),
  );

/** Any task element with extension content, e.g. a business rule or script task implemented as a job. */
export const taskOf = (tag: string, id: string, extensions = ''): El => simple(tag, id, ext(extensions));
