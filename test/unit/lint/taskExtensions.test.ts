/** Lint rule kvh/supported-task-extension: task extensions Camunda accepts but the embedded engine does not run. */
import { describe, expect, it } from 'vitest';
import { lintBpmn, type LintProblem } from '../../../src/engine/lint/index.js';
import { around, FLOWS } from './fixtures.js';

const ours = (problems: LintProblem[]) => problems.filter((p) => p.rule === 'kvh/supported-task-extension');
const userTask = (extensions: string) =>
  `<bpmn:userTask id="X" name="Granska"><bpmn:extensionElements>${extensions}</bpmn:extensionElements>${FLOWS}</bpmn:userTask>`;

describe('kvh/supported-task-extension', () => {
  const refused: Array<[string, string, RegExp]> = [
    [
      'a job-based user task',
      userTask('<zeebe:formDefinition formId="f" />'),
      /^Jobbaserade användaruppgifter \(utan zeebe:userTask\) stöds inte av den inbyggda motorn \(Användaruppgift "Granska" \(X\)\)/,
    ],
    [
      'task listeners',
      userTask('<zeebe:userTask /><zeebe:taskListeners><zeebe:taskListener eventType="completing" type="tl" /></zeebe:taskListeners>'),
      /^Uppgiftslyssnare \(zeebe:taskListeners\) stöds inte av den inbyggda motorn \(Användaruppgift "Granska" \(X\)\)/,
    ],
    [
      'a form bound to its deployment',
      userTask('<zeebe:userTask /><zeebe:formDefinition formId="f" bindingType="deployment" />'),
      /^Formulärbindningen "deployment" stöds inte/,
    ],
    [
      'a custom form reference',
      userTask('<zeebe:userTask /><zeebe:formDefinition externalReference="https://example.org/form" />'),
      /^Egna formulärreferenser \(externalReference, formKey\) stöds inte/,
    ],
    [
      'execution listeners',
      `<bpmn:serviceTask id="X"><bpmn:extensionElements><zeebe:taskDefinition type="a" /><zeebe:executionListeners><zeebe:executionListener eventType="start" type="el" /></zeebe:executionListeners></bpmn:extensionElements>${FLOWS}</bpmn:serviceTask>`,
      /^Exekveringslyssnare \(zeebe:executionListeners\) stöds inte av den inbyggda motorn \(Tjänsteuppgift \(X\)\)/,
    ],
  ];

  it.each(refused)('refuses %s, in Swedish, naming the element', async (_label, element, message) => {
    const problems = ours(await lintBpmn(around(element)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ elementId: 'X', category: 'error' });
    expect(problems[0]!.message).toMatch(message);
  });

  it('accepts a Camunda user task linked to the latest form', async () => {
    const element = userTask('<zeebe:userTask /><zeebe:formDefinition formId="f" bindingType="latest" /><zeebe:priorityDefinition priority="60" />');
    expect(ours(await lintBpmn(around(element)))).toEqual([]);
  });
});
