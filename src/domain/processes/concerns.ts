/**
 * Deviations back to the process (issue 14 point 5): a report may name the process and the
 * activity where it happened, picked from the map. The reference travels as two start variables
 * (`concernsProcessId`, `concernsElementId`) beside the start form's own fields, is checked
 * against the deployed map before the case starts (unknown → 422), and is stored with the case
 * by the registration step (caseCore `concerns`).
 */
import { InputError, UnknownReferenceError, type FieldError } from '../../errors.js';
import type { ProcessEngine } from '../../engine/port.js';
import type { Concerns } from '../caseCore.js';
import { ACTIVITY_TYPES } from '../routines/index.js';
import { catalogueEntry } from './catalogue.js';
import type { DefinitionModels } from './models.js';

const CONCERNS_PROCESS = 'concernsProcessId';
const CONCERNS_ELEMENT = 'concernsElementId';
/** The processes whose reports may name where it happened (their registration steps store it). */
const REPORTS_WHERE: ReadonlySet<string> = new Set(['avvikelse', 'synpunkt']);
const ID = /^[A-Za-z_][\w.-]{0,199}$/;

/**
 * Splits the reference off a start's variables: the rest goes to the form check. Wrong shapes
 * (not an id, an activity without its process) are field errors (400); whether the ids are on
 * the map is `ProcessMap.check`'s (422).
 */
export function splitConcerns(vars: Record<string, unknown>): { concerns: Concerns | undefined; rest: Record<string, unknown>; errors: FieldError[] } {
  const { [CONCERNS_PROCESS]: p, [CONCERNS_ELEMENT]: e, ...rest } = vars;
  const errors: FieldError[] = [];
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  if (given(p) && (typeof p !== 'string' || !ID.test(p))) errors.push({ field: `variables.${CONCERNS_PROCESS}`, message: 'ska vara ett process-id' });
  if (given(e) && (typeof e !== 'string' || !ID.test(e))) errors.push({ field: `variables.${CONCERNS_ELEMENT}`, message: 'ska vara ett aktivitets-id' });
  if (given(e) && !given(p)) errors.push({ field: `variables.${CONCERNS_ELEMENT}`, message: 'en aktivitet anges med sin process' });
  if (errors.length || !given(p)) return { concerns: undefined, rest, errors };
  return { concerns: { processId: p as string, elementId: given(e) ? (e as string) : null }, rest, errors };
}

/** The stored shape of a reference in a job's variables (the registration workers read it). */
export function concernsOf(vars: { concernsProcessId?: string | null; concernsElementId?: string | null }): Concerns | undefined {
  return vars.concernsProcessId ? { processId: vars.concernsProcessId, elementId: vars.concernsElementId ?? null } : undefined;
}

/** The deployed map as a reporter may point into it. */
export class ProcessMap {
  constructor(
    private readonly engine: ProcessEngine,
    private readonly models: DefinitionModels,
  ) {}

  /** Refuses (422) a process that is not deployed, or an element that is not one of its latest version's activities. */
  async check(c: Concerns, allowed?: (processId: string) => boolean): Promise<void> {
    const d = (await this.engine.listProcessDefinitions()).find((x) => x.processId === c.processId);
    if (!d || (allowed && !allowed(c.processId)))
      throw new UnknownReferenceError('Processen finns inte på processkartan', [{ field: `variables.${CONCERNS_PROCESS}`, message: 'okänd process' }]);
    if (c.elementId === null) return;
    const model = await this.models.model(d.key, c.processId);
    const el = model?.elements.get(c.elementId);
    if (!el || !ACTIVITY_TYPES.has(el.type))
      throw new UnknownReferenceError('Aktiviteten finns inte i processen', [{ field: `variables.${CONCERNS_ELEMENT}`, message: 'okänd aktivitet' }]);
  }

  /**
   * What the public e-service offers (decided for issue 14 point 5): the names of the
   * huvudprocesser, the services a citizen meets — no activities, owners, figures or support
   * and management processes, which are the organisation's internal structure.
   */
  async publicProcesses(): Promise<{ label: string; value: string }[]> {
    return (await this.engine.listProcessDefinitions())
      .filter((d) => catalogueEntry(d.processId).group === 'huvud')
      .map((d) => ({ label: d.name ?? d.processId, value: d.processId }))
      .sort((a, b) => a.label.localeCompare(b.label, 'sv'));
  }
}

/** A reference to a process the public may not name is refused as not being on the map. */
export const isPublicProcess = (processId: string): boolean => catalogueEntry(processId).group === 'huvud';

/** A start of a process whose reports do not take a reference refuses the two variables like any unknown field. */
export function refuseConcerns(processId: string, concerns: Concerns | undefined): void {
  if (concerns && !REPORTS_WHERE.has(processId))
    throw new InputError('Formuläret är inte korrekt ifyllt', [{ field: `variables.${CONCERNS_PROCESS}`, message: 'okänt fält' }]);
}
