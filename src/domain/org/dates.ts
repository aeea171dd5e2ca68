/** Calendar dates as the administration takes them: `YYYY-MM-DD`, a day that exists. */

/** The date if `s` is a real calendar day as `YYYY-MM-DD`, else undefined. */
export function calendarDate(s: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return undefined;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? s : undefined;
}
