/**
 * The process map as a tree (issue 14 point 3): lednings-, huvud- and stödprocesser → process →
 * sub-process → activity → routine, with the owner named at each level. A process's children
 * are the processes placed under it (its record's parent); a process only ever called from
 * others (and placed under none) is flagged `calledOnly` with its callers, so the map draws it
 * inside their steps rather than beside them. Activities come from the model the map shows —
 * the deployed version of an executable process, else the newest adopted version, else the
 * draft for those who may read it — in the order the flows run them; an activity's owner is its
 * user task's candidate groups, else its lane, else the process's owner.
 */
import type { Db } from '../../db/index.js';
import { parseBpmn, type ProcessModel } from '../../engine/model.js';
import type { ProcessEngine } from '../../engine/port.js';
import { sha } from '../../engine/resources.js';
import { catalogueEntry, performedBy, type ProcessGroup } from '../processes/catalogue.js';
import type { DefinitionModels } from '../processes/models.js';
import type { User } from '../org/index.js';
import { may } from '../policy.js';
import { ACTIVITY_TYPES } from '../routines/index.js';
import { activitiesInOrder, loadProcessRecords, type ProcessRecord } from './register.js';

export interface MapRoutine {
  id: string;
  title: string;
  kind: string;
  reviewOverdue: boolean;
}
export interface MapActivity {
  elementId: string;
  name: string | null;
  type: string;
  /** The embedded sub-process it is inside, if any. */
  scopeId: string | null;
  /** Who performs it (the owner at this level). */
  role: string;
  /** The process a call activity calls. */
  calls: string | null;
  routines: MapRoutine[];
}
export interface MapProcess extends Omit<ProcessRecord, 'createdAt' | 'updatedAt' | 'createdBy'> {
  /** The version the map shows (null: none the user may read yet). */
  version: { number: number; state: string } | null;
  adoptedOn: string | null;
  calledBy: string[];
  calledOnly: boolean;
  childIds: string[];
  activities: MapActivity[];
}
export interface ProcessMap {
  levels: { kind: ProcessGroup; processIds: string[] }[];
  processes: MapProcess[];
}

const KINDS: ProcessGroup[] = ['ledning', 'huvud', 'stod'];

/** Parsed models of stored versions, by checksum (a version's XML never changes once adopted). */
const parsed = new Map<string, Promise<ProcessModel | undefined>>();
function parseVersion(xml: string, processId: string): Promise<ProcessModel | undefined> {
  const key = `${processId}:${sha(xml)}`;
  let p = parsed.get(key);
  if (!p) {
    p = parseBpmn(xml)
      .then((ms) => ms.find((m) => m.processId === processId))
      .catch(() => undefined);
    parsed.set(key, p);
    if (parsed.size > 200) parsed.delete(parsed.keys().next().value!);
  }
  return p;
}

/** The lane of each flow node (lanes are how drawing tools name who does a step). */
function lanesOf(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const lane of xml.matchAll(/<(?:\w+:)?lane\b[^>]*?\bname="([^"]*)"[^>]*>([\s\S]*?)<\/(?:\w+:)?lane>/g)) {
    for (const ref of lane[2]!.matchAll(/<(?:\w+:)?flowNodeRef>\s*([^<\s]+)\s*<\/(?:\w+:)?flowNodeRef>/g)) out.set(ref[1]!, lane[1]!);
  }
  return out;
}

interface VersionRow {
  process_id: string;
  number: number;
  state: string;
  xml: string;
  decision_date: string | null;
}

/** The versions the map may show, per process: the published one, the newest adopted, the open draft. */
async function versionsByProcess(db: Db): Promise<Map<string, VersionRow[]>> {
  const rows = await db('process_version')
    .orderBy([
      { column: 'process_id', order: 'asc' },
      { column: 'number', order: 'desc' },
    ])
    .select<VersionRow[]>('process_id', 'number', 'state', 'xml', db.raw("to_char(decision_date, 'YYYY-MM-DD') as decision_date"));
  const out = new Map<string, VersionRow[]>();
  for (const r of rows) out.set(r.process_id, [...(out.get(r.process_id) ?? []), r]);
  return out;
}

/** The routines in force of every activity, by process and element (one query). */
async function routinesByElement(db: Db, today: string): Promise<Map<string, MapRoutine[]>> {
  const rows = await db('routine as r')
    .join('routine_link as l', 'l.routine_id', 'r.id')
    .whereNotNull('r.adopted_on')
    .orderBy([{ column: 'r.title' }, { column: 'r.id' }])
    .select<{ id: string; title: string; kind: string; next_review_on: unknown; process_id: string; element_id: string }[]>(
      'r.id',
      'r.title',
      'r.kind',
      db.raw("to_char(r.next_review_on, 'YYYY-MM-DD') as next_review_on"),
      'l.process_id',
      'l.element_id',
    );
  const out = new Map<string, MapRoutine[]>();
  for (const r of rows) {
    const key = `${r.process_id}\n${r.element_id}`;
    const overdue = typeof r.next_review_on === 'string' && r.next_review_on < today;
    out.set(key, [...(out.get(key) ?? []), { id: r.id, title: r.title, kind: r.kind, reviewOverdue: overdue }]);
  }
  return out;
}

