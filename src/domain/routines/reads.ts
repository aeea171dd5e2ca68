/**
 * Läst och förstått (issue 14 point 4): staff confirm they have read the version in force (one
 * row per user and version); a manager sees, per routine, who with a role at their units (and
 * below) has not confirmed it.
 */
import type { Db } from '../../db/index.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { User } from '../org/index.js';
import { managedNodes } from './policy.js';
import { activeRoles, today } from '../org/assignments.js';

export interface UnreadSummary {
  version: number;
  staff: number;
  confirmed: number;
  unread: { username: string; displayName: string }[];
}

/** Read confirmations. */
export class RoutineReads {
  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
  ) {}

  private async inForce(id: string): Promise<number> {
    const r = await this.db('routine').where({ id }).first('version', 'adopted_on');
    if (!r) throw new NotFoundError('Rutinen finns inte');
    if (!r.adopted_on) throw new ConflictError('Rutinen har ingen fastställd version');
    return Number(r.version);
  }

  /** Confirms the version in force for the user (again: nothing changes). */
  async confirm(user: User, id: string): Promise<{ version: number; confirmedAt: Date }> {
    const number = await this.inForce(id);
    await this.db('routine_read')
      .insert({ routine_id: id, number, user_id: user.id, read_at: this.clock.now() })
      .onConflict(['routine_id', 'number', 'user_id'])
      .ignore();
    const row = await this.db('routine_read').where({ routine_id: id, number, user_id: user.id }).first('read_at');
    return { version: number, confirmedAt: row!.read_at };
  }

  /** Whether the user confirmed the version in force (null: none in force). */
  async confirmedBy(user: User, id: string): Promise<boolean | null> {
    const r = await this.db('routine').where({ id }).first('version', 'adopted_on');
    if (!r?.adopted_on) return null;
    return !!(await this.db('routine_read').where({ routine_id: id, number: r.version, user_id: user.id }).first('user_id'));
  }

  /** Who holds a role at the manager's units or below, and who of them has not confirmed the version in force. */
  async unread(user: User, id: string): Promise<UnreadSummary> {
    const number = await this.inForce(id);
    const nodes = managedNodes(user);
    const staff = nodes.length
      ? await this.db
          .withRecursive(
            'managed',
            ['node_id'],
            this.db.raw(
              `select n.id from org_node n where n.id in (${nodes.map(() => '?').join(', ')}) union select c.id from org_node c join managed m on c.parent_id = m.node_id`,
              nodes,
            ),
          )
          .from('app_user as u')
          .whereExists((e) => {
            e.select(this.db.raw('1'))
              .from(activeRoles(this.db, today(this.clock), 'ra'))
              .join('managed as m', 'm.node_id', 'ra.node_id')
              .whereRaw('ra.user_id = u.id');
          })
          .leftJoin('routine_read as rr', (j) => j.on('rr.user_id', 'u.id').andOnVal('rr.routine_id', id).andOnVal('rr.number', number))
          .select('u.username', 'u.display_name', 'rr.read_at')
          .orderBy('u.username')
      : [];
    const unread = (staff as { username: string; display_name: string; read_at: Date | null }[])
      .filter((s) => !s.read_at)
      .map((s) => ({ username: s.username, displayName: s.display_name }));
    return { version: number, staff: staff.length, confirmed: staff.length - unread.length, unread };
  }
}
