/**
 * The one TanStack Query client: server state (lists, a task, a process …) is cached by query
 * key, shared by the pages that show it and refetched when a command changes it. A 401 from any
 * query means the session ended: to the login page. Errors the user caused (4xx) are not retried.
 */
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api.js';

export function newQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (e) => {
        if (e instanceof ApiError && e.status === 401 && !location.hash.startsWith('#/login')) location.hash = '#/login';
      },
    }),
    defaultOptions: {
      queries: {
        retry: (count, e) => !(e instanceof ApiError && e.status < 500) && count < 2,
        // a form being filled in must not be replaced under the user's hands
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