/** Builds the map for `user` (drafts only for those who may read them). */
export async function buildProcessMap(db: Db, engine: ProcessEngine, models: DefinitionModels, user: User, today: string): Promise<ProcessMap> {
  const [records, definitions, versions, routines] = await Promise.all([
    loadProcessRecords(db),
    engine.listProcessDefinitions(),
    versionsByProcess(db),
    routinesByElement(db, today),
  ]);
  const deployed = new Map(definitions.map((d) => [d.processId, d]));
  // a process deployed by hand without a record is on the map with the catalogue's defaults
  const all: ProcessRecord[] = [...records];
  for (const d of definitions) {
    if (records.some((r) => r.processId === d.processId)) continue;
    const c = catalogueEntry(d.processId);
    const at = new Date(0);
    all.push({
      processId: d.processId,
      name: d.name ?? d.processId,
      kind: c.group,
      parentId: null,
      ownerRole: c.ownerRole,
      leaderRole: null,
      executable: true,
      position: 0,
      description: '',
      origin: 'created',
      createdBy: 'deployment',
      createdAt: at,
      updatedAt: at,
    });
  }
  const nodes = await Promise.all(
    all.map(async (r) => {
      const vs = versions.get(r.processId) ?? [];
      const published = vs.find((v) => v.state === 'published');
      const adopted = vs.find((v) => v.state === 'adopted' || v.state === 'published' || v.state === 'superseded');
      const open = vs.find((v) => v.state === 'draft' || v.state === 'review');
      const def = r.executable ? deployed.get(r.processId) : undefined;
      const readsOpen = open && may(user, 'processVersion.read', { processId: r.processId, state: open.state, reviewers: [] });
      const shown = def ? published : (adopted ?? (readsOpen ? open : undefined));
      let xml: string | undefined;
      let model: ProcessModel | undefined;
      if (def) {
        model = await models.model(def.key, r.processId);
        xml = published?.xml ?? (await engine.getProcessDefinitionXml(def.key));
      } else if (shown) {
        xml = shown.xml;
        model = await parseVersion(shown.xml, r.processId);
      }
      const lanes = xml ? lanesOf(xml) : new Map<string, string>();
      const activities: MapActivity[] = model
        ? activitiesInOrder(model).map((id) => {
            const e = model.elements.get(id)!;
            const role = performedBy(e.userTask?.candidateGroups, lanes.get(id) ?? r.ownerRole);
            return {
              elementId: id,
              name: e.name ?? null,
              type: e.type,
              scopeId: e.scopeId ?? null,
              role,
              calls: e.calledElement?.processId && !e.calledElement.processId.startsWith('=') ? e.calledElement.processId : null,
              routines: routines.get(`${r.processId}\n${id}`) ?? [],
            };
          })
        : [];
      return {
        ...r,
        version: shown ? { number: Number(shown.number), state: shown.state } : def ? { number: def.version, state: 'published' } : null,
        adoptedOn: (published ?? adopted)?.decision_date ?? null,
        activities: activities.filter((a) => ACTIVITY_TYPES.has(a.type)),
      };
    }),
  );
  const calledBy = new Map<string, string[]>();
  for (const n of nodes) for (const a of n.activities) if (a.calls) calledBy.set(a.calls, [...new Set([...(calledBy.get(a.calls) ?? []), n.processId])]);
  const order = (a: { position: number; name: string }, b: { position: number; name: string }) => a.position - b.position || a.name.localeCompare(b.name, 'sv');
  const processes: MapProcess[] = nodes.map(({ createdAt: _c, updatedAt: _u, createdBy: _b, ...n }) => {
    const callers = calledBy.get(n.processId) ?? [];
    return {
      ...n,
      calledBy: callers,
      calledOnly: !n.parentId && callers.length > 0 && catalogueEntry(n.processId).startableBy === 'called',
      childIds: nodes
        .filter((c) => c.parentId === n.processId)
        .sort(order)
        .map((c) => c.processId),
    };
  });
  processes.sort(order);
  return {
    levels: KINDS.map((kind) => ({ kind, processIds: processes.filter((p) => p.kind === kind && !p.parentId).map((p) => p.processId) })),
    processes,
  };
}
