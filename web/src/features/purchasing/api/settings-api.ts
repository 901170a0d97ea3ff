import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ListResponse } from '../../../../../contracts/common';
import type { WarehouseList } from '../../../../../contracts/inventory';
import type {
  ApprovalLimit,
  PurchasingSettings,
  UpdatePurchasingSettings,
} from '../../../../../contracts/purchasing';
import { api, apiRequest } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

export const purchasingKeys = {
  settings: ['purchasing', 'settings'] as const,
  approvalLimits: ['purchasing', 'approval-limits'] as const,
  warehouses: ['warehouses', 'lookup'] as const,
  suppliers: (q: string) => ['companies', 'lookup', 'suppliers', q] as const,
};

export function usePurchasingSettings() {
  return useQuery({
    queryKey: purchasingKeys.settings,
    queryFn: ({ signal }) => api.get<PurchasingSettings>('/purchasing/settings', undefined, signal),
  });
}

export function useUpdatePurchasingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdatePurchasingSettings) =>
      api.patch<PurchasingSettings>('/purchasing/settings', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(purchasingKeys.settings, saved);
      void queryClient.invalidateQueries({ queryKey: ['replenishment'] });
      void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
    },
  });
}

export function useApprovalLimits() {
  return useQuery({
    queryKey: purchasingKeys.approvalLimits,
    queryFn: ({ signal }) =>
      api.get<{ items: ApprovalLimit[] }>('/purchasing/approval-limits', undefined, signal),
    select: (data) => data.items,
  });
}

/** Sets a user's approval limit (cents; null = unlimited). */
export function usePutApprovalLimit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, limitCents }: { userId: string; limitCents: number | null }) =>
      apiRequest<ApprovalLimit>(`/purchasing/approval-limits/${encodeURIComponent(userId)}`, {
        method: 'PUT',
        body: { limitCents },
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: purchasingKeys.approvalLimits }),
  });
}

/** Removes a user's approval limit: the user may no longer approve orders. */
export function useDeleteApprovalLimit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      api.delete<void>(`/purchasing/approval-limits/${encodeURIComponent(userId)}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: purchasingKeys.approvalLimits }),
  });
}

/** The warehouses (active ones are offered; a company usually has one). */
export function useWarehouses() {
  return useQuery({
    queryKey: purchasingKeys.warehouses,
    queryFn: ({ signal }) => api.get<z.infer<typeof WarehouseList>>('/warehouses', undefined, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

/** Companies with the supplier role whose name matches (for the order's supplier). */
export function useSupplierLookup(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: purchasingKeys.suppliers(term),
    queryFn: ({ signal }) =>
      api.get<ListResponse<{ id: string; name: string; city: string | null }>>(
        '/companies',
        { role: 'supplier', q: term, limit: 20, sort: 'name' },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}
