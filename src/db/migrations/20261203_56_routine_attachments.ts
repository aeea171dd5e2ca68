/**
 * Migration: attachments of a routine (issue 14 point 4), stored in the database as bytea: they
 * are small (at most 5 MB each, src/domain/routines/attachments.ts), so one backup, one
 * transaction with the audit row and the same code on PGlite and PostgreSQL outweigh a folder
 * on disk that would have to be kept in step with the rows (and shared between app processes).
 */
import type { Migration } from './index.js';

export const routineAttachmentsMigration: Migration = {
  name: '20261203_56_routine_attachments',
  async up(knex) {
    await knex.schema.createTable('routine_attachment', (t) => {
      t.increments('id').primary();
      t.text('routine_id').notNullable().references('id').inTable('routine').onDelete('cascade');
      t.text('file_name').notNullable();
      t.text('content_type').notNullable();
      t.integer('size').notNullable();
      t.binary('data').notNullable();
      t.text('uploaded_by').notNullable();
      t.timestamp('uploaded_at', { useTz: true }).notNullable();
      t.index(['routine_id']);
    });
  },
  async down(knex) {
    await knex.schema.dropTable('routine_attachment');
  },
};
