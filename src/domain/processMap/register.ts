/**
 * The process records (process_record): seeding the bundled processes from the catalogue, and
 * handing the records to the catalogue, whose group and owner role the policies read
 * (processes/catalogue.ts). A bundled process is placed under the one process that calls it
 * when it is only ever called (the huvudprocess's steps, an årshjul's task), in the order its
 * caller runs it; everything else sits at the top of its kind. Seeding never overwrites what
 * the organisation has changed since (insert … on conflict do nothing).
 */
import type { ProcessRecordRow } from '../../db/tables.js';
import type { Db } from '../../db/index.js';
import type { DeployResource } from '../../engine/port.js';
import { parseBpmn, type ProcessModel } from '../../engine/model.js';
import { PROCESS_CATALOGUE, useProcessRecords, type ProcessGroup } from '../processes/catalogue.js';
import { ACTIVITY_TYPES } from '../routines/index.js';

/** Who seeded a bundled record. */
const INSTALLATION = 'införande';

/** A process on the map, as the API shows its record. */
export interface ProcessRecord {
  processId: string;
  name: string;
  kind: ProcessGroup;
  parentId: string | null;
  ownerRole: string;
  leaderRole: string | null;
  executable: boolean;
  position: number;
  description: string;
  origin: ProcessRecordRow['origin'];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A row as a record. */
export const toProcessRecord = (r: ProcessRecordRow): ProcessRecord => ({
  processId: r.process_id,
  name: r.name,
  kind: r.kind,
  parentId: r.parent_id,
  ownerRole: r.owner_role,
  leaderRole: r.leader_role,
  executable: !!r.executable,
  position: Number(r.position),
  description: r.description,
  origin: r.origin,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/** The activities of a model in the order its flows run them (breadth first from the start events), the rest after. */
export function activitiesInOrder(model: ProcessModel): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const queue = [...model.elements.values()].filter((e) => e.type === 'startEvent').map((e) => e.id);
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const e = model.elements.get(id);
    if (!e) continue;
    if (ACTIVITY_TYPES.has(e.type)) order.push(id);
    // into a sub-process: its own start events
    if (e.type === 'subProcess') for (const c of model.elements.values()) if (c.scopeId === id && c.type === 'startEvent') queue.push(c.id);
    for (const f of e.outgoing) queue.push(f.targetId);
    for (const b of e.boundaryIds) queue.push(b);
  }
  for (const e of model.elements.values()) if (ACTIVITY_TYPES.has(e.type) && !seen.has(e.id)) order.push(e.id);
  return order;
}

/** Creates the record of each bundled process that has none (idempotent). */
export async function ensureProcessRecords(db: Db, now: Date, resources: DeployResource[]): Promise<void> {
  const bpmn = resources.filter((x) => x.name.endsWith('.bpmn'));
  // at an ordinary start every bundled process has its record: read the ids from the XML and
  // skip parsing the models (about 0.4 s for the bundled ones, most of a start's time)
  const ids = bpmn.flatMap((r) => [...r.content.matchAll(PROCESS_ID)].map((m) => m[1]!));
  const known = new Set(await db('process_record').whereIn('process_id', ids).pluck('process_id'));
  if (ids.length > 0 && ids.every((id) => known.has(id))) {
    await loadProcessRecords(db);
    return;
  }
  const models: ProcessModel[] = [];
  for (const r of bpmn) models.push(...(await parseBpmn(r.content)));
  // who calls whom, at which position of the caller's flow
  const callers = new Map<string, { caller: string; position: number }[]>();
  for (const m of models) {
    activitiesInOrder(m).forEach((id, i) => {
      const called = m.elements.get(id)?.calledElement?.processId;
      if (called) callers.set(called, [...(callers.get(called) ?? []), { caller: m.processId, position: i }]);
    });
  }
  const rows = models.map((m) => {
    const entry = PROCESS_CATALOGUE[m.processId];
    const by = callers.get(m.processId) ?? [];
    const single = entry?.startableBy === 'called' && by.length === 1 ? by[0] : undefined;
    return {
      process_id: m.processId,
      name: m.name ?? m.processId,
      kind: entry?.group ?? 'stod',
      parent_id: single?.caller ?? null,
      owner_role: entry?.ownerRole ?? 'kvalitetsledare',
      leader_role: null,
      executable: true,
      position: single?.position ?? 0,
      description: '',
      origin: 'bundled' as const,
      created_by: INSTALLATION,
      created_at: now,
      updated_at: now,
    };
  });
  // parents first (a record's parent must exist)
  const byParent = [...rows.filter((r) => !r.parent_id), ...rows.filter((r) => r.parent_id)];
  if (byParent.length) await db('process_record').insert(byParent).onConflict('process_id').ignore();
  await loadProcessRecords(db);
}

/** A process element's id in BPMN XML, with or without a namespace prefix (`<bpmn:process id="…"`). */
const PROCESS_ID = /<(?:[\w-]+:)?process\b[^>]*?\sid="([^"]+)"/g;

/** Reads every record and hands the group and owner of each to the catalogue (after each change). */
export async function loadProcessRecords(db: Db): Promise<ProcessRecord[]> {
  const rows = (await db('process_record').orderBy('process_id').select('*')).map(toProcessRecord);
  useProcessRecords(rows.map((r) => ({ processId: r.processId, group: r.kind, ownerRole: r.ownerRole })));
  return rows;
}
