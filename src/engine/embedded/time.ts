/**
 * ISO 8601 durations, dates and repeating cycles for timers, read as Zeebe reads them
 * (zeebe-bpmn-model's `Interval`, `RepeatingInterval`, `TimeDateTimer`, Apache-2.0; the docs
 * page components/modeler/bpmn/timer-events). Cron cycles are in ./cron.ts.
 */
import { isCron, nextCron } from './cron.js';

export interface Cycle {
  /** Remaining repetitions; -1 = unbounded. */
  repetitions: number;
  /** What `nextOccurrence` reads: a duration, `duration[Zone]`, or `cron:<expression>`. */
  interval: string;
  start: Date | undefined;
}

interface Parsed {
  months: number;
  days: number;
  ms: number;
}

const PERIOD = /^P(?:([-+]?\d+)Y)?(?:([-+]?\d+)M)?(?:([-+]?\d+)W)?(?:([-+]?\d+)D)?$/;
const TIME = /^PT(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+(?:[.,]\d{1,9})?)S)?$/;
const DAY_MS = 86_400_000;

/** Parses a duration as Zeebe's Interval does: a period part (Y M W D) and a time part (H M S). */
function parse(text: string): Parsed {
  const s = text.trim();
  const sign = s.startsWith('-') ? -1 : 1;
  const body = /^[-+]/.test(s) ? s.slice(1) : s;
  const t = body.indexOf('T');
  const period = t === -1 ? body : body.slice(0, t);
  const time = t === -1 ? '' : `PT${body.slice(t + 1)}`;
  const p = PERIOD.exec(period);
  const d = time ? TIME.exec(time) : [];
  if (!p || !d || (period === 'P' && !time) || time === 'PT' || !/\d/.test(body)) throw new Error(`Invalid duration '${text}'`);
  const n = (v: string | undefined) => Number((v ?? '0').replace(',', '.'));
  return {
    months: sign * (12 * n(p[1]) + n(p[2])),
    days: sign * (7 * n(p[3]) + n(p[4])),
    ms: sign * Math.round(((n(d[1]) * 60 + n(d[2])) * 60 + n(d[3])) * 1000),
  };
}

/** Whether a string is an ISO 8601 duration Zeebe accepts. */
export function isDuration(s: string): boolean {
  try {
    parse(s);
    return true;
  } catch {
    return false;
  }
}

/**
 * Adds a duration to an instant. Months and years clamp to the month's last day (31 Jan +
 * P1M = 28/29 Feb, 29 Feb + P1Y = 28 Feb), as java.time does; calendar units are added in
 * `zone` (Zeebe: the broker's default zone, UTC in its images; a cycle's start zone if given).
 */
