/**
 * Administration (issue 15 point 1) through the API: the organisation tree, people and their role
 * assignments with periods, substitutes (ersättare) holding the assignments of the person they
 * stand in for, the role list as data, delegated administration (admin at a förvaltning
 * administers only that part), CSV import and export, every change audited, and bad input refused
 * with nothing changed. The first start: firstStart.api.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { signIn, useApi } from '../support/api.js';
import { databaseKinds } from '../support/databases.js';
import { LEX_SARAH_REPORT } from '../support/lexSarah.js';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const DAY = 24 * 3600_000;

interface Node {
  id: string;
  name: string;
  type: string;
  parentId: string | null;
  active: boolean;
  provider: string | null;
  manageable: boolean;
}
interface Person {
  id: number;
  username: string;
  active: boolean;
  assignments: { role: string; nodeId: string; validFrom: string | null; validTo: string | null }[];
  substitutes: { id: string; substitute: string }[];
}

describe.each(databaseKinds())('administration on %s', (kind) => {
  const clock = new ControlledClock(new Date('2026-12-07T10:00:00+01:00'));
  const ctx = useApi({ name: `embedded/${kind}`, kind, env: {} }, clock);
  const db = () => ctx.t.db;
  const admin = () => ctx.as('admin');
  /** What a refused request must leave as it was. */
  const snapshot = async () => ({
    nodes: await db()('org_node').orderBy('id'),
    users: await db()('app_user').orderBy('id').select('id', 'username', 'display_name', 'email', 'active'),
    assignments: await db()('role_assignment').orderBy(['user_id', 'role', 'node_id']),
    roles: await db()('role').orderBy('key'),
    substitutes: await db()('substitute').orderBy('id'),
    audit: Number((await db()('audit_log').count<{ n: string }[]>({ n: '*' }))[0]!.n),
  });
  const person = async (username: string) =>
    ((await (await admin()).get('/api/v1/admin/people').expect(200)).body as Person[]).find((p) => p.username === username)!;

  describe('the tree', () => {
    it('creates, renames, moves and deactivates nodes, audited; refuses a move under its own descendant (422) and changes nothing', async () => {
      const a = await admin();
      const area = await a.post('/api/v1/admin/nodes').send({ name: 'Socialpsykiatri', type: 'area', parentId: 'socialforvaltningen' }).expect(201);
      expect(area.body).toMatchObject({ id: 'socialpsykiatri', active: true, provider: null, manageable: true });
      const unit = await a
        .post('/api/v1/admin/nodes')
        .send({ id: 'boende-ljuset', name: 'Boendestöd Ljuset', type: 'unit', parentId: 'socialpsykiatri', provider: 'contract' })
        .expect(201);
      expect(unit.body).toMatchObject({ parentId: 'socialpsykiatri', provider: 'contract' });
      await a.put('/api/v1/admin/nodes/boende-ljuset').send({ name: 'Boendestödet Ljuset' }).expect(200);
      await a.put('/api/v1/admin/nodes/boende-ljuset').send({ parentId: 'funktionsstod' }).expect(200);
      await a.put('/api/v1/admin/nodes/boende-ljuset').send({ parentId: 'socialpsykiatri' }).expect(200);

      const before = await snapshot();
      const cycle = await a.put('/api/v1/admin/nodes/socialforvaltningen').send({ parentId: 'socialpsykiatri' }).expect(422);
      expect(cycle.body.type).toBe('/api/v1/problems/org-invalid');
      expect(cycle.body.errors).toEqual([{ field: 'parentId', message: 'en nod kan inte flyttas under sig själv eller en nod under sig' }]);
      await a.put('/api/v1/admin/nodes/socialpsykiatri').send({ parentId: 'socialpsykiatri' }).expect(422);
      // a node under a unit, a level above its parent, a provider on an area, an unknown parent, deactivating with active nodes below
      await a.post('/api/v1/admin/nodes').send({ name: 'Under enhet', type: 'unit', parentId: 'boende-ljuset' }).expect(422);
      await a.post('/api/v1/admin/nodes').send({ name: 'Förvaltning', type: 'administration', parentId: 'socialpsykiatri' }).expect(422);
      await a.put('/api/v1/admin/nodes/socialpsykiatri').send({ provider: 'lov' }).expect(422);
      await a.post('/api/v1/admin/nodes').send({ name: 'Vilse', type: 'unit', parentId: 'finns-inte' }).expect(422);
      await a.put('/api/v1/admin/nodes/socialpsykiatri').send({ active: false }).expect(422);
      // bad input by schema: 400, and an id taken: 409
      await a.post('/api/v1/admin/nodes').send({ name: 'X', type: 'planet', parentId: 'socialpsykiatri' }).expect(400);
      await a.post('/api/v1/admin/nodes').send({ id: 'Stora Bokstäver', name: 'X', type: 'unit', parentId: 'socialpsykiatri' }).expect(400);
      await a.post('/api/v1/admin/nodes').send({ id: 'boende-ljuset', name: 'X', type: 'unit', parentId: 'socialpsykiatri' }).expect(409);
      await a.put('/api/v1/admin/nodes/finns-inte').send({ name: 'X' }).expect(404);
      expect(await snapshot()).toEqual(before);

      // deactivated, never deleted: kept in the tree, gone from the e-service's units
      const off = await a.put('/api/v1/admin/nodes/boende-ljuset').send({ active: false }).expect(200);
      expect(off.body.active).toBe(false);
      expect(((await a.get('/api/v1/admin/nodes').expect(200)).body as Node[]).find((n) => n.id === 'boende-ljuset')?.active).toBe(false);
      expect(((await request(ctx.app).get('/api/v1/public/units').expect(200)).body as { value: string }[]).map((u) => u.value)).not.toContain('boende-ljuset');
      const log = await db()('audit_log').where({ subject_type: 'org_node', subject_key: 'boende-ljuset' }).orderBy('id').select('action', 'actor');
      expect(log.map((r) => r.action)).toEqual(['org.node.created', 'org.node.updated', 'org.node.updated', 'org.node.updated', 'org.node.updated']);
      expect(log.every((r) => r.actor === 'admin')).toBe(true);
    });

    it('refuses the administration to a user who is not an administrator (403)', async () => {
      const e = await ctx.as('enhetschef');
      await e.get('/api/v1/admin/nodes').expect(403);
      await e.post('/api/v1/admin/nodes').send({ name: 'X', type: 'unit', parentId: 'aldreomsorg' }).expect(403);
      expect((await e.get('/api/v1/me').expect(200)).body.may).not.toContain('org.admin');
      expect((await (await admin()).get('/api/v1/me').expect(200)).body.may).toContain('org.admin');
    });
  });

  describe('the role list', () => {
    it('has the built-in roles with SAS, MAR, systemförvaltare and vårdchef; an admin adds the organisation’s own; an assignment names a listed role (422 otherwise)', async () => {
      const a = await admin();
      const roles = (await a.get('/api/v1/admin/roles').expect(200)).body as { key: string; builtIn: boolean; name: string }[];
      for (const key of ['sas', 'mar', 'systemforvaltare', 'vardchef', 'enhetschef', 'mas', 'admin'])
        expect(roles.find((r) => r.key === key)?.builtIn).toBe(true);
      const own = await a.post('/api/v1/admin/roles').send({ key: 'stodpedagog', name: 'Stödpedagog', description: 'Pedagogiskt stöd i LSS' }).expect(201);
      expect(own.body).toMatchObject({ key: 'stodpedagog', builtIn: false, assignments: 0 });
      await a.post('/api/v1/admin/roles').send({ key: 'stodpedagog', name: 'Igen' }).expect(409);
      await a.put('/api/v1/admin/roles/mas').send({ name: 'Något annat' }).expect(409);
      await a.put('/api/v1/admin/roles/stodpedagog').send({ name: 'Stödpedagoger' }).expect(200);

      const p = (await a.post('/api/v1/admin/people').send({ username: 'sten.stod', displayName: 'Sten Stöd' }).expect(201)).body as Person;
      const before = await snapshot();
      const bad = await a
        .put(`/api/v1/admin/people/${p.id}/assignments`)
        .send({ assignments: [{ role: 'trollkarl', nodeId: 'gruppbostad-eken', validFrom: null, validTo: null }] })
        .expect(422);
      expect(bad.body.errors).toEqual([{ field: 'assignments.0.role', message: 'rollen finns inte i rollistan' }]);
      await a
        .put(`/api/v1/admin/people/${p.id}/assignments`)
        .send({ assignments: [{ role: 'stodpedagog', nodeId: 'gruppbostad-eken', validFrom: '2026-12-31', validTo: '2026-12-01' }] })
        .expect(422);
      expect(await snapshot()).toEqual(before);
      await a
        .put(`/api/v1/admin/people/${p.id}/assignments`)
        .send({ assignments: [{ role: 'stodpedagog', nodeId: 'gruppbostad-eken', validFrom: null, validTo: null }] })
        .expect(200);
      expect(await db()('audit_log').where({ action: 'org.role.created', subject_key: 'stodpedagog' }).first('actor')).toEqual({ actor: 'admin' });
    });
  });

  describe('people', () => {
    it('creates and edits a person; assignments count only in their period; deactivating ends the session and the log-in', async () => {
      const a = await admin();
      await a
        .post('/api/v1/admin/people')
        .send({ username: 'Pia.Persson', displayName: 'Pia Persson', email: 'pia@kommun.example', password: 'ett långt lösenord' })
        .expect(201);
      await a.post('/api/v1/admin/people').send({ username: 'pia.persson', displayName: 'Igen' }).expect(409);
      await a.post('/api/v1/admin/people').send({ username: 'kort', displayName: 'Kort', password: 'kort' }).expect(400);
      const pia = await person('pia.persson');
      expect(pia).toMatchObject({ active: true, assignments: [] });
      await a
        .put(`/api/v1/admin/people/${pia.id}/assignments`)
        .send({
          assignments: [
            { role: 'medarbetare', nodeId: 'vobo-linden', validFrom: '2026-12-01', validTo: '2026-12-31' },
            { role: 'enhetschef', nodeId: 'vobo-linden', validFrom: '2026-12-08', validTo: null },
          ],
        })
        .expect(200);
      const agent = request.agent(ctx.app);
      const login = await agent.post('/api/v1/session').send({ username: 'pia.persson', password: 'ett långt lösenord' }).expect(200);
      agent.set('X-CSRF-Token', login.body.csrfToken as string);
      const roles = async (ag: request.Agent) => ((await ag.get('/api/v1/me').expect(200)).body.roles as { role: string }[]).map((r) => r.role).sort();
      // today (7 December) only the first; tomorrow both
      expect(await roles(agent)).toEqual(['medarbetare']);
      clock.advance(DAY);
      ctx.forgetSessions();
      try {
        const a = await admin();
        const again = await signIn(request.agent(ctx.app), 'enhetschef');
        expect(await roles(again)).toEqual(['enhetschef']);
        const relog = request.agent(ctx.app);
        await relog.post('/api/v1/session').send({ username: 'pia.persson', password: 'ett långt lösenord' }).expect(200);
        expect(await roles(relog)).toEqual(['enhetschef', 'medarbetare']);
        await a.put(`/api/v1/admin/people/${pia.id}`).send({ displayName: 'Pia Persson-Berg' }).expect(200);
        await a.put(`/api/v1/admin/people/${pia.id}`).send({ active: false }).expect(200);
        await relog.get('/api/v1/me').expect(401);
        await request(ctx.app).post('/api/v1/session').send({ username: 'pia.persson', password: 'ett långt lösenord' }).expect(401);
        const me = await person('admin');
        await a.put(`/api/v1/admin/people/${me.id}`).send({ active: false }).expect(409);
        const log = await db()('audit_log')
          .where({ subject_type: 'app_user', subject_key: String(pia.id) })
          .orderBy('id')
          .select('action', 'detail');
        expect(log.map((r) => r.action)).toEqual(['org.user.created', 'org.assignments.set', 'org.user.updated', 'org.user.updated']);
        // ids and role@node, never the name or address
        expect(JSON.stringify(log)).not.toMatch(/Pia|pia@/);
      } finally {
        clock.advance(-DAY);
        ctx.forgetSessions();
      }
    });

    it('a substitute holds the absent person’s assignments in the period: their roles, their inbox, the tasks they may be given', async () => {
      const a = await admin();
      const bo = (await a.post('/api/v1/admin/people').send({ username: 'bo.berg', displayName: 'Bo Berg', password: 'ett långt lösenord' }).expect(201))
        .body as Person;
      await a
        .put(`/api/v1/admin/people/${bo.id}/assignments`)
        .send({ assignments: [{ role: 'medarbetare', nodeId: 'vobo-linden', validFrom: null, validTo: null }] });
      const erik = await person('enhetschef');
      const before = await snapshot();
      await a
        .post(`/api/v1/admin/people/${erik.id}/substitutes`)
        .send({ substitute: 'finns.inte', validFrom: '2026-12-07', validTo: '2026-12-09' })
        .expect(422);
      await a
        .post(`/api/v1/admin/people/${erik.id}/substitutes`)
        .send({ substitute: 'enhetschef', validFrom: '2026-12-07', validTo: '2026-12-09' })
        .expect(422);
      await a.post(`/api/v1/admin/people/${erik.id}/substitutes`).send({ substitute: 'bo.berg', validFrom: '2026-12-09', validTo: '2026-12-07' }).expect(422);
      expect(await snapshot()).toEqual(before);
      const withSub = (
        await a.post(`/api/v1/admin/people/${erik.id}/substitutes`).send({ substitute: 'bo.berg', validFrom: '2026-12-07', validTo: '2026-12-09' }).expect(201)
      ).body as Person;
      expect(withSub.substitutes).toMatchObject([{ substitute: 'bo.berg' }]);

      const agent = request.agent(ctx.app);
      const login = await agent.post('/api/v1/session').send({ username: 'bo.berg', password: 'ett långt lösenord' }).expect(200);
      agent.set('X-CSRF-Token', login.body.csrfToken as string);
      const held = ((await agent.get('/api/v1/me').expect(200)).body.roles as { role: string; nodeId: string }[]).map((r) => `${r.role}@${r.nodeId}`).sort();
      expect(held).toEqual(['enhetschef@hemtjanst-solrosen', 'medarbetare@vobo-linden']);
      // the enhetschef's task reaches the substitute's inbox, and may be given to him
      const started = await (
        await ctx.as('medarbetare')
      )
        .post('/api/v1/process-instances')
        .send({ processId: 'lex-sarah', variables: LEX_SARAH_REPORT })
        .expect(201);
      const task = await ctx.taskFor('enhetschef', started.body.key as string, 'Task_ImmediateMeasures');
      const inbox = async (ag: request.Agent) =>
        ((await ag.get('/api/v1/tasks').query({ pageSize: 200 }).expect(200)).body.items as { key: string }[]).map((t) => t.key);
      expect(await inbox(agent)).toContain(task.key);
      await (await ctx.as('enhetschef')).post(`/api/v1/tasks/${task.key}/assignment`).send({ assignee: 'bo.berg' }).expect(200);
      await (await ctx.as('enhetschef')).post(`/api/v1/tasks/${task.key}/assignment`).send({ assignee: null }).expect(200);
      // after the period: his own role only, and the task is not his to see
      clock.advance(3 * DAY);
      ctx.forgetSessions();
      try {
        const later = request.agent(ctx.app);
        await later.post('/api/v1/session').send({ username: 'bo.berg', password: 'ett långt lösenord' }).expect(200);
        expect(((await later.get('/api/v1/me').expect(200)).body.roles as { role: string }[]).map((r) => r.role)).toEqual(['medarbetare']);
        expect(await inbox(later)).not.toContain(task.key);
      } finally {
        clock.advance(-3 * DAY);
        ctx.forgetSessions();
      }
      const removed = (await (await admin()).delete(`/api/v1/admin/people/${erik.id}/substitutes/${withSub.substitutes[0]!.id}`).expect(200)).body as Person;
      expect(removed.substitutes).toEqual([]);
      const log = await db()('audit_log')
        .where({ subject_type: 'substitute', subject_key: withSub.substitutes[0]!.id })
        .orderBy('id')
        .select('action', 'actor');
      expect(log).toEqual([
        { action: 'org.substitute.added', actor: 'admin' },
        { action: 'org.substitute.removed', actor: 'admin' },
      ]);
    });
  });

  describe('delegated administration', () => {
    let delegate: request.Agent;
    beforeAll(async () => {
      const a = await admin();
      await a
        .post('/api/v1/admin/nodes')
        .send({ id: 'utbildning', name: 'Utbildningsförvaltningen', type: 'administration', parentId: 'socialnamnden' })
        .expect(201);
      await a.post('/api/v1/admin/nodes').send({ id: 'grundskola', name: 'Grundskola', type: 'area', parentId: 'utbildning' }).expect(201);
      const d = (
        await a.post('/api/v1/admin/people').send({ username: 'ulla.utb', displayName: 'Ulla Utbildning', password: 'ett långt lösenord' }).expect(201)
      ).body as Person;
      await a
        .put(`/api/v1/admin/people/${d.id}/assignments`)
        .send({ assignments: [{ role: 'admin', nodeId: 'utbildning', validFrom: null, validTo: null }] })
        .expect(200);
      delegate = request.agent(ctx.app);
      const login = await delegate.post('/api/v1/session').send({ username: 'ulla.utb', password: 'ett långt lösenord' }).expect(200);
      delegate.set('X-CSRF-Token', login.body.csrfToken as string);
    });

    it('administers her förvaltning’s part of the tree and its people, and is refused the rest (403, nothing changed)', async () => {
      await delegate.post('/api/v1/admin/nodes').send({ id: 'skolan-eken', name: 'Ekskolan', type: 'unit', parentId: 'grundskola' }).expect(201);
      const nodes = (await delegate.get('/api/v1/admin/nodes').expect(200)).body as Node[];
      expect(nodes.find((n) => n.id === 'skolan-eken')?.manageable).toBe(true);
      expect(nodes.find((n) => n.id === 'aldreomsorg')?.manageable).toBe(false);
      const teacher = (await delegate.post('/api/v1/admin/people').send({ username: 'tea.larare', displayName: 'Tea Lärare' }).expect(201)).body as Person;
      await delegate
        .put(`/api/v1/admin/people/${teacher.id}/assignments`)
        .send({ assignments: [{ role: 'medarbetare', nodeId: 'skolan-eken', validFrom: null, validTo: null }] })
        .expect(200);

      const before = await snapshot();
      await delegate.post('/api/v1/admin/nodes').send({ name: 'Intrång', type: 'unit', parentId: 'aldreomsorg' }).expect(403);
      await delegate.put('/api/v1/admin/nodes/hemtjanst-solrosen').send({ name: 'Omdöpt' }).expect(403);
      await delegate.put('/api/v1/admin/nodes/skolan-eken').send({ parentId: 'aldreomsorg' }).expect(403);
      await delegate.put('/api/v1/admin/nodes/utbildning').send({ parentId: 'socialforvaltningen' }).expect(403);
      await delegate.post('/api/v1/admin/nodes').send({ name: 'Ny rot', type: 'committee', parentId: null }).expect(403);
      await delegate.post('/api/v1/admin/roles').send({ key: 'rektor', name: 'Rektor' }).expect(403);
      await delegate
        .put(`/api/v1/admin/people/${teacher.id}/assignments`)
        .send({
          assignments: [
            { role: 'medarbetare', nodeId: 'skolan-eken', validFrom: null, validTo: null },
            { role: 'enhetschef', nodeId: 'hemtjanst-solrosen', validFrom: null, validTo: null },
          ],
        })
        .expect(403);
      const erik = await person('enhetschef');
      await delegate.get(`/api/v1/admin/people/${erik.id}`).expect(404);
      await delegate.put(`/api/v1/admin/people/${erik.id}`).send({ displayName: 'X' }).expect(404);
      await delegate
        .post(`/api/v1/admin/people/${erik.id}/substitutes`)
        .send({ substitute: 'tea.larare', validFrom: '2026-12-07', validTo: '2026-12-08' })
        .expect(404);
      expect(await snapshot()).toEqual(before);
      const people = ((await delegate.get('/api/v1/admin/people').expect(200)).body as Person[]).map((p) => p.username);
      expect(people).toContain('tea.larare');
      expect(people).toContain('ulla.utb');
      expect(people).not.toContain('enhetschef');
      // her export holds her part only
      const csv = (await delegate.get('/api/v1/admin/exports/organisation').expect(200)).body.csv as string;
      expect(csv).toContain('skolan-eken');
      expect(csv).not.toContain('aldreomsorg');
    });
  });

  describe('CSV', () => {
    it('imports the organisation and people, all or nothing; the same file again changes nothing; an export imports as no change', async () => {
      const a = await admin();
      const org = await a
        .post('/api/v1/admin/imports/organisation')
        .send({ csv: fixture('admin-organisation.csv') })
        .expect(200);
      expect(org.body).toEqual({ created: 4, updated: 0, unchanged: 0 });
      const nodes = (await a.get('/api/v1/admin/nodes').expect(200)).body as Node[];
      expect(nodes.find((n) => n.id === 'hemtjanst-omsorgsbolaget')).toMatchObject({
        name: 'Hemtjänst Omsorgsbolaget AB; LOV',
        provider: 'lov',
        parentId: 'aldreomsorg',
      });
      const people = await a
        .post('/api/v1/admin/imports/people')
        .send({ csv: fixture('admin-people.csv') })
        .expect(200);
      expect(people.body).toEqual({ created: 3, updated: 0, unchanged: 0 });
      expect((await person('lisa.larsson')).assignments).toEqual([
        { role: 'enhetschef', nodeId: 'fritidsgarden-tallen', validFrom: null, validTo: null },
        { role: 'medarbetare', nodeId: 'fritid', validFrom: '2026-01-01', validTo: '2027-12-31' },
      ]);

      const before = await snapshot();
      expect(
        (
          await a
            .post('/api/v1/admin/imports/organisation')
            .send({ csv: fixture('admin-organisation.csv') })
            .expect(200)
        ).body,
      ).toEqual({
        created: 0,
        updated: 0,
        unchanged: 4,
      });
      expect(
        (
          await a
            .post('/api/v1/admin/imports/people')
            .send({ csv: fixture('admin-people.csv') })
            .expect(200)
        ).body,
      ).toEqual({ created: 0, updated: 0, unchanged: 3 });
      const orgOut = (await a.get('/api/v1/admin/exports/organisation').expect(200)).body as { fileName: string; csv: string };
      const peopleOut = (await a.get('/api/v1/admin/exports/people').expect(200)).body as { fileName: string; csv: string };
      expect(orgOut.fileName).toBe('organisation.csv');
      expect(orgOut.csv.startsWith('\uFEFFid;namn;typ;överordnad;utförare;aktiv\r\n')).toBe(true);
      expect(peopleOut.csv).toContain('lisa.larsson;Lisa Larsson;lisa.larsson@kommun.example;ja;medarbetare;fritid;2026-01-01;2027-12-31');
      const round = await a.post('/api/v1/admin/imports/organisation').send({ csv: orgOut.csv }).expect(200);
      expect(round.body.created + round.body.updated).toBe(0);
      const roundPeople = await a.post('/api/v1/admin/imports/people').send({ csv: peopleOut.csv }).expect(200);
      expect(roundPeople.body.created + roundPeople.body.updated).toBe(0);
      // nothing changed; the two exports are in the audit log (issue 15.5)
      expect(await snapshot()).toEqual({ ...before, audit: before.audit + 2 });
    });

    it('refuses a file with bad rows as a whole: 422 naming each row and column, never the value; nothing changes', async () => {
      const a = await admin();
      const before = await snapshot();
      const orgFile = [
        'id;namn;typ;överordnad;utförare;aktiv',
        'ny-enhet;Ny enhet;enhet;aldreomsorg;;ja',
        'planeten;Planeten;planet;aldreomsorg;;ja',
        'cirkel;Cirkel;verksamhet;cirkel;;ja',
        'foralder-saknas;Hemlig Plats 7;enhet;finns-inte;kommunal;kanske',
      ].join('\n');
      const r = await a.post('/api/v1/admin/imports/organisation').send({ csv: orgFile }).expect(422);
      expect(r.body.type).toBe('/api/v1/problems/org-invalid');
      expect((r.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['rad 3, typ', 'rad 5, utförare', 'rad 5, aktiv', 'rad 4, överordnad']);
      expect(JSON.stringify(r.body)).not.toContain('Hemlig');
      const peopleFile = [
        'användarnamn;namn;e-post;aktiv;roll;nod;från;till',
        'ny.person;Ny Person;;ja;medarbetare;aldreomsorg;;',
        'fel.roll;Fel Roll;;ja;trollkarl;aldreomsorg;;',
        'fel.datum;Fel Datum;inte-en-adress;ja;medarbetare;saknas;2026-02-30;',
        'ny.person;Annat Namn;;ja;enhetschef;aldreomsorg;;',
      ].join('\r\n');
      const p = await a.post('/api/v1/admin/imports/people').send({ csv: peopleFile }).expect(422);
      expect((p.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['rad 3, roll', 'rad 4, e-post', 'rad 4, nod', 'rad 4, från', 'rad 5, namn']);
      await a.post('/api/v1/admin/imports/people').send({ csv: 'namn;roll\nX;Y' }).expect(422);
      await a.post('/api/v1/admin/imports/people').send({ csv: 'användarnamn;namn;e-post;aktiv;roll;nod;från;till\n"trasig;rad' }).expect(422);
      expect(await snapshot()).toEqual(before);
    });
  });
});
