/** Lint: `kvh/timer-value` refuses static timer values the embedded engine cannot read (Swedish messages). */
import { describe, expect, it } from 'vitest';
import { lintBpmn, type LintProblem } from '../../../src/engine/lint/index.js';
import { around, FLOWS } from './fixtures.js';

const ours = (problems: LintProblem[]) => problems.filter((p) => p.rule === 'kvh/timer-value');
const catchTimer = (kind: string, value: string) =>
  around(
    `<bpmn:intermediateCatchEvent id="X" name="Vänta">${FLOWS}<bpmn:timerEventDefinition id="T"><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${kind}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`,
  );
const boundaryCycle = (value: string) =>
  around(
    `<bpmn:userTask id="X">${FLOWS}<bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>`,
    `<bpmn:boundaryEvent id="B" cancelActivity="false" attachedToRef="X"><bpmn:timerEventDefinition id="T"><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${value}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>`,
  );

describe('lint: timer values', () => {
  it.each([
    ['timeDuration', 'P1.5D', /Timerhändelse "Vänta" \(X\): värdet "P1.5D" är ingen giltig ISO 8601-varaktighet/],
    [
      'timeDate',
      '2026-03-02T09:00:00+01:00[Mars/Olympus]',
      /värdet "2026-03-02T09:00:00\+01:00\[Mars\/Olympus\]" är ingen giltig ISO 8601-tidpunkt med Z eller tidsförskjutning/,
    ],
  ])('refuses a static %s the engine cannot read: %s', async (kind, value, message) => {
    const problems = ours(await lintBpmn(catchTimer(kind, value)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ elementId: 'X', category: 'error' });
    expect(problems[0]!.message).toMatch(message);
  });

  it('refuses a cron cycle with five fields (Zeebe reads six, seconds first)', async () => {
    const problems = ours(await lintBpmn(boundaryCycle('0 9 * * MON-FRI')));
    expect(problems.map((p) => p.elementId)).toEqual(['B']);
    expect(problems[0]!.message).toMatch(/varken en giltig ISO 8601-upprepning .* eller ett cron-uttryck med sex fält/);
  });

  it.each(['R/PT1H', 'R3/2026-03-02T09:00:00Z/P1D', '0 0 9 * * MON-FRI', '@daily', '=reminderCycle'])('accepts the cycle %s', async (value) => {
    expect(ours(await lintBpmn(boundaryCycle(value)))).toEqual([]);
  });

  it.each([
    ['timeDuration', 'P1DT12H'],
    ['timeDuration', 'PT1.5S'],
    ['timeDate', '2026-03-02T09:00:00Z'],
    ['timeDate', '=followUpAt'],
  ])('accepts the %s %s', async (kind, value) => {
    expect(ours(await lintBpmn(catchTimer(kind, value)))).toEqual([]);
  });
});
