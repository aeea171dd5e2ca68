/**
 * kvh lint for events (issue 11): what the embedded engine refuses, in Swedish, and the
 * escalation and link events it now admits.
 */
import { describe, expect, it } from 'vitest';
import { lintBpmn, lintErrors, type LintProblem } from '../../../src/engine/lint/index.js';
import { around, definitions, FLOWS, SERVICE_TASK } from './fixtures.js';

const ours = (problems: LintProblem[]) => problems.filter((p) => p.rule.startsWith('kvh/'));
const ESC = '<bpmn:escalation id="E" name="e" escalationCode="E1" />';
const SUB = (inner: string) => `<bpmn:subProcess id="X" name="Steg">${FLOWS}
  <bpmn:startEvent id="IS"><bpmn:outgoing>I1</bpmn:outgoing></bpmn:startEvent>${inner}
  <bpmn:endEvent id="IE"><bpmn:incoming>I2</bpmn:incoming></bpmn:endEvent>
  <bpmn:sequenceFlow id="I1" sourceRef="IS" targetRef="R" /><bpmn:sequenceFlow id="I2" sourceRef="R" targetRef="IE" />
</bpmn:subProcess>`;
const RAISE =
  '<bpmn:intermediateThrowEvent id="R"><bpmn:incoming>I1</bpmn:incoming><bpmn:outgoing>I2</bpmn:outgoing><bpmn:escalationEventDefinition id="RD" escalationRef="E" /></bpmn:intermediateThrowEvent>';

