/**
 * The deadline rules of the processes as data, each with the law (or local decision) it comes
 * from and the dates it is valid between (DOMAIN.md §6: legal references change — the new
 * socialtjänstlag 2025:400 renumbered SoL on 1 July 2025 — so they are never inside code).
 * A worker asks for the rule valid on the day the period starts and records its basis on the
 * case, so a deadline can always be explained afterwards.
 *
 * `legal` periods are counted by lag (1930:173) (addLegalPeriod); `local` targets are the
 * organisation's own ("snarast", "utan dröjsmål" are not numbers in law).
 */
import { addLegalPeriod, addWorkdays, type LegalPeriod } from './index.js';
import { toLocalDate, zonedDateTime, type LocalDate } from './localDate.js';

export type DeadlineRuleId =
  | 'skyddsbedomning'
  | 'forhandsbedomning-barn'
  | 'utredning-barn'
  | 'utredning-vuxen'
  | 'ej-verkstallt-beslut'
  | 'ej-verkstallt-rapport'
  | 'uppfoljning-utvardering';

export interface DeadlineRule {
  id: DeadlineRuleId;
  /** Swedish, for the case page and the reports. */
  title: string;
  kind: 'legal' | 'local';
  /** A legal period by lag 1930:173, a number of arbetsdagar, or the same day (genast). */
  period: LegalPeriod | { workdays: number } | { sameDay: true };
  basis: string;
  validFrom: LocalDate;
  validTo?: LocalDate;
}

export const DEADLINE_RULES: readonly DeadlineRule[] = [
  {
    id: 'skyddsbedomning',
    title: 'Skyddsbedömning',
    kind: 'legal',
    period: { sameDay: true },
    basis: 'SoL (2025:400) 20 kap. 2 §: genast, samma dag som anmälan kom in',
    validFrom: '2025-07-01',
  },
  {
    id: 'skyddsbedomning',
    title: 'Skyddsbedömning',
    kind: 'legal',
    period: { sameDay: true },
    basis: 'SoL (2001:453) 11 kap. 1 a §: genast',
    validFrom: '2013-01-01',
    validTo: '2025-06-30',
  },
  {
    id: 'forhandsbedomning-barn',
    title: 'Förhandsbedömning (barn)',
    kind: 'legal',
    period: { days: 14 },
    basis: 'SoL (2025:400) 20 kap. 2 §: inom 14 dagar från anmälan',
    validFrom: '2025-07-01',
  },
  {
    id: 'forhandsbedomning-barn',
    title: 'Förhandsbedömning (barn)',
    kind: 'legal',
    period: { days: 14 },
    basis: 'SoL (2001:453) 11 kap. 1 a §: inom 14 dagar från anmälan',
    validFrom: '2013-01-01',
    validTo: '2025-06-30',
  },
  {
    id: 'utredning-barn',
    title: 'Utredning (barn)',
    kind: 'legal',
    period: { months: 4 },
    basis:
      'SoL (2025:400): utredning om barn klar inom fyra månader, förlängning genom beslut vid särskilda skäl (paragrafen ska verifieras; tidigare 11 kap. 2 § SoL 2001:453)',
    validFrom: '2025-07-01',
  },
  {
    id: 'utredning-barn',
    title: 'Utredning (barn)',
    kind: 'legal',
    period: { months: 4 },
    basis: 'SoL (2001:453) 11 kap. 2 §: inom fyra månader',
    validFrom: '2013-01-01',
    validTo: '2025-06-30',
  },
  {
    id: 'utredning-vuxen',
    title: 'Utredning (vuxen)',
    kind: 'local',
    period: { months: 3 },
    basis: 'Nämndens mål för handläggningstid (förvaltningslagen 9 §: så snabbt som möjligt)',
    validFrom: '2013-01-01',
  },
  {
    id: 'ej-verkstallt-beslut',
    title: 'Ej verkställt gynnande beslut',
    kind: 'legal',
    period: { months: 3 },
    basis:
      'SoL (2025:400) och LSS 28 f §: ett gynnande beslut som inte verkställts inom tre månader rapporteras till IVO, kvartalsvis (SoL-paragrafen ska verifieras; tidigare 16 kap. 6 f § SoL 2001:453)',
    validFrom: '2025-07-01',
  },
  {
    id: 'ej-verkstallt-beslut',
    title: 'Ej verkställt gynnande beslut',
    kind: 'legal',
    period: { months: 3 },
    basis: 'SoL (2001:453) 16 kap. 6 f § och LSS 28 f §',
    validFrom: '2013-01-01',
    validTo: '2025-06-30',
  },
  {
    id: 'ej-verkstallt-rapport',
    title: 'Rapport om ej verkställt beslut',
    kind: 'local',
    period: { months: 1 },
    basis:
      'Rapporten gäller kvartalet (rapporteringsdag: kvartalets sista dag); nämndens rutin: inlämnad inom en månad efter den dagen (kontrollera IVO:s anvisning för året)',
    validFrom: '2013-01-01',
  },
  {
    id: 'uppfoljning-utvardering',
    title: 'Uppföljning',
    kind: 'local',
    period: { workdays: 10 },
    basis: 'Nämndens rutin: uppföljningen görs inom tio arbetsdagar från uppföljningsdatumet',
    validFrom: '2013-01-01',
  },
];

/** The rule valid on a day (the day the period starts). */
export function ruleOn(id: DeadlineRuleId, on: Date | string): DeadlineRule {
  const day = toLocalDate(on);
  const rule = DEADLINE_RULES.find((r) => r.id === id && r.validFrom <= day && (r.validTo === undefined || day <= r.validTo));
  if (!rule) throw new RangeError(`no deadline rule ${id} valid on ${day}`);
  return rule;
}

/** The deadline (ISO date-time, end of the day unless `time`) of a rule for a period starting at `start`. */
export function deadlineFor(id: DeadlineRuleId, start: Date | string, time?: string): { dueAt: string; rule: DeadlineRule } {
  const rule = ruleOn(id, start);
  const p = rule.period;
  const dueAt =
    'sameDay' in p ? zonedDateTime(toLocalDate(start), time) : 'workdays' in p ? addWorkdays(start, p.workdays, { time }) : addLegalPeriod(start, p, { time });
  return { dueAt, rule };
}
