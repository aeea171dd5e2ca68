/**
 * Åtgärder (actions) as records. Every process that decides actions calls the shared process
 * bpmn/atgard.bpmn once per action (a multi-instance call activity over `actions`); its workers
 * keep one case per action (the case core, src/domain/caseCore.ts, with its details in
 * `action_item`): who owns it (a role at the case's unit), when it is
 * due, whether it was carried out, when and how its effect was followed up.
 */
import { dateColumn, type Db } from '../../db/index.js';
import { zonedDateTime } from '../calendar/index.js';
import { findCaseRow, openCase, updateCase, type CasePatch, type CaseRowOf } from '../caseCore.js';

/** Roles that may own an action (the select in the forms that decide actions). */
export const ACTION_OWNER_ROLES = ['enhetschef', 'verksamhetschef', 'mas', 'kvalitetsledare', 'utredare', 'socialchef'] as const;
export type ActionStatus = 'open' | 'implemented' | 'not-implemented' | 'closed';

export interface ActionItem {
  caseNumber: string;
  processInstanceKey: string;
  sourceCaseNumber: string | undefined;
  unitId: string | undefined;
  title: string;
  ownerRole: string;
  dueOn: string;
  status: ActionStatus;
  effectFollowUpOn: string | undefined;
  effect: 'ja' | 'delvis' | 'nej' | undefined;
}

const day = dateColumn;
const toAction = (r: CaseRowOf<'action'>): ActionItem => ({
  caseNumber: r.case_number,
  processInstanceKey: r.process_instance_key,
  sourceCaseNumber: r.source_case_number ?? undefined,
  unitId: r.unit_id ?? undefined,
  title: r.title,
  ownerRole: r.owner_role,
  dueOn: day(r.due_on)!,
  status: r.status as ActionStatus,
  effectFollowUpOn: day(r.effect_follow_up_on),
  effect: r.effect ?? undefined,
});

/** Registers an action with the year's next AT number; idempotent per process instance (a retried job). */
export async function registerAction(
  db: Db,
  a: {
    processInstanceKey: string;
    sourceCaseNumber?: string;
    unitId?: string;
    title: string;
    ownerRole: string;
    dueOn: string;
    at: Date;
  },
): Promise<ActionItem> {
  return db.transaction(async (tx) => {
    const existing = await findCaseRow(tx, 'action', { processInstanceKey: a.processInstanceKey });
    if (existing) return toAction(existing);
    const row = await openCase(
      tx,
      'action',
      {
        processInstanceKey: a.processInstanceKey,
        unitId: a.unitId ?? null,
        openedAt: a.at,
        sourceCaseNumber: a.sourceCaseNumber ?? null,
      },
      { title: a.title, owner_role: a.ownerRole, due_on: a.dueOn },
    );
    return toAction(row);
  });
}

async function update(db: Db, processInstanceKey: string, patch: CasePatch<'action'>): Promise<ActionItem> {
  const row = await updateCase(db, 'action', { processInstanceKey }, patch);
  if (!row) throw new Error('no action for this process instance');
  return toAction(row);
}

/** The deadline of an action: the end of its due day in Stockholm. */
export const actionDueAt = (dueOn: string): string => zonedDateTime(dueOn, '23:59:59');

/**
 * Records that the action was carried out; its effect is followed up at 00:00 (Stockholm) on
 * the chosen day, or at once when that day has already begun.
 */
export async function recordImplemented(
  db: Db,
  processInstanceKey: string,
  i: { effectFollowUpOn: string; at: Date },
): Promise<{ action: ActionItem; effectFollowUpAt: string }> {
  const action = await update(db, processInstanceKey, { status: 'implemented', implemented_at: i.at, effect_follow_up_on: i.effectFollowUpOn });
  return { action, effectFollowUpAt: zonedDateTime(i.effectFollowUpOn, '00:00') };
}

/** Closes the action: after the effect was followed up, or when it could not be carried out. */
export async function closeAction(
  db: Db,
  processInstanceKey: string,
  c: { implemented: boolean; effect?: 'ja' | 'delvis' | 'nej'; at: Date },
): Promise<ActionItem> {
  return update(db, processInstanceKey, {
    status: c.implemented ? 'closed' : 'not-implemented',
    effect: c.effect ?? null,
    closed_at: c.at,
  });
}

export async function getActionByInstance(db: Db, processInstanceKey: string): Promise<ActionItem | undefined> {
  const r = await findCaseRow(db, 'action', { processInstanceKey });
  return r ? toAction(r) : undefined;
}
