/**
 * Process versions in the database: reading them as plain objects, and the steps both the
 * HTTP service and the adoption process's workers take (a review's verdict, back to draft,
 * the adoption record, publishing through the engine port).
 */
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import type { ProcessVersionRow } from '../../db/tables.js';
import { ConflictError, InputError, NotFoundError } from '../../errors.js';
import { lintBpmn, lintErrors, type LintProblem } from '../../engine/lint/index.js';
import type { DeployResource, DeploymentResult } from '../../engine/port.js';
import { sha } from '../../engine/resources.js';
import { lintSettings } from '../../engine/lint/settings.js';
import { audit } from '../audit/index.js';
import { engineTables as engine } from '../../engine/readModel.js';
import { enqueueCommand } from '../outbox/index.js';
import { formReferenceProblems } from '../forms/store.js';

export type VersionState = 'draft' | 'review' | 'adopted' | 'published' | 'superseded';
/** Adopted by "införande": the bundled model the product was installed with (bootstrap). */
export const INSTALLATION = 'införande';

/** The id of the (first) process an XML document defines, read without parsing it. */
export const processIdOf = (xml: string): string | undefined => /<(?:\w+:)?process\b[^>]*?\bid="([^"]+)"/.exec(xml)?.[1];

/** A version's record, without its XML. */
export interface VersionRecord {
  id: number;
  processId: string;
  number: number;
  state: VersionState;
  basedOn: number | null;
  author: string;
  changeNote: string;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  reviewInstanceKey: string | null;
  adoption: {
    adoptedBy: string;
    role: string;
    decisionLevel: string;
    decidedBy: string | null;
    decisionDate: string;
    decisionReference: string | null;
    adoptedAt: Date;
  } | null;
  publication: { definitionKey: string; engineVersion: number | null; publishedAt: Date } | null;
}

const COLUMNS = [
  'id',
  'process_id',
  'number',
  'state',
  'based_on',
  'author',
  'change_note',
  'created_at',
  'updated_at',
  'submitted_at',
  'review_instance_key',
  'adopted_by',
  'adopted_role',
  'decision_level',
  'decided_by',
  'decision_reference',
  'adopted_at',
  'definition_key',
  'deployed_version',
  'published_at',
] as const;
/** A row of `versionColumns`: the columns, the decision date as text. */
export type VersionColumnsRow = Pick<ProcessVersionRow, (typeof COLUMNS)[number]> & { decision_date: string | null };

/** The version columns (the decision date as text: a date, not an instant). */
export const versionColumns = (db: Db) => [...COLUMNS.map((c) => `v.${c}`), db.raw("to_char(v.decision_date, 'YYYY-MM-DD') as decision_date")];

/** A row of `versionColumns` as a record. */
export function toRecord(r: VersionColumnsRow): VersionRecord {
  const date = (v: Date | null) => (v == null ? null : new Date(v));
  return {
    id: Number(r.id),
    processId: r.process_id,
    number: Number(r.number),
    state: r.state,
    basedOn: r.based_on == null ? null : Number(r.based_on),
    author: r.author,
    changeNote: r.change_note,
    createdAt: date(r.created_at)!,
    updatedAt: date(r.updated_at)!,
    submittedAt: date(r.submitted_at),
    reviewInstanceKey: r.review_instance_key ?? null,
    adoption:
      r.adopted_by == null
        ? null
        : {
            adoptedBy: r.adopted_by,
            // an adoption writes its role, level, date and time together (adoption.ts)
            role: r.adopted_role!,
            decisionLevel: r.decision_level!,
            decidedBy: r.decided_by ?? null,
            decisionDate: r.decision_date!,
            decisionReference: r.decision_reference ?? null,
            adoptedAt: date(r.adopted_at)!,
          },
    publication:
      r.definition_key == null
        ? null
        : {
            definitionKey: r.definition_key,
            engineVersion: r.deployed_version == null ? null : Number(r.deployed_version),
            publishedAt: date(r.published_at)!,
          },
  };
}

