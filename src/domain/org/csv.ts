/**
 * CSV import and export of the organisation and of people with their role assignments (issue 15
 * point 1), with csv-parse and csv-stringify. Semicolon-separated with a byte-order mark, as
 * Swedish Excel reads and writes it (a comma-separated file is read too). An import checks the
 * whole file first: any bad row is a 422 naming each row (the file's line) and column, never the
 * value, and nothing changes; else it is written in one transaction. Rows are matched by node id
 * and username, so importing the same file again changes nothing. For a person, the file's rows
 * are all their assignments. The format: docs/admin-import.md, test/api/fixtures/*.csv.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Knex } from 'knex';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import { ForbiddenError, OrgInvalidError, type FieldError } from '../../errors.js';
import { audit } from '../audit/index.js';
import { may } from '../policy.js';
import { calendarDate } from './dates.js';
import type { NodeType, OrgService, Provider, User } from './index.js';
import { diff, NO_PASSWORD, People, visible, writeAssignments, type Assignment, type Person } from './people.js';
import { administers, lineageIn, placedNodes, placementErrors, rootReach, TYPE_NAMES, type PlacedNode } from './tree.js';

const ORG_COLUMNS = ['id', 'namn', 'typ', 'överordnad', 'utförare', 'aktiv'] as const;
const PEOPLE_COLUMNS = ['användarnamn', 'namn', 'e-post', 'aktiv', 'roll', 'nod', 'från', 'till'] as const;
/** What an import did. */
export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}
/** An exported file. */
export interface CsvFile {
  fileName: string;
  csv: string;
}

type Row<C extends readonly string[]> = { line: number; v: Record<C[number], string> };
const TYPES = new Map<string, NodeType>([...Object.entries(TYPE_NAMES).map(([k, v]) => [v, k as NodeType] as const), ['verksamhetsområde', 'area']]);
const PROVIDERS = new Map<string, Provider | null>([
  ['', null],
  ['lov', 'lov'],
  ['avtal', 'contract'],
]);
const PROVIDER_NAMES: Record<Provider, string> = { lov: 'LOV', contract: 'avtal' };
const yes = (s: string): boolean | undefined => (s === '' || s === 'ja' ? true : s === 'nej' ? false : undefined);
const NODE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const USERNAME = /^[a-z0-9][a-z0-9._@-]{0,99}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;
/** Placement errors name the API's fields; the file's columns are these. */
const COLUMN_OF: Record<string, string> = { parentId: 'överordnad', type: 'typ', provider: 'utförare', active: 'aktiv' };
const at = (line: number, column: string) => `rad ${line}, ${column}`;

/** The file's rows under its header, or a 422 for a file that cannot be read or lacks a column. */
function readCsv<C extends readonly string[]>(text: string, columns: C): Row<C>[] {
  const body = text.replace(/^\uFEFF/, '');
  const header = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = header.includes(';') ? ';' : ',';
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    // with `info`, each record comes with where it was read (csv-parse's types do not say so)
    const raw: unknown = parse(body, {
      delimiter,
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      info: true,
      trim: true,
      skip_empty_lines: true,
    });
    records = raw as typeof records;
  } catch (e) {
    const line = typeof (e as { lines?: unknown }).lines === 'number' ? (e as { lines: number }).lines : 1;
    throw new OrgInvalidError('Filen kan inte läsas som CSV; inget ändrades', [
      { field: `rad ${line}`, message: 'raden kan inte läsas (citattecken eller antal kolumner)' },
    ]);
  }
  const names = header.split(delimiter).map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  const missing = columns.filter((c) => !names.includes(c));
  const extra = names.filter((n) => !(columns as readonly string[]).includes(n));
  if (missing.length || extra.length)
    throw new OrgInvalidError('Filens rubrikrad stämmer inte; inget ändrades', [
      ...missing.map((c) => ({ field: 'rad 1', message: `kolumnen ${c} saknas` })),
      ...extra.map(() => ({ field: 'rad 1', message: 'en kolumn som inte hör till formatet' })),
    ]);
  if (!records.length) throw new OrgInvalidError('Filen har inga rader; inget ändrades', [{ field: 'rad 2', message: 'filen har bara en rubrikrad' }]);
  return records.map((r) => ({ line: r.info.lines, v: r.record as Record<C[number], string> }));
}

