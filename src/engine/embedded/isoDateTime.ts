/**
 * Date-time strings as Camunda reads them for user-task due and follow-up dates (docs:
 * components/modeler/bpmn/user-tasks/user-tasks#scheduling and its ISO 8601 note): an ISO 8601
 * combined date and time with `Z` or an offset (`2019-10-02T08:09:40+02:00`), or with an IANA
 * zone id (`2019-10-02T08:09:40[Europe/Berlin]`); without any zone it is read as UTC. A date
 * without a time is not a date-time (Zeebe raises an incident for it).
 */

const PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:\d{2})?(?:\[([A-Za-z0-9_/+-]+)\])?$/;

/** The instant of a Camunda date-time string, or undefined when it is not one. */
export function parseIsoDateTime(text: string): Date | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [, local, offset, zone] = m as unknown as [string, string, string | undefined, string | undefined];
  // Both an offset and a zone: Camunda calls the outcome undefined; the offset is explicit, so it wins.
  if (offset || !zone) return valid(new Date(`${local}${offset ?? 'Z'}`));
  try {
    return valid(inZone(local, zone));
  } catch {
    return undefined; // an unknown zone id
  }
}

function valid(d: Date): Date | undefined {
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** A local date-time in an IANA zone as an instant (throws RangeError for an unknown zone). */
function inZone(local: string, zone: string): Date {
  const guess = new Date(`${local}Z`);
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const p = Object.fromEntries(fmt.formatToParts(guess).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return new Date(guess.getTime() - (asUtc - guess.getTime()));
}
