/** Server state of a task: its view (task, form, context, diagram), drafts and completion. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api.js';
import { taskKeys } from '../inbox/queries.js';

/**
 * Everything the task page shows, read once per visit: the form must not be replaced while the
 * user fills it in (never stale), and is not kept after the page is left (a draft may change it).
 */
export const useTaskView = (key: string) =>
  useQuery({
    queryKey: ['tasks', 'view', key],
    queryFn: async () => {
      const [task, form] = await Promise.all([api.task(key), api.taskForm(key)]);
      const [context, xml] = await Promise.all([
        api.taskContext(key).catch(() => undefined),
        api
          .processXml(task.processId)
          .then((r) => r.xml)
          .catch(() => undefined),
      ]);
      return { task, form, context, xml };
    },
    staleTime: Infinity,
    gcTime: 0,
  });

export const useSaveDraft = (key: string) => useMutation({ mutationFn: (variables: Record<string, unknown>) => api.saveDraft(key, variables) });

/**
 * Completes the task. The task lists are dropped, not just marked stale: the inbox the user
 * returns to must not show the completed task while it refetches.
 */
export function useComplete(key: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (variables: Record<string, unknown>) => api.complete(key, variables),
    onSuccess: () => qc.removeQueries({ queryKey: taskKeys.all }),
  });
}
