import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { ListResponse } from '../../../../../contracts/common';
import type { CreateUser, UpdateUser, User } from '../../../../../contracts/identity';
import type { Role } from '../../../../../contracts/permissions';
import { api } from '../../../lib/api';
import { meQueryKey } from '../../../lib/auth';
import { AUDIT_KEY } from '../../../lib/query-client';

export const USER_SORTS = ['name', '-name', 'email', '-email', 'createdAt', '-createdAt'] as const;
export type UserSort = (typeof USER_SORTS)[number];

export interface UserFilters {
  q: string;
  role: Role | '';
  active: 'true' | 'false' | '';
  sort: UserSort;
}

export const userKeys = {
  all: ['users'] as const,
  lists: () => ['users', 'list'] as const,
  list: (filters: UserFilters) => ['users', 'list', filters] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
  search: (q: string) => ['users', 'search', q] as const,
};

const PAGE_SIZE = 50;

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: userKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<User>>(
        '/users',
        {
          limit: PAGE_SIZE,
          cursor: pageParam ?? undefined,
          q: filters.q.trim(),
          role: filters.role,
          active: filters.active,
          sort: filters.sort,
        },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
  });
}

/** A user already present in a loaded list, to show instantly while the record loads. */
function findInLists(queryClient: QueryClient, id: string): User | undefined {
  for (const [, data] of queryClient.getQueriesData<InfiniteData<ListResponse<User>>>({
    queryKey: userKeys.lists(),
  })) {
    const hit = data?.pages.flatMap((p) => p.items).find((u) => u.id === id);
    if (hit) return hit;
  }
  return undefined;
}

export function useUser(id: string) {
  const queryClient = useQueryClient();
  return useQuery<User>({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }) => api.get<User>(`/users/${encodeURIComponent(id)}`, undefined, signal),
    placeholderData: () => findInLists(queryClient, id),
  });
}

/** Quick lookup for the header search and pickers. */
export function useUserSearch(q: string, options: { enabled?: boolean; limit?: number } = {}) {
  const term = q.trim();
  return useQuery({
    queryKey: [...userKeys.search(term), options.limit ?? 8],
    queryFn: ({ signal }) =>
      api.get<ListResponse<User>>('/users', { q: term, limit: options.limit ?? 8, sort: 'name' }, signal),
    enabled: (options.enabled ?? true) && term.length > 0,
    staleTime: 10_000,
    placeholderData: (prev) => prev,
  });
}

/**
 * Everyone a user may report to, for the "Reports to" select: one page of up to 500 users by name
 * (inactive ones included, so a saved manager who left still shows by name).
 */
export function useManagerCandidates() {
  return useQuery({
    queryKey: [...userKeys.all, 'manager-candidates'] as const,
    queryFn: ({ signal }) => api.get<ListResponse<User>>('/users', { limit: 500, sort: 'name' }, signal),
    staleTime: 30_000,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUser) => api.post<User>('/users', body),
    onSuccess: (user) => {
      queryClient.setQueryData(userKeys.detail(user.id), user);
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
      void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUser & { id: string }) =>
      api.patch<User>(`/users/${encodeURIComponent(id)}`, body),
    onSuccess: (user) => {
      queryClient.setQueryData(userKeys.detail(user.id), user);
      void queryClient.invalidateQueries({ queryKey: userKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      // the current user may have edited themselves (name, role, language)
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
