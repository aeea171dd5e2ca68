/**
 * Migration: the audit log cannot be changed or deleted through the product (issue 15 point 5).
 * A trigger refuses every UPDATE and DELETE on `audit_log`, and TRUNCATE, except deleting rows
 * older than the cut-off that the retention job sets for its own transaction
 * (`set_config('kvh.audit_cull_before', <timestamp>, true)`, src/domain/audit/retention.ts).
 * The database owner can still drop the trigger: this guards the product's paths, not a DBA.
 */
import type { Migration } from './index.js';

export const auditImmutableMigration: Migration = {
  name: '20261204_97_audit_immutable',
  async up(knex) {
    await knex.raw(`create function audit_log_guard() returns trigger language plpgsql as $$
    declare
      cutoff text := current_setting('kvh.audit_cull_before', true);
    begin
      if tg_op = 'DELETE' and coalesce(cutoff, '') <> '' and old.at < cutoff::timestamptz then
        return old;
      end if;
      raise exception 'audit_log kan inte ändras eller raderas (%)', tg_op using errcode = '42501';
    end $$`);
    await knex.raw('create trigger audit_log_guard before update or delete on audit_log for each row execute function audit_log_guard()');
    await knex.raw('create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_guard()');
  },
  async down(knex) {
    await knex.raw('drop trigger audit_log_no_truncate on audit_log');
    await knex.raw('drop trigger audit_log_guard on audit_log');
    await knex.raw('drop function audit_log_guard()');
  },
};
