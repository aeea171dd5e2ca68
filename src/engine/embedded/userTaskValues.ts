/**
 * A Camunda user task's priority (docs: components/modeler/bpmn/user-tasks/user-tasks#define-user-task-priority):
 * an integer from 0 to 100, static or a FEEL expression evaluated when the task is activated;
 * 50 when none is given. Anything else is an EXTRACT_VALUE_ERROR incident, with Zeebe's message.
 */
import { evalValue, isExpression } from './feel.js';
import { IncidentSignal } from './run.js';

/** Zeebe's default priority of a user task. */
export const DEFAULT_PRIORITY = 50;

/** Evaluates the priority attribute (throws IncidentSignal when it is not an integer in 0..100). */
export function taskPriority(raw: string | undefined, variables: Record<string, unknown>, now: Date): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_PRIORITY;
  let v: unknown;
  try {
    v = evalValue(raw, variables, now);
  } catch (e) {
    throw new IncidentSignal('EXTRACT_VALUE_ERROR', (e as Error).message, 'activate');
  }
  // A static attribute is text; Zeebe reads it as a number.
  if (!isExpression(raw) && typeof v === 'string' && /^-?\d+$/.test(v.trim())) v = Number(v);
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    const got = v === null ? 'NULL' : Array.isArray(v) ? 'ARRAY' : typeof v === 'number' ? 'NUMBER' : typeof v;
    throw new IncidentSignal('EXTRACT_VALUE_ERROR', `Expected result of the expression '${raw}' to be 'INTEGER', but was '${String(got).toUpperCase()}'.`, 'activate');
  }
  if (v < 0 || v > 100) {
    throw new IncidentSignal('EXTRACT_VALUE_ERROR', `Expected priority to be in the range [0,100] but was '${v}'.`, 'activate');
  }
  return v;
}
