import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreatePipeline,
  LostReason,
  Pipeline,
  StageInput,
  UpdatePipeline,
} from '../../../../../contracts/sales';
import { api } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

export const pipelineKeys = {
  all: ['pipelines'] as const,
  list: () => ['pipelines', 'list'] as const,
  lostReasons: () => ['pipelines', 'lost-reasons'] as const,
};

/** All pipelines with their stages, default first (a handful: loaded once, cached). */
export function usePipelines(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: pipelineKeys.list(),
    queryFn: ({ signal }) => api.get<{ items: Pipeline[] }>('/pipelines', undefined, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
    enabled: options.enabled ?? true,
  });
}

/** The lost reasons to choose from when a deal is lost. */
export function useLostReasons(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: pipelineKeys.lostReasons(),
    queryFn: ({ signal }) => api.get<{ items: LostReason[] }>('/lost-reasons', undefined, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
    enabled: options.enabled ?? true,
  });
}

function useInvalidatePipelines() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: pipelineKeys.all });
    // stage names and probabilities show on deals, the board and the reports
    void queryClient.invalidateQueries({ queryKey: ['deals'] });
    void queryClient.invalidateQueries({ queryKey: ['reports'] });
    void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
  };
}

export function useCreatePipeline() {
  const invalidate = useInvalidatePipelines();
  return useMutation({
    mutationFn: (body: CreatePipeline) => api.post<Pipeline>('/pipelines', body),
    onSuccess: invalidate,
  });
}

export function useUpdatePipeline() {
  const invalidate = useInvalidatePipelines();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdatePipeline & { id: string }) =>
      api.patch<Pipeline>(`/pipelines/${encodeURIComponent(id)}`, body),
    onSuccess: invalidate,
  });
}

export function useCreateLostReason() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string }) => api.post<LostReason>('/lost-reasons', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: pipelineKeys.lostReasons() }),
  });
}

export type { StageInput };
