/**
 * The inbox projection: engine user-task events become rows of `user_task` (and a finished
 * task's drafts are removed). For the embedded
 * engine this runs inside the engine's transaction (`tx`), so the inbox never lags or loses.
 */
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import type { EngineEvent, EngineEventListener } from '../../engine/port.js';

/** A listener for `engine.onEvent` that keeps `user_task` in step with the engine. */
export function inboxProjection(db: Db): EngineEventListener {
  return async (event: EngineEvent, tx: unknown) => {
    const q = (tx as Knex.Transaction | undefined) ?? db;
    switch (event.type) {
      case 'userTaskCreated': {
        const t = event.task;
        const unitId = typeof event.variables.unitId === 'string' ? event.variables.unitId : null;
        const caseNumber = typeof event.variables.caseNumber === 'string' ? event.variables.caseNumber : null;
        await q('user_task')
          .insert({
            key: t.key,
            process_instance_key: t.processInstanceKey,
            process_id: t.processId,
            element_id: t.elementId,
            name: t.name ?? null,
            state: 'open',
            assignee: t.assignee ?? null,
            candidate_groups: JSON.stringify(t.candidateGroups),
            candidate_users: JSON.stringify(t.candidateUsers),
            due_date: t.dueDate ?? null,
            follow_up_date: t.followUpDate ?? null,
            priority: t.priority,
            form_id: t.formId ?? null,
            // the form version in force now: the task keeps it (forms/store.ts)
            form_version_id: t.formId ? q.raw("(select id from form_version where form_id = ? and state = 'published')", [t.formId]) : null,
            unit_id: unitId,
            case_number: caseNumber,
            created_at: t.createdAt,
          })
          .onConflict('key')
          .ignore();
        return;
      }
      case 'userTaskUpdated': {
        const t = event.task;
        await q('user_task')
          .where({ key: t.key })
          .update({
            assignee: t.assignee ?? null,
            candidate_groups: JSON.stringify(t.candidateGroups),
            candidate_users: JSON.stringify(t.candidateUsers),
            due_date: t.dueDate ?? null,
            follow_up_date: t.followUpDate ?? null,
            priority: t.priority,
          });
        return;
      }
      // a finished task's drafts go with it (completed here or elsewhere, or cancelled)
      case 'userTaskCompleted':
        await q('user_task').where({ key: event.task.key }).update({ state: 'completed', completed_at: new Date() });
        await q('task_draft').where({ task_key: event.task.key }).delete();
        return;
      case 'userTaskCanceled':
        await q('user_task').where({ key: event.task.key }).update({ state: 'canceled' });
        await q('task_draft').where({ task_key: event.task.key }).delete();
        return;
      default:
        return;
    }
  };
}
