/**
 * Rule `kvh/unique-catch-code`: Zeebe refuses a deployment with two error (or escalation)
 * catch events for the same code, or two catch-alls, in one scope: among the boundary events
 * of one activity, and among the event sub-process start events of one (sub-)process (docs:
 * components/modeler/bpmn/error-events#catching-the-error, escalation-events#catching-the-escalation).
 * One with a code and one catch-all are fine: the one with the code wins. Messages in Swedish.
 */
import type { ModdleElement, Reporter, RuleFactory } from '../bpmnlintTypes.js';
import { describeElement } from './describe.js';

const KINDS: Record<string, { ref: string; code: string; label: string; codeLabel: string }> = {
  'bpmn:ErrorEventDefinition': { ref: 'errorRef', code: 'errorCode', label: 'felhändelser', codeLabel: 'felkoden' },
  'bpmn:EscalationEventDefinition': { ref: 'escalationRef', code: 'escalationCode', label: 'eskaleringshändelser', codeLabel: 'eskaleringskoden' },
};

/** Reports catch events of `events` (all in one scope) that share a kind and a code. */
function checkGroup(events: ModdleElement[], where: string, reporter: Reporter): void {
  const seen = new Map<string, ModdleElement>();
  for (const ev of events) {
    const def = (ev.eventDefinitions ?? [])[0];
    const kind = def && KINDS[def.$type as string];
    if (!kind) continue;
    const code: string = def[kind.ref]?.[kind.code] ?? '';
    const key = `${def.$type}|${code}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, ev);
      continue;
    }
    const what = code ? `${kind.codeLabel} "${code}"` : 'alla koder (utan kod)';
    reporter.report(ev.id, `Två ${kind.label} ${where} fångar ${what}: ${describeElement(first)} och ${describeElement(ev)}; det får bara finnas en`);
  }
}

/** The rule factory. */
const uniqueCatchCode: RuleFactory = () => ({
  check(node: ModdleElement, reporter: Reporter) {
    const elements: ModdleElement[] = node.flowElements ?? [];
    if (node.$type !== 'bpmn:Process' && node.$type !== 'bpmn:SubProcess') return;
    const boundaries = elements.filter((e) => e.$type === 'bpmn:BoundaryEvent');
    for (const activity of new Set(boundaries.map((b) => b.attachedToRef).filter(Boolean))) {
      checkGroup(
        boundaries.filter((b) => b.attachedToRef === activity),
        `på ${describeElement(activity)}`,
        reporter,
      );
    }
    const starts = elements
      .filter((e) => e.$type === 'bpmn:SubProcess' && e.triggeredByEvent === true)
      .flatMap((esp) => (esp.flowElements ?? []).filter((e: ModdleElement) => e.$type === 'bpmn:StartEvent'));
    checkGroup(starts, node.$type === 'bpmn:Process' ? 'i processens händelsedelprocesser' : `i händelsedelprocesserna i ${describeElement(node)}`, reporter);
  },
});

export default uniqueCatchCode;
