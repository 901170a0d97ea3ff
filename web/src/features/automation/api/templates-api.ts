import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateEmailTemplate,
  EmailTemplate,
  UpdateEmailTemplate,
} from '../../../../../contracts/automation';
import { api, apiRequest } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

export const templateKeys = {
  list: () => ['automation', 'email-templates'] as const,
};

const path = (id: string) => `/automation/email-templates/${encodeURIComponent(id)}`;

export function useEmailTemplates() {
  return useQuery({
    queryKey: templateKeys.list(),
    queryFn: ({ signal }) =>
      api.get<{ items: EmailTemplate[] }>('/automation/email-templates', undefined, signal),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: templateKeys.list() });
    void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
  };
}

export function useSaveEmailTemplate() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CreateEmailTemplate | UpdateEmailTemplate }) =>
      id
        ? apiRequest<EmailTemplate>(path(id), { method: 'PUT', body })
        : api.post<EmailTemplate>('/automation/email-templates', body),
    onSuccess: invalidate,
  });
}

export function useDeleteEmailTemplate() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(path(id)),
    onSuccess: invalidate,
  });
}
