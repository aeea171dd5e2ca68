/**
 * Migration: an adopted (or published, or superseded) process version never changes what was
 * adopted. A trigger refuses an update of its XML, process, number or adoption record, and a
 * state going back to draft or review; only the publishing columns and the state's way forward
 * (adopted → published → superseded) may change. The database says no even to code that forgets.
 */
import type { Knex } from 'knex';
import type { Migration } from './index.js';

async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function process_version_immutable() returns trigger language plpgsql as $$
    begin
      if old.state in ('adopted', 'published', 'superseded') and (
        new.xml is distinct from old.xml or new.process_id is distinct from old.process_id or new.number is distinct from old.number
        or new.adopted_by is distinct from old.adopted_by or new.adopted_role is distinct from old.adopted_role
        or new.decision_level is distinct from old.decision_level or new.decision_date is distinct from old.decision_date
        or new.decision_reference is distinct from old.decision_reference or new.change_note is distinct from old.change_note
        or new.state in ('draft', 'review')) then
        raise exception 'process version % of % is adopted and cannot be changed', old.number, old.process_id using errcode = 'check_violation';
      end if;
      return new;
    end $$`);
  await knex.raw('create trigger process_version_immutable before update on process_version for each row execute function process_version_immutable()');
}

async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger process_version_immutable on process_version');
  await knex.raw('drop function process_version_immutable()');
}

export const processVersionImmutableMigration: Migration = { name: '20261203_51_process_version_immutable', up, down };
