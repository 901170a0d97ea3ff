import { useQuery } from '@tanstack/react-query';
import type { SearchResponse } from '../../../../../contracts/search';
import { api } from '../../../lib/api';

export const searchKeys = {
  all: ['search'] as const,
  query: (q: string, limit: number) => ['search', q, limit] as const,
};

/**
 * Companies, contacts and deals matching `q` (GET /api/search), best first. Keeps the previous
 * answer while the next one loads, so the list does not flicker while typing.
 */
export function useGlobalSearch(q: string, options: { enabled?: boolean; limit?: number } = {}) {
  const term = q.trim();
  const limit = options.limit ?? 15;
  return useQuery({
    queryKey: searchKeys.query(term, limit),
    queryFn: ({ signal }) => api.get<SearchResponse>('/search', { q: term, limit }, signal),
    enabled: (options.enabled ?? true) && term.length > 0,
    staleTime: 5_000,
    placeholderData: (prev) => prev,
  });
}
