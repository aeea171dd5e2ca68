/**
 * The log review's export (issue 15 point 5): semicolon-separated with a byte-order mark, as the
 * organisation's export (org/csv.ts), so Excel opens it in Swedish settings. A cell that would
 * start a formula is quoted with an apostrophe (CSV injection); a cut export ends with a line
 * saying so.
 */
import { stringify } from 'csv-stringify/sync';
import type { AuditEntry } from './review.js';

const COLUMNS = ['tid', 'person', 'namn', 'handling', 'objekttyp', 'objekt', 'adress', 'ärende', 'instans', 'enhet', 'enhetsnamn'] as const;

/** A cell that a spreadsheet would not run. */
const cell = (v: string | null) => (v === null ? '' : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** The entries as the export file; `truncated`: more rows matched than the file holds. */
export function auditCsv(entries: AuditEntry[], truncated: boolean): string {
  const rows = entries.map((e) =>
    [e.at, e.actor, e.actorName, e.action, e.subjectType, e.subjectKey, e.address, e.caseNumber, e.instanceKey, e.unitId, e.unitName].map(cell),
  );
  if (truncated) rows.push(['fler rader finns: avgränsa urvalet', ...COLUMNS.slice(1).map(() => '')]);
  return stringify(rows, { header: true, columns: [...COLUMNS], delimiter: ';', bom: true, record_delimiter: 'windows' });
}
