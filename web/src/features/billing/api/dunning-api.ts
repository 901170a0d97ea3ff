import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Invoice } from '../../../../../contracts/billing';
import type { DunningNotice, DunningSettings, UpdateDunningSettings } from '../../../../../contracts/dunning';
import { api } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';
import { invoiceKeys } from './invoices-api';

export const dunningKeys = {
  settings: ['billing', 'dunning-settings'] as const,
  notices: (invoiceId: string) => ['invoices', 'dunning-notices', invoiceId] as const,
};

/** The dunning schedule (levels, fees, interest). Everyone who reads invoices needs its level names. */
export function useDunningSettings(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: dunningKeys.settings,
    queryFn: ({ signal }) => api.get<DunningSettings>('/billing/dunning-settings', undefined, signal),
    enabled: options.enabled ?? true,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useUpdateDunningSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateDunningSettings) =>
      api.patch<DunningSettings>('/billing/dunning-settings', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(dunningKeys.settings, saved);
      void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
    },
  });
}

/** The notices (letters) of an invoice, oldest level first. */
export function useDunningNotices(invoiceId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: dunningKeys.notices(invoiceId),
    queryFn: ({ signal }) =>
      api.get<{ items: DunningNotice[] }>(
        `/invoices/${encodeURIComponent(invoiceId)}/dunning-notices`,
        undefined,
        signal,
      ),
    select: (data) => [...data.items].sort((a, b) => a.level - b.level),
    // written by the due sweep, not by this screen: load afresh whenever the invoice opens
    staleTime: 0,
    enabled: Boolean(invoiceId) && (options.enabled ?? true),
  });
}

/** Stops (or resumes) dunning an invoice; answers the invoice. */
export function useSetDunningBlock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ invoiceId, blocked, version }: { invoiceId: string; blocked: boolean; version: number }) =>
      api.post<Invoice>(`/invoices/${encodeURIComponent(invoiceId)}/dunning-block`, { blocked, version }),
    onSuccess: (invoice) => {
      queryClient.setQueryData(invoiceKeys.detail(invoice.id), invoice);
      void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
      void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
    },
  });
}

/** Where a notice's letter PDF is downloaded (GET with the session cookie). */
export const noticePdfUrl = (noticeId: string) =>
  `/api/dunning-notices/${encodeURIComponent(noticeId)}/pdf?download=true`;
