/**
 * Retention of the audit log (issue 15 point 5): rows older than AUDIT_RETENTION_MONTHS (default
 * 24) are deleted by the retention job (src/domain/retention, its daily run). The log refuses every
 * other UPDATE or DELETE (migration 20261204_97); the cull sets its cut-off for its own transaction
 * only (`set_config(…, true)`), so the trigger lets exactly those rows go and nothing else can.
 */
import type { Knex } from 'knex';
import { addMonths, toLocalDate, zonedDateTime } from '../calendar/localDate.js';

/** The default of AUDIT_RETENTION_MONTHS. */
export const AUDIT_RETENTION_MONTHS = 24;

/** The instant before which audit rows are culled: the start of the Stockholm day `months` before `now`. */
const auditCutoff = (now: Date, months: number): string => zonedDateTime(addMonths(toLocalDate(now), -months), '00:00:00');

/** Deletes, in `tx`, the audit rows older than `months` before `now`; returns how many. */
export async function cullAuditLog(tx: Knex.Transaction, now: Date, months: number): Promise<number> {
  const cutoff = auditCutoff(now, months);
  await tx.raw("select set_config('kvh.audit_cull_before', ?, true)", [cutoff]);
  const n = await tx('audit_log').where('at', '<', cutoff).delete();
  await tx.raw("select set_config('kvh.audit_cull_before', '', true)");
  return n;
}
