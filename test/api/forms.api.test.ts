/**
 * Forms under version control through the HTTP API (issue 14 point 1): the bundled forms are
 * published versions from the first start (and a second start adds none); process owners and
 * the quality lead create, draft and publish, everyone signed in reads; a schema the product
 * would not run is refused with its problems (422) and nothing changes; a published version
 * never changes (the database refuses too); an open task keeps the form version it was created
 * with while a new task gets the one published since; the models' lint accepts a formId of a
 * published form and refuses an unknown one (or a form that is only a draft).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { bundledResources } from '../../src/bootstrap.js';
import { ensureBundledForms } from '../../src/domain/forms/bundled.js';
import { BPMN_DIR } from '../../src/paths.js';
import { apiSetups, useApi } from '../support/api.js';
import { LEX_SARAH_FORMS as FORMS, LEX_SARAH_REPORT as REPORT } from '../support/lexSarah.js';

const LEX_SARAH = readFileSync(path.join(BPMN_DIR, 'lex-sarah.bpmn'), 'utf8');
/** Lex Sarah whose immediate-measures task links `formId` instead. */
const linking = (formId: string) => LEX_SARAH.replace('formId="lex-sarah-immediate-measures"', `formId="${formId}"`);

/** A small valid form. */
const schemaOf = (id: string, extra: object[] = []) => ({
  id,
  type: 'default',
  components: [{ type: 'textfield', id: 'Field_note', key: 'note', label: 'Anteckning', validate: { required: true, maxLength: 200 } }, ...extra],
});
const BUNDLED_FORMS = bundledResources().filter((r) => r.name.endsWith('.form')).length;

