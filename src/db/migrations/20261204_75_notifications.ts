/**
 * Migration: notifications by e-mail (issue 15 point 4). A person's e-mail address; their
 * settings (new tasks at once, in a daily digest or not at all; a reminder n days before a
 * deadline); and the mail outbox: every message is a row first, written in the transaction of
 * what caused it, and sent by the dispatcher afterwards, so an accepted cause is never without
 * its message and a message is sent once (`dedupe_key`).
 */
import type { Migration } from './index.js';

export const notificationsMigration: Migration = {
  name: '20261204_75_notifications',
  async up(knex) {
    await knex.schema.alterTable('app_user', (t) => {
      t.text('email');
    });
    await knex.raw(
      `alter table app_user add constraint app_user_email_shape check (email is null or (length(email) <= 254 and email ~ '^[^@\\s]+@[^@\\s]+$'))`,
    );
    await knex.schema.createTable('notification_setting', (t) => {
      t.integer('user_id').primary().references('id').inTable('app_user').onDelete('cascade');
      t.text('new_tasks').notNullable().defaultTo('immediate');
      t.smallint('deadline_days').notNullable().defaultTo(2);
      t.timestamp('last_digest_at', { useTz: true });
      t.timestamp('updated_at', { useTz: true }).notNullable();
    });
    await knex.raw("alter table notification_setting add constraint notification_setting_new_tasks check (new_tasks in ('immediate', 'digest', 'off'))");
    await knex.raw('alter table notification_setting add constraint notification_setting_deadline_days check (deadline_days between 0 and 30)');
    await knex.schema.createTable('mail_outbox', (t) => {
      t.bigIncrements('id');
      t.integer('user_id').notNullable().references('id').inTable('app_user').onDelete('cascade');
      t.text('kind').notNullable();
      t.text('subject').notNullable();
      t.text('body').notNullable();
      t.text('dedupe_key').notNullable().unique();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('next_attempt_at', { useTz: true }).notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.text('state').notNullable().defaultTo('pending');
      t.timestamp('sent_at', { useTz: true });
      t.text('last_error');
    });
    await knex.raw("alter table mail_outbox add constraint mail_outbox_kind check (kind in ('task.new', 'task.digest', 'task.deadline'))");
    await knex.raw("alter table mail_outbox add constraint mail_outbox_state check (state in ('pending', 'sent', 'failed', 'skipped'))");
    await knex.raw("create index mail_outbox_due on mail_outbox (next_attempt_at) where state = 'pending'");
  },
  async down(knex) {
    await knex.schema.dropTable('mail_outbox');
    await knex.schema.dropTable('notification_setting');
    await knex.schema.alterTable('app_user', (t) => {
      t.dropColumn('email');
    });
  },
};
