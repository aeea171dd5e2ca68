/**
 * Notifications by e-mail (issue 15 point 4): a new task in my queues, at once or in a daily
 * digest (an escalation, a routine to review, a report to write say so; an escalation goes at
 * once even to those who chose the digest); a reminder n days before a task's deadline. Each message is a row of `mail_outbox`
 * first — a new task's in the inbox projection's transaction (so the engine's transaction on the
 * embedded engine), the scheduled ones in the run that found them — and `dedupe_key` makes it
 * one message per cause and person however often a run repeats. mailer.ts sends them.
 * Who is told of a task is who may work on it: its assignee, or its candidate users and the
 * holders of a candidate role at its unit or a node above (as `taskScope` decides the inbox).
 */
import type { Knex } from 'knex';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import type { MailOutboxRow, NotificationSettingRow } from '../../db/tables.js';
import { InputError } from '../../errors.js';
import type { OrgService, User } from '../org/index.js';
import { ANCESTORS } from '../org/scope.js';
import { taskScope } from '../tasks/policy.js';
import { deadlineText, digestText, newTaskText, type MailText, type Notice } from './texts.js';

/** What a person chose. */
export interface NotificationSettings {
  email: string | null;
  newTasks: NotificationSettingRow['new_tasks'];
  /** Days before a deadline to be reminded; 0: no reminders. */
  deadlineDays: number;
  /** Whether this installation sends e-mail at all (SMTP_URL set). */
  mailEnabled: boolean;
}

const DEFAULTS = { new_tasks: 'immediate' as const, deadline_days: 2 };
/** A digest goes out once a Stockholm day, from this hour on. */
const DIGEST_HOUR = 7;

/** A task as the projection sees it when it is created. */
export interface NewTask {
  key: string;
  name: string | null;
  dueDate: Date | null;
  unitId: string | null;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  /** What kind of new task the model says it is (texts.ts `noticeOf`). */
  notice?: Notice;
}

