/**
 * The inbox projection: engine user-task events become rows of `user_task` (and a finished
 * task's drafts are removed). For the embedded
 * engine this runs inside the engine's transaction (`tx`), so the inbox never lags or loses.
 */
import { ANCESTORS } from '../org/scope.js';
import type { Knex } from 'knex';
import type { Db } from '../../db/index.js';
import type { EngineEvent, EngineEventListener } from '../../engine/port.js';

/**
 * The task header naming the organisation level a user task is done at (the modeler's choice,
 * issue 14.1: `committee`, `administration`, `area`, `unit`): the task is put at the case unit's
 * node of that level — the unit itself or the nearest one above it of that type — so its
 * candidate role is matched there and above (taskScope), not at a unit below. Without the header,
 * or when the unit has no node of that level above it, the task is at the case's unit.
 */
const ORG_LEVEL_HEADER = 'orgLevel';

/** The node of type `level` at or above `unitId` (nearest first), else `unitId`. */
async function placedAt(q: Knex | Knex.Transaction, unitId: string | null, level: string | undefined): Promise<string | null> {
  if (!unitId || !level) return unitId;
  const found = await q.raw<{ rows: { id: string }[] }>(`select a.id from ${ANCESTORS} a where a.type = ? order by a.depth limit 1`, [unitId, level]);
  return found.rows[0]?.id ?? unitId;
}

/** A listener for `engine.onEvent` that keeps `user_task` in step with the engine. */
export function inboxProjection(db: Db): EngineEventListener {
  return async (event: EngineEvent, tx: unknown) => {
    const q = (tx as Knex.Transaction | undefined) ?? db;
    switch (event.type) {
      case 'userTaskCreated': {
        const t = event.task;
        const caseUnit = typeof event.variables.unitId === 'string' ? event.variables.unitId : null;
        const unitId = await placedAt(q, caseUnit, t.customHeaders[ORG_LEVEL_HEADER]);
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