describe('kvh lint: events', () => {
  const refused: Array<[string, string, string, string]> = [
    [
      'signal catch event',
      `<bpmn:intermediateCatchEvent id="X" name="Vänta">${FLOWS}<bpmn:signalEventDefinition id="D" signalRef="S" /></bpmn:intermediateCatchEvent>`,
      '<bpmn:signal id="S" name="s" />',
      'Signalhändelser stöds inte av den inbyggda motorn (Mellanliggande fångande händelse "Vänta" (X)): motorn har ingen utsändning till alla processer; använd ett meddelande',
    ],
    [
      'signal end event',
      `<bpmn:endEvent id="X"><bpmn:incoming>In</bpmn:incoming><bpmn:signalEventDefinition id="D" signalRef="S" /></bpmn:endEvent>`,
      '<bpmn:signal id="S" name="s" />',
      'Signalhändelser stöds inte av den inbyggda motorn (Sluthändelse (X)): motorn har ingen utsändning till alla processer; använd ett meddelande',
    ],
    [
      'compensation end event',
      `<bpmn:endEvent id="X"><bpmn:incoming>In</bpmn:incoming><bpmn:compensateEventDefinition id="D" /></bpmn:endEvent>`,
      '',
      'Kompensationshändelser stöds inte av den inbyggda motorn (Sluthändelse (X)): modellera det som ska göras om med vanliga flöden',
    ],
    [
      'conditional catch event',
      `<bpmn:intermediateCatchEvent id="X">${FLOWS}<bpmn:conditionalEventDefinition id="D"><bpmn:condition xsi:type="bpmn:tFormalExpression">=a &gt; 1</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>`,
      '',
      'Villkorshändelser stöds inte av den inbyggda motorn (Mellanliggande fångande händelse (X)): använd ett meddelande, en timer eller en gateway',
    ],
    [
      'cancel end event',
      `<bpmn:endEvent id="X"><bpmn:incoming>In</bpmn:incoming><bpmn:cancelEventDefinition id="D" /></bpmn:endEvent>`,
      '',
      'Annulleringshändelser stöds inte av den inbyggda motorn (Sluthändelse (X)): de hör till transaktioner, som inte stöds',
    ],
    [
      'timer on a throw event',
      `<bpmn:intermediateThrowEvent id="X">${FLOWS}<bpmn:timerEventDefinition id="D"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateThrowEvent>`,
      '',
      'Händelsedefinitionen timer på mellanliggande kastande händelse (X) stöds inte av den inbyggda motorn (tillåtet här: ingen (blank), meddelande, eskalering, länk)',
    ],
    [
      'blank intermediate catch event',
      `<bpmn:intermediateCatchEvent id="X">${FLOWS}</bpmn:intermediateCatchEvent>`,
      '',
      'Händelsedefinitionen ingen (blank) på mellanliggande fångande händelse (X) stöds inte av den inbyggda motorn (tillåtet här: timer, meddelande, länk)',
    ],
  ];

  it.each(refused)('refuses a %s with a Swedish message naming the element', async (_label, element, roots, message) => {
    const xml = element.startsWith('<bpmn:endEvent id="X"')
      ? definitions(
          `<bpmn:startEvent id="Start"><bpmn:outgoing>In</bpmn:outgoing></bpmn:startEvent>${element}<bpmn:sequenceFlow id="In" sourceRef="Start" targetRef="X" />`,
          roots,
        )
      : around(element, '', roots);
    const problems = ours(await lintBpmn(xml));
    expect(problems.map((p) => [p.elementId, p.message])).toEqual([['X', message]]);
  });

  it('refuses a non-interrupting error boundary event', async () => {
    const boundary = '<bpmn:boundaryEvent id="B" attachedToRef="X" cancelActivity="false"><bpmn:errorEventDefinition id="D" /></bpmn:boundaryEvent>';
    const problems = ours(await lintBpmn(around(SERVICE_TASK, boundary)));
    expect(problems.map((p) => [p.elementId, p.message])).toEqual([
      ['B', 'Gränshändelse (B) fångar ett fel men avbryter inte; ett fel fångas alltid avbrytande'],
    ]);
  });

  it('refuses an escalation start event outside an event sub-process, naming where it stands', async () => {
    const xml = definitions(
      `
      <bpmn:startEvent id="S1"><bpmn:outgoing>F</bpmn:outgoing><bpmn:escalationEventDefinition id="D" escalationRef="E" /></bpmn:startEvent>
      <bpmn:endEvent id="End"><bpmn:incoming>F</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="F" sourceRef="S1" targetRef="End" />`,
      ESC,
    );
    expect(ours(await lintBpmn(xml)).map((p) => p.message)).toEqual([
      'Händelsedefinitionen eskalering på starthändelse (S1) stöds inte av den inbyggda motorn (tillåtet här: ingen (blank), meddelande, timer)',
    ]);
  });

  it('admits escalation throw events and escalation boundary events on a sub-process', async () => {
    const boundary = `<bpmn:boundaryEvent id="B" attachedToRef="X" cancelActivity="false"><bpmn:outgoing>BF</bpmn:outgoing><bpmn:escalationEventDefinition id="BD" escalationRef="E" /></bpmn:boundaryEvent>
      <bpmn:endEvent id="BE"><bpmn:incoming>BF</bpmn:incoming></bpmn:endEvent><bpmn:sequenceFlow id="BF" sourceRef="B" targetRef="BE" />`;
    expect(lintErrors(await lintBpmn(around(SUB(RAISE), boundary, ESC)))).toEqual([]);
  });

  const link = (throwName: string, catchNames: string[]) =>
    definitions(`
    <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateThrowEvent id="T" name="Hoppa"><bpmn:incoming>F1</bpmn:incoming><bpmn:linkEventDefinition id="TD" name="${throwName}" /></bpmn:intermediateThrowEvent>
    ${catchNames
      .map(
        (
          n,
          i,
        ) => `<bpmn:intermediateCatchEvent id="C${i}"><bpmn:outgoing>G${i}</bpmn:outgoing><bpmn:linkEventDefinition id="CD${i}" name="${n}" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="E${i}"><bpmn:incoming>G${i}</bpmn:incoming></bpmn:endEvent><bpmn:sequenceFlow id="G${i}" sourceRef="C${i}" targetRef="E${i}" />`,
      )
      .join('\n')}
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T" />`);

  it('admits a throw link event with its catch link event in the same scope', async () => {
    expect(lintErrors(await lintBpmn(link('vidare', ['vidare'])))).toEqual([]);
  });

  it('refuses a throw link event without a catch link event of its name in its scope', async () => {
    const problems = ours(await lintBpmn(link('vidare', ['annat'])));
    expect(problems.map((p) => [p.elementId, p.message])).toEqual([
      [
        'T',
        'Mellanliggande kastande händelse "Hoppa" (T) länkar till "vidare", men det finns ingen fångande länkhändelse med det namnet i samma process eller delprocess',
      ],
    ]);
  });

  it('refuses two error boundary events for the same code on one activity, and admits a code beside a catch-all', async () => {
    const b = (
      id: string,
      ref: string,
    ) => `<bpmn:boundaryEvent id="${id}" attachedToRef="X"><bpmn:outgoing>${id}F</bpmn:outgoing><bpmn:errorEventDefinition id="${id}D"${ref ? ` errorRef="${ref}"` : ''} /></bpmn:boundaryEvent>
      <bpmn:endEvent id="${id}E"><bpmn:incoming>${id}F</bpmn:incoming></bpmn:endEvent><bpmn:sequenceFlow id="${id}F" sourceRef="${id}" targetRef="${id}E" />`;
    const err = '<bpmn:error id="Err" name="fel" errorCode="FEL" />';
    const twice = ours(await lintBpmn(around(SERVICE_TASK, b('B1', 'Err') + b('B2', 'Err'), err)));
    expect(twice.map((p) => [p.elementId, p.message])).toEqual([
      ['B2', 'Två felhändelser på tjänsteuppgift "Gör något" (X) fångar felkoden "FEL": gränshändelse (B1) och gränshändelse (B2); det får bara finnas en'],
    ]);
    expect(lintErrors(await lintBpmn(around(SERVICE_TASK, b('B1', 'Err') + b('B2', ''), err)))).toEqual([]);
  });

  it('refuses two catch-all escalation event sub-processes in one process', async () => {
    const esp = (id: string) => `<bpmn:subProcess id="${id}" triggeredByEvent="true">
      <bpmn:startEvent id="${id}S" isInterrupting="false"><bpmn:outgoing>${id}F</bpmn:outgoing><bpmn:escalationEventDefinition id="${id}D" /></bpmn:startEvent>
      <bpmn:endEvent id="${id}E"><bpmn:incoming>${id}F</bpmn:incoming></bpmn:endEvent><bpmn:sequenceFlow id="${id}F" sourceRef="${id}S" targetRef="${id}E" /></bpmn:subProcess>`;
    const problems = ours(await lintBpmn(around(SERVICE_TASK, esp('P1') + esp('P2'))));
    expect(problems.map((p) => [p.elementId, p.message])).toEqual([
      [
        'P2S',
        'Två eskaleringshändelser i processens händelsedelprocesser fångar alla koder (utan kod): starthändelse (P1S) och starthändelse (P2S); det får bara finnas en',
      ],
    ]);
  });
});
