/**
 * Cron time cycles, in the dialect Zeebe documents for timer cycles: Spring's CronExpression
 * (six fields: second minute hour day-of-month month day-of-week; macros such as `@daily`;
 * `?`, `L`, `L-n`, `nW`, `LW`, `nL`, `n#k`; names JAN–DEC and MON–SUN; day-of-week 0 and 7
 * are Sunday; day-of-month and day-of-week must both match). Evaluated in UTC, the default
 * zone of Zeebe's images (Zeebe evaluates cron in the broker's system zone).
 *
 * Written here rather than taken from npm: cron-parser and croner read a different dialect by
 * default (five fields, day-of-month OR day-of-week), and both the strict six-field form and
 * Spring's AND rule would need wrapping anyway.
 */

const MACROS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

type DayMatch = (y: number, m: number, d: number) => boolean;
interface Cron {
  sec: boolean[];
  min: boolean[];
  hour: boolean[];
  month: boolean[];
  dom: DayMatch;
  dow: DayMatch;
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

function value(s: string, names: string[] | undefined, offset: number): number {
  const i = names ? names.indexOf(s.toUpperCase()) : -1;
  if (i >= 0) return i + offset;
  if (!/^\d+$/.test(s)) throw new Error(`bad cron value '${s}'`);
  return Number(s);
}

/** A plain field (lists, ranges, steps) as a set over [min, max]. */
function set(field: string, min: number, max: number, names?: string[], offset = 0): boolean[] {
  const out = new Array<boolean>(max + 1).fill(false);
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : value(stepText, undefined, 0);
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') [lo, hi] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-') as [string, string];
      [lo, hi] = [value(a, names, offset), value(b, names, offset)];
    } else {
      lo = value(range, names, offset);
      hi = stepText === undefined ? lo : max;
    }
    if (step < 1 || lo < min || hi > max || lo > hi) throw new Error(`bad cron field '${field}'`);
    for (let v = lo; v <= hi; v += step) out[v] = true;
  }
  return out;
}

function dayOfMonth(field: string): DayMatch {
  const last = /^L(?:-(\d+))?$/.exec(field);
  if (last) return (y, m, d) => d === daysIn(y, m) - Number(last[1] ?? 0);
  if (field === 'LW') return (y, m, d) => d === nearestWeekday(y, m, daysIn(y, m));
  const w = /^(\d+)W$/.exec(field);
  if (w) return (y, m, d) => d === nearestWeekday(y, m, Math.min(Number(w[1]), daysIn(y, m)));
  const s = set(field, 1, 31);
  return (_y, _m, d) => s[d] === true;
}

/** The weekday nearest to day `n` within its month (Spring's `nW`). */
function nearestWeekday(y: number, m: number, n: number): number {
  const wd = weekday(y, m, n);
  if (wd === 6) return n === 1 ? 3 : n - 1;
  if (wd === 0) return n === daysIn(y, m) ? n - 2 : n + 1;
  return n;
}

function dayOfWeek(field: string): DayMatch {
  const names = DAYS;
  const last = /^(\w+)L$/.exec(field);
  if (last) {
    const wd = value(last[1]!, names, 0) % 7;
    return (y, m, d) => weekday(y, m, d) === wd && d + 7 > daysIn(y, m);
  }
  const nth = /^(\w+)#(\d)$/.exec(field);
  if (nth) {
    const wd = value(nth[1]!, names, 0) % 7;
    return (y, m, d) => weekday(y, m, d) === wd && Math.ceil(d / 7) === Number(nth[2]);
  }
  const s = set(field, 0, 7, names);
  return (y, m, d) => {
    const wd = weekday(y, m, d);
    return s[wd] === true || (wd === 0 && s[7] === true);
  };
}

function compile(text: string): Cron {
  const fields = (MACROS[text.trim().toLowerCase()] ?? text).trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`cron expression must have six fields: '${text}'`);
  const [sec, min, hour, dom, month, dow] = fields as [string, string, string, string, string, string];
  return {
    sec: set(sec, 0, 59),
    min: set(min, 0, 59),
    hour: set(hour, 0, 23),
    month: set(month, 1, 12, MONTHS, 1),
    dom: dayOfMonth(dom.toUpperCase()),
    dow: dayOfWeek(dow.toUpperCase()),
  };
}

/** Whether a string is a cron expression in Zeebe's (Spring's) dialect. */
export function isCron(text: string): boolean {
  try {
    compile(text);
    return true;
  } catch {
    return false;
  }
}

const first = (s: boolean[], from: number) => {
  for (let i = from; i < s.length; i++) if (s[i]) return i;
  return -1;
};

/** The first second of a day at or after `fromSec` (seconds of day) that the cron matches; -1 if none. */
function timeInDay(c: Cron, fromSec: number): number {
  for (let h = first(c.hour, Math.floor(fromSec / 3600)); h >= 0; h = first(c.hour, h + 1)) {
    const startMin = h === Math.floor(fromSec / 3600) ? Math.floor((fromSec % 3600) / 60) : 0;
    for (let mi = first(c.min, startMin); mi >= 0; mi = first(c.min, mi + 1)) {
      const sameMinute = h * 3600 + mi * 60 === fromSec - (fromSec % 60);
      const s = first(c.sec, sameMinute ? fromSec % 60 : 0);
      if (s >= 0) return h * 3600 + mi * 60 + s;
    }
  }
  return -1;
}

/** The next instant strictly after `after` that a cron expression matches (UTC); undefined if none. */
export function nextCron(text: string, after: Date): Date | undefined {
  const c = compile(text);
  const startMs = Math.floor(after.getTime() / 1000) * 1000 + 1000;
  const start = new Date(startMs);
  let day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  let fromSec = (startMs - day) / 1000;
  // Spring searches a bounded number of years too; 28 years covers every weekday/leap-day pattern.
  for (let i = 0; i < 366 * 28; i++, day += 86_400_000, fromSec = 0) {
    const d = new Date(day);
    const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    if (!c.month[m] || !c.dom(y, m, dd) || !c.dow(y, m, dd)) continue;
    const t = timeInDay(c, fromSec);
    if (t >= 0) return new Date(day + t * 1000);
  }
  return undefined;
}
