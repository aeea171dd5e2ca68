/**
 * Process versions through the HTTP API (issue 14 point 2): who may draft, review, adopt and
 * publish; a lint failure blocks review and publishing; adopted versions are immutable (the
 * database refuses); and the whole path — the owner (socialchef) drafts a change of lex Sarah
 * that adds a user task, sends it to a reviewer, the reviewer comments and approves in the
 * inbox, the adopting level adopts it in the inbox and it is published; a new report runs the
 * new version while a case started before continues on the old; the diff shows the added task.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { bundledResources } from '../../src/bootstrap.js';
import { bundledToDeploy, ensureBundledVersions } from '../../src/domain/governance/index.js';
import { BPMN_DIR } from '../../src/paths.js';
import { apiSetups, until, useApi } from '../support/api.js';
import { LEX_SARAH_FORMS as FORMS, LEX_SARAH_REPORT as REPORT } from '../support/lexSarah.js';

const BUNDLED = readFileSync(path.join(BPMN_DIR, 'lex-sarah.bpmn'), 'utf8');
/** Lex Sarah with a user task between the immediate measures and the investigation. */
const CHANGED = BUNDLED.replace(
  '<bpmn:sequenceFlow id="Flow_MeasuresTaken" sourceRef="Task_ImmediateMeasures" targetRef="Task_Investigate"',
  '<bpmn:sequenceFlow id="Flow_MeasuresTaken" sourceRef="Task_ImmediateMeasures" targetRef="Task_InformManager"',
)
  .replace(
    '<bpmn:incoming>Flow_MeasuresTaken</bpmn:incoming>\n      <bpmn:outgoing>Flow_Investigated</bpmn:outgoing>',
    '<bpmn:incoming>Flow_Informed</bpmn:incoming>\n      <bpmn:outgoing>Flow_Investigated</bpmn:outgoing>',
  )
  .replace(
    '<bpmn:userTask id="Task_Investigate"',
    `<bpmn:userTask id="Task_InformManager" name="Informera verksamhetschefen">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="enhetschef" />
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_MeasuresTaken</bpmn:incoming>
      <bpmn:outgoing>Flow_Informed</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="Flow_Informed" sourceRef="Task_InformManager" targetRef="Task_Investigate" />
    <bpmn:userTask id="Task_Investigate"`,
  );
/** A job-based user task (no zeebe:userTask): lint refuses it. */
const BROKEN = CHANGED.replace(
  '<zeebe:userTask />\n        <zeebe:assignmentDefinition candidateGroups="enhetschef" />\n      </bpmn:extensionElements>\n      <bpmn:incoming>Flow_MeasuresTaken',
  '<zeebe:assignmentDefinition candidateGroups="enhetschef" />\n      </bpmn:extensionElements>\n      <bpmn:incoming>Flow_MeasuresTaken',
);

