/**
 * The process map as data (DOMAIN.md §3): for each process of the product, its kind
 * (lednings-, huvud- or stödprocess), its owner role, and who may start it by hand. Processes
 * that only other processes call (`called`) cannot be started through the API: a user could
 * otherwise put tasks in other people's inboxes. A test checks that every model in bpmn/ is here.
 * A process deployed later by a process owner and not listed here gets the default: a
 * stödprocess that any signed-in staff member may start when it has a start form.
 */
export type ProcessGroup = 'ledning' | 'huvud' | 'stod';

export interface CatalogueEntry {
  group: ProcessGroup;
  ownerRole: string;
  /** `staff`: anyone signed in; a list: those roles (anywhere); `called`: only by other processes or messages. */
  startableBy: 'staff' | 'called' | readonly string[];
}

export const PROCESS_CATALOGUE: Readonly<Record<string, CatalogueEntry>> = {
  huvudprocess: { group: 'huvud', ownerRole: 'socialchef', startableBy: ['handlaggare', 'myndighetschef', 'admin'] },
  myndighetsutovning: { group: 'huvud', ownerRole: 'myndighetschef', startableBy: 'called' },
  'genomfora-insatser': { group: 'huvud', ownerRole: 'verksamhetschef', startableBy: 'called' },
  'folja-upp': { group: 'huvud', ownerRole: 'myndighetschef', startableBy: 'called' },
  'avsluta-arende': { group: 'huvud', ownerRole: 'myndighetschef', startableBy: 'called' },
  'lex-sarah': { group: 'stod', ownerRole: 'socialchef', startableBy: 'staff' },
  'lex-maria': { group: 'stod', ownerRole: 'mas', startableBy: 'staff' },
  avvikelse: { group: 'stod', ownerRole: 'verksamhetschef', startableBy: 'staff' },
  synpunkt: { group: 'stod', ownerRole: 'kvalitetsledare', startableBy: 'staff' },
  atgard: { group: 'stod', ownerRole: 'kvalitetsledare', startableBy: 'called' },
  riskanalys: {
    group: 'ledning',
    ownerRole: 'kvalitetsledare',
    startableBy: ['enhetschef', 'verksamhetschef', 'kvalitetsledare', 'mas', 'socialchef', 'admin'],
  },
  internkontroll: { group: 'ledning', ownerRole: 'socialchef', startableBy: ['kvalitetsledare', 'admin'] },
  arshjul: { group: 'ledning', ownerRole: 'kvalitetsledare', startableBy: ['kvalitetsledare', 'admin'] },
  'arshjul-uppgift': { group: 'ledning', ownerRole: 'kvalitetsledare', startableBy: 'called' },
  // started by the governance service when a process version is sent for review
  faststallelse: { group: 'ledning', ownerRole: 'kvalitetsledare', startableBy: 'called' },
  // started when a routine's version is adopted (routines/documents.ts)
  'rutin-oversyn': { group: 'ledning', ownerRole: 'kvalitetsledare', startableBy: 'called' },
  // started when a routine's version is sent for review (routines/documents.ts)
  'rutin-faststallelse': { group: 'ledning', ownerRole: 'kvalitetsledare', startableBy: 'called' },
};

const DEFAULT_ENTRY: CatalogueEntry = { group: 'stod', ownerRole: 'kvalitetsledare', startableBy: 'staff' };

/**
 * The process records of the map (process_record: kind and owner role as the organisation set
 * them, and the descriptive processes it created), loaded by src/domain/processMap at start and
 * after each change there: they take precedence over the bundled entry's group and owner role.
 */
const records = new Map<string, { group: ProcessGroup; ownerRole: string }>();

/** Replaces the records the catalogue answers with (processMap/register.ts). */
export function useProcessRecords(entries: Iterable<{ processId: string; group: ProcessGroup; ownerRole: string }>): void {
  records.clear();
  for (const e of entries) records.set(e.processId, { group: e.group, ownerRole: e.ownerRole });
}

export function catalogueEntry(processId: string): CatalogueEntry {
  const bundled = PROCESS_CATALOGUE[processId] ?? DEFAULT_ENTRY;
  const record = records.get(processId);
  return record ? { ...bundled, group: record.group, ownerRole: record.ownerRole } : bundled;
}

/** The owner roles of every process (bundled and recorded). */
export function ownerRoles(): string[] {
  return [...new Set([...Object.values(PROCESS_CATALOGUE).map((c) => c.ownerRole), ...[...records.values()].map((r) => r.ownerRole)])];
}

/**
 * Who performs an activity, as the map and the process page name it: a user task's candidate
 * groups (a static list, not a FEEL expression), else `otherwise` (its lane, the process owner).
 */
export function performedBy(candidateGroups: string | undefined, otherwise: string): string {
  if (!candidateGroups || candidateGroups.startsWith('=')) return otherwise;
  return candidateGroups
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean)
    .join(', ');
}