/** One version of a process (404 when there is none). */
export async function findVersion(db: Db, processId: string, number: number): Promise<VersionRecord & { xml: string }> {
  const r = await db('process_version as v')
    .where({ 'v.process_id': processId, 'v.number': number })
    .first<(VersionColumnsRow & { xml: string }) | undefined>([...versionColumns(db), 'v.xml']);
  if (!r) throw new NotFoundError('Versionen finns inte');
  return { ...toRecord(r), xml: r.xml };
}

/** A version by id, for the adoption process's workers (it exists: the process was started for it). */
export async function versionById(db: Db, id: number): Promise<VersionRecord & { xml: string }> {
  const r = await db('process_version as v')
    .where('v.id', id)
    .first<(VersionColumnsRow & { xml: string }) | undefined>([...versionColumns(db), 'v.xml']);
  if (!r) throw new Error(`process version ${id} not found`);
  return { ...toRecord(r), xml: r.xml };
}

/** Lint results of recent models by checksum: reading a version lints it, and a model's problems do not change (~100 ms each for lex Sarah). */
const lintCache = new Map<string, Promise<LintProblem[]>>();
function cachedLint(xml: string, descriptive: boolean): Promise<LintProblem[]> {
  const key = `${JSON.stringify(lintSettings())}:${descriptive}:${sha(xml)}`;
  let p = lintCache.get(key);
  if (!p) {
    p = lintBpmn(xml, { descriptive });
    lintCache.set(key, p);
    if (lintCache.size > 50) lintCache.delete(lintCache.keys().next().value!);
  }
  return p;
}

/**
 * The lint errors of a model as field errors (the messages lint gives, in Swedish for our rules); a descriptive process's model with
 * the relaxed rules; with `db`, also its links to forms that do not exist (forms/store.ts).
 */
export async function lintFieldErrors(
  xml: string,
  descriptive = false,
  db?: Db,
): Promise<{ problems: LintProblem[]; errors: { field: string; message: string }[] }> {
  const problems = [...(await cachedLint(xml, descriptive)), ...(db ? await formReferenceProblems(db, xml) : [])];
  return { problems, errors: lintErrors(problems).map((p) => ({ field: p.elementId ? `xml.${p.elementId}` : 'xml', message: p.message.slice(0, 300) })) };
}

/** Refuses (400, the lint errors as field errors) a model that fails the deployment's lint. */
export async function requireLintClean(xml: string, what: string, descriptive = false, db?: Db): Promise<void> {
  const { errors } = await lintFieldErrors(xml, descriptive, db);
  if (errors.length) throw new InputError(`Modellen har fel och kan inte ${what}`, errors);
}

/** Records a reviewer's verdict (and their comment, if any). */
export async function recordReview(
  db: Db,
  now: Date,
  r: { versionId: number; reviewer: string; verdict: 'approved' | 'changes'; comment: string | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx('process_version_reviewer').where({ version_id: r.versionId, username: r.reviewer }).update({ verdict: r.verdict, decided_at: now });
    if (r.comment?.trim())
      await tx('process_version_comment').insert({ version_id: r.versionId, author: r.reviewer, text: r.comment.trim(), reply_to: null, created_at: now });
    await audit(tx, now, r.reviewer, `review-${r.verdict}`, 'process-version', String(r.versionId));
  });
}

/** A version in review goes back to its author as a draft (changes asked for, or not adopted). */
export async function returnToDraft(db: Db, now: Date, versionId: number, note: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    await tx('process_version').where({ id: versionId, state: 'review' }).update({ state: 'draft', updated_at: now });
    if (note) await tx('process_version_comment').insert({ version_id: versionId, author: 'system', text: note, reply_to: null, created_at: now });
  });
}

