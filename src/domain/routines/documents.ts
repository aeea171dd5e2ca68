/**
 * Routines under document control (issue 14 point 4): versions that go draft → review → adopted
 * (→ superseded), the routine's owner drafting, named reviewers commenting and the adopting level
 * adopting (policy.ts); links to activities; the register of routines in force. The `routine`
 * row keeps the version in force, updated in the adoption's transaction (the task page and the
 * process map read it as before). Attachments and read confirmations are in attachments.ts and
 * reads.ts.
 */
import type { RoutineRow, RoutineVersionRow } from '../../db/tables.js';
import { randomBytes } from 'node:crypto';
import { diffWords } from 'diff';
import { Temporal } from 'temporal-polyfill';
import { dateColumn, type Db } from '../../db/index.js';
import { ConflictError, InputError, NotFoundError } from '../../errors.js';
import { audit } from '../audit/index.js';
import type { Outbox } from '../outbox/index.js';
import type { User } from '../org/index.js';
import { authorize, may } from '../policy.js';
import { ADOPTION_PROCESS_ID, adopterOf, adopters, openInstances, REVIEW_PROCESS_ID, withdrawInstances } from './adoption.js';
import { docxToHtml, htmlText, sanitizeRoutineHtml } from './html.js';
import { adoptingRole, type DecisionLevel } from './policy.js';
import { activeRoles, today as todayIn } from '../org/assignments.js';

export type VersionState = 'draft' | 'review' | 'adopted' | 'superseded';

export interface NewRoutine {
  title: string;
  kind: string;
  ownerRole: string;
  decisionLevel: DecisionLevel;
  reviewIntervalMonths: number;
  followUpBy?: string;
  bodyHtml: string;
  changeNote?: string;
}
export interface RoutineVersion {
  number: number;
  state: VersionState;
  bodyHtml: string;
  changeNote: string;
  author: string;
  createdAt: Date;
  adoptedBy: string | null;
  adoptedRole: string | null;
  adoptedOn: string | null;
  decisionRef: string | null;
  reviewers: string[];
  comments: { author: string; body: string; at: Date }[];
}
export interface RoutineHead {
  id: string;
  title: string;
  kind: string;
  ownerRole: string;
  decisionLevel: DecisionLevel;
  reviewIntervalMonths: number;
  version: number | null;
  adoptedOn: string | null;
  validFrom: string | null;
  nextReviewOn: string | null;
  reviewOverdue: boolean;
}
export interface RegisterEntry extends RoutineHead {
  decidedBy: string | null;
  processIds: string[];
}

/** How long before the review date the owner gets the review task. */
const REVIEW_LEAD_DAYS = 30;
const at = (day: string, time: string) =>
  Temporal.PlainDate.from(day).toZonedDateTime({ timeZone: 'Europe/Stockholm', plainTime: time }).toInstant().toString();