describe.each(apiSetups())('forms through the HTTP API on $name', (setup) => {
  const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));
  const ctx = useApi(setup, clock);
  const { as, completeAs, taskFor } = ctx;
  const count = async (table: 'form' | 'form_version') => Number((await ctx.t.db(table).count<{ n: number }[]>('* as n').first())!.n);

  it('has every bundled form as version 1, published by införande; a second start adds nothing', async () => {
    const list = (await (await as('medarbetare')).get('/api/v1/forms').expect(200)).body as { formId: string; title: string }[];
    expect(list).toHaveLength(BUNDLED_FORMS);
    expect(list.find((f) => f.formId === 'lex-sarah-report')).toMatchObject({
      title: 'Rapport om missförhållande (lex Sarah)',
      latestVersion: 1,
      state: 'published',
      publishedVersion: 1,
    });
    const detail = (await (await as('medarbetare')).get('/api/v1/forms/lex-sarah-report').expect(200)).body;
    expect(detail.versions).toEqual([expect.objectContaining({ number: 1, state: 'published', author: 'införande', publishedBy: 'införande' })]);
    expect(detail.published.schema.id).toBe('lex-sarah-report');
    expect(detail.draft).toBeNull();
    expect(detail.may).toEqual({ edit: false });
    const before = await count('form_version');
    await ensureBundledForms(ctx.t.db, clock.now(), bundledResources());
    expect(await count('form_version')).toBe(before);
    await (await as('medarbetare')).get('/api/v1/forms/no-such-form').expect(404);
  });

  it('lets process owners and the quality lead edit; everyone else is refused and nothing changes', async () => {
    for (const u of ['medarbetare', 'enhetschef', 'utredare', 'namndsekreterare']) {
      await (
        await as(u)
      )
        .post('/api/v1/forms')
        .send({ formId: 'refused', title: 'Nej', schema: schemaOf('refused') })
        .expect(403);
      await (await as(u)).put('/api/v1/forms/lex-sarah-report/draft').send({ schema: {} }).expect(403);
      await (await as(u)).post('/api/v1/forms/lex-sarah-report/publication').expect(403);
    }
    expect(await ctx.t.db('form').where({ form_id: 'refused' }).first()).toBeUndefined();
    const lead = await as('kvalitetsledare');
    const created = (
      await lead
        .post('/api/v1/forms')
        .send({ formId: 'kvalitetsrad-anteckning', title: 'Anteckning från kvalitetsrådet', schema: schemaOf('kvalitetsrad-anteckning') })
        .expect(201)
    ).body;
    expect(created).toMatchObject({ formId: 'kvalitetsrad-anteckning', draft: { number: 1 }, published: null, may: { edit: true } });
    expect(created.versions).toEqual([expect.objectContaining({ number: 1, state: 'draft', author: 'kvalitetsledare', publishedAt: null })]);
    await lead
      .post('/api/v1/forms')
      .send({ formId: 'kvalitetsrad-anteckning', title: 'Igen', schema: schemaOf('kvalitetsrad-anteckning') })
      .expect(409);
    // a process owner (socialchef owns lex Sarah) may too; a draft is readable by everyone signed in
    await (
      await as('socialchef')
    )
      .post('/api/v1/forms')
      .send({ formId: 'agarens-formular', title: 'Ägarens', schema: schemaOf('agarens-formular') })
      .expect(201);
    expect((await (await as('medarbetare')).get('/api/v1/forms/agarens-formular').expect(200)).body.draft.number).toBe(1);
    await (
      await as('socialchef')
    )
      .put('/api/v1/forms/no-such-form/draft')
      .send({ schema: schemaOf('no-such-form') })
      .expect(404);
  });

  it('refuses a schema the product would not run (422 with its problems) and changes nothing', async () => {
    const lead = await as('kvalitetsledare');
    const bad = {
      id: 'trasigt',
      components: [
        { type: 'textfield', key: 'a', validate: { pattern: '(?<=a)b' } },
        { type: 'textfield', key: 'a' },
        { type: 'iframe', key: 'b', url: 'https://example.org' },
        { type: 'textarea', validate: { maxLength: 1_000_000 } },
      ],
    };
    const r = await lead.post('/api/v1/forms').send({ formId: 'trasigt', title: 'Trasigt', schema: bad }).expect(422);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.body.type).toBe('/api/v1/problems/form-invalid');
    const messages = (r.body.errors as { field: string; message: string }[]).map((e) => e.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/fältet a: nyckeln används redan/),
        expect.stringMatching(/fältet b: fälttypen stöds inte/),
        expect.stringMatching(/ett fält: nyckeln saknas/),
        expect.stringMatching(/maxLength ska vara/),
        expect.stringMatching(/fältet a: mönstret använder lookahead/),
      ]),
    );
    expect(await ctx.t.db('form').where({ form_id: 'trasigt' }).first()).toBeUndefined();
    // the schema's id must be the form's
    await lead
      .post('/api/v1/forms')
      .send({ formId: 'trasigt', title: 'Trasigt', schema: schemaOf('annat') })
      .expect(422);
    // a bad draft leaves the draft as it was
    const before = (await lead.get('/api/v1/forms/kvalitetsrad-anteckning').expect(200)).body;
    await lead
      .put('/api/v1/forms/kvalitetsrad-anteckning/draft')
      .send({ schema: { ...bad, id: 'kvalitetsrad-anteckning' } })
      .expect(422);
    expect((await lead.get('/api/v1/forms/kvalitetsrad-anteckning').expect(200)).body).toEqual(before);
    // an id that is no form id is refused by the body's schema
    await lead
      .post('/api/v1/forms')
      .send({ formId: '../x', title: 'x', schema: schemaOf('../x') })
      .expect(400);
  });

  it('publishes a draft; a published version never changes, the next edit is a new draft', async () => {
    const lead = await as('kvalitetsledare');
    const F = '/api/v1/forms/kvalitetsrad-anteckning';
    const published = (await lead.post(`${F}/publication`).expect(200)).body;
    expect(published).toMatchObject({ draft: null, published: { number: 1 } });
    expect(published.versions[0]).toMatchObject({ number: 1, state: 'published', publishedBy: 'kvalitetsledare' });
    await lead.post(`${F}/publication`).expect(409);
    const next = schemaOf('kvalitetsrad-anteckning', [{ type: 'textarea', id: 'Field_more', key: 'more', label: 'Mer' }]);
    const drafted = (await lead.put(`${F}/draft`).send({ schema: next, title: 'Kvalitetsrådets anteckning' }).expect(200)).body;
    expect(drafted).toMatchObject({ title: 'Kvalitetsrådets anteckning', draft: { number: 2 }, published: { number: 1 } });
    expect(drafted.published.schema.components).toHaveLength(1);
    // saving again writes over the open draft, not a third version
    expect((await lead.put(`${F}/draft`).send({ schema: next }).expect(200)).body.versions).toHaveLength(2);
    const list = (await lead.get('/api/v1/forms').expect(200)).body as { formId: string }[];
    expect(list.find((f) => f.formId === 'kvalitetsrad-anteckning')).toMatchObject({ latestVersion: 2, state: 'draft', publishedVersion: 1 });
    // the database refuses to change a published version, even to code that forgets
    await expect(ctx.t.db('form_version').where({ form_id: 'kvalitetsrad-anteckning', number: 1 }).update({ schema: '{}' })).rejects.toThrow(/published/);
    await expect(ctx.t.db('form_version').where({ form_id: 'kvalitetsrad-anteckning', number: 1 }).update({ state: 'draft' })).rejects.toThrow(/published/);
    expect((await lead.post(`${F}/publication`).expect(200)).body.versions.map((v: { state: string }) => v.state)).toEqual(['published', 'superseded']);
  });

  it('keeps an open task on the form version it was created with; a new task gets the version published since', async () => {
    const owner = await as('socialchef');
    const F = '/api/v1/forms/lex-sarah-immediate-measures';
    const old = (await (await as('medarbetare')).post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: REPORT }).expect(201)).body;
    const oldTask = await taskFor('enhetschef', old.key, 'Task_ImmediateMeasures');
    const v1 = (await owner.get(F).expect(200)).body.published.schema as { components: object[] };
    const extra = { type: 'textfield', id: 'Field_informedBy', key: 'informedBy', label: 'Vem informerades', validate: { required: true, maxLength: 200 } };
    await owner
      .put(`${F}/draft`)
      .send({ schema: { ...v1, components: [...v1.components, extra] } })
      .expect(200);
    await owner.post(`${F}/publication`).expect(200);
    const chef = await as('enhetschef');
    const oldForm = (await chef.get(`/api/v1/tasks/${oldTask.key}/form`).expect(200)).body;
    expect(JSON.stringify(oldForm.schema)).not.toContain('informedBy');
    const fresh = (await (await as('medarbetare')).post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: REPORT }).expect(201)).body;
    const freshTask = await taskFor('enhetschef', fresh.key, 'Task_ImmediateMeasures');
    expect(JSON.stringify((await chef.get(`/api/v1/tasks/${freshTask.key}/form`).expect(200)).body.schema)).toContain('informedBy');
    // the new task is checked against the new version, the old one against its own
    const refused = await chef.post(`/api/v1/tasks/${freshTask.key}/completion`).send({ variables: FORMS.Task_ImmediateMeasures }).expect(400);
    expect(refused.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'variables.informedBy' })]));
    await completeAs('enhetschef', old.key, 'Task_ImmediateMeasures', FORMS.Task_ImmediateMeasures!);
    await completeAs('enhetschef', fresh.key, 'Task_ImmediateMeasures', { ...FORMS.Task_ImmediateMeasures, informedBy: 'Verksamhetschefen' });
  });

  it("the models' lint accepts a formId of a published form and refuses an unknown one or a draft", async () => {
    const owner = await as('socialchef');
    const problems = async (xml: string) =>
      ((await owner.post('/api/v1/processes/lex-sarah/lint').send({ xml }).expect(200)).body as { elementId: string | null; rule: string }[]).filter(
        (p) => p.rule === 'kvh/form-exists',
      );
    expect(await problems(LEX_SARAH)).toEqual([]);
    expect(await problems(linking('kvalitetsrad-anteckning'))).toEqual([]);
    expect(await problems(linking('finns-inte'))).toEqual([expect.objectContaining({ elementId: 'Task_ImmediateMeasures', rule: 'kvh/form-exists' })]);
    // agarens-formular is only a draft: not yet a form a process may link
    expect(await problems(linking('agarens-formular'))).toHaveLength(1);
    // the deployment's lint says the same: a draft of lex Sarah linking an unknown form cannot go to review
    const V = '/api/v1/processes/lex-sarah/versions';
    const draft = (
      await owner
        .post(V)
        .send({ xml: linking('finns-inte'), changeNote: 'Fel formulär' })
        .expect(201)
    ).body;
    expect(draft.lint).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'kvh/form-exists' })]));
    const r = await owner
      .post(`${V}/${draft.number}/review`)
      .send({ reviewers: ['kvalitetsledare'] })
      .expect(400);
    expect(JSON.stringify(r.body.errors)).toContain('finns-inte');
  });
});
