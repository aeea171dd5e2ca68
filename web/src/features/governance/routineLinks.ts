/** The modeler's routine links: per element as the panel holds them, and which routines' links a save must write (PUT /routines/{id}/links). */

/** Each element's routine ids, from the process's routines and the elements they govern. */
export const byElement = (routines: { id: string; elementIds: string[] }[]) => {
  const m = new Map<string, string[]>();
  for (const r of routines) for (const e of r.elementIds) m.set(e, [...(m.get(e) ?? []), r.id]);
  return m;
};

/** The routines whose links in this process differ between two states, with their new elements. */
export function changedRoutines(before: Map<string, string[]>, after: Map<string, string[]>): Map<string, string[]> {
  const elementsOf = (m: Map<string, string[]>) => {
    const out = new Map<string, string[]>();
    for (const [el, ids] of m) for (const id of ids) out.set(id, [...(out.get(id) ?? []), el]);
    return out;
  };
  const a = elementsOf(before);
  const b = elementsOf(after);
  const changed = new Map<string, string[]>();
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const x = [...(a.get(id) ?? [])].sort().join();
    const y = [...(b.get(id) ?? [])].sort().join();
    if (x !== y) changed.set(id, b.get(id) ?? []);
  }
  return changed;
}
