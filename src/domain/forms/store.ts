/**
 * Forms in the database (issue 14 point 1): the repository of `form` and `form_version`, the
 * schema a task or a start event uses, and which form ids a model names that do not exist
 * (the bundled forms are seeded by bundled.ts).
 *
 * Which version a task uses: the inbox projection records the version in force when the task
 * is created (`user_task.form_version_id`, tasks/projection.ts), so an open task keeps the form
 * it began with and a form published later applies to the tasks created after it. A start form
 * is always the version in force. A form the database does not hold (deployed to the engine
 * only, through POST /deployments) is read from the engine as before.
 */
import type { Db } from '../../db/index.js';
import type { ProcessEngine } from '../../engine/port.js';

export type FormState = 'draft' | 'published' | 'superseded';

/** A version of a form, without its schema. */
export interface FormVersionRecord {
  number: number;
  state: FormState;
  author: string;
  createdAt: Date;
  updatedAt: Date;
  publishedBy: string | null;
  publishedAt: Date | null;
}

/** A form in the list: its latest version and the one in force. */
export interface FormSummary {
  formId: string;
  title: string;
  latestVersion: number;
  state: FormState;
  publishedVersion: number | null;
  updatedAt: Date;
}

/** Every form with its latest version, by title. */
export async function listForms(db: Db): Promise<FormSummary[]> {
  const rows = await db('form as f')
    .join('form_version as v', 'v.form_id', 'f.form_id')
    .whereRaw('v.number = (select max(x.number) from form_version x where x.form_id = f.form_id)')
    .select<{ form_id: string; title: string; number: number; state: FormState; updated_at: Date; published: number | null }[]>(
      'f.form_id',
      'f.title',
      'v.number',
      'v.state',
      'v.updated_at',
      db.raw("(select p.number from form_version p where p.form_id = f.form_id and p.state = 'published') as published"),
    )
    .orderBy([{ column: 'f.title' }, { column: 'f.form_id' }]);
  return rows.map((r) => ({
    formId: r.form_id,
    title: r.title,
    latestVersion: Number(r.number),
    state: r.state,
    publishedVersion: r.published == null ? null : Number(r.published),
    updatedAt: new Date(r.updated_at),
  }));
}

/** A form's versions, newest first, with their schemas. */
export async function formVersions(db: Db, formId: string): Promise<(FormVersionRecord & { id: number; schema: unknown })[]> {
  const rows = await db('form_version').where({ form_id: formId }).orderBy('number', 'desc');
  return rows.map((r) => ({
    id: Number(r.id),
    number: r.number,
    state: r.state,
    author: r.author,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    publishedBy: r.published_by,
    publishedAt: r.published_at ? new Date(r.published_at) : null,
    schema: JSON.parse(r.schema) as unknown,
  }));
}

/**
 * The schema of a form: the version `versionId` when the task recorded one, else the version
 * in force, else (a form the database does not hold) the engine's latest.
 */
export async function formSchema(db: Db, engine: ProcessEngine, formId: string, versionId?: string | number | null): Promise<unknown> {
  const q = db('form_version').where({ form_id: formId });
  const row = await (versionId != null ? q.where({ id: versionId }) : q.where({ state: 'published' })).first('schema');
  return row ? (JSON.parse(row.schema) as unknown) : engine.getForm(formId);
}

/** The form ids a BPMN model's user tasks and start events name (`zeebe:formDefinition formId`), read without parsing it. */
function formIdsOf(xml: string): string[] {
  const ids = new Set<string>();
  for (const m of xml.matchAll(/<(?:[\w-]+:)?formDefinition\b[^>]*?\bformId="([^"]*)"/g)) if (m[1]) ids.add(m[1]);
  return [...ids];
}

/** The form ids of `ids` that have no published version in the database (one query). */
async function unknownFormIds(db: Db, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const known = new Set<string>(await db('form_version').whereIn('form_id', ids).where({ state: 'published' }).pluck('form_id'));
  return ids.filter((id) => !known.has(id));
}

/** A lint problem of a model (the shape of engine/lint's LintProblem). */
export interface FormReferenceProblem {
  elementId: string | undefined;
  rule: string;
  message: string;
  category: 'error';
}

/**
 * The lint problems of a model's form links: each user task or start event whose formId names
 * no published form of the database (`kvh/form-exists`). The deployment's lint and the
 * modeler's lint panel add them to bpmnlint's (governance/versions.ts).
 */
export async function formReferenceProblems(db: Db, xml: string): Promise<FormReferenceProblem[]> {
  const links: { elementId: string; formId: string }[] = [];
  const elements = /<((?:[\w-]+:)?(?:userTask|startEvent))\b[^>]*?\bid="([^"]+)"[^>]*>([\s\S]*?)<\/\1>/g;
  for (const m of xml.matchAll(elements)) for (const formId of formIdsOf(m[3] ?? '')) links.push({ elementId: m[2]!, formId });
  const unknown = new Set(await unknownFormIds(db, [...new Set(links.map((l) => l.formId))]));
  return links
    .filter((l) => unknown.has(l.formId))
    .map((l) => ({
      elementId: l.elementId,
      rule: 'kvh/form-exists',
      message: `Formuläret ${FORM_ID_SAFE(l.formId)} finns inte (eller är inte publicerat); välj ett formulär som finns under Formulär`,
      category: 'error' as const,
    }));
}

/** A form id as a message may name it: only when it looks like one (the model is input). */
const FORM_ID_SAFE = (id: string) => (/^[\w.-]{1,100}$/.test(id) ? `"${id}"` : '(ogiltigt id)');
