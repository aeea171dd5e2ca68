/**
 * Sends what `mail_outbox` holds, over SMTP with nodemailer: every `pollMs` the dispatcher takes
 * up to `batch` due rows (`FOR UPDATE SKIP LOCKED`, so several processes share the work), sends
 * each and marks it sent; a failure is retried with a growing wait and given up (`failed`,
 * with the error) after `maxAttempts`. A message whose person has no address any more is
 * `skipped`. A process killed between the send and the commit sends that message again at the
 * next attempt: e-mail is at least once (a repeated message is better than a lost one).
 */
import nodemailer from 'nodemailer';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import type { Logger } from '../../logger.js';
import { Periodic } from '../periodic.js';

/** How the dispatcher reaches the SMTP server and how often it looks. */
export interface MailerOptions {
  /** smtp:// or smtps:// URL (with user:password@ if the relay wants them). */
  smtpUrl: string;
  from: string;
  pollMs: number;
  batch?: number;
  maxAttempts?: number;
}

/** The mail dispatcher; `start()` in the engine role, `stop()` waits for a round in progress. */
export class MailDispatcher {
  private readonly transport: ReturnType<typeof nodemailer.createTransport>;
  private readonly periodic: Periodic;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly opts: MailerOptions,
    private readonly logger?: Logger,
  ) {
    this.transport = nodemailer.createTransport(opts.smtpUrl);
    this.periodic = new Periodic(
      () =>
        this.round().then(
          () => undefined,
          (e: Error) => this.logger?.error({ event: 'mail.round_failed', err: e.message }, 'mail.round_failed'),
        ),
      opts.pollMs,
    );
  }

  /** Starts sending (the first round at once). */
  start(): void {
    this.periodic.start(0);
  }

  /** Stops; resolves when a round in progress has ended. */
  async stop(): Promise<void> {
    await this.periodic.stop();
    this.transport.close();
  }

  /** One round: sends what is due; returns how many were sent. */
  async round(): Promise<number> {
    const now = this.clock.now();
    const max = this.opts.maxAttempts ?? 8;
    return this.db.transaction(async (tx) => {
      const due = await tx('mail_outbox as m')
        .join('app_user as u', 'u.id', 'm.user_id')
        .where('m.state', 'pending')
        .where('m.next_attempt_at', '<=', now)
        .orderBy('m.id')
        .limit(this.opts.batch ?? 20)
        .forUpdate('m')
        .skipLocked()
        .select<{ id: string; subject: string; body: string; attempts: number; email: string | null; kind: string }[]>(
          'm.id',
          'm.subject',
          'm.body',
          'm.attempts',
          'u.email',
          'm.kind',
        );
      let sent = 0;
      for (const m of due) {
        if (!m.email) {
          await tx('mail_outbox').where({ id: m.id }).update({ state: 'skipped' });
          continue;
        }
        try {
          await this.transport.sendMail({ from: this.opts.from, to: m.email, subject: m.subject, text: m.body });
          await tx('mail_outbox')
            .where({ id: m.id })
            .update({ state: 'sent', sent_at: this.clock.now(), attempts: m.attempts + 1 });
          sent++;
        } catch (e) {
          const attempts = m.attempts + 1;
          const wait = Math.min(3_600_000, 30_000 * 2 ** (attempts - 1));
          // the SMTP error, never the message or the address (no personal data in logs)
          const error = (e as Error).message.slice(0, 300);
          await tx('mail_outbox')
            .where({ id: m.id })
            .update({ attempts, last_error: error, state: attempts >= max ? 'failed' : 'pending', next_attempt_at: new Date(now.getTime() + wait) });
          this.logger?.warn({ event: 'mail.failed', mailId: m.id, kind: m.kind, attempts, err: error }, 'mail.failed');
        }
      }
      return sent;
    });
  }
}
