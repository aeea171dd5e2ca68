/**
 * Routines under document control over HTTP (issue 14 point 4): who drafts, reviews and adopts;
 * adopted versions immutable (service and database); sanitised HTML; attachment types and size;
 * a Word import keeping headings, lists and tables; läst och förstått and the manager's count;
 * the register's search. Pinned clock: Thursday 3 December 2026, 10:00 in Stockholm.
 */
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import request from 'supertest';
import { signIn, until, useApi } from '../support/api.js';
import { databaseKinds } from '../support/databases.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const b64 = (b: Buffer) => b.toString('base64');

/** A small Word document: a heading, a bulleted list and a 2×2 table. */
async function wordRoutine(): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Rutin för munvård')] }),
          new Paragraph({ children: [new TextRun('Munvård ges morgon och kväll.')] }),
          new Paragraph({ bullet: { level: 0 }, children: [new TextRun('Borsta tänderna')] }),
          new Paragraph({ bullet: { level: 0 }, children: [new TextRun('Kontrollera munhålan')] }),
          new Table({
            rows: [
              new TableRow({ children: [new TableCell({ children: [new Paragraph('Vem')] }), new TableCell({ children: [new Paragraph('Vad')] })] }),
              new TableRow({
                children: [new TableCell({ children: [new Paragraph('Undersköterska')] }), new TableCell({ children: [new Paragraph('Utför munvården')] })],
              }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe.each(databaseKinds())('routines under document control on %s', (kind) => {
  const clock = new ControlledClock(new Date('2026-12-03T10:00:00+01:00'));
  const ctx = useApi({ name: `embedded/${kind}`, kind, env: {} }, clock);
  const { as } = ctx;
  const newRoutine = async (over: Record<string, unknown> = {}) => {
    const r = await (
      await as('kvalitetsledare')
    )
      .post('/api/v1/routines')
      .send({
        title: 'Rutin för munvård',
        kind: 'rutin',
        ownerRole: 'enhetschef',
        decisionLevel: 'enhet',
        bodyHtml: '<p>Munvård morgon och kväll.</p>',
        ...over,
      })
      .expect(201);
    return r.body as { id: string; number: number };
  };
  /** Sends a draft for review by the kvalitetsledare and has the enhetschef adopt it. */
  const adopt = async (id: string, number: number) => {
    await (
      await as('kvalitetsledare')
    )
      .post(`/api/v1/routines/${id}/versions/${number}/review`)
      .send({ reviewers: ['mas'] })
      .expect(204);
    return (await as('enhetschef')).post(`/api/v1/routines/${id}/versions/${number}/adoption`).send({ decisionRef: 'Beslut 2026-12-03' }).expect(200);
  };

  it('keeps the demo routines as version 1, adopted, and their routes answering', async () => {
    const staff = await as('medarbetare');
    const list = (await staff.get('/api/v1/routines').query({ processId: 'lex-sarah' }).expect(200)).body as { id: string }[];
    expect(list.length).toBeGreaterThan(0);
    const one = (await staff.get('/api/v1/routines/rutin-lex-sarah').expect(200)).body;
    expect(one).toMatchObject({ version: 1, decidedBy: 'Socialnämnden', adoptedOn: '2026-02-17', decisionLevel: 'namnd', readConfirmed: false });
    expect(one.body).toMatch(/^<p>Alla medarbetare rapporterar genast/);
    const versions = (await staff.get('/api/v1/routines/rutin-lex-sarah/versions').expect(200)).body;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ number: 1, state: 'adopted', adoptedBy: 'Socialnämnden' });
    const demoCount = await ctx.t.db('routine').count({ n: '*' }).first();
    const versionCount = await ctx.t.db('routine_version').count({ n: '*' }).first();
    expect(Number(versionCount!.n)).toBe(Number(demoCount!.n));
  });

  it('lets the owner draft and review, only named reviewers comment, only the adopting level adopt', async () => {
    // a medarbetare may not create; an enhetschef may not create a routine someone else owns
    await (await as('medarbetare')).post('/api/v1/routines').send({ title: 'X', kind: 'rutin', ownerRole: 'medarbetare', decisionLevel: 'enhet' }).expect(403);
    await (await as('enhetschef')).post('/api/v1/routines').send({ title: 'X', kind: 'rutin', ownerRole: 'mas', decisionLevel: 'mas' }).expect(403);
    const { id, number } = await newRoutine();
    // a draft is not in force: not on a process, not in the register
    expect((await (await as('medarbetare')).get(`/api/v1/routines/${id}`).expect(200)).body).toMatchObject({ adoptedOn: null, body: '', readConfirmed: null });
    // the owner role edits; others may not
    await (
      await as('enhetschef')
    )
      .put(`/api/v1/routines/${id}/versions/${number}`)
      .send({ bodyHtml: '<p>Munvård morgon och kväll, och efter måltid.</p>', changeNote: 'Efter måltid' })
      .expect(204);
    await (await as('medarbetare')).put(`/api/v1/routines/${id}/versions/${number}`).send({ bodyHtml: '<p>x</p>' }).expect(403);
    // a draft cannot be adopted before review
    await (await as('enhetschef')).post(`/api/v1/routines/${id}/versions/${number}/adoption`).send({ decisionRef: 'B1' }).expect(409);
    await (
      await as('enhetschef')
    )
      .post(`/api/v1/routines/${id}/versions/${number}/review`)
      .send({ reviewers: ['ingen-sadan'] })
      .expect(400);
    await (
      await as('enhetschef')
    )
      .post(`/api/v1/routines/${id}/versions/${number}/review`)
      .send({ reviewers: ['mas'] })
      .expect(204);
    // in review: no edits; the named reviewer comments, others may not
    await (await as('enhetschef')).put(`/api/v1/routines/${id}/versions/${number}`).send({ bodyHtml: '<p>x</p>' }).expect(409);
    await (await as('mas')).post(`/api/v1/routines/${id}/versions/${number}/comments`).send({ body: 'Lägg till tandprotes.' }).expect(204);
    await (await as('utredare')).post(`/api/v1/routines/${id}/versions/${number}/comments`).send({ body: 'Jag med' }).expect(403);
    // decision level enhet: enhetschef or verksamhetschef adopt; socialchef and mas do not
    await (await as('mas')).post(`/api/v1/routines/${id}/versions/${number}/adoption`).send({ decisionRef: 'B1' }).expect(403);
    await (await as('socialchef')).post(`/api/v1/routines/${id}/versions/${number}/adoption`).send({ decisionRef: 'B1' }).expect(403);
    const adopted = await (
      await as('verksamhetschef')
    )
      .post(`/api/v1/routines/${id}/versions/${number}/adoption`)
      .send({ decisionRef: 'VC 2026:12' })
      .expect(200);
    expect(adopted.body).toMatchObject({ version: 1, adoptedOn: '2026-12-03', validFrom: '2026-12-03', nextReviewOn: '2027-12-03', reviewOverdue: false });
    const [v] = (await (await as('medarbetare')).get(`/api/v1/routines/${id}/versions`).expect(200)).body;
    expect(v).toMatchObject({
      state: 'adopted',
      adoptedBy: 'verksamhetschef',
      adoptedRole: 'verksamhetschef',
      decisionRef: 'VC 2026:12',
      reviewers: ['mas'],
      changeNote: 'Efter måltid',
    });
    expect(v.comments).toMatchObject([{ author: 'mas', body: 'Lägg till tandprotes.' }]);
    // a riktlinje at MAS level: only the MAS adopts
    const g = await newRoutine({ title: 'Riktlinje för läkemedel', kind: 'riktlinje', ownerRole: 'mas', decisionLevel: 'mas' });
    await (
      await as('kvalitetsledare')
    )
      .post(`/api/v1/routines/${g.id}/versions/1/review`)
      .send({ reviewers: ['enhetschef'] })
      .expect(204);
    await (await as('verksamhetschef')).post(`/api/v1/routines/${g.id}/versions/1/adoption`).send({ decisionRef: 'X' }).expect(403);
    await (await as('mas')).post(`/api/v1/routines/${g.id}/versions/1/adoption`).send({ decisionRef: 'MAS 2026:3' }).expect(200);
  });

  it('never changes an adopted version: changing it makes a new draft, and the old one is superseded when that is adopted', async () => {
    const { id } = await newRoutine({ title: 'Rutin för nattfasta' });
    await adopt(id, 1);
    const owner = await as('enhetschef');
    await owner.put(`/api/v1/routines/${id}/versions/1`).send({ bodyHtml: '<p>Ändrad</p>' }).expect(409);
    // nor by SQL: the trigger refuses
    await expect(ctx.t.db('routine_version').where({ routine_id: id, number: 1 }).update({ body_html: '<p>Ändrad</p>' })).rejects.toThrow(
      /routine_version_immutable/,
    );
    await expect(ctx.t.db('routine_version').where({ routine_id: id, number: 1 }).delete()).rejects.toThrow(/routine_version_immutable/);
    const draft = await owner.post(`/api/v1/routines/${id}/versions`).send({ changeNote: 'Nattfasta högst 11 timmar' }).expect(201);
    expect(draft.body.number).toBe(2);
    await owner.post(`/api/v1/routines/${id}/versions`).send({}).expect(409);
    await owner.put(`/api/v1/routines/${id}/versions/2`).send({ bodyHtml: '<p>Munvård morgon och kväll. Nattfasta högst 11 timmar.</p>' }).expect(204);
    // version 1 is still in force until 2 is adopted
    expect((await owner.get(`/api/v1/routines/${id}`).expect(200)).body).toMatchObject({ version: 1, body: '<p>Munvård morgon och kväll.</p>' });
    await adopt(id, 2);
    const versions = (await owner.get(`/api/v1/routines/${id}/versions`).expect(200)).body as { number: number; state: string }[];
    expect(versions.map((v) => [v.number, v.state])).toEqual([
      [2, 'adopted'],
      [1, 'superseded'],
    ]);
    const diff = (await owner.get(`/api/v1/routines/${id}/diff`).query({ from: 1, to: 2 }).expect(200)).body as { value: string; added: boolean }[];
    expect(
      diff
        .filter((p) => p.added)
        .map((p) => p.value)
        .join(''),
    ).toContain('Nattfasta högst 11 timmar');
  });

  it('sanitises the HTML on the server: scripts, styles, event handlers and javascript: URLs go; structure stays', async () => {
    const bodyHtml =
      '<h2>Rubrik</h2><p onclick="alert(1)" style="color:red">Text <strong>fet</strong> <em>kursiv</em></p><script>alert(1)</script><style>p{}</style>' +
      '<ul><li>ett</li></ul><ol><li>två</li></ol><table><tbody><tr><td colspan="2" onmouseover="x()">cell</td></tr></tbody></table>' +
      '<a href="javascript:alert(1)">ond</a> <a href="https://example.org/x" target="_blank">god</a><img src=x onerror="alert(1)"><iframe src="https://evil"></iframe>';
    const { id } = await newRoutine({ title: 'Rutin med HTML', bodyHtml });
    const [v] = (await (await as('enhetschef')).get(`/api/v1/routines/${id}/versions`).expect(200)).body;
    const html = v.bodyHtml as string;
    for (const bad of ['<script', 'alert(1)', '<style', 'p{}', 'onclick', 'onmouseover', 'onerror', 'style=', 'javascript:', '<img', '<iframe', 'target='])
      expect(html).not.toContain(bad);
    for (const good of [
      '<h2>Rubrik</h2>',
      '<strong>fet</strong>',
      '<em>kursiv</em>',
      '<ul><li>ett</li></ul>',
      '<ol><li>två</li></ol>',
      '<td colspan="2">cell</td>',
      '<a href="https://example.org/x">god</a>',
      '<a>ond</a>',
    ])
      expect(html).toContain(good);
    // an edit is sanitised as well
    await (
      await as('enhetschef')
    )
      .put(`/api/v1/routines/${id}/versions/1`)
      .send({ bodyHtml: '<p>a</p><script>x</script><a href="JaVaScRiPt:x">b</a>' })
      .expect(204);
    const [w] = (await (await as('enhetschef')).get(`/api/v1/routines/${id}/versions`).expect(200)).body;
    expect(w.bodyHtml).toBe('<p>a</p><a>b</a>');
  });

  it('imports a Word document into a draft, keeping headings, lists and tables', async () => {
    const { id } = await newRoutine({ title: 'Rutin från Word', bodyHtml: '' });
    const owner = await as('enhetschef');
    const r = await owner
      .post(`/api/v1/routines/${id}/imports`)
      .send({ dataBase64: b64(await wordRoutine()) })
      .expect(201);
    expect(r.body).toEqual({ id, number: 1 });
    const [v] = (await owner.get(`/api/v1/routines/${id}/versions`).expect(200)).body;
    expect(v.bodyHtml).toContain('<h1>Rutin för munvård</h1>');
    expect(v.bodyHtml).toMatch(/<ul><li>Borsta tänderna<\/li><li>Kontrollera munhålan<\/li><\/ul>/);
    expect(v.bodyHtml).toMatch(/<table>.*<td><p>Vem<\/p><\/td>.*<td><p>Utför munvården<\/p><\/td>.*<\/table>/);
    await owner
      .post(`/api/v1/routines/${id}/imports`)
      .send({ dataBase64: b64(Buffer.from('inte ett Word-dokument')) })
      .expect(400);
    await (
      await as('medarbetare')
    )
      .post(`/api/v1/routines/${id}/imports`)
      .send({ dataBase64: b64(await wordRoutine()) })
      .expect(403);
  });

  it('takes attachments of the allowed types up to 5 MB, refuses others, and audits downloads', async () => {
    const { id } = await newRoutine({ title: 'Rutin med bilaga' });
    const owner = await as('enhetschef');
    const png = await owner
      .post(`/api/v1/routines/${id}/attachments`)
      .send({ fileName: 'bild.png', contentType: 'image/png', dataBase64: b64(PNG) })
      .expect(201);
    await owner
      .post(`/api/v1/routines/${id}/attachments`)
      .send({ fileName: 'a.pdf', contentType: 'application/pdf', dataBase64: b64(Buffer.from('%PDF-1.4\n')) })
      .expect(201);
    for (const bad of [
      { fileName: 'virus.exe', contentType: 'application/octet-stream', dataBase64: b64(Buffer.from('MZ')) },
      { fileName: 'sida.html', contentType: 'text/html', dataBase64: b64(Buffer.from('<script>')) },
      { fileName: 'fake.pdf', contentType: 'application/pdf', dataBase64: b64(Buffer.from('MZ not a pdf')) },
      { fileName: 'bild.png', contentType: 'image/jpeg', dataBase64: b64(PNG) },
      { fileName: 'stor.pdf', contentType: 'application/pdf', dataBase64: b64(Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(5 * 1024 * 1024)])) },
    ]) {
      const r = await owner.post(`/api/v1/routines/${id}/attachments`).send(bad);
      expect([r.status, bad.fileName]).toEqual([400, bad.fileName]);
      expect(r.body.title ?? r.body.detail).toBeTruthy();
    }
    await (
      await as('medarbetare')
    )
      .post(`/api/v1/routines/${id}/attachments`)
      .send({ fileName: 'b.png', contentType: 'image/png', dataBase64: b64(PNG) })
      .expect(403);
    const list = (await (await as('medarbetare')).get(`/api/v1/routines/${id}/attachments`).expect(200)).body;
    expect(list.map((a: { fileName: string }) => a.fileName)).toEqual(['bild.png', 'a.pdf']);
    const file = await (await as('medarbetare')).get(`/api/v1/routines/${id}/attachments/${png.body.id}`).expect(200);
    expect(Buffer.from(file.body.dataBase64, 'base64').equals(PNG)).toBe(true);
    expect(
      await ctx.t
        .db('audit_log')
        .where({ actor: 'medarbetare', action: 'routine.attachment.read', subject_key: String(png.body.id) })
        .first(),
    ).toBeTruthy();
    await (await as('medarbetare')).get(`/api/v1/routines/${id}/attachments/999999`).expect(404);
  });

  it("counts who at the manager's unit has not confirmed reading the version in force", async () => {
    const { id } = await newRoutine({ title: 'Rutin för läst och förstått' });
    await (await as('medarbetare')).post(`/api/v1/routines/${id}/read-confirmation`).expect(409);
    await adopt(id, 1);
    const chef = await as('enhetschef');
    const before = (await chef.get(`/api/v1/routines/${id}/unread`).expect(200)).body;
    expect(before.version).toBe(1);
    expect(before.unread.map((u: { username: string }) => u.username)).toContain('medarbetare');
    expect(before.unread.map((u: { username: string }) => u.username)).not.toContain('mas');
    const confirmed = await (await as('medarbetare')).post(`/api/v1/routines/${id}/read-confirmation`).expect(200);
    expect(confirmed.body.version).toBe(1);
    await (await as('medarbetare')).post(`/api/v1/routines/${id}/read-confirmation`).expect(200);
    expect((await (await as('medarbetare')).get(`/api/v1/routines/${id}`).expect(200)).body.readConfirmed).toBe(true);
    const after = (await chef.get(`/api/v1/routines/${id}/unread`).expect(200)).body;
    expect(after.confirmed).toBe(before.confirmed + 1);
    expect(after.unread.map((u: { username: string }) => u.username)).not.toContain('medarbetare');
    // the verksamhetschef above sees the unit too; a medarbetare and a kvalitetsledare may not ask
    expect((await (await as('verksamhetschef')).get(`/api/v1/routines/${id}/unread`).expect(200)).body.staff).toBeGreaterThanOrEqual(after.staff);
    await (await as('medarbetare')).get(`/api/v1/routines/${id}/unread`).expect(403);
    await (await as('kvalitetsledare')).get(`/api/v1/routines/${id}/unread`).expect(403);
    // a new version in force must be confirmed again
    await chef.post(`/api/v1/routines/${id}/versions`).send({ bodyHtml: '<p>Ny</p>' }).expect(201);
    await adopt(id, 2);
    expect((await chef.get(`/api/v1/routines/${id}/unread`).expect(200)).body.unread.map((u: { username: string }) => u.username)).toContain('medarbetare');
  });

  it('lists every routine in force in the register, searchable by title, text and process', async () => {
    const staff = await as('medarbetare');
    const all = (await staff.get('/api/v1/routine-register').expect(200)).body as { id: string; processIds: string[] }[];
    expect(all.map((r) => r.id)).toContain('rutin-lex-sarah');
    const { id } = await newRoutine({ title: 'Rutin som bara är ett utkast' });
    expect(((await staff.get('/api/v1/routine-register').expect(200)).body as { id: string }[]).map((r) => r.id)).not.toContain(id);
    const byTitle = (await staff.get('/api/v1/routine-register').query({ q: 'metod och mallar' }).expect(200)).body as { id: string }[];
    expect(byTitle.map((r) => r.id)).toEqual(['handbok-handelseanalys']);
    const byText = (await staff.get('/api/v1/routine-register').query({ q: '14 arbetsdagar' }).expect(200)).body as { id: string }[];
    expect(byText.map((r) => r.id)).toEqual(['rutin-synpunkter']);
    const byProcess = (await staff.get('/api/v1/routine-register').query({ q: 'lex-maria' }).expect(200)).body as { id: string; processIds: string[] }[];
    expect(byProcess.map((r) => r.id).sort()).toEqual(['handbok-handelseanalys', 'riktlinje-lex-maria']);
    expect((await staff.get('/api/v1/routine-register').query({ q: '%' }).expect(200)).body as unknown[]).toEqual([]);
    await staff
      .get('/api/v1/routine-register')
      .query({ q: 'x'.repeat(201) })
      .expect(400);
  });

  it('searches the text of a routine in force, not its HTML', async () => {
    const staff = await as('medarbetare');
    const { id, number } = await newRoutine({
      title: 'Rutin för nattfasta',
      bodyHtml: '<p>Nattfastan är <strong>högst elva timmar</strong> &amp; följs upp.</p>',
    });
    await adopt(id, number);
    const ids = async (q: string) => ((await staff.get('/api/v1/routine-register').query({ q }).expect(200)).body as { id: string }[]).map((r) => r.id);
    // the words, across the bold text's tags, and an entity as its character
    expect(await ids('är högst elva')).toEqual([id]);
    expect(await ids('& följs')).toEqual([id]);
    // a tag name, an attribute or an entity's spelling is not text
    expect(await ids('strong')).toEqual([]);
    expect(await ids('<p>')).toEqual([]);
    expect(await ids('&amp;')).toEqual([]);
  });

  it('links a routine to activities and shows it there once adopted ("used in these steps")', async () => {
    const { id } = await newRoutine({ title: 'Rutin för omedelbara åtgärder' });
    const owner = await as('enhetschef');
    await owner
      .put(`/api/v1/routines/${id}/links`)
      .send({ links: [{ processId: 'lex-sarah', elementId: 'Task_ImmediateMeasures' }] })
      .expect(204);
    await (await as('medarbetare')).put(`/api/v1/routines/${id}/links`).send({ links: [] }).expect(403);
    const onProcess = async () =>
      ((await owner.get('/api/v1/routines').query({ processId: 'lex-sarah' }).expect(200)).body as { id: string }[]).map((r) => r.id);
    expect(await onProcess()).not.toContain(id);
    await adopt(id, 1);
    expect(await onProcess()).toContain(id);
    expect((await owner.get(`/api/v1/routines/${id}`).expect(200)).body.links).toEqual([{ processId: 'lex-sarah', elementId: 'Task_ImmediateMeasures' }]);
  });

  /** The open task of the routine's process `processId` in `username`'s inbox (undefined if none). */
  const routineTask = async (username: string, processId: string, id: string) => {
    const items = (await (await as(username)).get('/api/v1/tasks').query({ pageSize: 200 }).expect(200)).body.items as {
      key: string;
      processId: string;
      processInstanceKey: string;
      elementId: string;
    }[];
    for (const t of items.filter((x) => x.processId === processId)) {
      if ((await ctx.services.engine.getVariables(t.processInstanceKey)).routineId === id) return t;
    }
    return undefined;
  };
  /** The running instances of `processId` about the routine, by version. */
  const running = async (processId: string, id: string) => {
    const out: number[] = [];
    for (const i of await ctx.services.engine.listProcessInstances({ processId, state: 'ACTIVE' })) {
      const v = await ctx.services.engine.getVariables(i.key);
      if (v.routineId === id) out.push(Number(v.version));
    }
    return out.sort();
  };
  const gone = (username: string, processId: string, id: string) => until(async () => ((await routineTask(username, processId, id)) ? undefined : true));
  const review = async (id: string, number: number) =>
    (await as('kvalitetsledare'))
      .post(`/api/v1/routines/${id}/versions/${number}/review`)
      .send({ reviewers: ['mas'] })
      .expect(204);

  it('puts the adoption in the inbox of those who adopt at the routine’s level, and adopts from there', async () => {
    const { id } = await newRoutine({ title: 'Rutin för fastställelse i inkorgen' });
    await review(id, 1);
    // decision level enhet: enhetschef (or the verksamhetschef above) adopts; not the reviewer, not staff
    const task = await until(() => routineTask('enhetschef', 'rutin-faststallelse', id));
    expect(task.elementId).toBe('Task_Adopt');
    expect(await until(() => routineTask('verksamhetschef', 'rutin-faststallelse', id))).toMatchObject({ key: task.key });
    expect(await routineTask('medarbetare', 'rutin-faststallelse', id)).toBeUndefined();
    expect(await routineTask('mas', 'rutin-faststallelse', id)).toBeUndefined();
    // a bad form: nothing happens
    const chef = await as('enhetschef');
    await chef
      .post(`/api/v1/tasks/${task.key}/completion`)
      .send({ variables: { adoptionDecision: 'kanske' } })
      .expect(400);
    await chef
      .post(`/api/v1/tasks/${task.key}/completion`)
      .send({ variables: { adoptionDecision: 'adopt', decisionRef: 'Beslut 12/2026' } })
      .expect(204);
    const head = await until(async () => {
      const r = (await chef.get(`/api/v1/routines/${id}`).expect(200)).body;
      // the worker records it a moment after the task is completed
      return r.adoptedOn ? r : undefined;
    });
    expect(head).toMatchObject({ decidedBy: 'Erik Enhetschef', adoptedOn: '2026-12-03', nextReviewOn: '2027-12-03' });
    const [v1] = (await chef.get(`/api/v1/routines/${id}/versions`).expect(200)).body;
    expect(v1).toMatchObject({ state: 'adopted', adoptedBy: 'enhetschef', adoptedRole: 'enhetschef', decisionRef: 'Beslut 12/2026' });
    // the review on the engine follows, and the adoption's instance has ended
    await until(async () => ((await running('rutin-oversyn', id)).includes(1) ? true : undefined));
    expect(await running('rutin-faststallelse', id)).toEqual([]);
  });

  it('hands a version the adopting level returns back to its owner as a draft, with a note', async () => {
    const { id } = await newRoutine({ title: 'Rutin som lämnas tillbaka' });
    await review(id, 1);
    const task = await until(() => routineTask('enhetschef', 'rutin-faststallelse', id));
    await (
      await as('enhetschef')
    )
      .post(`/api/v1/tasks/${task.key}/completion`)
      .send({ variables: { adoptionDecision: 'return', decisionRef: 'Återremiss' } })
      .expect(204);
    const v = await until(async () => {
      const [r] = (await (await as('enhetschef')).get(`/api/v1/routines/${id}/versions`).expect(200)).body;
      return r.state === 'draft' ? r : undefined;
    });
    expect(v.comments.map((c: { author: string; body: string }) => c.author)).toContain('system');
    expect((await (await as('enhetschef')).get(`/api/v1/routines/${id}`).expect(200)).body.adoptedOn).toBeNull();
  });

  it('withdraws a stale adoption or review task: a version withdrawn, adopted another way, or superseded by a newer one', async () => {
    const { id } = await newRoutine({ title: 'Rutin med inaktuella uppgifter' });
    const owner = await as('enhetschef');
    // withdrawn from review by its owner: back to a draft, and the adoption task leaves the inboxes
    await review(id, 1);
    await until(() => routineTask('enhetschef', 'rutin-faststallelse', id));
    await (await as('medarbetare')).post(`/api/v1/routines/${id}/versions/1/withdrawal`).expect(403);
    await owner.post(`/api/v1/routines/${id}/versions/1/withdrawal`).expect(204);
    await gone('enhetschef', 'rutin-faststallelse', id);
    await gone('verksamhetschef', 'rutin-faststallelse', id);
    expect((await owner.get(`/api/v1/routines/${id}/versions`).expect(200)).body[0].state).toBe('draft');
    await owner.post(`/api/v1/routines/${id}/versions/1/withdrawal`).expect(409);
    // sent again and adopted through the API: the task in the inbox is withdrawn
    await review(id, 1);
    await until(() => routineTask('verksamhetschef', 'rutin-faststallelse', id));
    await (await as('verksamhetschef')).post(`/api/v1/routines/${id}/versions/1/adoption`).send({ decisionRef: 'Beslut 1' }).expect(200);
    await gone('verksamhetschef', 'rutin-faststallelse', id);
    await until(async () => ((await running('rutin-oversyn', id)).includes(1) ? true : undefined));
    // a newer version adopted from the inbox: the older version's review is withdrawn, the new one's starts
    await owner.post(`/api/v1/routines/${id}/versions`).send({ bodyHtml: '<p>Version två.</p>' }).expect(201);
    await review(id, 2);
    const task = await until(() => routineTask('enhetschef', 'rutin-faststallelse', id));
    await owner
      .post(`/api/v1/tasks/${task.key}/completion`)
      .send({ variables: { adoptionDecision: 'adopt', decisionRef: 'Beslut 2' } })
      .expect(204);
    expect(await until(async () => ((await running('rutin-oversyn', id)).join() === '2' ? await running('rutin-oversyn', id) : undefined))).toEqual([2]);
  });

  it('gives the owners a review task on our engine, 30 days before the review date', async () => {
    const { id } = await newRoutine({ title: 'Rutin med kort översyn', reviewIntervalMonths: 1 });
    const adopted = await adopt(id, 1);
    expect(adopted.body.nextReviewOn).toBe('2027-01-03');
    // a new session at each look (the clock jumps past the session's lifetime)
    const login = (username: string) => signIn(request.agent(ctx.app), username);
    const inbox = async () =>
      (
        (await (await login('enhetschef')).get('/api/v1/tasks').query({ pageSize: 200 }).expect(200)).body.items as {
          processId: string;
          elementId: string;
          dueDate: string | null;
        }[]
      ).filter((t) => t.processId === 'rutin-oversyn');
    expect(await inbox()).toEqual([]);
    // the timer is due on 4 December 2026, 08:00 in Stockholm (review date minus 30 days)
    const engine = ctx.services.engine;
    await engine.advanceClock(new Date('2026-12-04T08:00:30+01:00').getTime() - (await engine.now()).getTime());
    const [task] = await until(async () => {
      await engine.advanceClock(1000);
      const t = await inbox();
      return t.length ? t : undefined;
    });
    expect(task).toMatchObject({ elementId: 'Task_ReviewRoutine', dueDate: new Date('2027-01-03T16:00:00+01:00').toISOString() });
    expect(
      ((await (await login('medarbetare')).get('/api/v1/tasks').query({ pageSize: 200 }).expect(200)).body.items as { processId: string }[]).some(
        (t) => t.processId === 'rutin-oversyn',
      ),
    ).toBe(false);
  });
});
