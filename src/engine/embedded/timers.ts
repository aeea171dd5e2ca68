/**
 * A timer definition's value → its schedule, with Zeebe's checks and messages (docs:
 * components/modeler/bpmn/timer-events#timers: a string in the ISO 8601 format of the static
 * value, or an equivalent FEEL temporal value). Zeebe's ExpressionProcessor accepts DURATION,
 * PERIOD or STRING for a duration, DATE_TIME or STRING for a date, and STRING for a cycle.
 */
import { resultType, zeebeDateTime } from '../feel/zeebeValues.js';
import { addDuration, firstDue, parseCycle } from './time.js';

export type TimerKind = 'duration' | 'date' | 'cycle';

/** When a timer is first due, how often it repeats (-1 = unbounded) and what `nextOccurrence` reads. */
export interface TimerSchedule {
  due: Date;
  repetitions: number;
  interval: string | null;
}

/** A timer value that Zeebe would refuse (the engine raises EXTRACT_VALUE_ERROR with this message). */
export class TimerValueError extends Error {
  override name = 'TimerValueError';
}

/** Computes a timer's schedule from its evaluated value. Throws TimerValueError. */
export function timerSchedule(kind: TimerKind, expression: string, value: unknown, now: Date): TimerSchedule {
  const expr = expression.trim().replace(/^=\s*/, '');
  // A date is read as Zeebe reads every date-time (user-task dates too): one rule, in feel/zeebeValues.ts.
  if (kind === 'date') {
    try {
      return { due: zeebeDateTime(value, expr, false)!, repetitions: 1, interval: null };
    } catch (e) {
      throw new TimerValueError((e as Error).message);
    }
  }
  const type = resultType(value);
  const allowed = kind === 'duration' ? ['DURATION', 'PERIOD', 'STRING'] : ['STRING'];
  if (!allowed.includes(type)) {
    const expected = allowed.length === 1 ? `'${allowed[0]}'` : `one of '[${allowed.join(', ')}]'`;
    throw new TimerValueError(`Expected result of the expression '${expr}' to be ${expected}, but was '${type}'.`);
  }
  const text = String(value);
  try {
    if (kind === 'duration') return { due: addDuration(now, text), repetitions: 1, interval: null };
    const c = parseCycle(text);
    return { due: firstDue(c, now), repetitions: c.repetitions, interval: c.interval };
  } catch {
    const what = kind === 'duration' ? 'duration' : 'time cycle';
    throw new TimerValueError(`Invalid ${what} format '${text}' for expression '${expr}'.`);
  }
}
