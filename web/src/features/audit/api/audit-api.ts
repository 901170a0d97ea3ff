import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '../../../../../contracts/audit';
import type { ListResponse } from '../../../../../contracts/common';
import { api } from '../../../lib/api';

export const auditKeys = {
  all: ['audit'] as const,
  history: (entityType: string, entityId: string) => ['audit', 'history', entityType, entityId] as const,
  recent: (limit: number) => ['audit', 'recent', limit] as const,
};

/** The change history of one record, newest first, in pages. */
export function useAuditHistory(entityType: string, entityId: string, pageSize = 20) {
  return useInfiniteQuery({
    queryKey: auditKeys.history(entityType, entityId),
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<AuditEntry>>(
        '/audit',
        { entityType, entityId, limit: pageSize, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: Boolean(entityId),
  });
}

/** The latest changes across everything the user may see (dashboard). */
export function useRecentChanges(limit = 10) {
  return useQuery({
    queryKey: auditKeys.recent(limit),
    queryFn: ({ signal }) => api.get<ListResponse<AuditEntry>>('/audit', { limit }, signal),
    staleTime: 15_000,
  });
}
