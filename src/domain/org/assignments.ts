/**
 * Who holds which role where on a day: `active_role_assignment_on(day)` (migration 20261204_83) —
 * the assignments valid that day plus those a substitute (ersättare) holds then for the person
 * they stand in for. The day is the product clock's date in Swedish time, so a ControlledClock
 * moves it in tests; readers that have no clock at hand use the view `active_role_assignment`
 * (the database's today), which is the same function.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../clock.js';
import { stockholmDate } from '../calendar/index.js';

/** Today in Sweden by the product clock (YYYY-MM-DD). */
export const today = (clock: Clock): string => stockholmDate(clock.now());

/** `active_role_assignment_on(day) as <alias>` for `from` or `join` (columns user_id, role, node_id). */
export const activeRoles = (db: Knex | Knex.Transaction, day: string, alias = 'r'): Knex.Raw =>
  db.raw(`active_role_assignment_on(?::date) as ??`, [day, alias]);
