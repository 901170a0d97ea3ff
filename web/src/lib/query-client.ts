import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api';

/** Root key of audit queries: every feature invalidates it after a change so histories stay current. */
export const AUDIT_KEY = ['audit'] as const;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // client errors (403, 404, …) will not get better by asking again
        retry: (failureCount, err) =>
          failureCount < 2 && !(isApiError(err) && err.status >= 400 && err.status < 500),
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
