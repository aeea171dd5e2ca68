/**
 * Conformance: incidents and their resolution. References (docs.camunda.io/docs/…):
 * components/concepts/incidents (kinds; resolving: fix the cause, mark resolved, a new
 * incident if the problem is still there; job incidents: update variables, increase retries,
 * resolve), components/operate/userguide/resolve-incidents-update-variables (a condition that
 * cannot be evaluated; edit the variable, retry), apis-tools/orchestration-cluster-api-rest/
 * specifications/resolve-incident (404 for an unknown incident, 409 while the job has no
 * retries left).
 */
import { describe, expect, it } from 'vitest';
import { EngineConflict, EngineNotFound, complete, type EngineEvent } from '../../src/engine/port.js';
import * as b from './bpmn.js';
import { enginesUnderTest, eventually, openTasks, recordingWorker, useEngine, visited, completed, activeIncidents } from './harness.js';

const CONCEPT = 'components/concepts/incidents';
const REST = 'apis-tools/orchestration-cluster-api-rest/specifications/resolve-incident';

describe.each(enginesUnderTest())('incidents on $name', (eut) => {
  const ctx = useEngine(eut);
  const deploy = (...xml: string[]) => ctx.engine.deploy(xml.map((content, i) => ({ name: `m${i}.bpmn`, content })));
  const done = (key: string) => completed(ctx.engine, key);
  const incidents = (key: string, n = 1) => activeIncidents(ctx.engine, key, n);
  const failing = (id: string) => b.model(id, [b.start('s'), b.service('t', `${id}-job`, '', 1), b.end('e')], b.chain('s', 't', 'e'));

  it(`I01 a job incident is not resolved while its job has no retries left [docs: ${REST}]`, async () => {
    await deploy(failing('i01'));
    recordingWorker(ctx.engine, 'i01-job', () => {
      throw new Error('down');
    });
    const { key } = await ctx.engine.startInstance('i01');
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'JOB_NO_RETRIES', elementId: 't', errorMessage: 'down' });
    expect(inc!.jobKey).toBeDefined();
    await expect(ctx.engine.resolveIncident(inc!.key)).rejects.toBeInstanceOf(EngineConflict);
    expect((await incidents(key))[0]!.key).toBe(inc!.key);
  });

  it(`I02 a job incident: set the variables, give the job retries, resolve — the job is activated again with the new variables [docs: ${CONCEPT}#resolving-a-job-related-incident]`, async () => {
    await deploy(failing('i02'));
    const jobs = recordingWorker(ctx.engine, 'i02-job', (j) => {
      if (j.variables.fixed !== true) throw new Error('bad data');
      return complete({ ok: true });
    });
    const { key } = await ctx.engine.startInstance('i02');
    const [inc] = await incidents(key);
    await ctx.engine.setVariables(key, { fixed: true });
    await ctx.engine.updateJobRetries(inc!.jobKey!, 2);
    await ctx.engine.resolveIncident(inc!.key);
    await done(key);
    expect(jobs.map((j) => j.variables.fixed)).toEqual([undefined, true]);
    expect(jobs[1]!.retries).toBe(2);
  });

  const orders = (id: string) =>
    b.model(
      id,
      [b.start('s'), b.xor('g'), b.task('insured'), b.task('plain'), b.end('e1'), b.end('e2')],
      [
        ['s', 'g'],
        ['g', 'insured', '=orderValue >= 100'],
        ['g', 'plain', '=orderValue < 100'],
        ['insured', 'e1'],
        ['plain', 'e2'],
      ],
    );

  // The Operate guide's example compares a string with a number; a missing variable is its
  // other case ("you can also add a variable if a variable is missing").
  // The Operate guide's example names a CONDITION_ERROR, from an older Zeebe; Zeebe 8's gateway
  // processors pass a condition's evaluation failure on as EXTRACT_VALUE_ERROR (ExpressionProcessor's
  // type check) and keep CONDITION_ERROR for "no flow to take" (G03).
  it('I03 a condition that cannot be evaluated is an incident on the gateway; after adding the variable, resolving takes the flow [docs: components/operate/userguide/resolve-incidents-update-variables#diagnosing-and-resolving-incidents]', async () => {
    await deploy(orders('i03'));
    const { key } = await ctx.engine.startInstance('i03');
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'g', jobKey: undefined });
    await ctx.engine.setVariables(key, { orderValue: 99 });
    await ctx.engine.resolveIncident(inc!.key);
    await done(key);
    expect(await visited(ctx.engine, key)).toEqual(['s', 'g', 'plain', 'e2']);
  });

  it(`I04 resolving without fixing the cause raises a new incident of the same kind on the same element [docs: ${CONCEPT}#resolving]`, async () => {
    await deploy(orders('i04'));
    const { key } = await ctx.engine.startInstance('i04');
    const [first] = await incidents(key);
    await ctx.engine.resolveIncident(first!.key);
    const [second] = await incidents(key);
    expect(second).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'g' });
    expect(second!.key).not.toBe(first!.key);
    const resolved = await ctx.engine.listIncidents({ processInstanceKey: key, state: 'RESOLVED' });
    expect(resolved.map((i) => i.key)).toEqual([first!.key]);
  });

  it(`I05 a timer expression without the expected value is an incident; after setting it, resolving opens the timer [docs: ${CONCEPT}]`, async () => {
    await deploy(b.model('i05', [b.start('s'), b.catchEvent('wait', b.timerDuration('=pause')), b.end('e')], b.chain('s', 'wait', 'e')));
    const { key } = await ctx.engine.startInstance('i05');
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'wait' });
    await ctx.engine.setVariables(key, { pause: 'PT1H' });
    await ctx.engine.resolveIncident(inc!.key);
    expect((await ctx.engine.getProcessInstance(key)).state).toBe('ACTIVE');
    await ctx.engine.advanceClock(3600_000 + 1);
    await done(key);
  });

  it(`I06 a call activity whose process is not deployed is a CALLED_ELEMENT_ERROR; deploying it and resolving starts the child [docs: ${CONCEPT}#resolving]`, async () => {
    await deploy(b.model('i06', [b.start('s'), b.call('ca', 'i06-child'), b.end('e')], b.chain('s', 'ca', 'e')));
    const { key } = await ctx.engine.startInstance('i06');
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'ca' });
    await deploy(b.model('i06-child', [b.start('cs'), b.script('mark', '="child ran"', 'note'), b.end('ce')], b.chain('cs', 'mark', 'ce')));
    await ctx.engine.resolveIncident(inc!.key);
    await done(key);
    expect((await ctx.engine.getVariables(key)).note).toBe('child ran');
  });

  it(`I07 a user task whose form is missing is a FORM_NOT_FOUND; deploying the form and resolving creates the task [docs: ${CONCEPT}#resolving]`, async () => {
    await deploy(b.model('i07', [b.start('s'), b.user('ut', '<zeebe:formDefinition formId="i07-form"/>'), b.end('e')], b.chain('s', 'ut', 'e')));
    const { key } = await ctx.engine.startInstance('i07');
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'FORM_NOT_FOUND', elementId: 'ut' });
    const form = JSON.stringify({ id: 'i07-form', type: 'default', components: [{ type: 'textfield', key: 'x', label: 'X' }] });
    await ctx.engine.deploy([{ name: 'i07.form', content: form }]);
    await ctx.engine.resolveIncident(inc!.key);
    const [task] = await eventually(async () => {
      const t = await openTasks(ctx.engine, key);
      expect(t).toHaveLength(1);
      return t;
    });
    expect(task).toMatchObject({ elementId: 'ut', formId: 'i07-form' });
  });

  it(`I08 an incident in a called process belongs to the child instance; resolving it lets child and parent complete [docs: ${CONCEPT}#resolving-a-job-related-incident]`, async () => {
    await deploy(failing('i08-child'), b.model('i08', [b.start('s'), b.call('ca', 'i08-child'), b.end('e')], b.chain('s', 'ca', 'e')));
    let broken = true;
    recordingWorker(ctx.engine, 'i08-child-job', () => {
      if (broken) throw new Error('child down');
      return complete();
    });
    const { key } = await ctx.engine.startInstance('i08');
    const child = await eventually(async () => {
      const l = await ctx.engine.listProcessInstances({ parentProcessInstanceKey: key });
      expect(l).toHaveLength(1);
      return l[0]!;
    });
    const [inc] = await incidents(child.key);
    expect(inc).toMatchObject({ processInstanceKey: child.key, elementId: 't', errorType: 'JOB_NO_RETRIES' });
    expect(await ctx.engine.listIncidents({ processInstanceKey: key, state: 'ACTIVE' })).toEqual([]);
    broken = false;
    await ctx.engine.updateJobRetries(inc!.jobKey!, 1);
    await ctx.engine.resolveIncident(inc!.key);
    await done(key);
    expect((await ctx.engine.getProcessInstance(child.key)).state).toBe('COMPLETED');
  });

  it(`I09 cancelling an instance with an open incident terminates it and resolves the incident [docs: ${CONCEPT}]`, async () => {
    await deploy(orders('i09'));
    const { key } = await ctx.engine.startInstance('i09');
    const [inc] = await incidents(key);
    const seen: EngineEvent[] = [];
    const off = ctx.engine.onEvent((ev) => {
      seen.push(ev);
    });
    try {
      await ctx.engine.cancelInstance(key);
    } finally {
      off();
    }
    expect((await ctx.engine.getProcessInstance(key)).state).toBe('TERMINATED');
    expect(await ctx.engine.listIncidents({ processInstanceKey: key, state: 'ACTIVE' })).toEqual([]);
    expect(seen.some((e) => e.type === 'incidentResolved' && e.incident.key === inc!.key)).toBe(true);
  });

  it(`I10 resolving an incident a second time is refused as not found [docs: ${REST}]`, async () => {
    await deploy(orders('i10'));
    const { key } = await ctx.engine.startInstance('i10');
    const [inc] = await incidents(key);
    await ctx.engine.setVariables(key, { orderValue: 150 });
    await ctx.engine.resolveIncident(inc!.key);
    await done(key);
    await expect(ctx.engine.resolveIncident(inc!.key)).rejects.toBeInstanceOf(EngineNotFound);
  });

  it(`I11 a message correlation key that is not a string or number is an incident; set it and resolve to subscribe [docs: ${CONCEPT}#resolving-a-process-instance-related-incident]`, async () => {
    await deploy(
      b.model('i11', [b.start('s'), b.catchEvent('wait', b.messageDef('m')), b.end('e')], b.chain('s', 'wait', 'e'), b.message('m', 'i11-msg', '=ref')),
    );
    const { key } = await ctx.engine.startInstance('i11', { ref: { nested: true } });
    const [inc] = await incidents(key);
    expect(inc).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'wait' });
    await ctx.engine.setVariables(key, { ref: 'i11-ref' });
    await ctx.engine.resolveIncident(inc!.key);
    await ctx.engine.publishMessage({ name: 'i11-msg', correlationKey: 'i11-ref' });
    await done(key);
  });
});