/** The file, with a byte-order mark (Excel then reads UTF-8). */
const write = (columns: readonly string[], rows: string[][]): string =>
  stringify(rows, { header: true, columns: [...columns], delimiter: ';', bom: true, record_delimiter: 'windows' });

/** Import and export of the organisation and of people. */
export class OrgCsv {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly org: OrgService,
    private readonly people: People,
  ) {}

  /** The nodes the user administers, parents before children. */
  async exportOrganisation(user: User): Promise<CsvFile> {
    const nodes = await placedNodes(this.org);
    const mine = [...nodes.values()].filter((n) => administers(user, nodes, n.id));
    mine.sort((a, b) => lineageIn(nodes, a.id).length - lineageIn(nodes, b.id).length || a.id.localeCompare(b.id));
    const rows = mine.map((n) => [n.id, n.name, TYPE_NAMES[n.type], n.parentId ?? '', n.provider ? PROVIDER_NAMES[n.provider] : '', n.active ? 'ja' : 'nej']);
    await audit(this.db, this.clock.now(), user.username, 'export', 'org_node', 'csv', { rows: rows.length });
    return { fileName: 'organisation.csv', csv: write(ORG_COLUMNS, rows) };
  }

  /** The people the user administers, a row per assignment (a row without role and node for a person with none). */
  async exportPeople(user: User): Promise<CsvFile> {
    const rows = (await this.people.list(user)).flatMap((p) => {
      const person = [p.username, p.displayName, p.email ?? '', p.active ? 'ja' : 'nej'];
      if (!p.assignments.length) return [[...person, '', '', '', '']];
      return p.assignments.map((a) => [...person, a.role, a.nodeId, a.validFrom ?? '', a.validTo ?? '']);
    });
    await audit(this.db, this.clock.now(), user.username, 'export', 'app_user', 'csv', { rows: rows.length });
    return { fileName: 'personer.csv', csv: write(PEOPLE_COLUMNS, rows) };
  }

  /** Creates and updates nodes by id from the file (all or nothing). */
  async importOrganisation(user: User, text: string): Promise<ImportResult> {
    const rows = readCsv(text, ORG_COLUMNS);
    const current = await placedNodes(this.org);
    const proposed = new Map(current);
    const errors: FieldError[] = [];
    const parsed: { line: number; node: PlacedNode }[] = [];
    const lineOf = new Map<string, number>();
    for (const { line, v } of rows) {
      const before = errors.length;
      if (!NODE_ID.test(v.id)) errors.push({ field: at(line, 'id'), message: 'små bokstäver a–z, siffror och bindestreck, högst 63 tecken' });
      else if (lineOf.has(v.id)) errors.push({ field: at(line, 'id'), message: `samma id som rad ${lineOf.get(v.id)}` });
      if (!v.namn || v.namn.length > 200) errors.push({ field: at(line, 'namn'), message: 'krävs, högst 200 tecken' });
      const type = TYPES.get(v.typ.toLowerCase());
      if (!type) errors.push({ field: at(line, 'typ'), message: 'nämnd, förvaltning, verksamhet eller enhet' });
      const provider = PROVIDERS.get(v.utförare.toLowerCase());
      if (provider === undefined) errors.push({ field: at(line, 'utförare'), message: 'tomt, LOV eller avtal' });
      const active = yes(v.aktiv.toLowerCase());
      if (active === undefined) errors.push({ field: at(line, 'aktiv'), message: 'ja eller nej' });
      if (v.överordnad && !NODE_ID.test(v.överordnad)) errors.push({ field: at(line, 'överordnad'), message: 'ett nod-id' });
      lineOf.set(v.id, line);
      if (errors.length > before) continue;
      const node: PlacedNode = { id: v.id, name: v.namn, type: type!, parentId: v.överordnad || null, active: active!, provider: provider! };
      parsed.push({ line, node });
      proposed.set(node.id, node);
    }
    for (const { line, node } of parsed) {
      for (const e of placementErrors(proposed, node)) errors.push({ field: at(line, COLUMN_OF[e.field] ?? e.field), message: e.message });
    }
    if (errors.length) throw new OrgInvalidError('Filen har fel; inget ändrades', errors);
    const changed = parsed.filter(({ node }) => {
      const was = current.get(node.id);
      return !was || (Object.keys(node) as (keyof PlacedNode)[]).some((k) => node[k] !== was[k]);
    });
    const refused = changed.filter(({ node }) => {
      const lineages = [node.parentId === null && !current.has(node.id) ? rootReach(current)[0]! : lineageIn(proposed, node.id)];
      if (current.has(node.id)) lineages.push(lineageIn(current, node.id));
      return !may(user, 'org.manage', { lineages });
    });
    if (refused.length)
      throw new ForbiddenError(
        'Filen ändrar noder utanför den del du administrerar; inget ändrades',
        refused.map(({ line }) => ({ field: at(line, 'id'), message: 'utanför den del du administrerar' })),
      );
    if (changed.length) {
      const depth = (id: string) => lineageIn(proposed, id).length;
      changed.sort((a, b) => depth(a.node.id) - depth(b.node.id));
      await this.db.transaction(async (tx) => {
        for (const { node: n } of changed) {
          await tx('org_node')
            .insert({ id: n.id, name: n.name, type: n.type, parent_id: n.parentId, provider: n.provider, active: n.active })
            .onConflict('id')
            .merge(['name', 'type', 'parent_id', 'provider', 'active']);
        }
        await audit(tx, this.clock.now(), user.username, 'org.imported', 'org_node', 'csv', {
          created: changed.filter(({ node }) => !current.has(node.id)).map(({ node }) => node.id),
          updated: changed.filter(({ node }) => current.has(node.id)).map(({ node }) => node.id),
        });
      });
    }
    const created = changed.filter(({ node }) => !current.has(node.id)).length;
    return { created, updated: changed.length - created, unchanged: parsed.length - changed.length };
  }

  /** Creates and updates people by username, and sets each one's assignments to the file's rows (all or nothing). */
  async importPeople(user: User, text: string): Promise<ImportResult> {
    const rows = readCsv(text, PEOPLE_COLUMNS);
    const nodes = await placedNodes(this.org);
    const roles = new Set((await this.db('role').select('key')).map((r) => r.key));
    const existing = new Map((await this.people.load()).map((p) => [p.username, p]));
    const errors: FieldError[] = [];
    const wanted = new Map<string, { line: number; person: Omit<Person, 'id' | 'substitutes'> }>();
    const seen = new Map<string, number>();
    for (const { line, v } of rows) {
      const before = errors.length;
      const username = v.användarnamn.toLowerCase();
      if (!USERNAME.test(username)) errors.push({ field: at(line, 'användarnamn'), message: 'a–z, siffror och . _ @ -, högst 100 tecken' });
      if (!v.namn || v.namn.length > 200) errors.push({ field: at(line, 'namn'), message: 'krävs, högst 200 tecken' });
      if (v['e-post'] && (v['e-post'].length > 254 || !EMAIL.test(v['e-post']))) errors.push({ field: at(line, 'e-post'), message: 'en e-postadress' });
      const active = yes(v.aktiv.toLowerCase());
      if (active === undefined) errors.push({ field: at(line, 'aktiv'), message: 'ja eller nej' });
      else if (!active && username === user.username) errors.push({ field: at(line, 'aktiv'), message: 'du kan inte avaktivera dig själv' });
      const assignment = this.assignmentOf(line, v, roles, nodes, existing.get(username), errors);
      if (assignment) {
        const k = `${username} ${assignment.role}@${assignment.nodeId}`;
        if (seen.has(k)) errors.push({ field: at(line, 'roll'), message: `samma person, roll och nod som rad ${seen.get(k)}` });
        seen.set(k, line);
      }
      if (errors.length > before) continue;
      const person = { username, displayName: v.namn, email: v['e-post'] || null, active: active! };
      const got = wanted.get(username);
      if (!got) wanted.set(username, { line, person: { ...person, assignments: assignment ? [assignment] : [] } });
      else if (got.person.displayName !== person.displayName || got.person.email !== person.email || got.person.active !== person.active)
        errors.push({ field: at(line, 'namn'), message: `namn, e-post och aktiv skiljer sig från rad ${got.line}` });
      else if (assignment) got.person.assignments.push(assignment);
    }
    if (errors.length) throw new OrgInvalidError('Filen har fel; inget ändrades', errors);
    const changes = [...wanted.values()].map(({ line, person }) => {
      const was = existing.get(person.username);
      const fields = !was || was.displayName !== person.displayName || was.email !== person.email || was.active !== person.active;
      const d = diff(was?.assignments ?? [], person.assignments);
      return { line, person, was, fields, d, changed: fields || d.added.length > 0 || d.removed.length > 0 };
    });
    const changed = changes.filter((c) => c.changed);
    const refused = changed.filter((c) => {
      const lineages = [...c.d.added, ...c.d.removed].map((a) => lineageIn(nodes, a.nodeId));
      if (c.was && c.fields) lineages.push(...c.was.assignments.map((a) => lineageIn(nodes, a.nodeId)));
      return !may(user, 'org.manage', { lineages }) || (c.was !== undefined && !visible(user, nodes, c.was));
    });
    if (refused.length)
      throw new ForbiddenError(
        'Filen ändrar personer utanför den del du administrerar; inget ändrades',
        refused.map(({ line }) => ({ field: at(line, 'användarnamn'), message: 'utanför den del du administrerar' })),
      );
    if (changed.length) await this.db.transaction((tx) => this.writePeople(tx, user, changed));
    const created = changed.filter((c) => !c.was).length;
    return { created, updated: changed.length - created, unchanged: changes.length - changed.length };
  }

  /** The row's assignment (none when role and node are empty), or undefined with its errors added. */
  private assignmentOf(
    line: number,
    v: Record<(typeof PEOPLE_COLUMNS)[number], string>,
    roles: Set<string>,
    nodes: ReadonlyMap<string, PlacedNode>,
    was: Person | undefined,
    errors: FieldError[],
  ): Assignment | undefined {
    if (!v.roll && !v.nod && !v.från && !v.till) return undefined;
    const n = errors.length;
    if (!roles.has(v.roll)) errors.push({ field: at(line, 'roll'), message: 'rollen finns inte i rollistan' });
    const node = nodes.get(v.nod);
    const kept = was?.assignments.some((a) => a.role === v.roll && a.nodeId === v.nod);
    if (!node) errors.push({ field: at(line, 'nod'), message: 'ingen sådan nod' });
    else if (!node.active && !kept) errors.push({ field: at(line, 'nod'), message: 'noden är avaktiverad' });
    const from = v.från ? calendarDate(v.från) : null;
    const to = v.till ? calendarDate(v.till) : null;
    if (from === undefined) errors.push({ field: at(line, 'från'), message: 'ett datum ÅÅÅÅ-MM-DD' });
    if (to === undefined) errors.push({ field: at(line, 'till'), message: 'ett datum ÅÅÅÅ-MM-DD' });
    if (from && to && to < from) errors.push({ field: at(line, 'till'), message: 'slutar före första dagen' });
    return errors.length > n ? undefined : { role: v.roll, nodeId: v.nod, validFrom: from ?? null, validTo: to ?? null };
  }

  private async writePeople(
    tx: Knex.Transaction,
    user: User,
    changed: { person: Omit<Person, 'id' | 'substitutes'>; was: Person | undefined; fields: boolean }[],
  ): Promise<void> {
    const ids: number[] = [];
    for (const { person: p, was, fields } of changed) {
      let id = was?.id;
      if (!id) {
        const [row] = await tx('app_user')
          .insert({ username: p.username, display_name: p.displayName, email: p.email, active: p.active, password_hash: NO_PASSWORD })
          .returning('id');
        id = row!.id;
      } else if (fields) {
        await tx('app_user').where({ id }).update({ display_name: p.displayName, email: p.email, active: p.active });
        if (!p.active) await tx('user_session').where({ user_id: id }).delete();
      }
      await writeAssignments(tx, id, was?.assignments ?? [], p.assignments);
      ids.push(id);
    }
    await audit(tx, this.clock.now(), user.username, 'org.people.imported', 'app_user', 'csv', { users: ids });
  }
}