const slug = (title: string) =>
  title
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
const likeEscape = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The routines' document control. */
export class RoutineDocuments {
  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
    private readonly outbox: Pick<Outbox, 'enqueue'>,
  ) {}

  /** Today in Stockholm (review dates are days). */
  today(): string {
    return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(this.clock.now());
  }

  /** The routine row, or NotFoundError. */
  async head(id: string): Promise<RoutineHead> {
    const r = await this.db('routine').where({ id }).first();
    if (!r) throw new NotFoundError('Rutinen finns inte');
    return this.toHead(r);
  }

  /** The routine, if the user may draft it (its owner role, or the quality lead). */
  private async owned(user: User, id: string): Promise<RoutineHead> {
    const head = await this.head(id);
    authorize(user, 'routine.draft', { ownerRole: head.ownerRole });
    return head;
  }

  private toHead(r: RoutineRow): RoutineHead {
    const next = dateColumn(r.next_review_on) ?? null;
    const adopted = dateColumn(r.adopted_on) ?? null;
    return {
      id: r.id,
      title: r.title,
      kind: r.kind,
      ownerRole: r.owner_role,
      decisionLevel: r.decision_level as DecisionLevel,
      reviewIntervalMonths: Number(r.review_interval_months),
      version: adopted ? Number(r.version) : null,
      adoptedOn: adopted,
      validFrom: dateColumn(r.valid_from) ?? null,
      nextReviewOn: next,
      reviewOverdue: next !== null && next < this.today(),
    };
  }

  /** A new routine with its first version as a draft (the creator must be allowed to draft it). */
  async create(user: User, input: NewRoutine): Promise<{ id: string; number: number }> {
    authorize(user, 'routine.draft', { ownerRole: input.ownerRole });
    const id = `${slug(input.title) || 'rutin'}-${randomBytes(3).toString('hex')}`;
    await this.db.transaction(async (tx) => {
      await tx('routine').insert({
        id,
        title: input.title,
        kind: input.kind as RoutineRow['kind'],
        owner_role: input.ownerRole,
        decision_level: input.decisionLevel,
        review_interval_months: input.reviewIntervalMonths,
        follow_up_by: input.followUpBy ?? input.ownerRole,
        version: 1,
        body: '',
        body_text: '',
        created_at: this.clock.now(),
      });
      await tx('routine_version').insert({
        routine_id: id,
        number: 1,
        state: 'draft',
        body_html: sanitizeRoutineHtml(input.bodyHtml),
        change_note: input.changeNote ?? '',
        author: user.username,
        created_at: this.clock.now(),
      });
      await audit(tx, this.clock.now(), user.username, 'routine.created', 'routine', id);
    });
    return { id, number: 1 };
  }

  /** Every version, newest first, with reviewers and comments. */
  async versions(id: string): Promise<RoutineVersion[]> {
    await this.head(id);
    const [rows, reviewers, comments] = await Promise.all([
      this.db('routine_version').where({ routine_id: id }).orderBy('number', 'desc'),
      this.db('routine_reviewer').where({ routine_id: id }).orderBy('username'),
      this.db('routine_comment').where({ routine_id: id }).orderBy('id'),
    ]);
    return rows.map((v) => ({
      number: Number(v.number),
      state: v.state,
      bodyHtml: v.body_html,
      changeNote: v.change_note,
      author: v.author,
      createdAt: v.created_at,
      adoptedBy: v.adopted_by ?? null,
      adoptedRole: v.adopted_role ?? null,
      adoptedOn: dateColumn(v.adopted_on) ?? null,
      decisionRef: v.decision_ref ?? null,
      reviewers: reviewers.filter((x) => x.number === v.number).map((x) => x.username),
      comments: comments.filter((x) => x.number === v.number).map((x) => ({ author: x.author, body: x.body, at: x.at })),
    }));
  }

  private async version(id: string, number: number): Promise<RoutineVersionRow> {
    const v = await this.db('routine_version').where({ routine_id: id, number }).first();
    if (!v) throw new NotFoundError('Versionen finns inte');
    return v;
  }

  /** A new draft: from the given text, else a copy of the version in force (one open draft at a time). */
  async newDraft(user: User, id: string, input: { bodyHtml?: string; changeNote?: string }): Promise<{ id: string; number: number }> {
    await this.owned(user, id);
    const open = await this.db('routine_version').where({ routine_id: id }).whereIn('state', ['draft', 'review']).first('number');
    if (open) throw new ConflictError(`Rutinen har redan ett utkast (version ${open.number})`);
    const latest = await this.db('routine_version').where({ routine_id: id }).orderBy('number', 'desc').first();
    const body = input.bodyHtml !== undefined ? sanitizeRoutineHtml(input.bodyHtml) : ((latest?.body_html as string) ?? '');
    const number = Number(latest?.number ?? 0) + 1;
    await this.db('routine_version').insert({
      routine_id: id,
      number,
      state: 'draft',
      body_html: body,
      change_note: input.changeNote ?? '',
      author: user.username,
      created_at: this.clock.now(),
    });
    return { id, number };
  }

  /** Changes a draft's text or note; any other state is a conflict (an adopted version never changes). */
  async editDraft(user: User, id: string, number: number, input: { bodyHtml?: string; changeNote?: string }): Promise<void> {
    await this.owned(user, id);
    const v = await this.version(id, number);
    if (v.state !== 'draft')
      throw new ConflictError(v.state === 'review' ? 'Versionen granskas och kan inte ändras' : 'En fastställd version ändras aldrig: skapa ett nytt utkast');
    await this.db('routine_version')
      .where({ routine_id: id, number })
      .update({
        ...(input.bodyHtml !== undefined ? { body_html: sanitizeRoutineHtml(input.bodyHtml) } : {}),
        ...(input.changeNote !== undefined ? { change_note: input.changeNote } : {}),
      });
  }

  /** A Word document as the routine's draft: into the open draft, else a new one. */
  async importDocx(user: User, id: string, docx: Buffer): Promise<{ id: string; number: number }> {
    await this.owned(user, id);
    const bodyHtml = await docxToHtml(docx);
    const open = await this.db('routine_version').where({ routine_id: id, state: 'draft' }).first('number');
    if (open) {
      await this.editDraft(user, id, Number(open.number), { bodyHtml });
      return { id, number: Number(open.number) };
    }
    return this.newDraft(user, id, { bodyHtml, changeNote: 'Importerad från Word' });
  }

  /** Sends a draft to named reviewers (existing users other than the author). */
  async sendForReview(user: User, id: string, number: number, reviewers: string[]): Promise<void> {
    const head = await this.owned(user, id);
    const v = await this.version(id, number);
    if (v.state !== 'draft') throw new ConflictError('Endast ett utkast skickas på granskning');
    const known = await this.db('app_user').whereIn('username', reviewers).pluck('username');
    const unknown = reviewers.filter((r) => !known.includes(r));
    if (unknown.length)
      throw new InputError(
        'Okänd granskare',
        unknown.map(() => ({ field: 'reviewers', message: 'finns inte' })),
      );
    await this.db.transaction(async (tx) => {
      const n = await tx('routine_version').where({ routine_id: id, number, state: 'draft' }).update({ state: 'review' });
      if (n !== 1) throw new ConflictError('Endast ett utkast skickas på granskning');
      await tx('routine_reviewer').where({ routine_id: id, number }).delete();
      await tx('routine_reviewer').insert([...new Set(reviewers)].map((username) => ({ routine_id: id, number, username })));
      await audit(tx, this.clock.now(), user.username, 'routine.submitted', 'routine', `${id}/${number}`);
      // the adoption task for those who adopt at the routine's level (bpmn/rutin-faststallelse.bpmn)
      const variables = { routineId: id, version: number, title: head.title, adopters: await adopters(tx, head.decisionLevel) };
      await this.outbox.enqueue(tx, { kind: 'startInstance', processId: ADOPTION_PROCESS_ID, variables }, user.username);
    });
  }

  /** Takes a version out of review, back to a draft (its owner); its adoption task is withdrawn. */
  async withdraw(user: User, id: string, number: number): Promise<void> {
    await this.owned(user, id);
    const v = await this.version(id, number);
    if (v.state !== 'review') throw new ConflictError('Versionen granskas inte');
    const stale = await openInstances(this.db, ADOPTION_PROCESS_ID, id, { eq: number });
    await this.db.transaction(async (tx) => {
      const n = await tx('routine_version').where({ routine_id: id, number, state: 'review' }).update({ state: 'draft' });
      if (n !== 1) throw new ConflictError('Versionen granskas inte');
      await audit(tx, this.clock.now(), user.username, 'routine.withdrawn', 'routine', `${id}/${number}`);
      await withdrawInstances(tx, this.outbox, stale, user.username);
    });
  }

  /**
   * The adoption decided in the inbox (rutin-faststallelse.bpmn's worker): the user who completed
   * the task adopts, if they may at the routine's level; else the version goes back to its owner
   * with a note. A version no longer in review (withdrawn, or adopted through the API) is left as
   * it is. Run again after a crash, it finds the version adopted and does nothing.
   */
  async adoptFromTask(instanceKey: string, id: string, number: number, decisionRef: string): Promise<'adopted' | 'returned' | 'stale'> {
    const head = await this.head(id);
    const v = await this.version(id, number);
    if (v.state !== 'review') return 'stale';
    const user = await adopterOf(this.db, this.clock, instanceKey);
    if (!user || !may(user, 'routine.adopt', { decisionLevel: head.decisionLevel })) {
      await this.returnToDraft(id, number, 'Inte fastställd: den som fattade beslutet har inte rutinens beslutsnivå.');
      return 'returned';
    }
    await this.adopt(user, id, number, { decisionRef }, instanceKey);
    return 'adopted';
  }

  /** A version in review goes back to its owner as a draft, with a note (the adopting level returned it). */
  async returnToDraft(id: string, number: number, note: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const n = await tx('routine_version').where({ routine_id: id, number, state: 'review' }).update({ state: 'draft' });
      if (n === 1) await tx('routine_comment').insert({ routine_id: id, number, author: 'system', body: note, at: this.clock.now() });
    });
  }

  /** A named reviewer's comment on a version in review. */
  async comment(user: User, id: string, number: number, body: string): Promise<void> {
    await this.head(id);
    const v = await this.version(id, number);
    const reviewers = await this.db('routine_reviewer').where({ routine_id: id, number }).pluck('username');
    authorize(user, 'routine.review', { reviewers });
    if (v.state !== 'review') throw new ConflictError('Versionen granskas inte');
    await this.db('routine_comment').insert({ routine_id: id, number, author: user.username, body, at: this.clock.now() });
  }

  /**
   * Adopts (fastställer) a version in review: the one in force becomes superseded, the routine row
   * shows the new one. Stale tasks are withdrawn in the same transaction: the version's adoption
   * task (when adopted here rather than from the inbox; `fromInstance` is the one deciding) and the
   * review tasks of the versions before it.
   */
  async adopt(user: User, id: string, number: number, input: { decisionRef: string; validFrom?: string }, fromInstance?: string): Promise<RoutineHead> {
    const head = await this.head(id);
    authorize(user, 'routine.adopt', { decisionLevel: head.decisionLevel });
    const v = await this.version(id, number);
    if (v.state !== 'review') throw new ConflictError(v.state === 'draft' ? 'Versionen ska granskas innan den fastställs' : 'Versionen är redan fastställd');
    const today = this.today();
    const validFrom = input.validFrom ?? today;
    const nextReview = Temporal.PlainDate.from(validFrom).add({ months: head.reviewIntervalMonths }).toString();
    const stale = [
      ...(await openInstances(this.db, ADOPTION_PROCESS_ID, id, { eq: number })).filter((k) => k !== fromInstance),
      ...(await openInstances(this.db, REVIEW_PROCESS_ID, id, { below: number })),
    ];
    await this.db.transaction(async (tx) => {
      await tx('routine_version').where({ routine_id: id, state: 'adopted' }).update({ state: 'superseded' });
      const adopted = await tx('routine_version')
        .where({ routine_id: id, number, state: 'review' })
        .update({
          state: 'adopted',
          adopted_by: user.username,
          adopted_role: adoptingRole(user, head.decisionLevel),
          adopted_on: today,
          decision_ref: input.decisionRef,
        });
      if (adopted !== 1) throw new ConflictError('Versionen är redan fastställd');
      await withdrawInstances(tx, this.outbox, stale, user.username);
      await tx('routine')
        .where({ id })
        .update({
          version: number,
          body: v.body_html,
          body_text: htmlText(v.body_html),
          decided_by: user.displayName,
          adopted_on: today,
          valid_from: validFrom,
          next_review_on: nextReview,
        });
      await audit(tx, this.clock.now(), user.username, 'routine.adopted', 'routine', `${id}/${number}`);
      // the review task for the owners, REVIEW_LEAD_DAYS before the review date (a command in the same transaction)
      const owners = (
        await tx
          .from(activeRoles(tx, todayIn(this.clock), 'ra'))
          .join('app_user as u', 'u.id', 'ra.user_id')
          .where('ra.role', head.ownerRole)
          .distinct('u.username')
          .orderBy('u.username')
      ).map((r: { username: string }) => r.username);
      await this.outbox.enqueue(
        tx,
        {
          kind: 'startInstance',
          processId: REVIEW_PROCESS_ID,
          variables: {
            routineId: id,
            version: number,
            title: head.title,
            nextReviewOn: nextReview,
            owners,
            reviewAt: at(Temporal.PlainDate.from(nextReview).subtract({ days: REVIEW_LEAD_DAYS }).toString(), '08:00'),
            reviewDueAt: at(nextReview, '16:00'),
          },
        },
        user.username,
      );
    });
    return this.head(id);
  }

  /** The words changed between two versions' texts. */
  async diff(id: string, from: number, to: number): Promise<{ value: string; added: boolean; removed: boolean }[]> {
    const [a, b] = await Promise.all([this.version(id, from), this.version(id, to)]);
    return diffWords(htmlText(a.body_html), htmlText(b.body_html)).map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed }));
  }

  /** Replaces the activities the routine governs (its owner). */
  async setLinks(user: User, id: string, links: { processId: string; elementId: string }[]): Promise<void> {
    await this.owned(user, id);
    await this.db.transaction(async (tx) => {
      await tx('routine_link').where({ routine_id: id }).delete();
      const rows = [
        ...new Map(links.map((l) => [`${l.processId}\n${l.elementId}`, { routine_id: id, process_id: l.processId, element_id: l.elementId }])).values(),
      ];
      if (rows.length) await tx('routine_link').insert(rows);
    });
  }

  /** The register: every routine in force, by title, text or process (case-insensitive substring), by title. */
  async register(q: string | undefined): Promise<RegisterEntry[]> {
    const query = this.db('routine as r').whereNotNull('r.adopted_on').orderBy('r.title');
    if (q) {
      const like = `%${likeEscape(q)}%`;
      query.where((w) => {
        w.whereILike('r.title', like)
          .orWhereILike('r.body_text', like)
          .orWhereExists((e) => {
            e.select(this.db.raw('1')).from('routine_link as l').whereRaw('l.routine_id = r.id').whereILike('l.process_id', like);
          });
      });
    }
    const rows = await query.select<RoutineRow[]>('r.*');
    const links = rows.length
      ? await this.db('routine_link')
          .whereIn(
            'routine_id',
            rows.map((r) => r.id),
          )
          .distinct('routine_id', 'process_id')
          .orderBy('process_id')
      : [];
    return rows.map((r) => ({
      ...this.toHead(r),
      decidedBy: r.decided_by ?? null,
      processIds: links.filter((l) => l.routine_id === r.id).map((l) => l.process_id),
    }));
  }
}