describe.each(apiSetups())('process versions through the HTTP API on $name', (setup) => {
  const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));
  const ctx = useApi(setup, clock);
  const { as, completeAs, taskFor } = ctx;
  const V = '/api/v1/processes/lex-sarah/versions';

  it('starts with the bundled model as version 1, published and adopted by införande', async () => {
    expect(CHANGED).toContain('targetRef="Task_InformManager"');
    expect(BROKEN).not.toBe(CHANGED);
    const list = (await (await as('medarbetare')).get(V).expect(200)).body;
    expect(list).toEqual([
      expect.objectContaining({
        number: 1,
        state: 'published',
        author: 'införande',
        adoption: expect.objectContaining({ adoptedBy: 'införande', decisionDate: '2027-03-25' }),
      }),
    ]);
    const map = (await (await as('medarbetare')).get('/api/v1/process-definitions').expect(200)).body as { processId: string; adoptedAt: string }[];
    expect(map.find((d) => d.processId === 'lex-sarah')?.adoptedAt).toBe('2027-03-25');
    // every bundled model has its version 1 (faststallelse too)
    expect(Number((await ctx.t.db('process_version').count<{ n: number }[]>('* as n').first())!.n)).toBe(map.length);
  });

  it("lets only the owner draft; a draft is the owner's to read; lint blocks the review", async () => {
    for (const u of ['medarbetare', 'kvalitetsledare', 'verksamhetschef']) await (await as(u)).post(V).send({}).expect(403);
    const owner = await as('socialchef');
    const draft = (await owner.post(V).send({ changeNote: 'Verksamhetschefen informeras' }).expect(201)).body;
    expect(draft).toMatchObject({ number: 2, state: 'draft', basedOn: 1, author: 'socialchef', may: { edit: true, submit: true, publish: false } });
    await owner.post(V).send({}).expect(409);
    for (const u of ['medarbetare', 'kvalitetsledare']) await (await as(u)).get(`${V}/2`).expect(403);
    expect((await (await as('medarbetare')).get(V).expect(200)).body.map((v: { number: number }) => v.number)).toEqual([1]);
    await (await as('kvalitetsledare')).put(`${V}/2`).send({ xml: CHANGED, changeNote: 'x' }).expect(403);
    await owner.put(`${V}/2`).send({ xml: '<!DOCTYPE x [<!ENTITY a "b">]><x/>', changeNote: 'x' }).expect(400);
    const broken = (await owner.put(`${V}/2`).send({ xml: BROKEN, changeNote: 'Verksamhetschefen informeras' }).expect(200)).body;
    expect(broken.lint.some((p: { elementId: string | null; category: string }) => p.elementId === 'Task_InformManager' && p.category === 'error')).toBe(true);
    const refused = (
      await owner
        .post(`${V}/2/review`)
        .send({ reviewers: ['kvalitetsledare'] })
        .expect(400)
    ).body;
    expect(refused.errors.some((e: { field: string }) => e.field === 'xml.Task_InformManager')).toBe(true);
    const fixed = (await owner.put(`${V}/2`).send({ xml: CHANGED, changeNote: 'Verksamhetschefen informeras' }).expect(200)).body;
    expect(fixed.lint.filter((p: { category: string }) => p.category === 'error')).toEqual([]);
    await owner
      .post(`${V}/2/review`)
      .send({ reviewers: ['ingen-sadan'] })
      .expect(400);
    await owner
      .post(`${V}/2/review`)
      .send({ reviewers: ['socialchef'] })
      .expect(400);
    await (await as('medarbetare')).post('/api/v1/processes/lex-sarah/lint').send({ xml: CHANGED }).expect(403);
    expect((await owner.post('/api/v1/processes/lex-sarah/lint').send({ xml: BROKEN }).expect(200)).body.length).toBeGreaterThan(0);
  });

  it('reviews, adopts in the inbox and publishes; new cases run the new version, older ones keep theirs', async () => {
    const owner = await as('socialchef');
    const old = (await (await as('medarbetare')).post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: REPORT }).expect(201)).body;
    const sent = await owner.post(`${V}/2/review`).send({ reviewers: ['kvalitetsledare'] });
    expect([200, 202]).toContain(sent.status);
    // the adoption process is started through the outbox
    const instanceKey = await until(
      async () =>
        (await ctx.t.db('process_version').where({ process_id: 'lex-sarah', number: 2 }).first('review_instance_key'))?.review_instance_key ?? undefined,
    );
    const review = (await owner.get(`${V}/2`).expect(200)).body;
    expect(review.state).toBe('review');
    expect(review.reviewers).toEqual([{ username: 'kvalitetsledare', verdict: null, decidedAt: null }]);
    await owner.put(`${V}/2`).send({ xml: CHANGED, changeNote: 'x' }).expect(409);
    // the reviewer reads and comments; the author answers; others may not
    const reviewer = await as('kvalitetsledare');
    expect((await reviewer.get(`${V}/2`).expect(200)).body.may).toMatchObject({ comment: true, edit: false });
    await (await as('medarbetare')).get(`${V}/2`).expect(403);
    await (await as('medarbetare')).post(`${V}/2/comments`).send({ text: 'Bra' }).expect(403);
    const asked = (await reviewer.post(`${V}/2/comments`).send({ text: 'Vem informerar om chefen är frånvarande?' }).expect(201)).body;
    const answered = (await owner.post(`${V}/2/comments`).send({ text: 'Ersättaren; står i rutinen.', replyTo: asked.comments[0].id }).expect(201)).body;
    expect(answered.comments.map((c: { author: string; replyTo: number | null }) => [c.author, c.replyTo])).toEqual([
      ['kvalitetsledare', null],
      ['socialchef', asked.comments[0].id],
    ]);
    // the review task is the reviewer's, in the inbox
    await completeAs('kvalitetsledare', instanceKey, 'Task_Review', { verdict: 'approved', reviewComment: 'Godkänd.' });
    // the adoption task: socialchef at the förvaltning (stödprocess); nämndsekreteraren does not see it
    const adopt = await taskFor('socialchef', instanceKey, 'Task_Adopt');
    const others = (await (await as('namndsekreterare')).get('/api/v1/tasks').query({ pageSize: 200 }).expect(200)).body.items as { key: string }[];
    expect(others.map((t) => t.key)).not.toContain(adopt.key);
    expect((await owner.get(`${V}/2`).expect(200)).body).toMatchObject({
      reviewers: [{ username: 'kvalitetsledare', verdict: 'approved' }],
      may: { adopt: true },
    });
    await completeAs('socialchef', instanceKey, 'Task_Adopt', { adoptionDecision: 'adopt', decisionDate: '2027-03-26', decisionReference: 'SC 2027/12' });
    const published = await until(async () => {
      const v = (await (await as('medarbetare')).get(`${V}/2`)).body;
      return v.state === 'published' ? v : undefined;
    });
    expect(published.adoption).toMatchObject({
      adoptedBy: 'socialchef',
      role: 'socialchef',
      decisionLevel: 'administration',
      decidedBy: 'Förvaltningschefen',
      decisionDate: '2027-03-26',
      decisionReference: 'SC 2027/12',
    });
    expect((await (await as('medarbetare')).get(`${V}/1`).expect(200)).body.state).toBe('superseded');
    const map = (await (await as('medarbetare')).get('/api/v1/process-definitions').expect(200)).body as {
      processId: string;
      adoptedAt: string;
      version: number;
    }[];
    expect(map.find((d) => d.processId === 'lex-sarah')).toMatchObject({ adoptedAt: '2027-03-26', version: published.publication.engineVersion });
    // a new report runs the new version (the added task); the older case continues on its own
    const fresh = (await (await as('medarbetare')).post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: REPORT }).expect(201)).body;
    expect(fresh.version).toBe(published.publication.engineVersion);
    expect(fresh.version).toBeGreaterThan(old.version);
    await completeAs('enhetschef', fresh.key, 'Task_ImmediateMeasures', FORMS.Task_ImmediateMeasures!);
    await taskFor('enhetschef', fresh.key, 'Task_InformManager');
    await completeAs('enhetschef', old.key, 'Task_ImmediateMeasures', FORMS.Task_ImmediateMeasures!);
    await taskFor('utredare', old.key, 'Task_Investigate');
    // the diff of the two versions shows the added task and its changed neighbour
    const diff = (await (await as('medarbetare')).get(`${V}/2/diff/1`).expect(200)).body;
    expect(diff.added).toEqual([{ elementId: 'Task_InformManager', type: 'userTask', name: 'Informera verksamhetschefen' }]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed.map((c: { elementId: string }) => c.elementId)).toEqual(expect.arrayContaining(['Task_ImmediateMeasures']));
  });

  it('sends a version back to its author when a reviewer asks for changes, or when the adopting level does not adopt it', async () => {
    const M = '/api/v1/processes/lex-maria/versions';
    const owner = await as('mas');
    await owner.post(M).send({ changeNote: 'Förtydligad' }).expect(201);
    const submit = async (reviewers: string[]) => {
      await owner
        .post(`${M}/2/review`)
        .send({ reviewers })
        .expect((r) => expect([200, 202]).toContain(r.status));
      return until(
        async () =>
          ((await ctx.t.db('process_version').where({ process_id: 'lex-maria', number: 2, state: 'review' }).first('review_instance_key'))
            ?.review_instance_key as string | null) ?? undefined,
      );
    };
    const draftAgain = () =>
      until(async () => {
        const v = (await owner.get(`${M}/2`).expect(200)).body;
        return v.state === 'draft' ? v : undefined;
      });
    const first = await submit(['kvalitetsledare', 'utredare']);
    await completeAs('kvalitetsledare', first, 'Task_Review', { verdict: 'approved' });
    await completeAs('utredare', first, 'Task_Review', { verdict: 'changes', reviewComment: 'Saknar MAR.' });
    const back = await draftAgain();
    expect(back.reviewers.map((r: { username: string; verdict: string }) => [r.username, r.verdict])).toEqual([
      ['kvalitetsledare', 'approved'],
      ['utredare', 'changes'],
    ]);
    expect(back.comments.map((c: { author: string; text: string }) => [c.author, c.text])).toEqual([
      ['utredare', 'Saknar MAR.'],
      ['system', 'Granskarna begärde ändringar.'],
    ]);
    const second = await submit(['kvalitetsledare']);
    await completeAs('kvalitetsledare', second, 'Task_Review', { verdict: 'approved' });
    await completeAs('socialchef', second, 'Task_Adopt', { adoptionDecision: 'return', decisionDate: '2027-03-26', decisionReference: 'SC 2027/13' });
    expect((await draftAgain()).adoption).toBeNull();
    expect((await owner.get(M).expect(200)).body.map((v: { number: number; state: string }) => [v.number, v.state])).toEqual([
      [2, 'draft'],
      [1, 'published'],
    ]);
  });

  it('keeps an adopted version as adopted: no saving, no comments, and the database refuses a change of its model', async () => {
    const owner = await as('socialchef');
    await owner.put(`${V}/2`).send({ xml: CHANGED, changeNote: 'y' }).expect(409);
    await owner.post(`${V}/2/comments`).send({ text: 'Sent' }).expect(409);
    await owner.post(`${V}/2/publication`).send({}).expect(409);
    await expect(ctx.t.db('process_version').where({ process_id: 'lex-sarah', number: 2 }).update({ xml: BROKEN })).rejects.toThrow(
      /adopted and cannot be changed/,
    );
    await expect(ctx.t.db('process_version').where({ process_id: 'lex-sarah', number: 1 }).update({ state: 'draft' })).rejects.toThrow(
      /adopted and cannot be changed/,
    );
  });

  it('does not deploy the bundled model over the adopted one at a restart, and records nothing twice', async () => {
    const before = await ctx.t.db('process_version').orderBy('id').select('id', 'state');
    const toDeploy = await bundledToDeploy(ctx.t.db, bundledResources());
    expect(toDeploy.map((r) => r.name)).not.toContain('lex-sarah.bpmn');
    expect(toDeploy.map((r) => r.name)).toContain('lex-maria.bpmn');
    await ensureBundledVersions(ctx.t.db, clock, await ctx.services.engine.deploy(toDeploy), toDeploy);
    expect(await ctx.t.db('process_version').orderBy('id').select('id', 'state')).toEqual(before);
    const latest = (await ctx.services.engine.listProcessDefinitions()).find((d) => d.processId === 'lex-sarah');
    expect((await ctx.t.db('process_version').where({ process_id: 'lex-sarah', state: 'published' }).first('definition_key'))!.definition_key).toBe(
      latest?.key,
    );
  });

  it('withdraws the review and adoption tasks of a version taken out of review, or overtaken by a newer published one', async () => {
    const A = '/api/v1/processes/avvikelse/versions';
    const owner = await as('verksamhetschef');
    const draft = (await owner.post(A).send({ changeNote: 'Tydligare steg' }).expect(201)).body as { number: number };
    const keyOf = () =>
      until(
        async () =>
          (await ctx.t.db('process_version').where({ process_id: 'avvikelse', number: draft.number }).first('review_instance_key'))?.review_instance_key ??
          undefined,
      );
    const ended = (key: string) => until(async () => ((await ctx.services.engine.getProcessInstance(key)).state === 'ACTIVE' ? undefined : true));
    const inbox = async (username: string) =>
      ((await (await as(username)).get('/api/v1/tasks').query({ pageSize: 200 }).expect(200)).body.items as { processInstanceKey: string }[]).map(
        (t) => t.processInstanceKey,
      );
    // in review: the reviewer has the task; the owner withdraws it (nobody else may)
    expect([200, 202]).toContain((await owner.post(`${A}/${draft.number}/review`).send({ reviewers: ['kvalitetsledare'] })).status);
    const first = await keyOf();
    await taskFor('kvalitetsledare', first, 'Task_Review');
    await (await as('kvalitetsledare')).post(`${A}/${draft.number}/withdrawal`).expect(403);
    const withdrawn = (await owner.post(`${A}/${draft.number}/withdrawal`).expect(200)).body;
    expect(withdrawn.state).toBe('draft');
    await ended(first);
    expect(await inbox('kvalitetsledare')).not.toContain(first);
    await owner.post(`${A}/${draft.number}/withdrawal`).expect(409);
    // in review again; a product update then publishes a newer bundled model: the review is stale
    expect([200, 202]).toContain((await owner.post(`${A}/${draft.number}/review`).send({ reviewers: ['kvalitetsledare'] })).status);
    const second = await keyOf();
    await taskFor('kvalitetsledare', second, 'Task_Review');
    const updated = readFileSync(path.join(BPMN_DIR, 'avvikelse.bpmn'), 'utf8').replace('name="Avvikelsehantering"', 'name="Avvikelsehantering (uppdaterad)"');
    const resources = [{ name: 'avvikelse.bpmn', content: updated }];
    await ensureBundledVersions(ctx.t.db, clock, await ctx.services.engine.deploy(resources), resources);
    await ended(second);
    expect(await inbox('kvalitetsledare')).not.toContain(second);
    const back = (await owner.get(`${A}/${draft.number}`).expect(200)).body;
    expect(back.state).toBe('draft');
    expect(back.comments.at(-1)).toMatchObject({ author: 'system', text: expect.stringContaining('produktuppdatering') });
  });

  it('publishes an adopted version only when it passes lint, and only by the owner or admin', async () => {
    // an adopted version whose deployment did not go through, with a model lint now refuses
    const now = new Date();
    await ctx.t.db('process_version').insert({
      process_id: 'lex-sarah',
      number: 3,
      state: 'adopted',
      xml: BROKEN,
      based_on: 2,
      author: 'socialchef',
      change_note: '',
      created_at: now,
      updated_at: now,
      adopted_by: 'socialchef',
      adopted_role: 'socialchef',
      decision_level: 'administration',
      decided_by: 'Förvaltningschefen',
      decision_date: '2027-03-26',
      adopted_at: now,
    });
    await (await as('kvalitetsledare')).post(`${V}/3/publication`).send({}).expect(403);
    const refused = (await (await as('socialchef')).post(`${V}/3/publication`).send({}).expect(400)).body;
    expect(refused.errors.some((e: { field: string }) => e.field === 'xml.Task_InformManager')).toBe(true);
    expect((await (await as('medarbetare')).get(`${V}/2`).expect(200)).body.state).toBe('published');
  });

  it("lists the organisation's roles with their levels and holders (the modeler's candidate roles, the reviewers)", async () => {
    const roles = (await (await as('medarbetare')).get('/api/v1/org/roles').expect(200)).body as {
      role: string;
      levels: string[];
      holders: { username: string; nodeId: string }[];
    }[];
    expect(roles.find((r) => r.role === 'enhetschef')?.levels).toEqual(['unit']);
    expect(roles.find((r) => r.role === 'socialchef')).toMatchObject({
      levels: ['administration'],
      holders: [{ username: 'socialchef', nodeId: 'socialforvaltningen' }],
    });
    expect(roles.find((r) => r.role === 'kvalitetsledare')?.holders.map((h) => h.username)).toContain('kvalitetsledare');
    expect(roles.map((r) => r.role)).toEqual([...roles.map((r) => r.role)].sort());
  });
});
