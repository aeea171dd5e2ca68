/**
 * Routines and governing documents linked to process activities (DOMAIN.md §4, DESIGN.md §4):
 * the viewer shows them on the diagram and the task view shows the routine for the activity
 * being worked on.
 */
import type { RoutineRow, RoutineVersionRow, Write } from '../../db/tables.js';
import { dateColumn, type Db } from '../../db/index.js';
import { NotFoundError } from '../../errors.js';
import { parseBpmn } from '../../engine/model.js';
import type { DeployResource } from '../../engine/port.js';
import { DEMO_ROUTINES } from './demo.js';
import { textToHtml } from './html.js';

/** The decision level of a demo routine, from who decided it (policy.ts names who adopts at each). */
const DEMO_LEVEL: Record<string, string> = {
  Socialnämnden: 'namnd',
  Förvaltningschef: 'forvaltning',
  Myndighetschef: 'verksamhet',
  'Medicinskt ansvarig sjuksköterska': 'mas',
};

export interface Routine {
  id: string;
  title: string;
  kind: string;
  ownerRole: string;
  decidedBy: string | null;
  adoptedOn: string | null;
  nextReviewOn: string | null;
  followUpBy: string;
  version: number;
  /** Whether the review date has passed (on `today`). */
  reviewOverdue: boolean;
}

export interface RoutineWithText extends Routine {
  /** The text in force, as sanitised HTML (empty before the first adoption). */
  body: string;
  decisionLevel: string;
  validFrom: string | null;
  reviewIntervalMonths: number;
  links: { processId: string; elementId: string }[];
}

/** A routine with the activity a link query joined it to. */
type LinkedRoutineRow = RoutineRow & { element_id: string };
const day = (v: unknown): string | null => dateColumn(v) ?? null;
const toRoutine = (r: RoutineRow, today: string): Routine => ({
  id: r.id,
  title: r.title,
  kind: r.kind,
  ownerRole: r.owner_role,
  decidedBy: r.decided_by ?? null,
  adoptedOn: day(r.adopted_on),
  nextReviewOn: day(r.next_review_on),
  followUpBy: r.follow_up_by,
  version: Number(r.version),
  reviewOverdue: r.next_review_on != null && day(r.next_review_on)! < today,
});

/** The BPMN types that are activities (what routines link to, what the process view lists). */
export const ACTIVITY_TYPES: ReadonlySet<string> = new Set([
  'userTask',
  'serviceTask',
  'sendTask',
  'receiveTask',
  'businessRuleTask',
  'scriptTask',
  'manualTask',
  'task',
  'callActivity',
  'subProcess',
]);

/** The activity ids of each process in the BPMN resources (parsed as the engines parse them). */
export async function activitiesOf(resources: DeployResource[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const r of resources.filter((x) => x.name.endsWith('.bpmn'))) {
    for (const m of await parseBpmn(r.content)) {
      out.set(
        m.processId,
        [...m.elements.values()].filter((e) => ACTIVITY_TYPES.has(e.type)).map((e) => e.id),
      );
    }
  }
  return out;
}

/** Creates the demo routines and their links (idempotent; an edited routine is left as it is). */
export async function ensureDemoRoutines(db: Db, resources: DeployResource[]): Promise<void> {
  const activities = await activitiesOf(resources);
  const routines = DEMO_ROUTINES.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    owner_role: r.ownerRole,
    decided_by: r.decidedBy,
    adopted_on: r.adoptedOn,
    next_review_on: r.nextReviewOn,
    follow_up_by: r.followUpBy,
    body: textToHtml(r.body),
    body_text: r.body,
    valid_from: r.adoptedOn,
    decision_level: DEMO_LEVEL[r.decidedBy] ?? 'verksamhet',
  }));
  const versions = routines.map((r) => ({
    routine_id: r.id,
    number: 1,
    state: 'adopted',
    body_html: r.body,
    change_note: 'Första versionen',
    author: 'system',
    adopted_by: r.decided_by,
    adopted_role: r.decided_by,
    adopted_on: r.adopted_on,
  }));
  const links = DEMO_ROUTINES.flatMap((r) =>
    Object.entries(r.links).flatMap(([processId, which]) =>
      (which === '*' ? (activities.get(processId) ?? []) : which).map((elementId) => ({ routine_id: r.id, process_id: processId, element_id: elementId })),
    ),
  );
  // three statements, whatever the number of routines (this runs at every start with demo data)
  await db.transaction(async (tx) => {
    await tx('routine').insert(routines).onConflict('id').ignore();
    await tx('routine_version')
      .insert(versions as Write<RoutineVersionRow>[])
      .onConflict(['routine_id', 'number'])
      .ignore();
    if (links.length) await tx('routine_link').insert(links).onConflict(['routine_id', 'process_id', 'element_id']).ignore();
  });
}

