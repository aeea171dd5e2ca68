/**
 * The process map through the HTTP API (issue 14 point 3): the tree (lednings-, huvud- and
 * stödprocesser → process → sub-process → activity → routine, with owners per level), who may
 * describe a new process and who may place it or name its owner, a descriptive process's rules
 * (relaxed lint for its review and adoption; never published until it is made executable and
 * passes the deployment's lint), and importing BPMN files from other tools (foreign extensions
 * stripped, junk refused with a 422 and nothing changed). Fixtures: test/api/fixtures/import-*.bpmn.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { apiSetups, until, useApi } from '../support/api.js';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
/** A drawing tool's process map: its own namespace, lanes, plain tasks, isExecutable="false". */
const MAP_2C8 = fixture('import-2c8.bpmn');
/** A Camunda 7 Modeler file without a diagram: camunda: extensions, a service task with a Java class. */
const CAMUNDA7 = fixture('import-camunda7.bpmn');

interface MapActivity {
  elementId: string;
  name: string | null;
  type: string;
  role: string;
  calls: string | null;
  scopeId: string | null;
  routines: { id: string; title: string }[];
}
interface MapProcess {
  processId: string;
  name: string;
  kind: string;
  parentId: string | null;
  ownerRole: string;
  executable: boolean;
  calledOnly: boolean;
  calledBy: string[];
  childIds: string[];
  version: { number: number; state: string } | null;
  activities: MapActivity[];
}
interface ProcessMap {
  levels: { kind: string; processIds: string[] }[];
  processes: MapProcess[];
}

