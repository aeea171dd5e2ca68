/** Server state of Mina uppgifter: the page of tasks for a filter, and claiming/handing back. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type TaskQuery } from '../../api.js';

export const taskKeys = { all: ['tasks'] as const, list: (q: TaskQuery) => ['tasks', 'list', q] as const };

/** A page of tasks; the last page stays on screen while the next filter or page loads. */
export const useTasks = (q: TaskQuery) => useQuery({ queryKey: taskKeys.list(q), queryFn: () => api.tasks(q), placeholderData: keepPreviousData });

/** The process definitions and units the filters offer (they change rarely). */
export const useFilterOptions = () =>
  useQuery({
    queryKey: ['inbox', 'filter-options'],
    queryFn: () => Promise.all([api.definitions(), api.units()]),
    staleTime: 5 * 60_000,
  });

/** Claims a task (assignee the user) or hands it back (null); every task query is refetched. */
export function useAssign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, assignee }: { key: string; assignee: string | null }) => api.assign(key, assignee),
    onSuccess: () => qc.invalidateQueries({ queryKey: taskKeys.all }),
  });
}
