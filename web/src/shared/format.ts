/** Formatting shared by the features: how due a date is, and a recorded value as text. */
import { fmtDateTime } from '../i18n/index.js';

/** 'late' when past due, 'soon' within two days. */
export function dueClass(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = new Date(iso).getTime() - Date.now();
  return ms < 0 ? 'late' : ms < 2 * 86400_000 ? 'soon' : '';
}

/** A recorded value as text: dates and times in Stockholm time, yes/no as ✓/–. */
export const showValue = (v: unknown): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'boolean'
      ? v
        ? '✓'
        : '–'
      : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)
        ? fmtDateTime(v)
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);
