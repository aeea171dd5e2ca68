/**
 * The one numbering service for every kind of case: `<SERIES>-<year>-<nnnn>` (e.g. SY-2026-0042),
 * numbered per series and Stockholm year from a counter row in `case_number_sequence` that is
 * locked until the caller's transaction commits, so numbers are never handed out twice and gaps
 * only follow rollbacks. (Lex Sarah's own counter table joined it as series LS in 20261202_40.)
 */
import type { Knex } from 'knex';

/** The year of an instant in Stockholm (a case received on New Year's Eve at 23:30 UTC is next year's). */
export function stockholmYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(at));
}

/** `LS-2026-0042`: at least four digits, more when a year has more cases. */
export function formatCaseNumber(series: string, year: number, sequence: number): string {
  return `${series}-${year}-${String(sequence).padStart(4, '0')}`;
}

/** Takes the next number of a series for the year of `at`, inside `tx`. */
export async function nextCaseNumber(tx: Knex.Transaction, series: string, at: Date): Promise<{ caseNumber: string; year: number; sequence: number }> {
  const year = stockholmYear(at);
  const r = await tx.raw<{ rows: { last_value: number }[] }>(
    `insert into case_number_sequence (series, year, last_value) values (?, ?, 1)
     on conflict (series, year) do update set last_value = case_number_sequence.last_value + 1 returning last_value`,
    [series, year],
  );
  const sequence = Number(r.rows[0]!.last_value);
  return { caseNumber: formatCaseNumber(series, year, sequence), year, sequence };
}
