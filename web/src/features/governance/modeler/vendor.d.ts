// The properties panel packages ship no typings; what the modeler's own entries use of them.
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: object;
  export const BpmnPropertiesProviderModule: object;
  export const ZeebePropertiesProviderModule: object;
  export function useService<T = unknown>(name: string): T;
}
declare module '@bpmn-io/properties-panel' {
  export function SelectEntry(props: object): unknown;
  export function CheckboxEntry(props: object): unknown;
  export function isSelectEntryEdited(node: unknown): boolean;
}
