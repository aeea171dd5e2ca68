/**
 * The modeler's own properties-panel entries (issue 14 points 1.2 and 1.3), as a bpmn-js module:
 * a user task's candidate role is chosen from the organisation's roles (GET /org/roles), not
 * typed — written as zeebe:assignmentDefinition candidateGroups, the way our models name roles;
 * and each activity's routines are chosen from the routine register. Routine links live on the
 * routine side (routine_link, PUT /routines/{id}/links): the entries edit the page's link state
 * (`ModelerLinks`), which the page saves through that API with the draft — one source of truth.
 */
import { CheckboxEntry, isSelectEntryEdited, SelectEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';

/** A role to offer: its name and the levels (translated) it is held at. */
export interface RoleChoice {
  role: string;
  levels: string;
}

/** What the entries read and change; the page owns it. */
export interface ModelerLinks {
  roles: RoleChoice[];
  routines: { id: string; title: string }[];
  /** Routine ids linked to each element of the process. */
  linked: Map<string, string[]>;
  /** Called after the links changed (the page marks the draft unsaved). */
  changed(): void;
  texts: { role: string; noRole: string; routines: string; addRoutine: string; choose: string };
}

interface Moddle {
  $type: string;
  $parent?: Moddle;
  get(name: string): unknown;
  candidateGroups?: string;
  values?: Moddle[];
}
interface Element {
  id: string;
  type: string;
  businessObject: Moddle;
}
interface Entry {
  id: string;
  component: (props: { element: Element }) => unknown;
  isEdited?: (node: unknown) => boolean;
}
interface Group {
  id: string;
  label: string;
  entries: Entry[];
}
interface Factory {
  create(type: string, attrs: object): Moddle;
}
interface CommandStack {
  execute(cmd: string, ctx: object): void;
}
interface EventBus {
  fire(event: string, data?: object): void;
}

const ACTIVITY = /^bpmn:(Task|UserTask|ServiceTask|ScriptTask|SendTask|ReceiveTask|ManualTask|BusinessRuleTask|CallActivity|SubProcess)$/;

const assignment = (el: Element) =>
  ((el.businessObject.get('extensionElements') as Moddle | undefined)?.values ?? []).find((v) => v.$type === 'zeebe:AssignmentDefinition');

/** Sets candidateGroups, creating the extension elements and the assignment definition when missing (as the Zeebe provider does). */
function setCandidateGroups(element: Element, value: string, factory: Factory, commandStack: CommandStack) {
  const bo = element.businessObject;
  const commands: object[] = [];
  let ext = bo.get('extensionElements') as Moddle | undefined;
  if (!ext) {
    ext = factory.create('bpmn:ExtensionElements', { values: [] });
    ext.$parent = bo;
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: bo, properties: { extensionElements: ext } } });
  }
  let def = assignment(element);
  if (!def) {
    def = factory.create('zeebe:AssignmentDefinition', {});
    def.$parent = ext;
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: ext, properties: { values: [...(ext.values ?? []), def] } } });
  }
  commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: def, properties: { candidateGroups: value || undefined } } });
  commandStack.execute('properties-panel.multi-command-executor', commands);
}

function CandidateRole({ element }: { element: Element }) {
  const links = useService<ModelerLinks>('kvhLinks');
  const factory = useService<Factory>('bpmnFactory');
  const commandStack = useService<CommandStack>('commandStack');
  const current = assignment(element)?.candidateGroups ?? '';
  const options = [
    { value: '', label: links.texts.noRole },
    // a list of several roles written in an older model stays choosable as it is
    ...(current && !links.roles.some((r) => r.role === current) ? [{ value: current, label: current }] : []),
    ...links.roles.map((r) => ({ value: r.role, label: `${r.role} (${r.levels})` })),
  ];
  return SelectEntry({
    element,
    id: 'kvhCandidateRole',
    label: links.texts.role,
    getValue: () => current,
    setValue: (v: string) => setCandidateGroups(element, v, factory, commandStack),
    getOptions: () => options,
  });
}

function AddRoutine({ element }: { element: Element }) {
  const links = useService<ModelerLinks>('kvhLinks');
  const eventBus = useService<EventBus>('eventBus');
  const linked = links.linked.get(element.id) ?? [];
  return SelectEntry({
    element,
    id: 'kvhAddRoutine',
    label: links.texts.addRoutine,
    getValue: () => '',
    setValue: (id: string) => {
      if (!id) return;
      links.linked.set(element.id, [...linked, id]);
      links.changed();
      eventBus.fire('propertiesPanel.providersChanged');
    },
    getOptions: () => [
      { value: '', label: links.texts.choose },
      ...links.routines.filter((r) => !linked.includes(r.id)).map((r) => ({ value: r.id, label: r.title })),
    ],
  });
}

const linkedRoutine = (routineId: string, title: string) =>
  function LinkedRoutine({ element }: { element: Element }) {
    const links = useService<ModelerLinks>('kvhLinks');
    const eventBus = useService<EventBus>('eventBus');
    return CheckboxEntry({
      element,
      id: `kvhRoutine-${routineId}`,
      label: title,
      getValue: () => (links.linked.get(element.id) ?? []).includes(routineId),
      setValue: (on: boolean) => {
        const now = (links.linked.get(element.id) ?? []).filter((id) => id !== routineId);
        links.linked.set(element.id, on ? [...now, routineId] : now);
        links.changed();
        eventBus.fire('propertiesPanel.providersChanged');
      },
    });
  };

class KvhPropertiesProvider {
  static $inject = ['propertiesPanel', 'kvhLinks'];
  constructor(
    propertiesPanel: { registerProvider(priority: number, provider: object): void },
    private readonly links: ModelerLinks,
  ) {
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element: Element) {
    return (groups: Group[]) => {
      if (element.type === 'bpmn:UserTask') {
        const group = groups.find((g) => g.id === 'assignmentDefinition');
        // the typed candidate-groups field gives way to the choice of a role
        if (group) group.entries = group.entries.filter((e) => e.id !== 'assignmentDefinitionCandidateGroups');
        const entry: Entry = { id: 'kvhCandidateRole', component: CandidateRole, isEdited: isSelectEntryEdited };
        if (group) group.entries.unshift(entry);
        else groups.push({ id: 'assignmentDefinition', label: this.links.texts.role, entries: [entry] });
      }
      if (ACTIVITY.test(element.type)) {
        const linked = this.links.linked.get(element.id) ?? [];
        const entries: Entry[] = linked.map((id) => ({
          id: `kvhRoutine-${id}`,
          component: linkedRoutine(id, this.links.routines.find((r) => r.id === id)?.title ?? id),
        }));
        entries.push({ id: 'kvhAddRoutine', component: AddRoutine });
        groups.splice(Math.min(2, groups.length), 0, { id: 'kvhRoutines', label: this.links.texts.routines, entries });
      }
      return groups;
    };
  }
}

/** The module; the page passes the link state as `kvhLinks` in the modeler's options. */
export function kvhPropertiesModule(links: ModelerLinks) {
  return { __init__: ['kvhPropertiesProvider'], kvhLinks: ['value', links], kvhPropertiesProvider: ['type', KvhPropertiesProvider] };
}
