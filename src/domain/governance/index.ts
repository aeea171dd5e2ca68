/**
 * Process governance (issue 14 point 2): versions of a process — drafted by its owner, reviewed
 * by named reviewers, adopted by the decision level, published through the engine. Sending a
 * version for review starts the adoption process (bpmn/faststallelse.bpmn) through the outbox;
 * its tasks are in the reviewers' and the adopter's inboxes and its workers record the verdicts,
 * the adoption and the publication (adoption.ts). Publishing is part of the adoption: a process
 * adopted is a process in force (DOMAIN.md §4: staff must see the one in force); the publish
 * route is for an adopted version whose deployment did not go through.
 */
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import { ConflictError, InputError } from '../../errors.js';
import { hasDoctypeOrEntities } from '../../engine/lint/index.js';
import type { ProcessEngine } from '../../engine/port.js';
import { audit } from '../audit/index.js';
import type { User } from '../org/index.js';
import type { Outbox } from '../outbox/index.js';
import { recordKey, type IdempotencyClaim } from '../outbox/idempotency.js';
import { authorize, may } from '../policy.js';
import { adoptionUnit, levelNodes } from './adoption.js';
import { diffVersions, type VersionDiff } from './diff.js';
import { decisionLevel, type VersionFacts } from './policy.js';
import {
  findVersion,
  isDescriptive,
  lintFieldErrors,
  processIdOf,
  publishVersion,
  requireLintClean,
  toRecord,
  type VersionColumnsRow,
  versionColumns,
  withdrawReview,
  type VersionRecord,
} from './versions.js';

export { ensureBundledVersions, bundledToDeploy } from './bundled.js';
export type { VersionRecord } from './versions.js';

/** The process that adopts a version. */
const ADOPTION_PROCESS = 'faststallelse';

/** A version as one reads it: the XML, its review, its lint problems and what the reader may do. */
export interface VersionDetail extends VersionRecord {
  xml: string;
  reviewers: { username: string; verdict: string | null; decidedAt: Date | null }[];
  comments: { id: number; author: string; text: string; replyTo: number | null; createdAt: Date }[];
  decisionLevel: { level: string; decidedBy: string; role: string };
  lint: { elementId: string | null; rule: string; message: string; category: string }[];
  may: { edit: boolean; comment: boolean; submit: boolean; withdraw: boolean; publish: boolean; adopt: boolean; draft: boolean };
}

