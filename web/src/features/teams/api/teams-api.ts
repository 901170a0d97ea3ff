import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type { ListResponse } from '../../../../../contracts/common';
import type { CreateTeam, Team, UpdateTeam, User } from '../../../../../contracts/identity';
import { api } from '../../../lib/api';
import { meQueryKey } from '../../../lib/auth';
import { AUDIT_KEY } from '../../../lib/query-client';

export const teamKeys = {
  all: ['teams'] as const,
  lists: () => ['teams', 'list'] as const,
  list: (q: string) => ['teams', 'list', q] as const,
  detail: (id: string) => ['teams', 'detail', id] as const,
  candidates: (q: string) => ['teams', 'candidates', q] as const,
};

const PAGE_SIZE = 50;

export function useTeams(q: string) {
  return useInfiniteQuery({
    queryKey: teamKeys.list(q),
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<Team>>(
        '/teams',
        { limit: PAGE_SIZE, cursor: pageParam ?? undefined, q: q.trim() },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
  });
}

function findInLists(queryClient: QueryClient, id: string): Team | undefined {
  for (const [, data] of queryClient.getQueriesData<InfiniteData<ListResponse<Team>>>({
    queryKey: teamKeys.lists(),
  })) {
    const hit = data?.pages.flatMap((p) => p.items).find((team) => team.id === id);
    if (hit) return hit;
  }
  return undefined;
}

export function useTeam(id: string) {
  const queryClient = useQueryClient();
  return useQuery<Team>({
    queryKey: teamKeys.detail(id),
    queryFn: ({ signal }) => api.get<Team>(`/teams/${encodeURIComponent(id)}`, undefined, signal),
    placeholderData: () => findInLists(queryClient, id),
  });
}

/** Active users to pick as new members. */
export function useMemberCandidates(q: string) {
  return useQuery({
    queryKey: teamKeys.candidates(q.trim()),
    queryFn: ({ signal }) =>
      api.get<ListResponse<User>>('/users', { q: q.trim(), active: 'true', limit: 20, sort: 'name' }, signal),
    staleTime: 10_000,
    placeholderData: (prev) => prev,
  });
}

function useTeamChanged() {
  const queryClient = useQueryClient();
  return (team: Team) => {
    queryClient.setQueryData(teamKeys.detail(team.id), team);
    void queryClient.invalidateQueries({ queryKey: teamKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    // "my teams" in the session may have changed
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
  };
}

export function useCreateTeam() {
  const changed = useTeamChanged();
  return useMutation({
    mutationFn: (body: z.output<typeof CreateTeam>) => api.post<Team>('/teams', body),
    onSuccess: changed,
  });
}

export function useUpdateTeam() {
  const changed = useTeamChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: z.output<typeof UpdateTeam> & { id: string }) =>
      api.patch<Team>(`/teams/${encodeURIComponent(id)}`, body),
    onSuccess: changed,
  });
}

export function useAddTeamMember() {
  const changed = useTeamChanged();
  return useMutation({
    mutationFn: ({ teamId, userId }: { teamId: string; userId: string }) =>
      api.post<Team>(`/teams/${encodeURIComponent(teamId)}/members`, { userId }),
    onSuccess: changed,
  });
}

export function useRemoveTeamMember() {
  const changed = useTeamChanged();
  return useMutation({
    mutationFn: ({ teamId, userId }: { teamId: string; userId: string }) =>
      api.delete<Team>(`/teams/${encodeURIComponent(teamId)}/members/${encodeURIComponent(userId)}`),
    onSuccess: changed,
  });
}
