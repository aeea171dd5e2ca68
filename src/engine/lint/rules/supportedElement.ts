/**
 * Rule `kvh/supported-element`: only the element types the embedded engine executes
 * (bpmn/README.md, "Supported subset"). Camunda 8.9 accepts more (complex gateway excepted):
 * these would deploy on Zeebe but not run on the embedded engine, so they are refused for both.
 * Messages are in Swedish: process owners draw the models.
 */
import type { ModdleElement, Reporter, RuleFactory } from '../bpmnlintTypes.js';
import { capitalise, describeElement, isAny } from './describe.js';

const SUPPORTED = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:IntermediateCatchEvent',
  'bpmn:IntermediateThrowEvent',
  'bpmn:BoundaryEvent',
  'bpmn:Task',
  'bpmn:ServiceTask',
  'bpmn:SendTask',
  'bpmn:ScriptTask',
  'bpmn:UserTask',
  'bpmn:ReceiveTask',
  'bpmn:ManualTask',
  'bpmn:BusinessRuleTask',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:InclusiveGateway',
  'bpmn:EventBasedGateway',
  'bpmn:SubProcess',
  'bpmn:CallActivity',
  'bpmn:SequenceFlow',
  // Data elements carry no behaviour; they are allowed as documentation.
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);

const ENGINE = 'stöds inte av den inbyggda motorn';

function extensionOfType(node: ModdleElement, type: string): ModdleElement {
  const values: ModdleElement[] = node.extensionElements?.values ?? [];
  return values.find((v) => v.$type === type);
}

function checkLoop(node: ModdleElement, reporter: Reporter): void {
  const loop = node.loopCharacteristics;
  if (loop && loop.$type === 'bpmn:StandardLoopCharacteristics') {
    reporter.report(node.id, `Standardloop på ${describeElement(node)} ${ENGINE}; använd flerinstans (multi-instance)`);
  }
}

function checkBusinessRuleTask(node: ModdleElement, reporter: Reporter): void {
  if (node.$type !== 'bpmn:BusinessRuleTask') return;
  if (extensionOfType(node, 'zeebe:CalledDecision') || !extensionOfType(node, 'zeebe:TaskDefinition')) {
    reporter.report(
      node.id,
      `${capitalise(describeElement(node))} med ett DMN-beslut ${ENGINE}; gör den till ett jobb för en jobbarbetare (zeebe:taskDefinition)`,
    );
  }
}

/** The rule factory. */
const supportedElement: RuleFactory = () => ({
  check(node: ModdleElement, reporter: Reporter) {
    if (!isAny(node, ['bpmn:FlowElement'])) return;
    if (!SUPPORTED.has(node.$type)) {
      reporter.report(node.id, `${capitalise(describeElement(node))} ${ENGINE}`);
      return;
    }
    checkLoop(node, reporter);
    checkBusinessRuleTask(node, reporter);
  },
});

export default supportedElement;
