/**
 * Policy for the process map (issue 14 point 3): who reads the hierarchy, who creates a
 * descriptive process, who places a process in the hierarchy and names its owner, and who marks
 * one executable. From the customer's documents (shared/seeds): process owners identify,
 * describe and adopt the processes of their level — förvaltningschef, myndighetschef,
 * verksamhetschef, enhetschef (Tyresö 4.2–4.5), MAS for health care — and the quality lead
 * (kvalitetsledare, processledare) "maintains the process map with owners" (DOMAIN.md §2).
 * Marking a process executable hands it to the engine: those who deploy (process.deploy).
 */
import { holdsAny } from '../org/roles.js';
import { everyone, resourceRule, roleRule } from '../rule.js';

/** Who keeps the map: the quality lead and admin. */
const MAP_KEEPERS = ['kvalitetsledare', 'admin'];
/** Who may describe a new process: the process owners of each level and the map's keepers. */
const DESCRIBERS = [...MAP_KEEPERS, 'socialchef', 'myndighetschef', 'verksamhetschef', 'enhetschef', 'mas'];
/** Who hands a process to the engine (as process.deploy). */
const EXECUTORS = ['kvalitetsledare', 'admin'];

export const processMapRules = {
  /** The hierarchy: every process, its sub-processes, activities, owners and routines. */
  'processMap.view': everyone(),
  /** Create a descriptive process (from nothing or from another tool's BPMN file). */
  'processMap.create': roleRule('Endast processägare och kvalitetsledare får beskriva nya processer', (user) => holdsAny(user, DESCRIBERS)),
  /** Move a process in the hierarchy, rename it, name its owner and process leader: its owner, or the map's keepers. */
  'processMap.place': resourceRule<{ ownerRole: string }>('Endast processägaren och kvalitetsledaren får ändra processens plats och ägare', (user, p) =>
    holdsAny(user, [p.ownerRole, ...MAP_KEEPERS]),
  ),
  /** Mark a descriptive process executable (or back): those who deploy processes. */
  'processMap.execute': roleRule('Endast admin och kvalitetsledare får göra en process körbar', (user) => holdsAny(user, EXECUTORS)),
};
