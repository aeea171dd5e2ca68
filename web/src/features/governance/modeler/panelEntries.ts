/**
 * The modeler's own properties-panel entries (issue 14 points 1.2 and 1.3), as a bpmn-js module:
 * a user task's candidate role is chosen from the organisation's roles (GET /org/roles), not
 * typed — written as zeebe:assignmentDefinition candidateGroups, the way our models name roles —
 * and the organisation level it is done at from the organisation's levels (a task header); a
 * user task's or start event's form is picked from the forms (GET /forms) or made there and then
 * (`createForm`: the page's form), written as zeebe:formDefinition formId, the one form link our
 * engine runs; and each activity's routines are chosen from the routine register. Routine links
 * live on the routine side (routine_link, PUT /routines/{id}/links): the entries edit the page's
 * link state (`ModelerLinks`), which the page saves through that API with the draft — one source
 * of truth.
 */
import { CheckboxEntry, isSelectEntryEdited, SelectEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { extension, setExtension, type CommandStack, type Element, type EventBus, type Factory } from './moddle.js';

/** A role to offer: its name and the levels (translated) it is held at. */
export interface RoleChoice {
  role: string;
  levels: string;
}

/** A form to offer: a draft-only one is marked (the lint refuses linking it until it is published). */
export interface FormChoice {
  formId: string;
  title: string;
  published: boolean;
}

/** What the entries read and change; the page owns it. */
export interface ModelerLinks {
  roles: RoleChoice[];
  /** The organisation's levels (node types, highest first), with their names. */
  levels: { level: string; name: string }[];
  forms: FormChoice[];
  /** Makes a new form (the page asks for its title and id); its id, or undefined when the user gave up. */
  createForm(): Promise<string | undefined>;
  routines: { id: string; title: string }[];
  /** Routine ids linked to each element of the process. */
  linked: Map<string, string[]>;
  /** Called after the links changed (the page marks the draft unsaved). */
  changed(): void;
  texts: {
    role: string;
    noRole: string;
    routines: string;
    addRoutine: string;
    choose: string;
    level: string;
    anyLevel: string;
    form: string;
    noForm: string;
    newForm: string;
    draftForm: string;
  };
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

const ACTIVITY = /^bpmn:(Task|UserTask|ServiceTask|ScriptTask|SendTask|ReceiveTask|ManualTask|BusinessRuleTask|CallActivity|SubProcess)$/;

const assignment = (el: Element) => extension(el, 'zeebe:AssignmentDefinition');

/** Sets candidateGroups (the assignment definition made when missing). */
function setCandidateGroups(element: Element, value: string, factory: Factory, commandStack: CommandStack) {
  setExtension(element, 'zeebe:AssignmentDefinition', { candidateGroups: value || undefined }, { factory, commandStack });
}

/**
 * The task header naming the organisation level the task is done at: the inbox puts the task at
 * the case unit's node of that level (src/domain/tasks/projection.ts, ORG_LEVEL_HEADER).
 */
const ORG_LEVEL_HEADER = 'orgLevel';

const orgLevelOf = (element: Element) => extension(element, 'zeebe:TaskHeaders')?.values?.find((h) => h.key === ORG_LEVEL_HEADER)?.value ?? '';

/** Sets (or with '' removes) the level header, keeping the task's other headers. */
function setOrgLevel(element: Element, level: string, factory: Factory, commandStack: CommandStack) {
  const others = (extension(element, 'zeebe:TaskHeaders')?.values ?? []).filter((h) => h.key !== ORG_LEVEL_HEADER);
  const values = level ? [...others, factory.create('zeebe:Header', { key: ORG_LEVEL_HEADER, value: level })] : others;
  setExtension(element, 'zeebe:TaskHeaders', { values }, { factory, commandStack }, values.length === 0);
}

function OrgLevel({ element }: { element: Element }) {
  const links = useService<ModelerLinks>('kvhLinks');
  const factory = useService<Factory>('bpmnFactory');
  const commandStack = useService<CommandStack>('commandStack');
  const current = orgLevelOf(element);
  const options = [
    { value: '', label: links.texts.anyLevel },
    ...(current && !links.levels.some((l) => l.level === current) ? [{ value: current, label: current }] : []),
    ...links.levels.map((l) => ({ value: l.level, label: l.name })),
  ];
  return SelectEntry({
    element,
    id: 'kvhOrgLevel',
    label: links.texts.level,
    getValue: () => current,
    setValue: (v: string) => setOrgLevel(element, v, factory, commandStack),
    getOptions: () => options,
  });
}

/** What the form choice offers besides the forms: no form, and making a new one. */
const NO_FORM = '';
const NEW_FORM = '__kvh-new-form__';

function FormLink({ element }: { element: Element }) {
  const links = useService<ModelerLinks>('kvhLinks');
  const factory = useService<Factory>('bpmnFactory');
  const commandStack = useService<CommandStack>('commandStack');
  const eventBus = useService<EventBus>('eventBus');
  const current = extension(element, 'zeebe:FormDefinition')?.formId ?? '';
  const link = (formId: string) => setExtension(element, 'zeebe:FormDefinition', { formId }, { factory, commandStack }, formId === NO_FORM);
  const options = [
    { value: NO_FORM, label: links.texts.noForm },
    // a form id of an older model that no form has stays choosable as it is (the lint names it)
    ...(current && !links.forms.some((f) => f.formId === current) ? [{ value: current, label: current }] : []),
    ...links.forms.map((f) => ({ value: f.formId, label: `${f.title} (${f.formId})${f.published ? '' : ` – ${links.texts.draftForm}`}` })),
    { value: NEW_FORM, label: links.texts.newForm },
  ];
  return SelectEntry({
    element,
    id: 'kvhForm',
    label: links.texts.form,
    getValue: () => current,
    setValue: (v: string) => {
      if (v !== NEW_FORM) return link(v);
      void links.createForm().then((made) => {
        if (made) link(made);
        // the choice shows the current form again (or the new one, now among the forms)
        eventBus.fire('propertiesPanel.providersChanged');
      });
    },
    getOptions: () => options,
  });
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
        const entries: Entry[] = [
          { id: 'kvhCandidateRole', component: CandidateRole, isEdited: isSelectEntryEdited },
          { id: 'kvhOrgLevel', component: OrgLevel, isEdited: isSelectEntryEdited },
        ];
        if (group) group.entries.unshift(...entries);
        else groups.push({ id: 'assignmentDefinition', label: this.links.texts.role, entries });
      }
      // the form: picked from the organisation's forms or made here, instead of camunda-bpmn-js's typed form id and form kinds
      const form = groups.find((g) => g.id === 'form');
      if (form) form.entries = [{ id: 'kvhForm', component: FormLink, isEdited: isSelectEntryEdited }];
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
