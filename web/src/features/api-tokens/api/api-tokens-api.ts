import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ListResponse } from '../../../../../contracts/common';
import type { ApiToken, CreateApiToken, CreatedApiToken, User } from '../../../../../contracts/identity';
import { api } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

export type ApiTokenItem = z.infer<typeof ApiToken>;
export type CreatedApiTokenItem = z.infer<typeof CreatedApiToken>;

export const apiTokenKeys = {
  all: ['api-tokens'] as const,
  list: () => ['api-tokens', 'list'] as const,
  owners: () => ['api-tokens', 'owners'] as const,
};

export function useApiTokens() {
  return useInfiniteQuery({
    queryKey: apiTokenKeys.list(),
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<ApiTokenItem>>(
        '/api-tokens',
        { limit: 100, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Names of token owners, for admins who see everybody's tokens. */
export function useTokenOwners(enabled: boolean) {
  return useQuery({
    queryKey: apiTokenKeys.owners(),
    queryFn: async ({ signal }) => {
      const res = await api.get<ListResponse<User>>('/users', { limit: 500, sort: 'name' }, signal);
      return new Map(res.items.map((u) => [u.id, u.name]));
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: apiTokenKeys.list() });
    void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
  };
}

export function useCreateApiToken() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: z.output<typeof CreateApiToken>) => api.post<CreatedApiTokenItem>('/api-tokens', body),
    onSuccess: invalidate,
  });
}

export function useRevokeApiToken() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/api-tokens/${encodeURIComponent(id)}`),
    onSuccess: invalidate,
  });
}
