/**
 * Lint rule kvh/feel-supported: FEEL expressions that do not parse, or use a built-in or
 * construct the embedded engine does not run as Zeebe's FEEL-Scala does, are errors with a
 * Swedish message naming where the expression stands.
 */
import { describe, expect, it } from 'vitest';
import { lintBpmn, lintErrors } from '../../../src/engine/lint/index.js';
import { around, FLOWS } from './fixtures.js';

async function feelErrors(xml: string): Promise<string[]> {
  return lintErrors(await lintBpmn(xml))
    .filter((p) => p.rule === 'kvh/feel-supported')
    .map((p) => p.message);
}

const task = (io: string) =>
  around(
    `<bpmn:serviceTask id="X" name="Arbeta"><bpmn:extensionElements><zeebe:taskDefinition type="work" />${io}</bpmn:extensionElements>${FLOWS}</bpmn:serviceTask>`,
  );
const output = (expr: string) => task(`<zeebe:ioMapping><zeebe:output source="${expr}" target="result" /></zeebe:ioMapping>`);

function gateway(condition: string): string {
  return around(
    `<bpmn:exclusiveGateway id="X" name="Vilken väg?" default="Out"><bpmn:incoming>In</bpmn:incoming><bpmn:outgoing>Out</bpmn:outgoing><bpmn:outgoing>Yes</bpmn:outgoing></bpmn:exclusiveGateway>`,
    `<bpmn:endEvent id="End2"><bpmn:incoming>Yes</bpmn:incoming></bpmn:endEvent>
     <bpmn:sequenceFlow id="Yes" name="Ja" sourceRef="X" targetRef="End2"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`,
  );
}

describe('kvh/feel-supported', () => {
  it('passes supported FEEL in mappings and conditions', async () => {
    expect(await feelErrors(output('=if is defined(x) then string join(["a", x], &quot;-&quot;) else null'))).toEqual([]);
    expect(await feelErrors(gateway('=amount &gt; 1000 and status in ["ny", "öppen"]'))).toEqual([]);
  });

  it('rejects a condition that does not parse, naming the flow', async () => {
    expect(await feelErrors(gateway('=amount &gt;'))).toEqual(['FEEL-uttrycket "amount >" kan inte tolkas (Villkor på flödet "Ja" (Yes))']);
  });

  it('rejects and() / or() as functions (feelin reads them as keywords)', async () => {
    expect(await feelErrors(gateway('=and([a, b])'))).toEqual([
      'FEEL-funktionen "and()" stöds inte av den inbyggda motorn (använd "all()") (Villkor på flödet "Ja" (Yes))',
    ]);
  });

  it('rejects a built-in that feelin has and FEEL-Scala lacks (is())', async () => {
    const [message] = await feelErrors(output('=is(1, 1)'));
    expect(message).toMatch(/^FEEL-funktionen "is\(\)", som Zeebes FEEL-motor saknar, stöds inte av den inbyggda motorn/);
  });

  it('rejects constructs FEEL-Scala does not parse, naming the mapping', async () => {
    const where = '(Mappningen till "result" på aktiviteten "Arbeta" (X))';
    expect(await feelErrors(output('=1.5e3'))).toEqual([`FEEL-tal med exponent ("1.5e3") stöds inte av den inbyggda motorn ${where}`]);
    expect(await feelErrors(output('={f: function(a) a * 2}.f(21)'))).toEqual([
      `FEEL-anrop av en funktion som inte anges med sitt namn (via en sökväg eller ett funktionsuttryck) stöds inte av den inbyggda motorn ${where}`,
    ]);
    expect(await feelErrors(output('=[1..5).start'))).toEqual([
      `FEEL-intervallet "[1..5)" som operand (utanför "in" och funktionsargument) stöds inte av den inbyggda motorn ${where}`,
    ]);
    expect(await feelErrors(output('=x instance of list&lt;number&gt;'))).toEqual([
      `FEEL-typer med parametrar efter "instance of" stöds inte av den inbyggda motorn ${where}`,
    ]);
    const instanceAfter = `FEEL-"instance of" direkt efter en jämförelse, "between" eller "in" (sätt parenteser runt jämförelsen) stöds inte av den inbyggda motorn ${where}`;
    expect(await feelErrors(output('=1 &lt; 2 instance of boolean'))).toEqual([instanceAfter]);
    expect(await feelErrors(output('=x between 1 and 10 instance of boolean'))).toEqual([instanceAfter]);
    expect(await feelErrors(output('=x in y instance of boolean'))).toEqual([instanceAfter]);
    expect(await feelErrors(output('=(x &lt; 2) instance of boolean and x + 1 instance of number'))).toEqual([]);
    expect(await feelErrors(output('=1 &lt; 2 = true'))).toEqual([
      `FEEL-jämförelse av en jämförelse (t.ex. "a < b = true") stöds inte av den inbyggda motorn ${where}`,
    ]);
  });

  it('checks other attributes too (a user task assignment)', async () => {
    const xml = around(
      `<bpmn:userTask id="X" name="Granska"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="=[role" /></bpmn:extensionElements>${FLOWS}</bpmn:userTask>`,
    );
    expect(await feelErrors(xml)).toEqual(['FEEL-uttrycket "[role" kan inte tolkas (Attributet "candidateGroups" på aktiviteten "Granska" (X))']);
  });

  it('leaves static values (no leading =) alone', async () => {
    expect(await feelErrors(output('1.5e3'))).toEqual([]);
  });
});
