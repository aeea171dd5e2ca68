/**
 * The few moddle and bpmn-js service shapes the modeler's own panel entries use (panelEntries.ts),
 * and the one way they write a Zeebe extension element: through the properties panel's
 * multi-command, so each change is one undoable step.
 */
export interface Moddle {
  $type: string;
  $parent?: Moddle;
  get(name: string): unknown;
  candidateGroups?: string;
  formId?: string;
  key?: string;
  value?: string;
  values?: Moddle[];
}
export interface Element {
  id: string;
  type: string;
  businessObject: Moddle;
}
export interface Factory {
  create(type: string, attrs: object): Moddle;
}
export interface CommandStack {
  execute(cmd: string, ctx: object): void;
}
export interface EventBus {
  fire(event: string, data?: object): void;
}

/** The element's extension element of `type` (zeebe:…), if any. */
export const extension = (el: Element, type: string) =>
  ((el.businessObject.get('extensionElements') as Moddle | undefined)?.values ?? []).find((v) => v.$type === type);

/**
 * Sets `properties` on the element's extension of `type`, creating the extension elements and the
 * extension when missing (as the Zeebe provider does); `remove` takes the extension away instead.
 */
export function setExtension(element: Element, type: string, properties: object, services: { factory: Factory; commandStack: CommandStack }, remove = false) {
  const bo = element.businessObject;
  const commands: object[] = [];
  let ext = bo.get('extensionElements') as Moddle | undefined;
  let def = extension(element, type);
  if (remove) {
    if (ext && def)
      commands.push({
        cmd: 'element.updateModdleProperties',
        context: { element, moddleElement: ext, properties: { values: ext.values!.filter((v) => v !== def) } },
      });
  } else {
    if (!ext) {
      ext = services.factory.create('bpmn:ExtensionElements', { values: [] });
      ext.$parent = bo;
      commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: bo, properties: { extensionElements: ext } } });
    }
    if (!def) {
      def = services.factory.create(type, {});
      def.$parent = ext;
      commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: ext, properties: { values: [...(ext.values ?? []), def] } } });
    }
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: def, properties } });
  }
  if (commands.length) services.commandStack.execute('properties-panel.multi-command-executor', commands);
}
