import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFolder } from '../../../src/engine/lint/cli.js';
import { lintBpmn, lintErrors, type LintProblem } from '../../../src/engine/lint/index.js';
import { around, definitions, FLOWS, SERVICE_TASK } from './fixtures.js';

function ours(problems: LintProblem[]): LintProblem[] {
  return problems.filter((p) => p.rule.startsWith('kvh/'));
}

describe('lintBpmn', () => {
  it('passes a clean Zeebe model with a service task, a user task and a timer', async () => {
    const xml = definitions(`
      <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:serviceTask id="Work" name="Arbeta">
        <bpmn:extensionElements><zeebe:taskDefinition type="work" /></bpmn:extensionElements>
        <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
      </bpmn:serviceTask>
      <bpmn:userTask id="Review" name="Granska">
        <bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="granska" /><zeebe:assignmentDefinition candidateGroups="enhetschef" /></bpmn:extensionElements>
        <bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing>
      </bpmn:userTask>
      <bpmn:intermediateCatchEvent id="Wait" name="Vänta">
        <bpmn:incoming>F3</bpmn:incoming><bpmn:outgoing>F4</bpmn:outgoing>
        <bpmn:timerEventDefinition id="T"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P1D</bpmn:timeDuration></bpmn:timerEventDefinition>
      </bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="End"><bpmn:incoming>F4</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
      <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="Review" />
      <bpmn:sequenceFlow id="F3" sourceRef="Review" targetRef="Wait" />
      <bpmn:sequenceFlow id="F4" sourceRef="Wait" targetRef="End" />`);
    expect(await lintBpmn(xml)).toEqual([]);
  });

  it('applies the Camunda 8.9 rules: a service task without a job type is an error', async () => {
    const xml = around(`<bpmn:serviceTask id="X">${FLOWS}</bpmn:serviceTask>`);
    const problems = lintErrors(await lintBpmn(xml));
    expect(problems.some((p) => p.rule.startsWith('camunda-compat/') && p.elementId === 'X')).toBe(true);
  });

  const unsupported: Array<[string, string, string, RegExp]> = [
    [
      'complex gateway',
      `<bpmn:complexGateway id="X" name="Välj">${FLOWS}</bpmn:complexGateway>`,
      '',
      /^Komplex gateway "Välj" \(X\) stöds inte av den inbyggda motorn$/,
    ],
    ['ad-hoc sub-process', `<bpmn:adHocSubProcess id="X">${FLOWS}</bpmn:adHocSubProcess>`, '', /^Ad hoc-delprocess \(X\) stöds inte av den inbyggda motorn$/],
    ['transaction', `<bpmn:transaction id="X">${FLOWS}</bpmn:transaction>`, '', /^Transaktion \(X\) stöds inte av den inbyggda motorn$/],
    [
      'signal throw event',
      `<bpmn:intermediateThrowEvent id="X">${FLOWS}<bpmn:signalEventDefinition id="D" signalRef="S" /></bpmn:intermediateThrowEvent>`,
      '<bpmn:signal id="S" name="s" />',
      /^Signalhändelser stöds inte av den inbyggda motorn \(Mellanliggande kastande händelse \(X\)\)/,
    ],
    [
      'compensation throw event',
      `<bpmn:intermediateThrowEvent id="X">${FLOWS}<bpmn:compensateEventDefinition id="D" /></bpmn:intermediateThrowEvent>`,
      '',
      /^Kompensationshändelser stöds inte av den inbyggda motorn \(Mellanliggande kastande händelse \(X\)\)/,
    ],
    [
      'conditional catch event',
      `<bpmn:intermediateCatchEvent id="X">${FLOWS}<bpmn:conditionalEventDefinition id="D"><bpmn:condition xsi:type="bpmn:tFormalExpression">=a &gt; 1</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>`,
      '',
      /^Villkorshändelser stöds inte av den inbyggda motorn \(Mellanliggande fångande händelse \(X\)\)/,
    ],
    [
      'business rule task with DMN',
      `<bpmn:businessRuleTask id="X" name="Bedöm"><bpmn:extensionElements><zeebe:calledDecision decisionId="d" resultVariable="r" /></bpmn:extensionElements>${FLOWS}</bpmn:businessRuleTask>`,
      '',
      /^Affärsregeluppgift "Bedöm" \(X\) med ett DMN-beslut stöds inte av den inbyggda motorn/,
    ],
    [
      'standard loop',
      `<bpmn:serviceTask id="X" name="Upprepa"><bpmn:extensionElements><zeebe:taskDefinition type="t" /></bpmn:extensionElements>${FLOWS}<bpmn:standardLoopCharacteristics /></bpmn:serviceTask>`,
      '',
      /^Standardloop på tjänsteuppgift "Upprepa" \(X\) stöds inte av den inbyggda motorn; använd flerinstans/,
    ],
    [
      'event with two definitions',
      `<bpmn:intermediateCatchEvent id="X">${FLOWS}<bpmn:messageEventDefinition id="D1" messageRef="M" /><bpmn:timerEventDefinition id="D2"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`,
      '<bpmn:message id="M" name="m"><bpmn:extensionElements><zeebe:subscription correlationKey="=k" /></bpmn:extensionElements></bpmn:message>',
      /^Mellanliggande fångande händelse \(X\) har flera händelsedefinitioner; den inbyggda motorn stöder bara en$/,
    ],
  ];

  it.each(unsupported)('refuses a %s, naming the element', async (_label, element, rootExtras, message) => {
    const problems = ours(await lintBpmn(around(element, '', rootExtras)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ elementId: 'X', category: 'error' });
    expect(problems[0]!.message).toMatch(message);
  });

  it('refuses a signal boundary event and an error start event outside an event sub-process', async () => {
    const boundary = `<bpmn:boundaryEvent id="B" attachedToRef="X"><bpmn:signalEventDefinition id="D" signalRef="S" /></bpmn:boundaryEvent>`;
    const withBoundary = ours(await lintBpmn(around(SERVICE_TASK, boundary, '<bpmn:signal id="S" name="s" />')));
    expect(withBoundary.map((p) => p.elementId)).toEqual(['B']);
    const errorStart = definitions(`
      <bpmn:startEvent id="S1"><bpmn:outgoing>F</bpmn:outgoing><bpmn:errorEventDefinition id="E" /></bpmn:startEvent>
      <bpmn:endEvent id="End"><bpmn:incoming>F</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="F" sourceRef="S1" targetRef="End" />`);
    const problems = ours(await lintBpmn(errorStart));
    expect(problems[0]?.message).toMatch(
      /^Händelsedefinitionen fel på starthändelse \(S1\) stöds inte av den inbyggda motorn \(tillåtet här: ingen \(blank\), meddelande, timer\)$/,
    );
  });

  it('accepts the supported event kinds (message catch, error boundary, terminate end)', async () => {
    const xml = around(
      SERVICE_TASK,
      `<bpmn:boundaryEvent id="B" attachedToRef="X"><bpmn:outgoing>BF</bpmn:outgoing><bpmn:errorEventDefinition id="ED" errorRef="Err" /></bpmn:boundaryEvent>
       <bpmn:endEvent id="Stop"><bpmn:incoming>BF</bpmn:incoming><bpmn:terminateEventDefinition id="TD" /></bpmn:endEvent>
       <bpmn:sequenceFlow id="BF" sourceRef="B" targetRef="Stop" />`,
      '<bpmn:error id="Err" name="fel" errorCode="FEL" />',
    );
    expect(lintErrors(await lintBpmn(xml))).toEqual([]);
  });

  it('refuses DOCTYPE and entity declarations before parsing', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>${around(SERVICE_TASK).replace(/^<\?xml[^>]*>/, '')}`;
    expect(await lintBpmn(xxe)).toEqual([{ elementId: undefined, rule: 'xml-doctype', message: expect.stringMatching(/DOCTYPE/), category: 'error' }]);
    expect((await lintBpmn('<!ENTITY lol "lol"><bpmn:definitions/>'))[0]?.rule).toBe('xml-doctype');
  });

  it('reports unparsable XML and empty input as problems instead of throwing', async () => {
    const broken = await lintBpmn('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process');
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({ rule: 'xml-parse', category: 'error' });
    expect((await lintBpmn('   '))[0]).toMatchObject({ rule: 'xml-parse', category: 'error' });
    expect(lintErrors(await lintBpmn('<html><body>nej</body></html>')).length).toBeGreaterThan(0);
  });
  it('reports unknown Zeebe elements and dangling references as parse problems, without running the rules', async () => {
    const xml = definitions(`
      <bpmn:startEvent id="S"><bpmn:outgoing>F</bpmn:outgoing></bpmn:startEvent>
      <bpmn:serviceTask id="T"><bpmn:extensionElements><zeebe:taskDefinitio type="a" /></bpmn:extensionElements></bpmn:serviceTask>
      <bpmn:sequenceFlow id="F" sourceRef="S" targetRef="Missing" />`);
    const problems = await lintBpmn(xml);
    expect(problems.map((p) => p.rule)).toEqual(['bpmn-parse', 'bpmn-parse']);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/zeebe:taskDefinitio[\s\S]*olöst referens <Missing>/);
  });
});

describe('lint CLI', () => {
  it('lints every .bpmn in a folder and reports errors per file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kvh-lint-'));
    await writeFile(path.join(dir, 'good.bpmn'), around(SERVICE_TASK));
    await writeFile(path.join(dir, 'bad.bpmn'), around(`<bpmn:complexGateway id="X">${FLOWS}</bpmn:complexGateway>`));
    await writeFile(path.join(dir, 'notes.txt'), 'ignored');
    const results = await lintFolder(dir);
    expect([...results.keys()]).toEqual(['bad.bpmn', 'good.bpmn']);
    expect(lintErrors(results.get('good.bpmn')!)).toEqual([]);
    expect(lintErrors(results.get('bad.bpmn')!).length).toBeGreaterThan(0);
  });

  it('exits 1 when a model has errors and 0 when all are clean', async () => {
    const bad = await mkdtemp(path.join(tmpdir(), 'kvh-lint-bad-'));
    await writeFile(path.join(bad, 'bad.bpmn'), around(`<bpmn:complexGateway id="X">${FLOWS}</bpmn:complexGateway>`));
    const good = await mkdtemp(path.join(tmpdir(), 'kvh-lint-good-'));
    await writeFile(path.join(good, 'good.bpmn'), around(SERVICE_TASK));
    const cli = path.resolve(import.meta.dirname, '../../../src/engine/lint/cli.ts');
    const run = (dir: string) => spawnSync(process.execPath, ['--import', 'tsx', cli, dir], { encoding: 'utf8' });
    const failed = run(bad);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/bad\.bpmn: error X kvh\/supported-element/);
    expect(run(good).status).toBe(0);
  });
});
