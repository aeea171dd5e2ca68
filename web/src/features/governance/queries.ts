/** Server state of process versions (issue 14): the list, one version, the diff, the roles and routines the modeler offers. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api.js';

/** The versions of a process the user may read, newest first. */
export const useVersions = (processId: string) => useQuery({ queryKey: ['versions', processId], queryFn: () => api.processVersions(processId) });

/** One version with its model, review and what the user may do. */
export const useVersion = (processId: string, number: number) =>
  useQuery({ queryKey: ['versions', processId, number], queryFn: () => api.processVersion(processId, number), enabled: number > 0 });

/** The difference from version `other` to `number`, with both models (for the diagram). */
export const useDiff = (processId: string, number: number, other: number) =>
  useQuery({
    queryKey: ['versions', processId, number, 'diff', other],
    queryFn: async () => {
      const [diff, to, from] = await Promise.all([
        api.diffProcessVersions(processId, number, other),
        api.processVersion(processId, number),
        api.processVersion(processId, other),
      ]);
      return { diff, to, from };
    },
    enabled: number > 0 && other > 0 && number !== other,
  });

/** The organisation's roles (candidate roles, reviewers). */
export const useOrgRoles = () => useQuery({ queryKey: ['org', 'roles'], queryFn: api.orgRoles, staleTime: 60_000 });

/** The organisation's nodes (the levels a user task is done at). */
export const useOrgUnits = () => useQuery({ queryKey: ['org', 'units'], queryFn: api.units, staleTime: 60_000 });

/** What the modeler's routine entries offer: the routines in force, and this process's links. */
export const useRoutineChoices = (processId: string) =>
  useQuery({
    queryKey: ['routines', 'choices', processId],
    queryFn: async () => {
      const [all, linked] = await Promise.all([api.routineRegister(''), api.processRoutines(processId)]);
      return { all, linked };
    },
  });

/** A mutation that refreshes the process's versions when done. */
export function useVersionMutation<A, R>(processId: string, fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  // the pages refetch in the background: the outcome is said when the server answered, not after
  // every version query has been fetched again (one slow refetch held a withdrawal's message back)
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['versions', processId] });
    },
  });
}