/** The notification service. */
export class NotificationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly org: OrgService,
    private readonly opts: { enabled: boolean; baseUrl: string },
  ) {}

  /** Whether this installation sends e-mail (SMTP_URL set): without it nothing is queued. */
  get enabled(): boolean {
    return this.opts.enabled;
  }

  /** The signed-in person's settings (the defaults until they choose). */
  async settings(user: User): Promise<NotificationSettings> {
    const u = await this.db('app_user').where({ id: user.id }).first('email');
    const s = await this.db('notification_setting').where({ user_id: user.id }).first();
    return {
      email: u?.email ?? null,
      newTasks: s?.new_tasks ?? DEFAULTS.new_tasks,
      deadlineDays: s?.deadline_days ?? DEFAULTS.deadline_days,
      mailEnabled: this.opts.enabled,
    };
  }

  /** Changes the signed-in person's settings. */
  async update(user: User, input: Omit<NotificationSettings, 'mailEnabled'>): Promise<NotificationSettings> {
    const email = input.email?.trim() || null;
    if (email !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      throw new InputError('Ogiltig e-postadress', [{ field: 'email', message: 'Ange en e-postadress som namn@exempel.se' }]);
    await this.db.transaction(async (tx) => {
      await tx('app_user').where({ id: user.id }).update({ email });
      await tx('notification_setting')
        .insert({ user_id: user.id, new_tasks: input.newTasks, deadline_days: input.deadlineDays, updated_at: this.clock.now() })
        .onConflict('user_id')
        .merge(['new_tasks', 'deadline_days', 'updated_at']);
      await tx('audit_log').insert({
        at: this.clock.now(),
        actor: user.username,
        action: 'notifications.settings',
        subject_type: 'user',
        subject_key: user.username,
        detail: JSON.stringify({ newTasks: input.newTasks, deadlineDays: input.deadlineDays, email: email ? 'set' : 'none' }),
      });
    });
    return this.settings(user);
  }

  /**
   * Queues "a new task" for everyone who may work on `task` and wants it at once, in `q` (the
   * projection's transaction). A no-op when the installation sends no e-mail.
   */
  async taskCreated(q: Knex | Knex.Transaction, task: NewTask): Promise<void> {
    if (!this.opts.enabled) return;
    const people = await recipients(q, task);
    const text = newTaskText(this.opts.baseUrl, task);
    // an escalation does not wait for tomorrow's digest: it is late already
    const now = task.notice === 'escalation' ? people : people.filter((p) => p.new_tasks === 'immediate');
    const kind = task.notice ? (`task.${task.notice}` as const) : 'task.new';
    const rows = now.map((p) => this.row(p.id, kind, `task.new:${task.key}:${p.id}`, text));
    if (rows.length) await q('mail_outbox').insert(rows).onConflict('dedupe_key').ignore();
  }

  /**
   * The scheduled part (notifications/scheduler.ts runs it every few minutes in the engine
   * role): each digest once a Stockholm day from 07:00, and each deadline reminder once per
   * task and person. Returns how many messages it queued.
   */
  async runScheduled(): Promise<{ digests: number; reminders: number }> {
    if (!this.opts.enabled) return { digests: 0, reminders: 0 };
    const now = this.clock.now();
    const people = await this.db('app_user as u')
      .leftJoin('notification_setting as s', 's.user_id', 'u.id')
      .whereNotNull('u.email')
      .select<{ id: number; new_tasks: string | null; deadline_days: number | null; last_digest_at: Date | null }[]>(
        'u.id',
        's.new_tasks',
        's.deadline_days',
        's.last_digest_at',
      );
    let digests = 0;
    let reminders = 0;
    for (const p of people) {
      const wantsDigest = p.new_tasks === 'digest';
      const days = p.deadline_days ?? DEFAULTS.deadline_days;
      if (!wantsDigest && days === 0) continue;
      const user = await this.org.user(p.id);
      if (wantsDigest && digestDue(now, p.last_digest_at)) digests += await this.digest(user, now, p.last_digest_at);
      if (days > 0) reminders += await this.reminders(user, now, days);
    }
    return { digests, reminders };
  }

  private async digest(user: User, now: Date, since: Date | null): Promise<number> {
    const from = since ?? new Date(now.getTime() - 86_400_000);
    const count = await taskScope(this.db, this.db('user_task as t'), user)
      .where('t.state', 'open')
      .where('t.created_at', '>', from)
      .count<{ n: string }[]>({ n: '*' });
    const n = Number(count[0]?.n ?? 0);
    return this.db.transaction(async (tx) => {
      await tx('notification_setting').where({ user_id: user.id }).update({ last_digest_at: now });
      if (!n) return 0;
      const r = await tx('mail_outbox')
        .insert(this.row(user.id, 'task.digest', `task.digest:${user.id}:${stockholmDay(now)}`, digestText(this.opts.baseUrl, n)))
        .onConflict('dedupe_key')
        .ignore()
        .returning('id');
      return r.length;
    });
  }

  private async reminders(user: User, now: Date, days: number): Promise<number> {
    const until = new Date(now.getTime() + days * 86_400_000);
    const due = await taskScope(this.db, this.db('user_task as t'), user)
      .where('t.state', 'open')
      .whereNotNull('t.due_date')
      .where('t.due_date', '>', now)
      .where('t.due_date', '<=', until)
      .where((w) => {
        w.whereNull('t.assignee').orWhere('t.assignee', user.username);
      })
      .select<{ key: string; name: string | null; due_date: Date }[]>('t.key', 't.name', 't.due_date');
    if (!due.length) return 0;
    const rows = due.map((t) =>
      this.row(
        user.id,
        'task.deadline',
        `task.deadline:${t.key}:${user.id}`,
        deadlineText(this.opts.baseUrl, { key: t.key, name: t.name, dueDate: t.due_date }),
      ),
    );
    const r = await this.db('mail_outbox').insert(rows).onConflict('dedupe_key').ignore().returning('id');
    return r.length;
  }

  private row(userId: number, kind: MailOutboxRow['kind'], dedupeKey: string, text: MailText) {
    const now = this.clock.now();
    return { user_id: userId, kind, subject: text.subject, body: text.body, dedupe_key: dedupeKey, created_at: now, next_attempt_at: now };
  }
}

/** The people who may work on a new task, with an e-mail address, and their choice for new tasks. */
async function recipients(q: Knex | Knex.Transaction, task: NewTask): Promise<{ id: number; new_tasks: string }[]> {
  const base = () =>
    q('app_user as u')
      .leftJoin('notification_setting as s', 's.user_id', 'u.id')
      .whereNotNull('u.email')
      .select<{ id: number; new_tasks: string }[]>('u.id', q.raw('coalesce(s.new_tasks, ?) as new_tasks', [DEFAULTS.new_tasks]));
  if (task.assignee) return base().where('u.username', task.assignee);
  const byName = task.candidateUsers.length ? await base().whereIn('u.username', task.candidateUsers) : [];
  const byRole =
    task.unitId && task.candidateGroups.length
      ? await base().whereExists((e) => {
          e.select(q.raw('1'))
            .from('active_role_assignment as r')
            .whereRaw('r.user_id = u.id')
            .whereIn('r.role', task.candidateGroups)
            .whereRaw(`r.node_id in (select a.id from ${ANCESTORS} a)`, [task.unitId]);
        })
      : [];
  const seen = new Map<number, { id: number; new_tasks: string }>();
  for (const p of [...byName, ...byRole]) seen.set(p.id, p);
  return [...seen.values()];
}

/** The date in Stockholm, YYYY-MM-DD. */
function stockholmDay(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(at);
}

/** Whether a digest is due: not yet today (Stockholm), and it is 07:00 or later there. */
function digestDue(now: Date, last: Date | null): boolean {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: '2-digit', hourCycle: 'h23' }).format(now));
  if (hour < DIGEST_HOUR) return false;
  return !last || stockholmDay(last) !== stockholmDay(now);
}