/** Routines linked to activities matching `where`, the most specific first (fewest links), then by title. */
function linkedRoutines(db: Db, where: Record<string, string>) {
  // only routines in force (a routine whose first version is still a draft is not shown at work)
  return db('routine as r')
    .join('routine_link as l', 'l.routine_id', 'r.id')
    .where(where)
    .whereNotNull('r.adopted_on')
    .select('r.*', 'l.element_id', db.raw('(select count(*) from routine_link x where x.routine_id = r.id) as breadth'))
    .orderBy([
      { column: 'breadth', order: 'asc' },
      { column: 'r.title', order: 'asc' },
    ]);
}

async function routinesFor(db: Db, processId: string, elementId: string, today: string): Promise<Routine[]> {
  const rows = (await linkedRoutines(db, { 'l.process_id': processId, 'l.element_id': elementId })) as LinkedRoutineRow[];
  return rows.map((r) => toRoutine(r, today));
}

/** The routines of every activity of a process, by element id, in one query (same order as routinesFor). */
async function routinesByActivity(db: Db, processId: string, today: string): Promise<Map<string, Routine[]>> {
  const out = new Map<string, Routine[]>();
  for (const r of (await linkedRoutines(db, { 'l.process_id': processId })) as LinkedRoutineRow[]) {
    const list = out.get(r.element_id) ?? [];
    list.push(toRoutine(r, today));
    out.set(r.element_id, list);
  }
  return out;
}

/** Every routine of a process with the activities it is linked to (for the diagram). */
async function routinesOfProcess(db: Db, processId: string, today: string): Promise<(Routine & { elementIds: string[] })[]> {
  const rows = await db('routine as r')
    .join('routine_link as l', 'l.routine_id', 'r.id')
    .where({ 'l.process_id': processId })
    .whereNotNull('r.adopted_on')
    .select('r.*', 'l.element_id')
    .orderBy(['r.title', 'l.element_id']);
  const byId = new Map<string, Routine & { elementIds: string[] }>();
  for (const r of rows as LinkedRoutineRow[]) {
    const entry = byId.get(r.id) ?? { ...toRoutine(r, today), elementIds: [] };
    entry.elementIds.push(r.element_id);
    byId.set(entry.id, entry);
  }
  return [...byId.values()];
}

/** One routine with its text and links. */
async function getRoutine(db: Db, id: string, today: string): Promise<RoutineWithText> {
  const r = await db('routine').where({ id }).first();
  if (!r) throw new NotFoundError('Rutinen finns inte');
  const links = await db('routine_link').where({ routine_id: id }).orderBy(['process_id', 'element_id']);
  return {
    ...toRoutine(r, today),
    body: r.adopted_on ? r.body : '',
    decisionLevel: r.decision_level,
    validFrom: day(r.valid_from),
    reviewIntervalMonths: Number(r.review_interval_months),
    links: links.map((l) => ({ processId: l.process_id, elementId: l.element_id })),
  };
}

/** The routines service: reads for the API, on the clock's today (review overdue or not). */
export class RoutineService {
  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
  ) {}

  private today(): string {
    return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(this.clock.now());
  }

  forActivity(processId: string, elementId: string): Promise<Routine[]> {
    return routinesFor(this.db, processId, elementId, this.today());
  }

  byActivity(processId: string): Promise<Map<string, Routine[]>> {
    return routinesByActivity(this.db, processId, this.today());
  }

  ofProcess(processId: string) {
    return routinesOfProcess(this.db, processId, this.today());
  }

  get(id: string): Promise<RoutineWithText> {
    return getRoutine(this.db, id, this.today());
  }
}
