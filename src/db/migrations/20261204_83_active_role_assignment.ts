/**
 * Migration: who holds which role where on a day (issue 15 point 1, SHARED15.md). The function
 * `active_role_assignment_on(day)` gives (user_id, role, node_id): the assignments valid that day
 * of active people at any node, plus the assignments a substitute holds that day for the person
 * they stand in for. The code always calls the function with the product clock's date in Swedish
 * time (`activeRoles` in src/domain/org/assignments.ts), so a test's ControlledClock moves it; the
 * view `active_role_assignment` is the same for today by the database's clock, for reports and
 * ad-hoc SQL.
 */
import type { Migration } from './index.js';

export const activeRoleAssignmentMigration: Migration = {
  name: '20261204_83_active_role_assignment',
  async up(knex) {
    await knex.raw(`create function active_role_assignment_on(day date) returns table (user_id integer, role text, node_id text)
      language sql stable as $$
        select r.user_id, r.role, r.node_id from role_assignment r join app_user u on u.id = r.user_id
          where u.active and (r.valid_from is null or r.valid_from <= day) and (r.valid_to is null or r.valid_to >= day)
        union
        select s.substitute_id, r.role, r.node_id from substitute s
          join role_assignment r on r.user_id = s.user_id
          join app_user b on b.id = s.substitute_id
          where b.active and s.valid_from <= day and s.valid_to >= day
            and (r.valid_from is null or r.valid_from <= day) and (r.valid_to is null or r.valid_to >= day)
      $$`);
    await knex.raw("create view active_role_assignment as select * from active_role_assignment_on((now() at time zone 'Europe/Stockholm')::date)");
  },
  async down(knex) {
    await knex.raw('drop view active_role_assignment');
    await knex.raw('drop function active_role_assignment_on(date)');
  },
};
