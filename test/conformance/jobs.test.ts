/**
 * Conformance: multi-instance, job retries and incidents. References: Camunda 8 docs,
 * "Multi-instance" (inputCollection/inputElement, outputCollection/outputElement in input
 * order, loopCounter from 1, completionCondition, empty collection), "Incidents" (retries
 * exhausted → JOB_NO_RETRIES, resolved after giving retries; FEEL errors in mappings),
 * "Job workers" (fail with retry back-off; activation timeout), "Message correlation"
 * (a correlation key must be a string or number).
 */
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { complete, fail } from '../../src/engine/port.js';
import * as b from './bpmn.js';
import { deferred, inTurn, settled } from '../support/waits.js';
import { enginesUnderTest, eventually, recordingWorker, useEngine, visited, completed, activeIncidents } from './harness.js';

describe.each(enginesUnderTest())('multi-instance, jobs and incidents on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (xml: string) => ctx.engine.deploy([{ name: 'm.bpmn', content: xml }]);
  const done = (key: string) => completed(ctx.engine, key);
  const incidents = (key: string) => activeIncidents(ctx.engine, key);

  const mi = (id: string, jobType: string, o: Parameters<typeof b.loop>[0]) =>
    b.model(id, [b.start('s'), b.loopOn(b.service('each', jobType, b.mappings([], [['=doubled', 'out']])), b.loop(o)), b.end('e')], b.chain('s', 'each', 'e'));

  it('M01 parallel multi-instance: one job per item, outputs collected in input order [docs: components/modeler/bpmn/multi-instance#collecting-the-output]', async () => {
    await deploy(mi('m01', 'm01-job', { input: '=items', element: 'item', output: 'results', outputElement: '=out' }));
    const turn = inTurn([3, 2, 1]); // later items finish first
    recordingWorker(ctx.engine, 'm01-job', (j) => turn(Number(j.variables.item), () => complete({ doubled: Number(j.variables.item) * 2 })));
    const { key } = await ctx.engine.startInstance('m01', { items: [1, 2, 3] });
    await done(key);
    expect((await ctx.engine.getVariables(key)).results).toEqual([2, 4, 6]);
  });

  it('M02 sequential multi-instance: loopCounter counts from 1, one item at a time [docs: components/modeler/bpmn/multi-instance#loopcounter]', async () => {
    await deploy(mi('m02', 'm02-job', { sequential: true, input: '=items', element: 'item', output: 'results', outputElement: '=out' }));
    const jobs = recordingWorker(ctx.engine, 'm02-job', (j) => complete({ doubled: String(j.variables.item) + String(j.variables.loopCounter) }));
    const { key } = await ctx.engine.startInstance('m02', { items: ['a', 'b', 'c'] });
    await done(key);
    expect(jobs.map((j) => j.variables.loopCounter)).toEqual([1, 2, 3]);
    expect((await ctx.engine.getVariables(key)).results).toEqual(['a1', 'b2', 'c3']);
  });

  it('M03 the completion condition ends the multi-instance early [docs: components/modeler/bpmn/multi-instance#completion-condition]', async () => {
    await deploy(
      mi('m03', 'm03-job', { sequential: true, input: '=items', element: 'item', output: 'results', outputElement: '=out', completion: '=out = "stop"' }),
    );
    const jobs = recordingWorker(ctx.engine, 'm03-job', (j) => complete({ doubled: j.variables.item }));
    const { key } = await ctx.engine.startInstance('m03', { items: ['go', 'stop', 'never'] });
    await done(key);
    expect(jobs).toHaveLength(2);
  });

  it('M04 an empty input collection completes the activity at once with an empty output [docs: components/modeler/bpmn/multi-instance#defining-the-collection-to-iterate-over]', async () => {
    await deploy(mi('m04', 'm04-job', { input: '=items', element: 'item', output: 'results', outputElement: '=out' }));
    const jobs = recordingWorker(ctx.engine, 'm04-job', () => complete({ doubled: 0 }));
    const { key } = await ctx.engine.startInstance('m04', { items: [] });
    await done(key);
    expect(jobs).toHaveLength(0);
    expect((await ctx.engine.getVariables(key)).results).toEqual([]);
  });

  it('J01 a failed job is retried after its back-off [docs: components/concepts/job-workers#completing-or-failing-jobs]', async () => {
    await deploy(b.model('j01', [b.start('s'), b.service('t', 'j01-job'), b.end('e')], b.chain('s', 't', 'e')));
    let calls = 0;
    recordingWorker(ctx.engine, 'j01-job', (j) => (++calls === 1 ? fail('not yet', j.retries - 1, 60_000) : complete()));
    const { key } = await ctx.engine.startInstance('j01');
    await eventually(async () => expect(calls).toBe(1));
    // everything due now has run: no retry before the back-off
    await settled(ctx.engine);
    expect(calls).toBe(1);
    await ctx.engine.advanceClock(60_001);
    await done(key);
    expect(calls).toBe(2);
  });

  it('J02 retries exhausted → JOB_NO_RETRIES incident; new retries and resolving it continue the instance [docs: components/concepts/incidents]', async () => {
    await deploy(b.model('j02', [b.start('s'), b.service('t', 'j02-job', '', 2), b.end('e')], b.chain('s', 't', 'e')));
    let broken = true;
    recordingWorker(ctx.engine, 'j02-job', () => {
      if (broken) throw new Error('service down');
      return complete({ ok: true });
    });
    const { key } = await ctx.engine.startInstance('j02');
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'JOB_NO_RETRIES', elementId: 't', errorMessage: 'service down' });
    broken = false;
    await ctx.engine.updateJobRetries(inc!.jobKey!, 1);
    await ctx.engine.resolveIncident(inc!.key);
    await done(key);
    expect((await ctx.engine.getVariables(key)).ok).toBe(true);
  });

  // Camunda 8.6 runs its job time-out check from a queue ordered by the broker's clock: the
  // next check waits until the (pinned) clock reaches the time of the last check plus its
  // interval. Scenarios that pin the clock back to T0 after others moved it forward leave that
  // check in the future, so no job would time out. J03 therefore gets an engine of its own whose
  // clock is pinned beyond any time the suites use (now + 50 years, so later runs on the same
  // broker go further still); the file's engine pins the broker's clock back afterwards.
  it('J03 a job not completed within its timeout is activated again [docs: components/concepts/job-workers#timeouts]', async () => {
    const own = await eut.create(new ControlledClock(new Date(Date.now() + 50 * 365 * 86_400_000)));
    try {
      await own.engine.deploy([{ name: 'm.bpmn', content: b.model('j03', [b.start('s'), b.service('t', 'j03-job'), b.end('e')], b.chain('s', 't', 'e')) }]);
      let calls = 0;
      // The first handler outlives the 2 s time-out (it returns only after the second has
      // completed the instance); the clock moves 3 s.
      const late = deferred();
      own.engine.registerWorker({
        jobType: 'j03-job',
        timeoutMs: 2_000,
        handler: async () => (++calls === 1 ? late.promise.then(() => complete({ by: 'first' })) : complete({ by: 'second' })),
      });
      const { key } = await own.engine.startInstance('j03');
      await eventually(async () => expect(calls).toBe(1));
      await own.engine.advanceClock(3_000);
      await eventually(async () => expect((await own.engine.getProcessInstance(key)).state).toBe('COMPLETED'), 20_000);
      // the first handler returns late: its completion changes nothing
      late.resolve();
      await settled(own.engine);
      expect(calls).toBe(2);
      expect((await own.engine.getVariables(key)).by).toBe('second');
    } finally {
      await own.destroy();
      await ctx.engine.advanceClock(0);
    }
  });

  it('J04 a correlation key that evaluates to null is an EXTRACT_VALUE_ERROR incident; fixed by setting the variable and resolving [docs: components/concepts/incidents]', async () => {
    await deploy(
      b.model('j04', [b.start('s'), b.catchEvent('wait', b.messageDef('m')), b.end('e')], b.chain('s', 'wait', 'e'), b.message('m', 'j04-msg', '=caseId')),
    );
    const { key } = await ctx.engine.startInstance('j04');
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'wait' });
    await ctx.engine.setVariables(key, { caseId: 'j04-case' });
    await ctx.engine.resolveIncident(inc!.key);
    await ctx.engine.publishMessage({ name: 'j04-msg', correlationKey: 'j04-case' });
    await done(key);
  });

  it('J05 a failing user-task assignment expression is an incident too [docs: components/modeler/bpmn/user-tasks#assignments]', async () => {
    await deploy(b.model('j05', [b.start('s'), b.user('ut', '<zeebe:assignmentDefinition candidateGroups="=groups"/>'), b.end('e')], b.chain('s', 'ut', 'e')));
    const { key } = await ctx.engine.startInstance('j05', { groups: 5 });
    const [inc] = await incidents(key);
    expect(inc!.elementId).toBe('ut');
    expect(await visited(ctx.engine, key)).toContain('ut');
  });
});
