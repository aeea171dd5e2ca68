/**
 * The engine listener that queues "a new task" e-mails. It runs after the inbox projection
 * (registered after it, and listeners run in order), inside the same transaction on the
 * embedded engine, and reads the task as the inbox placed it — at its unit, or at the node of
 * its organisation level — so the people told are exactly those whose inbox shows it.
 */
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import type { EngineEvent, EngineEventListener } from '../../engine/port.js';
import type { NotificationService } from './index.js';
import { noticeOf } from './texts.js';

/** A listener for `engine.onEvent` after `inboxProjection`. */
export function notificationProjection(db: Db, notifications: NotificationService): EngineEventListener {
  return async (event: EngineEvent, tx: unknown) => {
    // without SMTP nothing is queued: no read of the task on the engine's hot path
    if (event.type !== 'userTaskCreated' || !notifications.enabled) return;
    const q = (tx as Knex.Transaction | undefined) ?? db;
    const t = await q('user_task')
      .where({ key: event.task.key })
      .first('key', 'name', 'due_date', 'unit_id', 'assignee', 'candidate_groups', 'candidate_users');
    if (!t) return;
    await notifications.taskCreated(q, {
      key: t.key,
      name: t.name,
      dueDate: t.due_date,
      unitId: t.unit_id,
      assignee: t.assignee,
      candidateGroups: t.candidate_groups,
      candidateUsers: t.candidate_users,
      notice: noticeOf(event.task.customHeaders),
    });
  };
}
