/**
 * Rule `kvh/timer-value`: a static timer value (one without `=`) must be one the embedded
 * engine reads as Zeebe does (docs: components/modeler/bpmn/timer-events#timers): an ISO 8601
 * duration (whole numbers of years, months, weeks and days; fractional seconds), a date-time
 * with a zone (Z, an offset or a known IANA zone id), or a cycle (`R[n]/[start/]duration` or
 * a six-field cron expression). camunda-compat checks the form loosely (e.g. it lets `P1.5D`
 * or an unknown zone id through); this rule refuses what the engine would otherwise turn
 * into an incident at run time. FEEL timer values are checked when they are evaluated.
 *
 * A static cycle must also not repeat more often than the configured minimum
 * (TIMER_CYCLE_MIN_SECONDS, default 60 s; settings.ts): for `R…/duration` the duration, for a
 * cron expression the shortest gap between its next firings.
 */
import type { ModdleElement, Reporter, RuleFactory } from '../bpmnlintTypes.js';
import { addDuration, isDuration, parseCycle, parseDate } from '../../embedded/time.js';
import { nextCron } from '../../embedded/cron.js';
import { lintSettings } from '../settings.js';

const KINDS = [
  { prop: 'timeDuration', ok: isDuration, what: 'ingen giltig ISO 8601-varaktighet (t.ex. PT15M, P14D, P1DT12H)' },
  {
    prop: 'timeDate',
    ok: (v: string) => accepts(parseDate, v),
    what: 'ingen giltig ISO 8601-tidpunkt med Z eller tidsförskjutning (t.ex. 2026-03-02T09:00:00Z, 2026-03-02T09:00:00+01:00 eller 2026-03-02T09:00:00+01:00[Europe/Stockholm])',
  },
  {
    prop: 'timeCycle',
    ok: (v: string) => accepts(parseCycle, v),
    what: 'varken en giltig ISO 8601-upprepning (t.ex. R3/PT1H, R/P1D, R3/2026-03-02T09:00:00Z/P1D) eller ett cron-uttryck med sex fält (t.ex. 0 0 9 * * MON-FRI)',
  },
] as const;

function accepts(parse: (v: string) => unknown, v: string): boolean {
  try {
    parse(v);
    return true;
  } catch {
    return false;
  }
}

// a fixed instant to measure durations and cron gaps from (months and years have no fixed length)
const FROM = new Date('2026-01-01T00:00:00Z');

/** The shortest interval of a cycle the engine reads, in ms (cron: over its next 50 firings). */
export function cycleIntervalMs(value: string): number {
  const c = parseCycle(value);
  if (c.interval.startsWith('cron:')) {
    let shortest = Infinity;
    let at = nextCron(c.interval.slice(5), FROM);
    for (let i = 0; i < 50 && at; i++) {
      const next = nextCron(c.interval.slice(5), at);
      if (next) shortest = Math.min(shortest, next.getTime() - at.getTime());
      at = next;
    }
    return shortest;
  }
  const m = /^(.*?)(?:\[([^\]]+)\])?$/.exec(c.interval)!;
  return addDuration(FROM, m[1]!, m[2]).getTime() - FROM.getTime();
}

/** Why a readable cycle repeats too often, if it does. */
function tooFrequent(value: string): string | undefined {
  const min = lintSettings().minTimerCycleSeconds;
  const ms = cycleIntervalMs(value);
  if (ms >= min * 1000) return undefined;
  return `upprepas var ${ms / 1000} s, oftare än de minst ${min} s som tillåts (TIMER_CYCLE_MIN_SECONDS)`;
}

/** `händelse "Påminn" (Timer_1)`, for Swedish messages. */
function describe(node: ModdleElement): string {
  const name = typeof node.name === 'string' && node.name.trim() ? ` "${node.name.trim()}"` : '';
  return `Timerhändelse${name} (${String(node.id ?? 'utan id')})`;
}

/** The rule factory. */
const timerValue: RuleFactory = () => ({
  check(node: ModdleElement, reporter: Reporter) {
    const definitions: ModdleElement[] = node.eventDefinitions ?? [];
    for (const def of definitions.filter((d) => d.$type === 'bpmn:TimerEventDefinition')) {
      for (const k of KINDS) {
        const raw = def[k.prop]?.body;
        if (typeof raw !== 'string' || raw.trim().startsWith('=') || raw.trim() === '') continue;
        if (!k.ok(raw.trim())) {
          reporter.report(node.id, `${describe(node)}: värdet "${raw.trim()}" är ${k.what}`);
          continue;
        }
        const often = k.prop === 'timeCycle' ? tooFrequent(raw.trim()) : undefined;
        if (often) reporter.report(node.id, `${describe(node)}: cykeln "${raw.trim()}" ${often}`);
      }
    }
  },
});

export default timerValue;
