import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ListResponse } from '../../../../../contracts/common';
import type {
  CreateWebhook,
  UpdateWebhook,
  Webhook,
  WebhookDelivery,
  WebhookWithSecret,
} from '../../../../../contracts/webhooks';
import { api, apiRequest } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

export type { Webhook, WebhookDelivery, WebhookWithSecret };
export type DeliveryStatus = WebhookDelivery['status'];

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: () => ['webhooks', 'list'] as const,
  deliveries: (id: string, status: DeliveryStatus | null) => ['webhooks', 'deliveries', id, status] as const,
};

const path = (id: string) => `/webhooks/${encodeURIComponent(id)}`;

export function useWebhooks() {
  return useQuery({
    queryKey: webhookKeys.list(),
    queryFn: ({ signal }) => api.get<{ items: Webhook[] }>('/webhooks', undefined, signal),
  });
}

/** The delivery log of a webhook, newest first, page by page. */
export function useWebhookDeliveries(id: string | null, status: DeliveryStatus | null) {
  return useInfiniteQuery({
    queryKey: webhookKeys.deliveries(id ?? '', status),
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<WebhookDelivery>>(
        `${path(id ?? '')}/deliveries`,
        { limit: 25, cursor: pageParam ?? undefined, status: status ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: id !== null,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: webhookKeys.all });
    void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
  };
}

export function useCreateWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: z.output<typeof CreateWebhook>) => api.post<WebhookWithSecret>('/webhooks', body),
    onSuccess: invalidate,
  });
}

export function useUpdateWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: z.output<typeof UpdateWebhook> }) =>
      apiRequest<Webhook>(path(id), { method: 'PUT', body }),
    onSuccess: invalidate,
  });
}

export function useDeleteWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (hook: Webhook) =>
      apiRequest<void>(path(hook.id), { method: 'DELETE', query: { version: hook.version } }),
    onSuccess: invalidate,
  });
}

export function useRotateSecret() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.post<WebhookWithSecret>(`${path(id)}/rotate-secret`),
    onSuccess: invalidate,
  });
}

export function usePingWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.post<WebhookDelivery>(`${path(id)}/ping`),
    onSuccess: invalidate,
  });
}

export function useResendDelivery() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<WebhookDelivery>(`/webhooks/deliveries/${encodeURIComponent(id)}/resend`),
    onSuccess: invalidate,
  });
}
