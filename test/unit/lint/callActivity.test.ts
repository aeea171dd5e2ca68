/**
 * Lint: what the embedded engine cannot run around call activities and version binding
 * (rule `kvh/supported-binding`): Camunda 8.6+ `bindingType` other than `latest`.
 */
import { describe, expect, it } from 'vitest';
import { lintBpmn, type LintProblem } from '../../../src/engine/lint/index.js';
import { around, FLOWS } from './fixtures.js';

const ours = (problems: LintProblem[]) => problems.filter((p) => p.rule === 'kvh/supported-binding');
const callActivity = (attrs: string) =>
  around(
    `<bpmn:callActivity id="X" name="Anropa"><bpmn:extensionElements><zeebe:calledElement processId="child" ${attrs} /></bpmn:extensionElements>${FLOWS}</bpmn:callActivity>`,
  );

describe('kvh/supported-binding', () => {
  it.each([
    ['bindingType="deployment"', 'deployment'],
    ['bindingType="versionTag" versionTag="v1"', 'versionTag'],
  ])('refuses a call activity with %s, in Swedish, naming the element', async (attrs, binding) => {
    const [problem, ...rest] = ours(await lintBpmn(callActivity(attrs)));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ elementId: 'X', category: 'error' });
    expect(problem!.message).toBe(
      `Anropsaktiviteten "Anropa" (X) binder den anropade processen med bindingType "${binding}", vilket den inbyggda motorn inte stöder: ` +
        'den använder alltid den senaste versionen. Ta bort bindingType eller välj "latest".',
    );
  });

  it('lets a call activity without bindingType, or with "latest", through', async () => {
    expect(ours(await lintBpmn(callActivity('')))).toEqual([]);
    expect(ours(await lintBpmn(callActivity('bindingType="latest"')))).toEqual([]);
  });

  it('refuses a user task whose linked form binds to its deployment', async () => {
    const xml = around(
      `<bpmn:userTask id="X"><bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="f" bindingType="deployment" /></bpmn:extensionElements>${FLOWS}</bpmn:userTask>`,
    );
    const [problem] = ours(await lintBpmn(xml));
    expect(problem!.message).toMatch(/^Användaruppgiften \(X\) binder det länkade formuläret med bindingType "deployment"/);
  });
});
