/**
 * Migration: the e-mails say what kind of new task they are about (issue 15 point 4): an
 * escalation, a routine to review, a report to write, beside a plain new task, the digest and a
 * deadline reminder.
 */
import type { Migration } from './index.js';

const KINDS = ['task.new', 'task.digest', 'task.deadline'];
const MORE = ['task.escalation', 'task.routine-review', 'task.report'];
const check = (kinds: string[]) => `alter table mail_outbox add constraint mail_outbox_kind check (kind in (${kinds.map((k) => `'${k}'`).join(', ')}))`;

export const mailKindsMigration: Migration = {
  name: '20261204_76_mail_kinds',
  async up(knex) {
    await knex.raw('alter table mail_outbox drop constraint mail_outbox_kind');
    await knex.raw(check([...KINDS, ...MORE]));
  },
  async down(knex) {
    await knex('mail_outbox').whereIn('kind', MORE).update({ kind: 'task.new' });
    await knex.raw('alter table mail_outbox drop constraint mail_outbox_kind');
    await knex.raw(check(KINDS));
  },
};
