/** Small BPMN documents for lint tests: a start → element(s) → end process in Zeebe dialect. */

const NS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

/** A definitions document around raw process content. */
export function definitions(processBody: string, rootExtras = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="Defs" targetNamespace="http://example.org/test">
  ${rootExtras}
  <bpmn:process id="test-process" name="Test" isExecutable="true">
    ${processBody}
  </bpmn:process>
</bpmn:definitions>`;
}

/**
 * start → `element` → end. The element must have id `X` and use the incoming/outgoing flow
 * ids `In`/`Out`; `extra` is placed beside it (e.g. a boundary event).
 */
export function around(element: string, extra = '', rootExtras = ''): string {
  return definitions(
    `<bpmn:startEvent id="Start"><bpmn:outgoing>In</bpmn:outgoing></bpmn:startEvent>
    ${element}
    ${extra}
    <bpmn:endEvent id="End"><bpmn:incoming>Out</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="In" sourceRef="Start" targetRef="X" />
    <bpmn:sequenceFlow id="Out" sourceRef="X" targetRef="End" />`,
    rootExtras,
  );
}

export const FLOWS = '<bpmn:incoming>In</bpmn:incoming><bpmn:outgoing>Out</bpmn:outgoing>';

/** A service task `X` that is fine for every rule. */
export const SERVICE_TASK = `<bpmn:serviceTask id="X" name="Gör något">
  <bpmn:extensionElements><zeebe:taskDefinition type="do-something" /></bpmn:extensionElements>${FLOWS}
</bpmn:serviceTask>`;
