import {
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type { ListResponse } from '../../../../../contracts/common';
import type {
  CompleteTask,
  CreateTask,
  CreateTaskType,
  Task,
  TaskStatus,
  TaskType,
  UpdateTask,
  UpdateTaskType,
} from '../../../../../contracts/work';
import { api, type QueryValue } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

/** Whose tasks the list shows: mine, my teams', or every task I may see. */
export type TaskScope = 'mine' | 'team' | 'all';

/** The task list's filters, as they stand in the URL (empty string = not filtered). */
export interface TaskFilters {
  scope: TaskScope;
  /** One person's tasks (a drill-down from the workload); replaces the scope. */
  assigneeId: string;
  /** One team's tasks and its members' (a drill-down from the workload); replaces the scope. */
  teamId: string;
  type: string;
  status: TaskStatus | '';
  overdue: boolean;
  unclaimed: boolean;
  dueFrom: string;
  dueTo: string;
  q: string;
}

/** Tasks of one record (company, contact or deal page). */
export interface TaskRelation {
  companyId?: string;
  contactId?: string;
  dealId?: string;
  invoiceId?: string;
}

export const taskKeys = {
  all: ['tasks'] as const,
  lists: () => ['tasks', 'list'] as const,
  list: (filters: TaskFilters) => ['tasks', 'list', filters] as const,
  related: (relation: TaskRelation, status: string) => ['tasks', 'related', relation, status] as const,
  mine: () => ['tasks', 'mine'] as const,
  detail: (id: string) => ['tasks', 'detail', id] as const,
  types: () => ['task-types'] as const,
};

const PAGE_SIZE = 50;

export function taskQuery(filters: TaskFilters): Record<string, QueryValue> {
  const chosen = Boolean(filters.assigneeId || filters.teamId);
  return {
    assigneeId: filters.assigneeId || (!chosen && filters.scope === 'mine' ? 'me' : undefined),
    teamId: filters.teamId || (!chosen && filters.scope === 'team' ? 'mine' : undefined),
    withMembers: filters.teamId ? 'true' : undefined,
    type: filters.type,
    status: filters.status,
    overdue: filters.overdue ? 'true' : undefined,
    unclaimed: filters.unclaimed ? 'true' : undefined,
    dueFrom: filters.dueFrom,
    dueTo: filters.dueTo,
    q: filters.q.trim(),
    sort: filters.status === 'done' ? '-completedAt' : 'dueDate',
  };
}

export function useTasks(filters: TaskFilters) {
  return useInfiniteQuery({
    queryKey: taskKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<Task>>(
        '/tasks',
        { ...taskQuery(filters), limit: PAGE_SIZE, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
  });
}

/** Tasks about a record: open ones by due date, or done ones newest first. */
export function useRelatedTasks(relation: TaskRelation, status: 'open' | 'done', limit = 20) {
  return useQuery({
    queryKey: taskKeys.related(relation, status),
    queryFn: ({ signal }) =>
      api.get<ListResponse<Task>>(
        '/tasks',
        { ...relation, status, limit, sort: status === 'open' ? 'dueDate' : '-completedAt' },
        signal,
      ),
  });
}

/** My open tasks by due date (the dashboard widget). */
export function useMyOpenTasks(limit = 8) {
  return useQuery({
    queryKey: [...taskKeys.mine(), limit],
    queryFn: ({ signal }) =>
      api.get<ListResponse<Task>>(
        '/tasks',
        { assigneeId: 'me', status: 'open', limit, sort: 'dueDate' },
        signal,
      ),
  });
}

export function useTask(id: string) {
  return useQuery({
    queryKey: taskKeys.detail(id),
    queryFn: ({ signal }) => api.get<Task>(`/tasks/${encodeURIComponent(id)}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** After any change: lists, the record, histories and the company timeline (it shows tasks). */
function invalidateAfterChange(queryClient: QueryClient, task: Task) {
  queryClient.setQueryData(taskKeys.detail(task.id), task);
  void queryClient.invalidateQueries({ queryKey: ['tasks', 'list'] });
  void queryClient.invalidateQueries({ queryKey: ['tasks', 'related'] });
  void queryClient.invalidateQueries({ queryKey: taskKeys.mine() });
  void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
  void queryClient.invalidateQueries({ queryKey: ['companies', 'timeline'] });
  // the agenda and the workload show tasks too
  void queryClient.invalidateQueries({ queryKey: ['calendar'] });
  void queryClient.invalidateQueries({ queryKey: ['workload'] });
}

export function useCreateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateTask>) => api.post<Task>('/tasks', body),
    onSuccess: (task) => invalidateAfterChange(queryClient, task),
  });
}

export function useUpdateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: z.input<typeof UpdateTask> & { id: string }) =>
      api.patch<Task>(`/tasks/${encodeURIComponent(id)}`, body),
    onSuccess: (task) => invalidateAfterChange(queryClient, task),
  });
}

export function useCompleteTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: z.input<typeof CompleteTask> & { id: string }) =>
      api.post<{ task: Task; next: Task | null }>(`/tasks/${encodeURIComponent(id)}/complete`, body),
    onSuccess: (result) => invalidateAfterChange(queryClient, result.task),
  });
}

export function useClaimTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post<Task>(`/tasks/${encodeURIComponent(id)}/claim`, { version }),
    onSuccess: (task) => invalidateAfterChange(queryClient, task),
  });
}

// ─── task types ──────────────────────────────────────────────────────────────────────────────────

export function useTaskTypes() {
  return useQuery({
    queryKey: taskKeys.types(),
    queryFn: ({ signal }) => api.get<{ items: TaskType[] }>('/task-types', undefined, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useCreateTaskType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTaskType) => api.post<TaskType>('/task-types', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: taskKeys.types() }),
  });
}

export function useUpdateTaskType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, ...body }: UpdateTaskType & { key: string }) =>
      api.patch<TaskType>(`/task-types/${encodeURIComponent(key)}`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: taskKeys.types() }),
  });
}
