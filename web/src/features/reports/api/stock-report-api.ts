import { useQuery } from '@tanstack/react-query';
import type { StockReport } from '../../../../../contracts/stock-report';
import { api } from '../../../lib/api';

// under ['reports', …] so whatever refreshes the reports refreshes these too
export const stockReportKeys = {
  all: ['reports', 'stock'] as const,
  report: (warehouseId: string, belowLimit: number) =>
    ['reports', 'stock', 'report', warehouseId, belowLimit] as const,
  warehouses: ['reports', 'stock', 'warehouses'] as const,
};

/** The stock report of a warehouse; '' = the default warehouse. */
export function useStockReport(warehouseId: string, belowLimit = 100, enabled = true) {
  return useQuery({
    queryKey: stockReportKeys.report(warehouseId, belowLimit),
    queryFn: ({ signal }) => api.get<StockReport>('/reports/stock', { warehouseId, belowLimit }, signal),
    placeholderData: (prev) => prev,
    enabled,
  });
}

interface WarehouseOption {
  id: string;
  code: string;
  name: string;
  isDefault: boolean;
  active: boolean;
}

/** The warehouses to choose from (none when the list cannot be read: the report shows the default one). */
export function useReportWarehouses() {
  return useQuery({
    queryKey: stockReportKeys.warehouses,
    queryFn: ({ signal }) => api.get<{ items: WarehouseOption[] }>('/warehouses', {}, signal),
    retry: false,
    staleTime: 60_000,
  });
}
