/**
 * The log review (loggkontroll, issue 15 point 5) on the real wiring: every read path writes its
 * audit row with the client address (behind a trusted proxy: the address it forwards) and the
 * case and unit it concerns; refused reads and failed log-ins are written too; the review filters
 * by person, case, unit and period, shows reads outside the reader's units and bursts, exports
 * CSV, and audits itself; the database refuses to change or delete the log except the retention
 * job's cull of rows past AUDIT_RETENTION_MONTHS.
 */
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { apiSetups, until, useApi, type InboxTask } from '../support/api.js';
import { LEX_SARAH_REPORT as REPORT } from '../support/lexSarah.js';

const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));
const ADDRESS = { medarbetare: '203.0.113.10', enhetschef: '203.0.113.20', mas: '203.0.113.30', kvalitetsledare: '203.0.113.40' };

describe.each(apiSetups())('the audit log and its review on $name', (setup) => {
  const ctx = useApi(setup, clock, { TRUST_PROXY: 'loopback' });
  const db = () => ctx.t.db;
  /** A signed-in agent whose requests come through the trusted proxy from the person's own address. */
  const as = async (username: keyof typeof ADDRESS) => (await ctx.as(username)).set('X-Forwarded-For', ADDRESS[username]);
  const rowsOf = (actor: string, action: string) =>
    db()('audit_log').where({ actor, action }).orderBy('id').select('subject_type', 'subject_key', 'address', 'instance_key', 'case_number', 'unit_id');

  /** A lex Sarah report by the medarbetare: at her own unit, or at another one. */
  const report = async (unitId: string) => {
    const med = await as('medarbetare');
    const { body } = await med
      .post('/api/v1/process-instances')
      .send({ processId: 'lex-sarah', variables: { ...REPORT, unitId } })
      .expect(201);
    const key = body.key as string;
    const row = await until(async () => (await db()('case').where({ process_instance_key: key }).first('case_number')) as { case_number: string } | undefined);
    return { key, caseNumber: row.case_number };
  };
  let own: Awaited<ReturnType<typeof report>> & { task: InboxTask };

  beforeAll(async () => {
    const reported = await report('hemtjanst-solrosen');
    own = { ...reported, task: await ctx.taskFor('enhetschef', reported.key, 'Task_ImmediateMeasures') };
  });

  it('writes a row with the client address and the case for each read path: task list, task, its form and context, the instance, an export', async () => {
    const chef = await as('enhetschef');
    await chef.get('/api/v1/tasks').expect(200);
    await chef.get(`/api/v1/tasks/${own.task.key}`).expect(200);
    await chef.get(`/api/v1/tasks/${own.task.key}/form`).expect(200);
    await chef.get(`/api/v1/tasks/${own.task.key}/context`).expect(200);
    await chef.get(`/api/v1/process-instances/${own.key}`).expect(200);
    const theCase = { address: ADDRESS.enhetschef, instance_key: own.key, case_number: own.caseNumber, unit_id: 'hemtjanst-solrosen' };
    expect((await rowsOf('enhetschef', 'list')).at(-1)).toMatchObject({ subject_type: 'task', address: ADDRESS.enhetschef });
    for (const action of ['read', 'read-form', 'read-context'])
      expect((await rowsOf('enhetschef', action)).filter((r) => r.subject_type === 'task').at(-1), action).toEqual({
        subject_type: 'task',
        subject_key: own.task.key,
        ...theCase,
      });
    expect((await rowsOf('enhetschef', 'read')).filter((r) => r.subject_type === 'process-instance').at(-1)).toEqual({
      subject_type: 'process-instance',
      subject_key: own.key,
      ...theCase,
    });
    // an export of the organisation (admin) is a row too
    const admin = (await ctx.as('admin')).set('X-Forwarded-For', '203.0.113.99');
    await admin.get('/api/v1/admin/exports/people').expect(200);
    expect((await rowsOf('admin', 'export')).at(-1)).toMatchObject({ subject_type: 'app_user', address: '203.0.113.99' });
  });

  it('writes refused reads (by a role rule and by a case outside the unit) and failed log-ins, with the address', async () => {
    await (await as('medarbetare')).get('/api/v1/audit-log').expect(403);
    expect((await rowsOf('medarbetare', 'read-refused')).at(-1)).toMatchObject({
      subject_type: 'route',
      subject_key: 'listAuditLog',
      address: ADDRESS.medarbetare,
    });
    await ctx.services.org.ensureUser('annanstans', 'Alva Annanstans', 'demo', [{ role: 'enhetschef', nodeId: 'vobo-linden' }]);
    const elsewhere = (await ctx.as('annanstans')).set('X-Forwarded-For', '203.0.113.50');
    await elsewhere.get(`/api/v1/process-instances/${own.key}`).expect(403);
    expect((await rowsOf('annanstans', 'read-refused')).at(-1)).toEqual({
      subject_type: 'process-instance',
      subject_key: own.key,
      address: '203.0.113.50',
      instance_key: own.key,
      case_number: own.caseNumber,
      unit_id: 'hemtjanst-solrosen',
    });
    await request(ctx.app).post('/api/v1/session').set('X-Forwarded-For', '198.51.100.7').send({ username: 'mas', password: 'fel' }).expect(401);
    const failed = await db()('audit_log').where({ action: 'login-failed', subject_key: 'mas' }).orderBy('id', 'desc').first('actor', 'address');
    expect(failed).toEqual({ actor: 'anonym', address: '198.51.100.7' });
  });

  it('filters by person, case, unit and period within the reviewer’s part; audits the review; refuses those who do not review', async () => {
    const mas = await as('mas');
    const byPerson = await mas.get('/api/v1/audit-log').query({ person: 'enhetschef', caseNumber: own.caseNumber }).expect(200);
    expect(byPerson.body.items.length).toBeGreaterThanOrEqual(4);
    expect(byPerson.body.items.every((e: { actor: string; caseNumber: string }) => e.actor === 'enhetschef' && e.caseNumber === own.caseNumber)).toBe(true);
    expect(byPerson.body.items[0]).toMatchObject({ actorName: 'Erik Enhetschef', unitName: 'Hemtjänst Solrosen', address: ADDRESS.enhetschef });
    // a unit with the units below: äldreomsorg holds Solrosen; funktionsstöd does not
    expect((await mas.get('/api/v1/audit-log').query({ unitId: 'aldreomsorg', person: 'enhetschef' }).expect(200)).body.items.length).toBeGreaterThan(0);
    expect((await mas.get('/api/v1/audit-log').query({ unitId: 'funktionsstod' }).expect(200)).body.items).toEqual([]);
    // a period: today has the reads, last year nothing
    expect(
      (await mas.get('/api/v1/audit-log').query({ person: 'enhetschef', from: '2027-03-25', to: '2027-03-25' }).expect(200)).body.items.length,
    ).toBeGreaterThan(0);
    expect((await mas.get('/api/v1/audit-log').query({ person: 'enhetschef', from: '2026-01-01', to: '2026-12-31' }).expect(200)).body.items).toEqual([]);
    // paging on the server
    const page = await mas.get('/api/v1/audit-log').query({ pageSize: 2 }).expect(200);
    expect(page.body).toMatchObject({ page: 1, pageSize: 2, hasMore: true });
    expect(page.body.items).toHaveLength(2);
    // the review itself is in the log, with its filters (ids only)
    const reviewed = await db()('audit_log').where({ actor: 'mas', action: 'audit.review' }).orderBy('id').first('detail', 'address');
    expect(reviewed).toMatchObject({ address: ADDRESS.mas, detail: { person: 'enhetschef', caseNumber: own.caseNumber } });
    // the enhetschef reviews her unit's cases only: no log-ins, nothing of other units
    const chefView = await (await as('enhetschef')).get('/api/v1/audit-log').query({ pageSize: 200 }).expect(200);
    expect(chefView.body.items.length).toBeGreaterThan(0);
    expect(chefView.body.items.every((e: { unitId: string | null }) => e.unitId === 'hemtjanst-solrosen')).toBe(true);
    // admin administers and reviews nothing
    await (await ctx.as('admin')).get('/api/v1/audit-log').expect(403);
  });

  it('shows reads of a case outside the reader’s units that day, and of her own case', async () => {
    // the medarbetare (Solrosen) reports about Linden and reads her report: outside her unit, her own case
    const other = await report('vobo-linden');
    await (await as('medarbetare')).get(`/api/v1/process-instances/${other.key}`).expect(200);
    await (await as('medarbetare')).get(`/api/v1/process-instances/${own.key}`).expect(200);
    const mas = await as('mas');
    const outside = await mas.get('/api/v1/audit-log').query({ view: 'outside-unit', pageSize: 200 }).expect(200);
    const outsideCases = outside.body.items.map((e: { actor: string; caseNumber: string }) => `${e.actor} ${e.caseNumber}`);
    expect(outsideCases).toContain(`medarbetare ${other.caseNumber}`);
    expect(outsideCases).not.toContain(`medarbetare ${own.caseNumber}`);
    expect(outsideCases.some((c: string) => c.startsWith('enhetschef '))).toBe(false);
    const ownCase = await mas.get('/api/v1/audit-log').query({ view: 'own-case', person: 'medarbetare', pageSize: 200 }).expect(200);
    expect(new Set(ownCase.body.items.map((e: { caseNumber: string }) => e.caseNumber))).toEqual(new Set([own.caseNumber, other.caseNumber]));
  });

  it('finds bursts: many distinct cases read by one person within a short window', async () => {
    const more = [await report('hemtjanst-solrosen'), await report('hemtjanst-solrosen')];
    const chef = await as('enhetschef');
    for (const c of [own, ...more]) await chef.get(`/api/v1/process-instances/${c.key}`).expect(200);
    const kl = await as('kvalitetsledare');
    const { body } = await kl.get('/api/v1/audit-log/bursts').query({ minCases: 3, windowMinutes: 10 }).expect(200);
    const burst = body.items.find((b: { actor: string }) => b.actor === 'enhetschef');
    expect(burst).toMatchObject({ actorName: 'Erik Enhetschef' });
    expect(burst.cases).toBeGreaterThanOrEqual(3);
    // one reader of one case is no burst
    expect(body.items.find((b: { actor: string }) => b.actor === 'annanstans')).toBeUndefined();
    expect(await db()('audit_log').where({ actor: 'kvalitetsledare', action: 'audit.review', subject_key: 'bursts' }).first('address')).toEqual({
      address: ADDRESS.kvalitetsledare,
    });
  });

  it('exports the filtered log as CSV and audits the export', async () => {
    const mas = await as('mas');
    const r = await mas.get('/api/v1/audit-log/export').query({ person: 'enhetschef', caseNumber: own.caseNumber }).expect(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    expect(r.headers['content-disposition']).toContain('loggkontroll.csv');
    const lines = r.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('tid;person;namn;handling;objekttyp;objekt;adress;ärende;instans;enhet;enhetsnamn');
    expect(lines.length - 1).toBe(Number(r.headers['x-row-count']));
    expect(lines.slice(1).every((l) => l.includes(';enhetschef;') && l.includes(own.caseNumber))).toBe(true);
    const exported = await db()('audit_log').where({ actor: 'mas', action: 'audit.export' }).orderBy('id', 'desc').first('detail', 'address');
    expect(exported).toMatchObject({ address: ADDRESS.mas, detail: { person: 'enhetschef', count: lines.length - 1, truncated: false } });
    // no row of the log carries what the report says
    expect(JSON.stringify(await db()('audit_log').select('subject_key', 'detail'))).not.toContain(String(REPORT.description));
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the log in the database', async () => {
    const row = await db()('audit_log').orderBy('id').first('id');
    await expect(db()('audit_log').where({ id: row!.id }).update({ actor: 'någon annan' })).rejects.toThrow(/audit_log kan inte ändras/);
    await expect(db()('audit_log').where({ id: row!.id }).delete()).rejects.toThrow(/audit_log kan inte ändras/);
    await expect(db().raw('truncate audit_log')).rejects.toThrow(/audit_log kan inte ändras/);
    // a cut-off set in one transaction lets only older rows go, and only there
    await expect(
      db().transaction(async (tx) => {
        await tx.raw("select set_config('kvh.audit_cull_before', '2000-01-01T00:00:00Z', true)");
        await tx('audit_log').where({ id: row!.id }).delete();
      }),
    ).rejects.toThrow(/audit_log kan inte ändras/);
    expect(await db()('audit_log').where({ id: row!.id }).first('id')).toEqual(row);
  });

  it('culls rows older than AUDIT_RETENTION_MONTHS in the retention run, and only those', async () => {
    const now = clock.now();
    const old = new Date('2025-03-01T12:00:00Z');
    const kept = new Date('2025-04-01T12:00:00Z');
    await db()('audit_log').insert([
      { at: old, actor: 'gammal', action: 'read', subject_type: 'process-instance', subject_key: '1' },
      { at: kept, actor: 'gammal', action: 'read', subject_type: 'process-instance', subject_key: '2' },
    ]);
    const before = Number((await db()('audit_log').where('at', '>=', kept).count<{ n: string }[]>({ n: '*' }))[0]!.n);
    const counts = await ctx.services.retention.run(now);
    expect(counts.tables.audit_log).toBe(1);
    expect(await db()('audit_log').where({ actor: 'gammal' }).select('subject_key')).toEqual([{ subject_key: '2' }]);
    // every newer row is still there, and the run itself is audited
    expect(Number((await db()('audit_log').where('at', '>=', kept).count<{ n: string }[]>({ n: '*' }))[0]!.n)).toBe(before + 1);
  });
});
