/**
 * Task properties that are static values or FEEL expressions, evaluated when the task is
 * activated; a value of the wrong kind is an EXTRACT_VALUE_ERROR incident, with Zeebe's message:
 * - a job's type (a string) and retries (an integer) (docs: components/modeler/bpmn/service-tasks/service-tasks#task-definition);
 * - a Camunda user task's priority (docs: components/modeler/bpmn/user-tasks/user-tasks#define-user-task-priority):
 *   an integer from 0 to 100, 50 when none is given.
 */
import { evalValue, isExpression } from './feel.js';
import { IncidentSignal } from './run.js';

/** Zeebe's default priority of a user task. */
const DEFAULT_PRIORITY = 50;

/** Evaluates the priority attribute (throws IncidentSignal when it is not an integer in 0..100). */
export function taskPriority(raw: string | undefined, variables: Record<string, unknown>, now: Date): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_PRIORITY;
  const v = integer(raw, variables, now);
  if (v < 0 || v > 100) {
    throw new IncidentSignal('EXTRACT_VALUE_ERROR', `Expected priority to be in the range [0,100] but was '${v}'.`, 'activate');
  }
  return v;
}

/** A job's retries: an integer (static or FEEL). */
export function jobRetries(raw: string, variables: Record<string, unknown>, now: Date): number {
  return integer(raw, variables, now);
}

/** A job's type: a string (static or FEEL). */
export function jobType(raw: string, variables: Record<string, unknown>, now: Date): string {
  const v = evaluate(raw, variables, now);
  if (typeof v !== 'string') throw wrongKind(raw, v, 'STRING');
  return v;
}

function evaluate(raw: string, variables: Record<string, unknown>, now: Date): unknown {
  try {
    return evalValue(raw, variables, now);
  } catch (e) {
    throw new IncidentSignal('EXTRACT_VALUE_ERROR', (e as Error).message, 'activate');
  }
}

function wrongKind(raw: string, v: unknown, expected: string): IncidentSignal {
  const got = v === null ? 'NULL' : Array.isArray(v) ? 'ARRAY' : typeof v;
  return new IncidentSignal(
    'EXTRACT_VALUE_ERROR',
    `Expected result of the expression '${raw}' to be '${expected}', but was '${got.toUpperCase()}'.`,
    'activate',
  );
}

function integer(raw: string, variables: Record<string, unknown>, now: Date): number {
  let v: unknown;
  v = evaluate(raw, variables, now);
  // A static attribute is text; Zeebe reads it as a number.
  if (!isExpression(raw) && typeof v === 'string' && /^-?\d+$/.test(v.trim())) v = Number(v);
  if (typeof v !== 'number' || !Number.isInteger(v)) throw wrongKind(raw, v, 'INTEGER');
  return v;
}
