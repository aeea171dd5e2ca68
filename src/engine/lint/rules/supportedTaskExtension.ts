/**
 * Rule `kvh/supported-task-extension`: Zeebe task extensions that Camunda 8.9 accepts but the
 * embedded engine does not run, so a model using them would behave differently here:
 * - a user task without `zeebe:userTask` is a job-based user task in Zeebe (a job of type
 *   `io.camunda.zeebe:userTask`, deprecated; docs: components/modeler/bpmn/user-tasks/user-tasks#job-worker-implementation);
 *   the embedded engine only has Camunda user tasks;
 * - task listeners (`zeebe:taskListeners`) and execution listeners (`zeebe:executionListeners`)
 *   create listener jobs in Zeebe; the embedded engine has none;
 * - a linked form with binding type `deployment` or `versionTag`: the embedded engine always
 *   links the latest deployed form; a custom form reference (`externalReference`) never
 *   reaches our task API.
 * Messages are Swedish (process owners read them in the modeler).
 */
import type { ModdleElement, Reporter, RuleFactory } from '../bpmnlintTypes.js';
import { isAny } from './describe.js';

const ENGINE = 'stöds inte av den inbyggda motorn';

const KIND: Record<string, string> = {
  'bpmn:UserTask': 'Användaruppgift',
  'bpmn:ServiceTask': 'Tjänsteuppgift',
  'bpmn:ScriptTask': 'Skriptuppgift',
  'bpmn:SendTask': 'Sändaruppgift',
  'bpmn:ReceiveTask': 'Mottagaruppgift',
  'bpmn:BusinessRuleTask': 'Affärsregeluppgift',
  'bpmn:SubProcess': 'Delprocess',
  'bpmn:CallActivity': 'Anropsaktivitet',
};

/** `Användaruppgift "Granska" (Task_1)`, in Swedish, so a modeler can find the element. */
function beskriv(node: ModdleElement): string {
  const kind = KIND[node.$type] ?? (isAny(node, ['bpmn:Gateway']) ? 'Grind' : isAny(node, ['bpmn:Event']) ? 'Händelse' : 'Element');
  const name = typeof node.name === 'string' && node.name.trim() ? ` "${node.name.trim()}"` : '';
  return `${kind}${name} (${String(node.id ?? 'utan id')})`;
}

function extension(node: ModdleElement, type: string): ModdleElement {
  return (node.extensionElements?.values ?? []).find((v: ModdleElement) => v.$type === type);
}

function checkUserTask(node: ModdleElement, reporter: Reporter): void {
  if (node.$type !== 'bpmn:UserTask') return;
  if (!extension(node, 'zeebe:UserTask')) {
    reporter.report(node.id, `Jobbaserade användaruppgifter (utan zeebe:userTask) ${ENGINE} (${beskriv(node)}); gör den till en Camunda-användaruppgift`);
  }
  if (extension(node, 'zeebe:TaskListeners')) {
    reporter.report(node.id, `Uppgiftslyssnare (zeebe:taskListeners) ${ENGINE} (${beskriv(node)})`);
  }
  const form = extension(node, 'zeebe:FormDefinition');
  if (form?.bindingType && form.bindingType !== 'latest') {
    reporter.report(node.id, `Formulärbindningen "${form.bindingType}" ${ENGINE} (${beskriv(node)}); den länkar alltid senaste versionen av formuläret`);
  }
  if (form?.externalReference || form?.formKey) {
    reporter.report(node.id, `Egna formulärreferenser (externalReference, formKey) ${ENGINE} (${beskriv(node)}); länka ett formulär med formId`);
  }
}

/** The rule factory. */
const supportedTaskExtension: RuleFactory = () => ({
  check(node: ModdleElement, reporter: Reporter) {
    if (!isAny(node, ['bpmn:FlowElement', 'bpmn:Process'])) return;
    checkUserTask(node, reporter);
    if (extension(node, 'zeebe:ExecutionListeners')) {
      reporter.report(node.id, `Exekveringslyssnare (zeebe:executionListeners) ${ENGINE} (${beskriv(node)})`);
    }
  },
});

export default supportedTaskExtension;
