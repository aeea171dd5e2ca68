/** Server state of the session: who is signed in, the inbox counts, logging in and out. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api.js';

export const sessionKeys = { me: ['me'] as const, counts: ['tasks', 'counts'] as const };

/** The signed-in user; an error (401) when no one is. */
export const useMe = () => useQuery({ queryKey: sessionKeys.me, queryFn: api.me, staleTime: 5 * 60_000, retry: false });

/** The inbox counts in the menu (refetched as the user moves between pages). */
export const useTaskCounts = (enabled: boolean) => useQuery({ queryKey: sessionKeys.counts, queryFn: api.taskCounts, enabled, retry: false });

/** Logs in; everything cached for an earlier user is dropped first. */
export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) => api.login(username, password),
    onMutate: () => qc.clear(),
  });
}

/** Logs out and forgets all server state (the next user must not see this one's lists). */
export function useLogout() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: api.logout, onSettled: () => qc.clear() });
}
