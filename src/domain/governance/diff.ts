/**
 * The element-level difference of two versions of a process, for the visual diff a viewer
 * draws: elements added, removed and changed (same id, another type, name, flows, attributes
 * or Zeebe extensions), each with its id, type and name. Both models are parsed with the
 * engines' shared parser (src/engine/model.ts), so "changed" means changed for the engine.
 */
import { InputError } from '../../errors.js';
import { hasDoctypeOrEntities } from '../../engine/lint/index.js';
import { parseBpmn, type ElementDef } from '../../engine/model.js';

export interface DiffElement {
  elementId: string;
  type: string;
  name: string | null;
}
export interface VersionDiff {
  added: DiffElement[];
  removed: DiffElement[];
  changed: (DiffElement & { before: { type: string; name: string | null } })[];
}

async function elements(xml: string, processId: string, field: string): Promise<Map<string, ElementDef>> {
  try {
    if (hasDoctypeOrEntities(xml)) throw new Error('doctype');
    const model = (await parseBpmn(xml)).find((m) => m.processId === processId);
    return model?.elements ?? new Map();
  } catch {
    throw new InputError('Modellen går inte att läsa', [{ field, message: 'modellen är inte giltig BPMN' }]);
  }
}

const brief = (e: ElementDef): DiffElement => ({ elementId: e.id, type: e.type, name: e.name ?? null });
/** What the engine sees of an element, comparable as text (the boundary list follows from the events' own attachedTo). */
const signature = (e: ElementDef) => JSON.stringify({ ...e, boundaryIds: undefined });

/** The difference from `before` to `after` (the XML of two versions of `processId`). */
export async function diffVersions(processId: string, before: string, after: string): Promise<VersionDiff> {
  const [a, b] = await Promise.all([elements(before, processId, 'from'), elements(after, processId, 'to')]);
  const byId = (x: DiffElement, y: DiffElement) => x.elementId.localeCompare(y.elementId);
  const added = [...b.values()]
    .filter((e) => !a.has(e.id))
    .map(brief)
    .sort(byId);
  const removed = [...a.values()]
    .filter((e) => !b.has(e.id))
    .map(brief)
    .sort(byId);
  const changed = [...b.values()]
    .filter((e) => a.has(e.id) && signature(a.get(e.id)!) !== signature(e))
    .map((e) => ({ ...brief(e), before: { type: a.get(e.id)!.type, name: a.get(e.id)!.name ?? null } }))
    .sort(byId);
  return { added, removed, changed };
}
