/**
 * Migration: what the log review (loggkontroll, issue 15 point 5) filters by. Each audit row gets
 * the client address it came from and — when it names an instance, a task or a case — the
 * instance, the case number and the unit, filled by a trigger from `user_task`, `case` and
 * `process_instance_ref` at insert, so a later move of the case does not rewrite where a read
 * happened, and no service has to look them up. Indexes for the review's filters (person, case,
 * unit, period).
 */
import type { Migration } from './index.js';

/** The subject's instance, case and unit, for a row `r` (the trigger's NEW, or the backfill's row). */
const FILL = `
  if r.subject_type = 'process-instance' then
    r.instance_key := coalesce(r.instance_key, r.subject_key);
  elsif r.subject_type = 'task' then
    select t.process_instance_key, t.case_number, t.unit_id into task_instance, task_case, task_unit from user_task t where t.key = r.subject_key;
    r.instance_key := coalesce(r.instance_key, task_instance);
    r.case_number := coalesce(r.case_number, task_case);
  elsif r.subject_type = 'case' then
    r.case_number := coalesce(r.case_number, r.subject_key);
  end if;
  if r.case_number is null and r.instance_key is not null then
    select c.case_number, c.unit_id into case_number_found, case_unit from "case" c where c.process_instance_key = r.instance_key limit 1;
    r.case_number := case_number_found;
  elsif r.case_number is not null then
    select c.unit_id, c.process_instance_key into case_unit, case_instance from "case" c where c.case_number = r.case_number;
    r.instance_key := coalesce(r.instance_key, case_instance);
  end if;
  if r.unit_id is null and r.instance_key is not null then
    select p.unit_id into ref_unit from process_instance_ref p where p.key = r.instance_key;
  end if;
  r.unit_id := coalesce(r.unit_id, case_unit, task_unit, ref_unit);`;

const DECLARE = `declare
  task_instance text; task_case text; task_unit text;
  case_number_found text; case_unit text; case_instance text; ref_unit text;`;

export const auditReviewMigration: Migration = {
  name: '20261204_96_audit_review',
  async up(knex) {
    await knex.schema.alterTable('audit_log', (t) => {
      /** The client's address (express's req.ip behind the trusted proxies); null for the system's own rows. */
      t.text('address');
      t.text('instance_key');
      t.text('case_number');
      t.text('unit_id');
    });
    await knex.raw(`create function audit_log_subject() returns trigger language plpgsql as $$
      ${DECLARE}
      r audit_log%rowtype;
    begin
      r := new;
      ${FILL}
      new.instance_key := r.instance_key; new.case_number := r.case_number; new.unit_id := r.unit_id;
      return new;
    end $$`);
    await knex.raw('create trigger audit_log_subject before insert on audit_log for each row execute function audit_log_subject()');
    // the rows written before this migration: the same facts as far as they are still known
    await knex.raw(`do $$
      ${DECLARE}
      r audit_log%rowtype;
    begin
      for r in select * from audit_log where subject_type in ('process-instance', 'task', 'case') loop
        ${FILL}
        update audit_log set instance_key = r.instance_key, case_number = r.case_number, unit_id = r.unit_id where id = r.id;
        task_instance := null; task_case := null; task_unit := null; case_number_found := null; case_unit := null; case_instance := null; ref_unit := null;
      end loop;
    end $$`);
    await knex.raw('create index audit_log_at on audit_log (at desc, id desc)');
    await knex.raw('create index audit_log_actor_at on audit_log (actor, at desc)');
    await knex.raw('create index audit_log_case_at on audit_log (case_number, at desc) where case_number is not null');
    await knex.raw('create index audit_log_unit_at on audit_log (unit_id, at desc) where unit_id is not null');
  },
  async down(knex) {
    await knex.raw('drop trigger audit_log_subject on audit_log');
    await knex.raw('drop function audit_log_subject()');
    for (const i of ['audit_log_at', 'audit_log_actor_at', 'audit_log_case_at', 'audit_log_unit_at']) await knex.raw(`drop index ${i}`);
    await knex.schema.alterTable('audit_log', (t) => {
      t.dropColumns('address', 'instance_key', 'case_number', 'unit_id');
    });
  },
};
