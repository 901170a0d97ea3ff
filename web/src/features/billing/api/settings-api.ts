import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BillingSettings, UpdateBillingSettings } from '../../../../../contracts/billing';
import { api } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

export const billingSettingsKey = ['billing', 'settings'] as const;

export function useBillingSettings(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: billingSettingsKey,
    queryFn: ({ signal }) => api.get<BillingSettings>('/billing/settings', undefined, signal),
    enabled: options.enabled ?? true,
  });
}

export function useUpdateBillingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateBillingSettings) => api.patch<BillingSettings>('/billing/settings', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(billingSettingsKey, saved);
      void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
    },
  });
}
