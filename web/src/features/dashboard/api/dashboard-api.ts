import { useQuery } from '@tanstack/react-query';
import type { ListResponse } from '../../../../../contracts/common';
import { api, type QueryValue } from '../../../lib/api';

/** Up to this many records are counted per card; more shows as "500+". */
export const COUNT_LIMIT = 500;

export interface Count {
  value: number;
  more: boolean;
}

export const dashboardKeys = {
  all: ['dashboard'] as const,
  count: (path: string, query: Record<string, QueryValue>) => ['dashboard', 'count', path, query] as const,
};

/**
 * Counts a list endpoint by reading one page of up to COUNT_LIMIT ids. The list API has no
 * total; `filter` narrows the page client-side (e.g. "my tokens").
 */
export function useListCount<T>(
  path: string,
  query: Record<string, QueryValue> = {},
  options: { enabled?: boolean; filter?: (item: T) => boolean; filterKey?: string } = {},
) {
  return useQuery({
    queryKey: [...dashboardKeys.count(path, query), options.filterKey ?? null],
    queryFn: async ({ signal }): Promise<Count> => {
      const res = await api.get<ListResponse<T>>(path, { ...query, limit: COUNT_LIMIT }, signal);
      const items = options.filter ? res.items.filter(options.filter) : res.items;
      return { value: items.length, more: res.nextCursor !== null };
    },
    enabled: options.enabled ?? true,
    staleTime: 60_000,
  });
}
