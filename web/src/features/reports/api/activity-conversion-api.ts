import { useQuery } from '@tanstack/react-query';
import type { ActivityConversionReport } from '../../../../../contracts/sales-reports';
import { api } from '../../../lib/api';

export type ConversionGroupBy = 'person' | 'team';

export interface ActivityConversionFilters {
  ownerId: string;
  teamId: string;
  /** '' = the server's default (this quarter). */
  from: string;
  to: string;
  groupBy: ConversionGroupBy;
}

export function useActivityConversionReport(filters: ActivityConversionFilters) {
  return useQuery({
    // under ['reports', …] so whatever refreshes the reports refreshes this one too
    queryKey: ['reports', 'activity-conversion', filters] as const,
    queryFn: ({ signal }) =>
      api.get<ActivityConversionReport>('/reports/activity-conversion', { ...filters }, signal),
    placeholderData: (prev) => prev,
  });
}
