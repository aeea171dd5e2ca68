/**
 * A user task's organisation level (issue 14 point 1, the modeler's level choice): the task header
 * `orgLevel` puts the task in the inbox at the case unit's node of that level, so its candidate role
 * is matched there and above; without it the task is at the case's unit. Given a model whose tasks
 * are all for the verksamhetschef, one per level, when a case at Hemtjänst Solrosen reaches them,
 * then each task is at the node of its level, and the area's verksamhetschef sees those at her area
 * and below, not the one put at the förvaltning above her.
 */
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { until, useApi } from '../support/api.js';
import { databaseKinds } from '../support/databases.js';

const task = (id: string, level: string | null, from: string, to: string) =>
  `<bpmn:userTask id="${id}" name="${id}"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="verksamhetschef" />${
    level ? `<zeebe:taskHeaders><zeebe:header key="orgLevel" value="${level}" /></zeebe:taskHeaders>` : ''
  }</bpmn:extensionElements><bpmn:incoming>${from}</bpmn:incoming><bpmn:outgoing>${to}</bpmn:outgoing></bpmn:userTask>`;
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="http://kvalitetshjulet.se/test">
  <bpmn:process id="niva-test" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    <bpmn:parallelGateway id="Fork"><bpmn:incoming>f0</bpmn:incoming><bpmn:outgoing>f1</bpmn:outgoing><bpmn:outgoing>f2</bpmn:outgoing><bpmn:outgoing>f3</bpmn:outgoing><bpmn:outgoing>f4</bpmn:outgoing></bpmn:parallelGateway>
    ${task('Task_Unit', null, 'f1', 'e1')}
    ${task('Task_Area', 'area', 'f2', 'e2')}
    ${task('Task_Administration', 'administration', 'f3', 'e3')}
    ${task('Task_NoSuchLevel', 'planet', 'f4', 'e4')}
    <bpmn:endEvent id="End1"><bpmn:incoming>e1</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="End2"><bpmn:incoming>e2</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="End3"><bpmn:incoming>e3</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="End4"><bpmn:incoming>e4</bpmn:incoming></bpmn:endEvent>
    ${flow('f0', 'Start', 'Fork')}${flow('f1', 'Fork', 'Task_Unit')}${flow('f2', 'Fork', 'Task_Area')}${flow('f3', 'Fork', 'Task_Administration')}${flow('f4', 'Fork', 'Task_NoSuchLevel')}
    ${flow('e1', 'Task_Unit', 'End1')}${flow('e2', 'Task_Area', 'End2')}${flow('e3', 'Task_Administration', 'End3')}${flow('e4', 'Task_NoSuchLevel', 'End4')}
  </bpmn:process>
</bpmn:definitions>`;

describe.each(databaseKinds())("a user task's organisation level on %s", (kind) => {
  const ctx = useApi({ name: `embedded/${kind}`, kind, env: {} }, new ControlledClock(new Date('2026-12-03T10:00:00+01:00')));

  it('puts the task at the case unit’s node of that level; without a level (or an unknown one) at the unit', async () => {
    await ctx.services.engine.deploy([{ name: 'niva-test.bpmn', content: MODEL }]);
    const { key } = await ctx.services.engine.startInstance('niva-test', { unitId: 'hemtjanst-solrosen' });
    const rows = await until(async () => {
      const r: { element_id: string; unit_id: string | null }[] = await ctx.t
        .db('user_task')
        .where({ process_instance_key: key })
        .select('element_id', 'unit_id');
      return r.length === 4 ? r : undefined;
    });
    expect(Object.fromEntries(rows.map((r) => [r.element_id, r.unit_id]))).toEqual({
      Task_Unit: 'hemtjanst-solrosen',
      Task_Area: 'aldreomsorg',
      Task_Administration: 'socialforvaltningen',
      Task_NoSuchLevel: 'hemtjanst-solrosen',
    });
    // the verksamhetschef of Äldreomsorg (the area) works those at her area and below, not the förvaltning's
    const inbox = async (username: string) =>
      (
        (await (await ctx.as(username)).get('/api/v1/tasks').query({ pageSize: 200 }).expect(200)).body.items as {
          processInstanceKey: string;
          elementId: string;
        }[]
      )
        .filter((t) => t.processInstanceKey === key)
        .map((t) => t.elementId)
        .sort();
    expect(await inbox('verksamhetschef')).toEqual(['Task_Area', 'Task_NoSuchLevel', 'Task_Unit']);
  });
});
