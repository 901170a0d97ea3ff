import { useQuery } from '@tanstack/react-query';
import type { ListResponse } from '../../../../../contracts/common';
import type { Segment } from '../../../../../contracts/companies';
import type { Pipeline } from '../../../../../contracts/sales';
import type { TaskType } from '../../../../../contracts/work';
import { api } from '../../../lib/api';

/**
 * What the rule editor picks from other domains, read through their public API. The keys sit
 * under each domain's own key so an edit there refreshes the editor too.
 */
export function useTaskTypeOptions() {
  return useQuery({
    queryKey: ['task-types', 'automation-lookup'],
    queryFn: ({ signal }) => api.get<{ items: TaskType[] }>('/task-types', undefined, signal),
    select: (data) => data.items.filter((type) => !type.archived),
    staleTime: 5 * 60_000,
  });
}

export function usePipelineOptions() {
  return useQuery({
    queryKey: ['pipelines', 'automation-lookup'],
    queryFn: ({ signal }) => api.get<{ items: Pipeline[] }>('/pipelines', undefined, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useSegmentOptions() {
  return useQuery({
    queryKey: ['segments', 'automation-lookup'],
    queryFn: ({ signal }) =>
      api.get<ListResponse<Segment>>('/segments', { limit: 500, sort: 'name' }, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

/** A webhook as the rule editor picks it (managers may edit rules without managing webhooks). */
export interface WebhookOption {
  id: string;
  name: string;
  active: boolean;
}

export function useWebhookOptions(enabled = true) {
  return useQuery({
    queryKey: ['webhooks', 'automation-lookup'],
    queryFn: ({ signal }) =>
      api.get<{ items: WebhookOption[] }>('/automation/webhook-options', undefined, signal),
    select: (data) => data.items,
    staleTime: 60_000,
    enabled,
  });
}