export function addDuration(from: Date, duration: string, zone = 'UTC'): Date {
  const { months, days, ms } = parse(duration);
  if (months === 0 && days === 0) return new Date(from.getTime() + ms);
  const l = localFields(from, zone);
  const y = l.year + Math.floor((l.month - 1 + months) / 12);
  const m = (((l.month - 1 + months) % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const local = Date.UTC(y, m, Math.min(l.day, last)) + days * DAY_MS + l.msOfDay;
  return new Date(localToInstant(local, zone).getTime() + ms);
}

/** Parses `R[n]/[start/]duration`, or a cron expression (Spring's six fields). Throws on a bad cycle. */
export function parseCycle(s: string): Cycle {
  const text = s.trim();
  if (!text.startsWith('R')) {
    if (!isCron(text)) throw new Error(`Invalid time cycle '${s}'`);
    return { repetitions: -1, interval: `cron:${text}`, start: undefined };
  }
  const r = /^R(\d*)\/(.+)$/.exec(text);
  if (!r) throw new Error(`Invalid time cycle '${s}'`);
  const rest = r[2]!;
  const slash = rest.lastIndexOf('/');
  const interval = rest.slice(slash + 1);
  if (!isDuration(interval)) throw new Error(`Invalid time cycle '${s}'`);
  const startText = slash > 0 ? rest.slice(0, slash) : undefined;
  const start = startText === undefined ? undefined : parseDate(startText);
  const zone = startText && /\[([^\]]+)\]$/.exec(startText)?.[1];
  return { repetitions: r[1] === '' ? -1 : Number(r[1]), interval: zone ? `${interval}[${zone}]` : interval, start };
}

/** The first due time of a cycle: its start (at once when that is past), else one interval from now. */
export function firstDue(c: Cycle, now: Date): Date {
  if (c.start) return c.start < now ? now : c.start;
  return nextOccurrence(c.interval, now, now);
}

/**
 * The next due time after a cycle fired at `last`: one interval later; if that is not after
 * `now` (cycles missed while the engine was down), one interval after now, so missed cycles
 * do not fire in a burst (Zeebe's RepeatingInterval.nextOccurrenceAfter).
 */
export function nextOccurrence(interval: string, last: Date, now: Date): Date {
  if (interval.startsWith('cron:')) {
    const next = nextCron(interval.slice(5), last > now ? last : now);
    if (!next) throw new Error(`cron '${interval.slice(5)}' has no next occurrence`);
    return next;
  }
  const m = /^(.*?)(?:\[([^\]]+)\])?$/.exec(interval)!;
  const natural = addDuration(last, m[1]!, m[2]);
  return natural > now ? natural : addDuration(now, m[1]!, m[2]);
}

const OFFSET = /(Z|[+-]\d{2}:\d{2}(?::\d{2})?)$/i;
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

/**
 * Parses an ISO 8601 date-time as the docs define a timer date (components/modeler/bpmn/
 * timer-events#time-date: "must contain timezone information, either Z for UTC or a zone
 * offset. Optionally, it can contain a zone id"), which is what Java's ZonedDateTime.parse
 * reads in Zeebe: `…Z`, `…+01:00`, `…+01:00[Europe/Stockholm]`. Without an offset, or a date
 * alone, it is no date-time. Throws on a bad date.
 */
export function parseDate(s: string): Date {
  const text = s.trim();
  const zoned = /^(.*?)(?:\[([^\]]+)\])?$/.exec(text)!;
  const zone = zoned[2];
  const base = zoned[1]!;
  const offset = OFFSET.exec(base)?.[1];
  const local = offset ? base.slice(0, -offset.length) : base;
  if (!offset || !LOCAL.test(local)) throw new Error(`Invalid date '${s}'`);
  if (zone && !isZone(zone)) throw new Error(`Unknown time zone '${zone}'`);
  const d = new Date(`${local}${offset.toUpperCase() === 'Z' ? 'Z' : offset.slice(0, 6)}`);
  if (Number.isNaN(d.getTime())) throw new Error(`Invalid date '${s}'`);
  return d;
}

/** Whether an IANA zone id is known. */
function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

interface Local {
  year: number;
  month: number;
  day: number;
  msOfDay: number;
}

/** The wall-clock fields of an instant in a zone. */
function localFields(at: Date, zone: string): Local {
  const shifted = new Date(at.getTime() + offsetMs(at, zone));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    msOfDay: shifted.getTime() - Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()),
  };
}

/** The zone's offset from UTC at an instant, in ms. */
function offsetMs(at: Date, zone: string): number {
  if (zone === 'UTC' || zone === 'Z') return 0;
  if (!isZone(zone)) throw new Error(`Unknown time zone '${zone}'`);
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p = Object.fromEntries(fmt.formatToParts(at).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** A wall-clock time (as ms of a UTC-based local timeline) in a zone, as an instant. */
function localToInstant(localMs: number, zone: string): Date {
  const first = new Date(localMs - offsetMs(new Date(localMs), zone));
  // A second pass settles the offset when the first guess fell across a DST change.
  return new Date(localMs - offsetMs(first, zone));
}
