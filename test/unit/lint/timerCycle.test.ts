/** Lint: `kvh/timer-value` refuses static timer cycles shorter than TIMER_CYCLE_MIN_SECONDS (default 60 s), in Swedish. */
import { afterEach, describe, expect, it } from 'vitest';
import { lintBpmn } from '../../../src/engine/lint/index.js';
import { configureLint, DEFAULT_LINT_SETTINGS } from '../../../src/engine/lint/settings.js';
import { cycleIntervalMs } from '../../../src/engine/lint/rules/timerValue.js';
import { loadConfig } from '../../../src/config/index.js';
import { around, FLOWS } from './fixtures.js';

const boundaryCycle = (value: string) =>
  around(
    `<bpmn:userTask id="X">${FLOWS}<bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>`,
    `<bpmn:boundaryEvent id="B" name="Påminn" cancelActivity="false" attachedToRef="X"><bpmn:timerEventDefinition id="T"><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${value}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>`,
  );
const ours = async (value: string) => (await lintBpmn(boundaryCycle(value))).filter((p) => p.rule === 'kvh/timer-value').map((p) => p.message);

describe('lint: timer cycles too short', () => {
  afterEach(() => configureLint(DEFAULT_LINT_SETTINGS));

  it.each(['R/PT0S', 'R3/PT1S', 'R/PT59S', '* * * * * *', '0/30 * * * * *'])('refuses %s under the default minimum of 60 s', async (value) => {
    const messages = await ours(value);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^Timerhändelse "Påminn" \(B\): cykeln ".*" upprepas var \d+(\.\d+)? s, oftare än de minst 60 s som tillåts \(TIMER_CYCLE_MIN_SECONDS\)$/,
    );
  });

  it.each(['R/PT1M', 'R3/PT1H', 'R/P1D', '0 */15 * * * *', '0 0 9 * * MON-FRI', '=reminderCycle'])('accepts %s', async (value) => {
    expect(await ours(value)).toEqual([]);
  });

  it('takes its minimum from the configuration (TIMER_CYCLE_MIN_SECONDS, default 60)', async () => {
    expect(loadConfig({}).timerCycleMinSeconds).toBe(60);
    expect(loadConfig({ TIMER_CYCLE_MIN_SECONDS: '1' }).timerCycleMinSeconds).toBe(1);
    configureLint({ minTimerCycleSeconds: loadConfig({ TIMER_CYCLE_MIN_SECONDS: '1' }).timerCycleMinSeconds });
    expect(await ours('R3/PT1S')).toEqual([]);
    expect(await ours('R/PT0S')).toHaveLength(1);
    configureLint({ minTimerCycleSeconds: 3600 });
    expect(await ours('R/PT1M')).toHaveLength(1);
  });

  it('measures a cron cycle by the shortest gap between its firings', () => {
    expect(cycleIntervalMs('0 0 9 * * MON-FRI')).toBe(86_400_000);
    expect(cycleIntervalMs('0,1 0 9 * * *')).toBe(1000);
  });
});
