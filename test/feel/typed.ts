/**
 * The typed canonical format of test/feel/README.md for our side: turns a raw feelin value (as
 * `evalRaw` in our FEEL layer returns it) into the form the FEEL-Scala runner writes.
 */
import { FeelDate, FeelDateTime, FeelDuration, FeelTime, isFunction, isRange } from 'feelin';
import { evalRaw, FeelError } from '../../src/engine/embedded/feel.js';
import { isNum, plainString } from '../../src/engine/feel/number.js';
import { isoDate } from '../../src/engine/feel/zeebeValues.js';

/** One typed value (see the README's table). */
export type Typed = { type: string; [key: string]: unknown };

/** The pinned clock of the differential, as in the FEEL-Scala runner. */
const NOW = new Date('2026-03-02T08:00:00Z');

/** Evaluates one corpus expression through our FEEL layer, as a typed value. */
export function evaluateTyped(expression: string, context: Record<string, unknown>): Typed {
  try {
    return toTyped(evalRaw(`=${expression}`, context, NOW));
  } catch (e) {
    if (e instanceof FeelError) return { type: 'failure', message: e.message };
    return { type: 'failure', message: `exception: ${(e as Error).message}` };
  }
}

/** A raw feelin value in the typed format. */
function toTyped(v: unknown): Typed {
  if (v === null || v === undefined) return { type: 'null' };
  if (typeof v === 'boolean') return { type: 'boolean', value: v };
  if (typeof v === 'number' && !Number.isFinite(v)) return { type: 'number', value: String(v) };
  if (isNum(v)) return { type: 'number', value: plainString(v) };
  if (typeof v === 'string') return { type: 'string', value: v };
  // LocalDate.toString (year -1 is -0001, not Temporal's -000001)
  if (v instanceof FeelDate) return { type: 'date', value: isoDate(v.value) };
  if (v instanceof FeelTime) return { type: 'time', value: time(v.value) + zone(v.zone) };
  if (v instanceof FeelDateTime) {
    return { type: 'date-time', value: `${isoDate(v.value)}T${time(v.value.toPlainTime())}${zone(v.zone)}` };
  }
  if (v instanceof FeelDuration) return duration(v);
  if (Array.isArray(v)) return { type: 'list', value: v.map(toTyped) };
  if (isRange(v)) {
    return { type: 'range', start: toTyped(v.start), startIncluded: v['start included'], end: toTyped(v.end), endIncluded: v['end included'] };
  }
  if (isFunction(v) || typeof v === 'function') return { type: 'function' };
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => typeof x !== 'function' && !isFunction(x));
    return { type: 'context', value: Object.fromEntries(entries.map(([k, x]) => [k, toTyped(x)])) };
  }
  return { type: 'unknown', text: String(v) };
}

type PlainTime = { hour: number; minute: number; second: number; millisecond: number; microsecond: number; nanosecond: number };

function time(t: PlainTime): string {
  const p = (x: number) => String(x).padStart(2, '0');
  return `${p(t.hour)}:${p(t.minute)}:${p(t.second)}${fraction(t.millisecond * 1e6 + t.microsecond * 1e3 + t.nanosecond)}`;
}

function fraction(nanos: number): string {
  return nanos === 0 ? '' : `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;
}

function zone(z: string | null): string {
  if (!z) return '';
  if (z === 'Z') return '+00:00';
  if (/^[+-]\d\d:\d\d$/.test(z)) return z;
  if (/^[+-]\d\d:\d\d:\d\d$/.test(z)) return z.slice(0, 6);
  return `@${z}`;
}

function duration(d: FeelDuration): Typed {
  const v = d.value as unknown as Record<string, number>;
  if (d.yearsMonths) {
    const months = (v.years ?? 0) * 12 + (v.months ?? 0);
    const a = Math.abs(months);
    const body = a === 0 ? '0M' : `${Math.floor(a / 12) ? `${Math.floor(a / 12)}Y` : ''}${a % 12 ? `${a % 12}M` : ''}`;
    return { type: 'years-months duration', value: `${months < 0 ? '-' : ''}P${body}` };
  }
  const nanos =
    BigInt(Math.round(((v.weeks ?? 0) * 7 + (v.days ?? 0)) * 86400 + (v.hours ?? 0) * 3600 + (v.minutes ?? 0) * 60 + (v.seconds ?? 0))) * 1_000_000_000n +
    BigInt((v.milliseconds ?? 0) * 1e6 + (v.microseconds ?? 0) * 1e3 + (v.nanoseconds ?? 0));
  return { type: 'days-time duration', value: dayTime(nanos) };
}

function dayTime(total: bigint): string {
  if (total === 0n) return 'PT0S';
  const sign = total < 0n ? '-' : '';
  const a = total < 0n ? -total : total;
  const secs = a / 1_000_000_000n;
  const nanos = Number(a % 1_000_000_000n);
  const days = secs / 86400n,
    hours = (secs / 3600n) % 24n,
    minutes = (secs / 60n) % 60n,
    seconds = secs % 60n;
  let t = '';
  if (hours) t += `${hours}H`;
  if (minutes) t += `${minutes}M`;
  if (seconds || nanos) t += `${seconds}${fraction(nanos)}S`;
  return `${sign}P${days ? `${days}D` : ''}${t ? `T${t}` : ''}`;
}