/**
 * Whether the process is descriptive (issue 14 point 3): its record says it is not executable.
 * Its models are linted with the relaxed rules and never deployed; a process without a record
 * (deployed by hand) is executable.
 */
export async function isDescriptive(db: Db, processId: string): Promise<boolean> {
  const r = await db('process_record').where({ process_id: processId }).first('executable');
  return r ? !r.executable : false;
}

/** Deploys (through the engine port) and records what the deployment made. */
export type Deploy = (resources: DeployResource[]) => Promise<DeploymentResult>;

/**
 * Publishes an adopted version: deploys its XML (new instances use it; running ones keep the
 * definition they started on), marks it published and the one published before superseded.
 */
export async function publishVersion(db: Db, deploy: Deploy, now: Date, actor: string, v: VersionRecord & { xml: string }): Promise<void> {
  if (await isDescriptive(db, v.processId)) throw new ConflictError('En beskrivande process publiceras inte: gör den körbar först');
  const result = await deploy([{ name: `${v.processId}.bpmn`, content: v.xml }]);
  const p = result.processes.find((x) => x.processId === v.processId);
  if (!p) throw new InputError('Modellen innehåller inte processen', [{ field: 'xml', message: `processen ${v.processId} saknas` }]);
  await db.transaction(async (tx: Knex.Transaction) => {
    await tx('process_version').where({ process_id: v.processId, state: 'published' }).update({ state: 'superseded', updated_at: now });
    await tx('process_version')
      .where({ id: v.id })
      .update({ state: 'published', definition_key: p.key, deployed_version: p.version, published_at: now, updated_at: now });
    await audit(tx, now, actor, 'publish', 'process-version', String(v.id));
    await withdrawStaleReviews(tx, now, v.processId, v.id, 'Återkallad: en nyare version av processen har publicerats.');
  });
}

/** The running adoption instances (faststallelse.bpmn) of a version: its recorded one, else by its `versionId` variable. */
async function reviewInstances(tx: Knex.Transaction, versionId: number, recorded: string | null): Promise<string[]> {
  if (recorded) return [recorded];
  const rows: { key: string | number }[] = await engine
    .from(tx, 'instance', 'i', 'running')
    .where({ 'i.process_id': 'faststallelse', 'i.state': 'ACTIVE' })
    .joinRaw(engine.variable('vv', 'versionId', 'i.key', 'running'))
    .whereRaw("(vv.value #>> '{}')::int = ?", [versionId])
    .select('i.key');
  return rows.map((r) => String(r.key));
}

/**
 * Withdraws the review and adoption tasks of a version in review (issue 14 point 3): its
 * adoption instance is cancelled through the outbox in the caller's transaction; the
 * cancellation of an instance that already ended is a no-op.
 */
export async function withdrawReview(tx: Knex.Transaction, actor: string, versionId: number, recorded: string | null): Promise<void> {
  for (const processInstanceKey of await reviewInstances(tx, versionId, recorded))
    await enqueueCommand(tx, { kind: 'cancelInstance', processInstanceKey }, actor);
}

/**
 * A version still in review when another version of its process is published (a later adoption,
 * or a product update's bundled model) is stale: back to its author as a draft with `note`, and
 * its tasks withdrawn.
 */
export async function withdrawStaleReviews(tx: Knex.Transaction, now: Date, processId: string, publishedId: number, note: string): Promise<void> {
  const stale: { id: number; review_instance_key: string | null }[] = await tx('process_version')
    .where({ process_id: processId, state: 'review' })
    .whereNot({ id: publishedId })
    .select('id', 'review_instance_key');
  for (const r of stale) {
    await tx('process_version').where({ id: r.id, state: 'review' }).update({ state: 'draft', updated_at: now });
    await tx('process_version_comment').insert({ version_id: r.id, author: 'system', text: note, reply_to: null, created_at: now });
    await withdrawReview(tx, 'system', Number(r.id), r.review_instance_key);
  }
}