/** The governance service. */
export class GovernanceService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly engine: ProcessEngine,
    private readonly outbox: Outbox,
  ) {
    // the adoption process's instance, once the engine has started it
    outbox.onSettled('governance-review', {
      applied: async (tx, row, result) => {
        const d = row.followUpData as { versionId: number };
        await tx('process_version')
          .where({ id: d.versionId })
          .update({ review_instance_key: (result as { key: string }).key });
      },
    });
  }

  private async facts(v: VersionRecord): Promise<VersionFacts> {
    const reviewers = await this.db('process_version_reviewer').where({ version_id: v.id }).pluck('username');
    return { processId: v.processId, state: v.state, reviewers };
  }

  /** The versions of a process the user may read, newest first. */
  async list(user: User, processId: string): Promise<VersionRecord[]> {
    const rows = await this.db('process_version as v').where('v.process_id', processId).orderBy('v.number', 'desc').select(versionColumns(this.db));
    const out: VersionRecord[] = [];
    for (const v of (rows as VersionColumnsRow[]).map(toRecord)) if (may(user, 'processVersion.read', await this.facts(v))) out.push(v);
    return out;
  }

  /** One version with its review, lint problems and what the user may do (403 for a draft not theirs). */
  async read(user: User, processId: string, number: number): Promise<VersionDetail> {
    const v = await findVersion(this.db, processId, number);
    const facts = await this.facts(v);
    authorize(user, 'processVersion.read', facts);
    // a descriptive process (issue 14.3) is linted with the relaxed rules and never published
    const descriptive = await isDescriptive(this.db, processId);
    const [reviewers, comments, { problems }] = await Promise.all([
      this.db('process_version_reviewer').where({ version_id: v.id }).orderBy('username').select('username', 'verdict', 'decided_at'),
      this.db('process_version_comment').where({ version_id: v.id }).orderBy('id').select('id', 'author', 'text', 'reply_to', 'created_at'),
      lintFieldErrors(v.xml, descriptive, this.db),
    ]);
    const level = decisionLevel(processId);
    const owner = may(user, 'processVersion.draft', { processId });
    const open = v.state === 'draft' || v.state === 'review';
    return {
      ...v,
      decisionLevel: { level: level.level, decidedBy: level.decidedBy, role: level.role },
      reviewers: reviewers.map((r) => ({ username: r.username, verdict: r.verdict ?? null, decidedAt: r.decided_at ? new Date(r.decided_at) : null })),
      comments: comments.map((c) => ({
        id: Number(c.id),
        author: c.author,
        text: c.text,
        replyTo: c.reply_to == null ? null : Number(c.reply_to),
        createdAt: new Date(c.created_at),
      })),
      lint: problems.map((p) => ({ elementId: p.elementId ?? null, rule: p.rule, message: p.message, category: p.category })),
      may: {
        edit: owner && v.state === 'draft',
        submit: owner && v.state === 'draft',
        withdraw: owner && v.state === 'review',
        comment: open && may(user, 'processVersion.comment', facts),
        publish: v.state === 'adopted' && !descriptive && may(user, 'processVersion.publish', { processId }),
        adopt: v.state === 'review' && may(user, 'processVersion.adopt', { processId, levelNodes: await levelNodes(this.db, level) }),
        draft: owner,
      },
    };
  }

  /**
   * Opens a draft: a copy of version `basedOn` (default: the published one, else the latest), or
   * an uploaded model (an import from another tool). One draft or review at a time (409).
   */
  async create(user: User, processId: string, input: { basedOn?: number; xml?: string; changeNote?: string }): Promise<VersionDetail> {
    authorize(user, 'processVersion.draft', { processId });
    if (input.xml !== undefined) checkUpload(processId, input.xml);
    const versions = await this.db('process_version').where({ process_id: processId }).select('number', 'state', 'xml');
    const base =
      input.basedOn !== undefined
        ? versions.find((v) => v.number === input.basedOn)
        : (versions.find((v) => v.state === 'published') ?? versions.sort((a, b) => b.number - a.number)[0]);
    if (input.basedOn !== undefined && !base) throw new InputError('Versionen finns inte', [{ field: 'basedOn', message: 'ingen sådan version' }]);
    if (input.xml === undefined && !base) throw new InputError('Processen har ingen version att utgå från', [{ field: 'xml', message: 'ladda upp en modell' }]);
    if (versions.some((v) => v.state === 'draft' || v.state === 'review'))
      throw new ConflictError('Processen har redan ett utkast eller en version under granskning');
    const now = this.clock.now();
    const number = Math.max(0, ...versions.map((v) => Number(v.number))) + 1;
    await this.db
      .transaction(async (tx) => {
        const [row] = await tx('process_version')
          .insert({
            process_id: processId,
            number,
            state: 'draft',
            xml: input.xml ?? base!.xml,
            based_on: input.xml === undefined ? base!.number : null,
            author: user.username,
            change_note: input.changeNote ?? '',
            created_at: now,
            updated_at: now,
          })
          .returning('id');
        await audit(tx, now, user.username, input.xml === undefined ? 'draft' : 'import', 'process-version', String(row!.id));
      })
      .catch((e: { code?: string }) => {
        if (e.code === '23505') throw new ConflictError('Processen har redan ett utkast eller en version under granskning');
        throw e;
      });
    return this.read(user, processId, number);
  }

  /** Saves a draft's model and change note; answers with its lint problems. */
  async save(user: User, processId: string, number: number, input: { xml: string; changeNote: string }): Promise<VersionDetail> {
    authorize(user, 'processVersion.draft', { processId });
    checkUpload(processId, input.xml);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const n = await tx('process_version')
        .where({ process_id: processId, number, state: 'draft' })
        .update({ xml: input.xml, change_note: input.changeNote, updated_at: now });
      if (n !== 1) {
        await findVersion(tx, processId, number);
        throw new ConflictError('Endast ett utkast kan ändras');
      }
      await audit(tx, now, user.username, 'save', 'process-version', `${processId}/${number}`);
    });
    return this.read(user, processId, number);
  }

  /** Sends a lint-clean draft to named reviewers: the adoption process starts (through the outbox); returns the command's id. */
  async submit(user: User, processId: string, number: number, reviewers: string[], claim?: IdempotencyClaim): Promise<string> {
    authorize(user, 'processVersion.draft', { processId });
    const v = await findVersion(this.db, processId, number);
    if (v.state !== 'draft') throw new ConflictError('Endast ett utkast kan skickas på granskning');
    const unique = [...new Set(reviewers)];
    const known = await this.db('app_user').whereIn('username', unique).pluck('username');
    const errors = unique.filter((r) => !known.includes(r)).map((r, i) => ({ field: `reviewers.${i}`, message: 'ingen sådan användare' }));
    if (unique.includes(user.username)) errors.push({ field: 'reviewers', message: 'författaren granskar inte sin egen version' });
    if (errors.length) throw new InputError('Granskarna godtas inte', errors);
    await requireLintClean(v.xml, 'skickas på granskning', await isDescriptive(this.db, processId), this.db);
    const level = decisionLevel(processId);
    const unitId = await adoptionUnit(this.db, level);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const n = await tx('process_version')
        .where({ id: v.id, state: 'draft' })
        .update({ state: 'review', submitted_at: now, updated_at: now, review_instance_key: null });
      if (n !== 1) throw new ConflictError('Endast ett utkast kan skickas på granskning');
      await tx('process_version_reviewer').where({ version_id: v.id }).delete();
      await tx('process_version_reviewer').insert(unique.map((username) => ({ version_id: v.id, username })));
      await audit(tx, now, user.username, 'submit', 'process-version', String(v.id));
      const variables = { versionId: v.id, processId, versionNumber: number, reviewers: unique, adopterRole: level.role, unitId };
      const id = await this.outbox.enqueue(tx, { kind: 'startInstance', processId: ADOPTION_PROCESS, variables }, user.username, {
        name: 'governance-review',
        data: { versionId: v.id },
      });
      await recordKey(tx, claim, id, now);
      return id;
    });
  }

  /**
   * Takes a version out of review, back to a draft (its owner, issue 14 point 3): the reviewers'
   * and the adopter's tasks are withdrawn (the adoption instance is cancelled through the outbox).
   */
  async withdraw(user: User, processId: string, number: number): Promise<VersionDetail> {
    authorize(user, 'processVersion.draft', { processId });
    const v = await findVersion(this.db, processId, number);
    if (v.state !== 'review') throw new ConflictError('Versionen granskas inte');
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const n = await tx('process_version').where({ id: v.id, state: 'review' }).update({ state: 'draft', updated_at: now });
      if (n !== 1) throw new ConflictError('Versionen granskas inte');
      await audit(tx, now, user.username, 'withdraw', 'process-version', String(v.id));
      await withdrawReview(tx, user.username, v.id, v.reviewInstanceKey);
    });
    return this.read(user, processId, number);
  }

  /** A comment on a version in draft or review (a reviewer's remark, or the author's answer to one). */
  async comment(user: User, processId: string, number: number, input: { text: string; replyTo?: number }): Promise<VersionDetail> {
    const v = await findVersion(this.db, processId, number);
    authorize(user, 'processVersion.comment', await this.facts(v));
    if (v.state !== 'draft' && v.state !== 'review') throw new ConflictError('En fastställd version kommenteras inte');
    if (input.replyTo !== undefined && !(await this.db('process_version_comment').where({ id: input.replyTo, version_id: v.id }).first('id'))) {
      throw new InputError('Kommentaren finns inte', [{ field: 'replyTo', message: 'ingen sådan kommentar på versionen' }]);
    }
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await tx('process_version_comment').insert({
        version_id: v.id,
        author: user.username,
        text: input.text,
        reply_to: input.replyTo ?? null,
        created_at: now,
      });
      await audit(tx, now, user.username, 'comment', 'process-version', String(v.id));
    });
    return this.read(user, processId, number);
  }

  /** Publishes an adopted version that is not yet in force (the adoption normally does it). */
  async publish(user: User, processId: string, number: number): Promise<VersionDetail> {
    authorize(user, 'processVersion.publish', { processId });
    const v = await findVersion(this.db, processId, number);
    if (v.state !== 'adopted') throw new ConflictError('Endast en fastställd, ännu inte publicerad version kan publiceras');
    if (await isDescriptive(this.db, processId)) throw new ConflictError('En beskrivande process publiceras inte: gör den körbar först');
    await requireLintClean(v.xml, 'publiceras', false, this.db);
    await publishVersion(this.db, (r) => this.engine.deploy(r), this.clock.now(), user.username, v);
    return this.read(user, processId, number);
  }

  /** The element-level difference from version `from` to version `to`. */
  async diff(user: User, processId: string, from: number, to: number): Promise<VersionDiff> {
    const [a, b] = await Promise.all([findVersion(this.db, processId, from), findVersion(this.db, processId, to)]);
    for (const v of [a, b]) authorize(user, 'processVersion.read', await this.facts(v));
    return diffVersions(processId, a.xml, b.xml);
  }

  /**
   * The lint problems of a model of `processId` (the modeler's live lint panel), by the rules its
   * versions are saved, sent and adopted with: relaxed for a descriptive process (issue 14.3).
   */
  async lint(user: User, processId: string, xml: string) {
    authorize(user, 'processVersion.lint', { processId });
    return (await lintFieldErrors(xml, await isDescriptive(this.db, processId), this.db)).problems.map((p) => ({
      elementId: p.elementId ?? null,
      rule: p.rule,
      message: p.message,
      category: p.category,
    }));
  }

  /** The adoption date of each process's published version (the process map's "Fastställd"). */
  async adoptedDates(): Promise<Map<string, string>> {
    const rows = await this.db('process_version')
      .where({ state: 'published' })
      .select<{ process_id: string; d: string }[]>('process_id', this.db.raw("to_char(decision_date, 'YYYY-MM-DD') as d"));
    return new Map(rows.map((r) => [r.process_id, r.d]));
  }
}

/** An uploaded model: no DOCTYPE or entities (as deploy), and it must define this process. */
function checkUpload(processId: string, xml: string): void {
  if (hasDoctypeOrEntities(xml))
    throw new InputError('XML med DOCTYPE eller entiteter tillåts inte', [{ field: 'xml', message: 'DOCTYPE/ENTITY är inte tillåtet' }]);
  const id = processIdOf(xml);
  if (id !== undefined && id !== processId)
    throw new InputError('Modellen gäller en annan process', [{ field: 'xml', message: `processens id ska vara ${processId}` }]);
}
