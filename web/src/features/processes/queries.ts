/** Server state of the process map and a process: definitions, a process's steps and diagram, the cases at a step. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api.js';

/** The process map as a tree: levels, processes with their sub-processes, activities and routines. */
export const useProcessMap = () => useQuery({ queryKey: ['process-map'], queryFn: api.processMap });

/** A process: its definition, its steps with their figures and routines, and its diagram. */
export const useProcess = (processId: string) =>
  useQuery({
    queryKey: ['process', processId],
    queryFn: async () => {
      const [defs, activities, { xml }] = await Promise.all([api.definitions(), api.activities(processId), api.processXml(processId)]);
      return { def: defs.find((d) => d.processId === processId), activities, xml };
    },
  });

/** The running cases waiting at a step (none asked for while no step is chosen). */
export const useCasesAtStep = (processId: string, elementId: string) =>
  useQuery({
    queryKey: ['instances', 'list', { processId, elementId, state: 'active' }],
    queryFn: () => api.instances({ processId, elementId, state: 'active' }),
    enabled: !!elementId,
  });
