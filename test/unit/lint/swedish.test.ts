/**
 * The lint speaks Swedish (issue 14 point 1): the problems of bpmnlint's and camunda-compat's
 * rules, as the modeler's lint panel and a refused deployment show them, keep their rule ids.
 */
import { describe, expect, it } from 'vitest';
import { lintBpmn } from '../../../src/engine/lint/index.js';
import { swedishMessage } from '../../../src/engine/lint/swedish.js';
import { around, definitions } from './fixtures.js';

describe('Swedish lint messages', () => {
  it("gives bpmnlint's problems Swedish messages under their rule ids", async () => {
    const xml = around(
      '<bpmn:serviceTask id="X" name="Gör"><bpmn:extensionElements><zeebe:taskDefinition type="a" /></bpmn:extensionElements><bpmn:incoming>In</bpmn:incoming><bpmn:incoming>In2</bpmn:incoming><bpmn:outgoing>Out</bpmn:outgoing></bpmn:serviceTask>',
      '<bpmn:sequenceFlow id="In2" sourceRef="Start" targetRef="X" />',
    );
    const problems = (await lintBpmn(xml)).filter((p) => p.rule === 'no-duplicate-sequence-flows');
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(['Dubbla inkommande sekvensflöden', 'Dubbla utgående sekvensflöden', 'Sekvensflödet är en dubblett']).toContain(p.message);
  });

  it('translates the parameterised camunda-compat messages, keeping the names they quote', async () => {
    const xml = definitions(`
      <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:serviceTask id="T" name="Gör"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:serviceTask>
      <bpmn:endEvent id="E"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T" /><bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E" />`);
    const problem = (await lintBpmn(xml)).find((p) => p.elementId === 'T' && p.rule.startsWith('camunda-compat/'));
    expect(problem?.message).toMatch(/^Element av typen <bpmn:ServiceTask> måste ha/);
    expect(swedishMessage('Property <conditionExpression> must have expression value')).toBe(
      'Egenskapen <conditionExpression> måste vara ett uttryck (börja med =)',
    );
    expect(swedishMessage('Element of type <bpmn:UserTask> must have property <zeebe:A> or <zeebe:B>')).toBe(
      'Element av typen <bpmn:UserTask> måste ha egenskapen <zeebe:A> eller <zeebe:B>',
    );
    expect(swedishMessage('The document is not valid BPMN XML (line 1, column 9)')).toBe('Dokumentet är inte giltig BPMN-XML (rad 1, kolumn 9)');
  });

  it('keeps a message it does not know as the rule gave it', () => {
    expect(swedishMessage('Something new')).toBe('Something new');
  });
});
