/**
 * Rule `kvh/supported-binding`: Camunda 8.6+ lets a call activity (`zeebe:calledElement`) and a
 * user task's linked form (`zeebe:formDefinition`) choose which version they bind to
 * (`bindingType`: `latest`, `deployment`, `versionTag`). The embedded engine always takes the
 * latest version, so anything but `latest` would silently run another version than modelled:
 * refused. zeebe-bpmn-moddle 2.0 does not declare the attribute; it arrives in `$attrs`.
 */
import type { ModdleElement, Reporter, RuleFactory } from '../bpmnlintTypes.js';

const KINDS: Record<string, { extension: string; label: string; target: string }> = {
  'bpmn:CallActivity': { extension: 'zeebe:CalledElement', label: 'Anropsaktiviteten', target: 'den anropade processen' },
  'bpmn:UserTask': { extension: 'zeebe:FormDefinition', label: 'Användaruppgiften', target: 'det länkade formuläret' },
};

function attribute(ext: ModdleElement, name: string): string | undefined {
  const value = ext?.[name] ?? ext?.$attrs?.[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** `Anropsaktiviteten "Anropa" (X)`: names the element in Swedish so a modeler can find it. */
function swedishName(label: string, node: ModdleElement): string {
  const name = typeof node.name === 'string' && node.name.trim() ? ` "${node.name.trim()}"` : '';
  return `${label}${name} (${String(node.id ?? 'utan id')})`;
}

/** The rule factory. */
const supportedBinding: RuleFactory = () => ({
  check(node: ModdleElement, reporter: Reporter) {
    const kind = KINDS[node?.$type];
    if (!kind) return;
    const ext = (node.extensionElements?.values ?? []).find((v: ModdleElement) => v.$type === kind.extension);
    if (!ext) return;
    const binding = attribute(ext, 'bindingType');
    if (!binding || binding === 'latest') return;
    reporter.report(
      node.id,
      `${swedishName(kind.label, node)} binder ${kind.target} med bindingType "${binding}", vilket den inbyggda motorn inte stöder: ` +
        'den använder alltid den senaste versionen. Ta bort bindingType eller välj "latest".',
    );
  },
});

export default supportedBinding;
