/** The process map's processes by id, and what is drawn inside each (ProcessMapPage, MapDrill). */
import type { Schemas } from '../../api.js';

type MapProcess = Schemas['MapProcess'];

export interface MapIndex {
  byId: Map<string, MapProcess>;
  /** The processes drawn inside `p`: its sub-processes, and the called-only processes its steps call. */
  inside(p: MapProcess): MapProcess[];
}

/** Indexes the map the page draws. */
export function useMapIndex(map: Schemas['ProcessMap'] | undefined): MapIndex {
  const byId = new Map((map?.processes ?? []).map((p) => [p.processId, p]));
  const inside = (p: MapProcess): MapProcess[] => {
    const called = p.activities.map((a) => a.calls).filter((c): c is string => !!c && !p.childIds.includes(c));
    const ids = [...p.childIds, ...called.filter((c) => byId.get(c)?.calledOnly)];
    return [...new Set(ids)].map((id) => byId.get(id)).filter((x): x is MapProcess => !!x);
  };
  return { byId, inside };
}
