import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListResponse } from '../../../../../contracts/common';
import type {
  ReplenishmentRunResult,
  ReplenishmentSuggestion,
  RunReplenishment,
} from '../../../../../contracts/purchasing';
import { api } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

export const replenishmentKeys = {
  all: ['replenishment'] as const,
  list: (warehouseId: string, supplierId: string) =>
    ['replenishment', 'list', warehouseId, supplierId] as const,
};

/** The suggestions shown at once (a company rarely has more products below their reorder point). */
const LIMIT = 500;

export function useReplenishment(filters: { warehouseId: string; supplierId: string }) {
  return useQuery({
    queryKey: replenishmentKeys.list(filters.warehouseId, filters.supplierId),
    queryFn: ({ signal }) =>
      api.get<ListResponse<ReplenishmentSuggestion>>(
        '/replenishment',
        { warehouseId: filters.warehouseId, supplierId: filters.supplierId, limit: LIMIT },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** The replenishment pass: writes (and optionally approves) the draft orders. */
export function useRunReplenishment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RunReplenishment) => api.post<ReplenishmentRunResult>('/replenishment/run', body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: replenishmentKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['purchase-orders'] });
      void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
    },
  });
}
