import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateGoal, GoalMetric, GoalWithProgress, UpdateGoal } from '../../../../../contracts/goals';
import type { TaskType } from '../../../../../contracts/work';
import { api, type QueryValue } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

/** The goals page's filters as they stand in the URL (empty = not filtered; activeOn empty = today). */
export interface GoalFilters {
  activeOn: string;
  metric: GoalMetric | '';
  userId: string;
  teamId: string;
}

export const goalKeys = {
  all: ['goals'] as const,
  list: (filters: GoalFilters) => ['goals', 'list', filters] as const,
  mine: () => ['goals', 'mine'] as const,
};

/**
 * Progress follows deals and tasks that change elsewhere (another person wins a deal): fetched anew
 * whenever a goals view is shown, and every minute while it stays open.
 */
const LIVE = { staleTime: 0, refetchInterval: 60_000 } as const;

export function goalQuery(filters: GoalFilters): Record<string, QueryValue> {
  return {
    activeOn: filters.activeOn,
    metric: filters.metric,
    userId: filters.userId,
    teamId: filters.teamId,
  };
}

export function useGoals(filters: GoalFilters) {
  return useQuery({
    queryKey: goalKeys.list(filters),
    queryFn: ({ signal }) => api.get<{ items: GoalWithProgress[] }>('/goals', goalQuery(filters), signal),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
    ...LIVE,
  });
}

/** The signed-in person's running goals and their teams' (dashboard widget). */
export function useMyGoals(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: goalKeys.mine(),
    queryFn: ({ signal }) => api.get<{ items: GoalWithProgress[] }>('/goals', { mine: true }, signal),
    select: (data) => data.items,
    enabled: options.enabled ?? true,
    ...LIVE,
  });
}

function useInvalidateGoals() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: goalKeys.all });
    void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
    // the workload report shows goal gaps
    void queryClient.invalidateQueries({ queryKey: ['workload'] });
  };
}

export function useCreateGoal() {
  const invalidate = useInvalidateGoals();
  return useMutation({
    mutationFn: (body: CreateGoal) => api.post<GoalWithProgress>('/goals', body),
    onSuccess: invalidate,
  });
}

export function useUpdateGoal() {
  const invalidate = useInvalidateGoals();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateGoal & { id: string }) =>
      api.patch<GoalWithProgress>(`/goals/${encodeURIComponent(id)}`, body),
    onSuccess: invalidate,
  });
}

export function useDeleteGoal() {
  const invalidate = useInvalidateGoals();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<void>(`/goals/${encodeURIComponent(id)}?version=${version}`),
    onSuccess: invalidate,
  });
}

// ─── the task types goals count (read through the work domain's API) ────────

export function useGoalTaskTypes() {
  return useQuery({
    queryKey: ['goals-lookup', 'task-types'] as const,
    queryFn: ({ signal }) => api.get<{ items: TaskType[] }>('/task-types', undefined, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}