describe.each(apiSetups())('the process map through the HTTP API on $name', (setup) => {
  const clock = new ControlledClock(new Date('2027-04-12T09:00:00+02:00'));
  const ctx = useApi(setup, clock);
  const { as, completeAs } = ctx;
  const map = async (user = 'medarbetare') => (await (await as(user)).get('/api/v1/process-map').expect(200)).body as ProcessMap;
  const node = (m: ProcessMap, id: string) => m.processes.find((p) => p.processId === id)!;
  const count = async (table: 'process_record' | 'process_version') => Number((await ctx.t.db(table).count<{ n: number }[]>('* as n').first())!.n);

  it('draws the tree: three kinds, the huvudprocess as its steps in order, called processes inside their callers, activities with owners and routines', async () => {
    const m = await map();
    expect(m.levels.map((l) => l.kind)).toEqual(['ledning', 'huvud', 'stod']);
    const level = (kind: string) => m.levels.find((l) => l.kind === kind)!.processIds;
    expect(level('huvud')).toEqual(['huvudprocess']);
    expect(level('ledning')).toEqual(expect.arrayContaining(['riskanalys', 'internkontroll', 'arshjul']));
    expect(level('stod')).toEqual(expect.arrayContaining(['lex-sarah', 'lex-maria', 'avvikelse', 'synpunkt']));
    // the huvudprocess: myndighetsutövning → genomföra insatser → följa upp → avsluta, each a sub-process under it
    const huvud = node(m, 'huvudprocess');
    expect(huvud.childIds).toEqual(['myndighetsutovning', 'genomfora-insatser', 'folja-upp', 'avsluta-arende']);
    expect(huvud.activities.filter((a) => a.calls).map((a) => a.calls)).toEqual(['myndighetsutovning', 'genomfora-insatser', 'folja-upp', 'avsluta-arende']);
    for (const id of huvud.childIds) expect(node(m, id)).toMatchObject({ parentId: 'huvudprocess', kind: 'huvud' });
    expect(node(m, 'myndighetsutovning').ownerRole).toBe('myndighetschef');
    expect(node(m, 'genomfora-insatser').ownerRole).toBe('verksamhetschef');
    // an årshjul's task is the årshjul's sub-process; the action process, called from many, is drawn inside each caller
    expect(node(m, 'arshjul').childIds).toEqual(['arshjul-uppgift']);
    expect(node(m, 'atgard')).toMatchObject({ calledOnly: true, parentId: null });
    expect(node(m, 'atgard').calledBy).toEqual(expect.arrayContaining(['lex-sarah', 'avvikelse', 'synpunkt']));
    expect(node(m, 'lex-sarah').calledOnly).toBe(false);
    // lex Sarah's activities, in flow order, with who does each and their routines in force
    const sarah = node(m, 'lex-sarah');
    expect(sarah).toMatchObject({ ownerRole: 'socialchef', executable: true, version: { number: 1, state: 'published' } });
    const ids = sarah.activities.map((a) => a.elementId);
    expect(ids.indexOf('Task_ImmediateMeasures')).toBeLessThan(ids.indexOf('Task_Investigate'));
    expect(ids.indexOf('Task_Investigate')).toBeLessThan(ids.indexOf('Task_ReportToIvo'));
    const ivo = sarah.activities.find((a) => a.elementId === 'Task_ReportToIvo')!;
    expect(ivo.name).toBe('Anmäl till IVO');
    expect(ivo.routines.map((r) => r.title)).toContain('Anmälan till IVO och information till nämnden (lex Sarah)');
    expect(sarah.activities.find((a) => a.elementId === 'Task_ImmediateMeasures')!.role).toBe('enhetschef');
    expect(sarah.activities.find((a) => a.elementId === 'Task_ActionPlan')?.calls ?? sarah.activities.find((a) => a.calls)?.calls).toBe('atgard');
    // one record per bundled model
    expect(await count('process_record')).toBe(m.processes.length);
    await (await as('medarbetare')).get('/api/v1/process-records/lex-sarah').expect(200);
    await (await as('medarbetare')).get('/api/v1/process-records/ingen-sadan').expect(404);
  });

  it('lets process owners and the quality lead describe a new process; others may not; bad input changes nothing', async () => {
    const before = [await count('process_record'), await count('process_version')];
    const body = { name: 'Kvalitetsråd på enheten', kind: 'stod', ownerRole: 'enhetschef', parentId: null };
    for (const u of ['medarbetare', 'utredare', 'handlaggare', 'namndsekreterare']) await (await as(u)).post('/api/v1/process-records').send(body).expect(403);
    const chef = await as('enhetschef');
    await chef
      .post('/api/v1/process-records')
      .send({ ...body, ownerRole: 'ingen-sadan-roll' })
      .expect(400);
    await chef
      .post('/api/v1/process-records')
      .send({ ...body, parentId: 'ingen-sadan' })
      .expect(400);
    await chef
      .post('/api/v1/process-records')
      .send({ ...body, kind: 'annan' })
      .expect(400);
    await chef
      .post('/api/v1/process-records')
      .send({ ...body, processId: 'lex-sarah' })
      .expect(409);
    expect([await count('process_record'), await count('process_version')]).toEqual(before);
    const created = (await chef.post('/api/v1/process-records').send(body).expect(201)).body;
    expect(created).toMatchObject({
      record: { processId: 'kvalitetsrad-pa-enheten', kind: 'stod', ownerRole: 'enhetschef', executable: false, origin: 'created', createdBy: 'enhetschef' },
      version: 1,
      import: null,
    });
    await chef.post('/api/v1/process-records').send(body).expect(409);
    // the first draft is the owner's: a start and an end, lint-clean
    const draft = (await chef.get('/api/v1/processes/kvalitetsrad-pa-enheten/versions/1').expect(200)).body;
    expect(draft).toMatchObject({ state: 'draft', author: 'enhetschef', may: { edit: true, publish: false } });
    expect(draft.lint.filter((p: { category: string }) => p.category === 'error')).toEqual([]);
    // on the map at the top of the stödprocesser; its draft is not shown to others
    const m = await map();
    expect(m.levels.find((l) => l.kind === 'stod')!.processIds).toContain('kvalitetsrad-pa-enheten');
    expect(node(m, 'kvalitetsrad-pa-enheten')).toMatchObject({ executable: false, version: null, activities: [] });
    expect(node(await map('enhetschef'), 'kvalitetsrad-pa-enheten').version).toEqual({ number: 1, state: 'draft' });
    const ql = (
      await (
        await as('kvalitetsledare')
      )
        .post('/api/v1/process-records')
        .send({ name: 'Loggkontroll', kind: 'ledning', ownerRole: 'kvalitetsledare' })
        .expect(201)
    ).body;
    expect(ql.record).toMatchObject({ processId: 'loggkontroll', kind: 'ledning' });
  });

  it('places a process in the hierarchy and names its owner: the owner or the quality lead; no cycles', async () => {
    const P = '/api/v1/process-records/kvalitetsrad-pa-enheten';
    for (const u of ['medarbetare', 'verksamhetschef', 'mas']) await (await as(u)).put(P).send({ parentId: 'avvikelse' }).expect(403);
    const chef = await as('enhetschef');
    expect((await chef.put(P).send({ parentId: 'avvikelse', position: 1, leaderRole: 'kvalitetsledare' }).expect(200)).body).toMatchObject({
      parentId: 'avvikelse',
      position: 1,
      leaderRole: 'kvalitetsledare',
    });
    let m = await map();
    expect(node(m, 'avvikelse').childIds).toContain('kvalitetsrad-pa-enheten');
    expect(m.levels.find((l) => l.kind === 'stod')!.processIds).not.toContain('kvalitetsrad-pa-enheten');
    // avvikelse under its own child: a cycle (the quality lead may place any process)
    const ql = await as('kvalitetsledare');
    await ql.put('/api/v1/process-records/avvikelse').send({ parentId: 'kvalitetsrad-pa-enheten' }).expect(400);
    await ql.put(P).send({ parentId: 'kvalitetsrad-pa-enheten' }).expect(400);
    await ql.put(P).send({ ownerRole: 'ingen-sadan-roll' }).expect(400);
    await ql.put('/api/v1/process-records/ingen-sadan').send({ name: 'X' }).expect(404);
    expect((await ctx.t.db('process_record').where({ process_id: 'avvikelse' }).first('parent_id'))!.parent_id).toBeNull();
    // a new owner: the verksamhetschef now owns it (drafts it), the enhetschef no longer does
    expect((await ql.put(P).send({ ownerRole: 'verksamhetschef', parentId: null }).expect(200)).body).toMatchObject({
      ownerRole: 'verksamhetschef',
      parentId: null,
    });
    await chef.put(P).send({ name: 'Kvalitetsrådet' }).expect(403);
    await chef.get('/api/v1/processes/kvalitetsrad-pa-enheten/versions/1').expect(403);
    await (await as('verksamhetschef')).get('/api/v1/processes/kvalitetsrad-pa-enheten/versions/1').expect(200);
    m = await map('verksamhetschef');
    expect(node(m, 'kvalitetsrad-pa-enheten')).toMatchObject({ ownerRole: 'verksamhetschef', parentId: null, version: { state: 'draft' } });
  });

  it('imports a drawing tool’s map as a new descriptive process: foreign extensions stripped, lanes as the owners of the activities', async () => {
    const refused = (
      await (await as('medarbetare')).post('/api/v1/process-records').send({ name: 'X', kind: 'stod', ownerRole: 'enhetschef', xml: MAP_2C8 }).expect(403)
    ).body;
    expect(refused.type).toBe('/api/v1/problems/forbidden');
    const chef = await as('enhetschef');
    const created = (
      await chef
        .post('/api/v1/process-records')
        .send({ processId: 'kvalitetsrad-hemtjanst', name: 'Kvalitetsråd i hemtjänsten', kind: 'stod', ownerRole: 'enhetschef', xml: MAP_2C8 })
        .expect(201)
    ).body;
    expect(created.record).toMatchObject({ processId: 'kvalitetsrad-hemtjanst', origin: 'imported', executable: false });
    expect(created.import).toEqual({
      name: 'Kvalitetsråd i hemtjänsten',
      strippedAttributes: 3,
      strippedExtensions: 2,
      foreignNamespaces: ['http://example.org/schema/2c8/process-map'],
      hasDiagram: true,
      activities: 3,
    });
    const v = (await chef.get('/api/v1/processes/kvalitetsrad-hemtjanst/versions/1').expect(200)).body;
    expect(v.xml).toContain('<bpmn:process id="kvalitetsrad-hemtjanst"');
    expect(v.xml).toContain('processRef="kvalitetsrad-hemtjanst"');
    expect(v.xml).toContain('<bpmn:documentation>Dagordning');
    expect(v.xml).toContain('<bpmndi:BPMNShape id="Activity_Plan_di"');
    expect(v.xml).not.toMatch(/tc:|2c8/);
    const p = node(await map('enhetschef'), 'kvalitetsrad-hemtjanst');
    expect(p.activities.map((a) => [a.elementId, a.role])).toEqual([
      ['Activity_Plan', 'enhetschef'],
      ['Activity_Meet', 'kvalitetsombud'],
      ['Activity_FollowUp', 'enhetschef'],
    ]);
  });

  it('imports a file as a new draft version of a process: its owner only; junk refused with a 422, nothing changed', async () => {
    const I = '/api/v1/processes/lex-sarah/imports';
    for (const u of ['medarbetare', 'kvalitetsledare', 'enhetschef']) await (await as(u)).post(I).send({ xml: CAMUNDA7 }).expect(403);
    const owner = await as('socialchef');
    const before = [await count('process_record'), await count('process_version')];
    const junk = [
      'inte xml alls',
      '<?xml version="1.0"?><html><body>Hej</body></html>',
      '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x"/>',
      CAMUNDA7.replace('</definitions>', '<process id="Andra"><startEvent id="S2"/></process></definitions>'),
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&a;</definitions>',
    ];
    for (const xml of junk) {
      const r = (await owner.post(I).send({ xml }).expect(422)).body;
      expect(r).toMatchObject({ type: '/api/v1/problems/bpmn-unreadable', status: 422 });
      expect(r.errors[0].field).toBe('xml');
      expect(JSON.stringify(r)).not.toContain('Hej');
    }
    await owner
      .post(I)
      .send({ xml: `${CAMUNDA7}${' '.repeat(1_000_001)}` })
      .expect((res) => expect([400, 413]).toContain(res.status));
    await owner.post('/api/v1/process-records').send({ name: 'Skräp', kind: 'stod', ownerRole: 'socialchef', xml: junk[1] }).expect(422);
    await (await as('kvalitetsledare')).post('/api/v1/processes/ingen-sadan/imports').send({ xml: CAMUNDA7 }).expect(404);
    expect([await count('process_record'), await count('process_version')]).toEqual(before);
    const imported = (await owner.post(I).send({ xml: CAMUNDA7, changeNote: 'Från Camunda Modeler' }).expect(201)).body;
    expect(imported.import).toMatchObject({
      strippedExtensions: 1,
      hasDiagram: false,
      foreignNamespaces: ['http://camunda.org/schema/1.0/bpmn', 'http://camunda.org/schema/modeler/1.0'],
    });
    expect(imported.version).toMatchObject({ number: 2, state: 'draft', basedOn: null, changeNote: 'Från Camunda Modeler' });
    expect(imported.version.xml).toContain('<process id="lex-sarah"');
    expect(imported.version.xml).not.toMatch(/camunda:|modeler:/);
    // an executable process: the deployment lint applies (a service task with no job type)
    expect(imported.version.lint.some((p: { elementId: string; category: string }) => p.elementId === 'Task_Extract' && p.category === 'error')).toBe(true);
    await owner.post(I).send({ xml: CAMUNDA7 }).expect(409);
  });

  it('a descriptive process is reviewed and adopted with the relaxed lint, and is not published until it is executable and passes the deployment lint', async () => {
    const owner = await as('enhetschef');
    await owner
      .post('/api/v1/process-records')
      .send({ processId: 'loggkontroll-enhet', name: 'Loggkontroll på enheten', kind: 'stod', ownerRole: 'enhetschef', xml: CAMUNDA7 })
      .expect(201);
    const V = '/api/v1/processes/loggkontroll-enhet/versions';
    const draft = (await owner.get(`${V}/1`).expect(200)).body;
    // relaxed: no Zeebe task definitions asked for
    expect(draft.lint.filter((p: { category: string }) => p.category === 'error')).toEqual([]);
    // its owner, an enhetschef, lints it in the modeler by the same relaxed rules; who does not own it may not
    expect((await owner.post('/api/v1/processes/loggkontroll-enhet/lint').send({ xml: draft.xml }).expect(200)).body).toEqual(draft.lint);
    await (await as('kvalitetsledare')).post('/api/v1/processes/loggkontroll-enhet/lint').send({ xml: draft.xml }).expect(403);
    // and, owning a process now, makes the forms it links (in the forms test an enhetschef owning none may not)
    await owner
      .post('/api/v1/forms')
      .send({ formId: 'loggkontroll-anteckning', title: 'Loggkontroll', schema: { id: 'loggkontroll-anteckning', type: 'default', components: [] } })
      .expect(201);
    // the deployment's rules would refuse it: lex Sarah's owner lints the same model as an executable process
    expect(
      (await (await as('socialchef')).post('/api/v1/processes/lex-sarah/lint').send({ xml: draft.xml }).expect(200)).body.some(
        (p: { category: string }) => p.category === 'error',
      ),
    ).toBe(true);
    const sent = await owner.post(`${V}/1/review`).send({ reviewers: ['kvalitetsledare'] });
    expect([200, 202]).toContain(sent.status);
    const instanceKey = await until(
      async () =>
        (await ctx.t.db('process_version').where({ process_id: 'loggkontroll-enhet', number: 1 }).first('review_instance_key'))?.review_instance_key ??
        undefined,
    );
    await completeAs('kvalitetsledare', instanceKey, 'Task_Review', { verdict: 'approved', reviewComment: 'Bra beskrivning.' });
    await completeAs('socialchef', instanceKey, 'Task_Adopt', { adoptionDecision: 'adopt', decisionDate: '2027-04-12', decisionReference: 'SC 2027/40' });
    const adopted = await until(async () => {
      const v = (await owner.get(`${V}/1`).expect(200)).body;
      return v.state === 'adopted' ? v : undefined;
    });
    expect(adopted).toMatchObject({ adoption: { adoptedBy: 'socialchef', decisionReference: 'SC 2027/40' }, publication: null, may: { publish: false } });
    // never deployed: not among the engine's definitions
    expect(((await owner.get('/api/v1/process-definitions').expect(200)).body as { processId: string }[]).map((d) => d.processId)).not.toContain(
      'loggkontroll-enhet',
    );
    const refused = (await owner.post(`${V}/1/publication`).expect(409)).body;
    expect(refused.detail).toMatch(/beskrivande/);
    // the adopted map is what everyone sees
    expect(node(await map(), 'loggkontroll-enhet')).toMatchObject({ version: { number: 1, state: 'adopted' }, executable: false });
    expect(node(await map(), 'loggkontroll-enhet').activities.map((a) => a.elementId)).toEqual(['Task_Extract', 'Task_Review']);
    // made executable (those who deploy): now the deployment's lint decides, and refuses it
    const E = '/api/v1/process-records/loggkontroll-enhet/executable';
    for (const u of ['enhetschef', 'socialchef', 'medarbetare']) await (await as(u)).put(E).send({ executable: true }).expect(403);
    expect((await (await as('kvalitetsledare')).put(E).send({ executable: true }).expect(200)).body.executable).toBe(true);
    const invalid = (await owner.post(`${V}/1/publication`).expect(400)).body;
    expect(invalid.errors.some((e: { field: string }) => e.field === 'xml.Task_Extract')).toBe(true);
    expect((await ctx.t.db('process_version').where({ process_id: 'loggkontroll-enhet', number: 1 }).first('state'))!.state).toBe('adopted');
    // and back to descriptive while nothing was published; a published process cannot go back
    await (await as('kvalitetsledare')).put(E).send({ executable: false }).expect(200);
    await (await as('kvalitetsledare')).put('/api/v1/process-records/lex-sarah/executable').send({ executable: false }).expect(409);
    await (await as('kvalitetsledare')).put('/api/v1/process-records/ingen-sadan/executable').send({ executable: true }).expect(404);
  });
});
