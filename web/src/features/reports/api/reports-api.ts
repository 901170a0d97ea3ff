import { useQuery } from '@tanstack/react-query';
import type { ForecastReport, FunnelReport } from '../../../../../contracts/sales-reports';
import { api } from '../../../lib/api';

export type FunnelBasis = 'created' | 'entered';

export interface FunnelFilters {
  pipelineId: string;
  ownerId: string;
  teamId: string;
  from: string;
  to: string;
  basis: FunnelBasis;
}

export interface ForecastFilters {
  pipelineId: string;
  ownerId: string;
  teamId: string;
}

export const reportKeys = {
  all: ['reports'] as const,
  funnel: (filters: FunnelFilters) => ['reports', 'funnel', filters] as const,
  forecast: (filters: ForecastFilters) => ['reports', 'forecast', filters] as const,
};

export function useFunnelReport(filters: FunnelFilters, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: reportKeys.funnel(filters),
    queryFn: ({ signal }) => api.get<FunnelReport>('/reports/funnel', { ...filters }, signal),
    placeholderData: (prev) => prev,
    enabled: options.enabled ?? true,
  });
}

export function useForecastReport(filters: ForecastFilters, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: reportKeys.forecast(filters),
    queryFn: ({ signal }) => api.get<ForecastReport>('/reports/forecast', { ...filters }, signal),
    placeholderData: (prev) => prev,
    enabled: options.enabled ?? true,
  });
}
