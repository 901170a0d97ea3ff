import { useQuery } from '@tanstack/react-query';
import type { WorkloadReport } from '../../../../../contracts/goals';
import { api } from '../../../lib/api';

export interface WorkloadFilters {
  /** '' = every team the user may see. */
  teamId: string;
  weeks: number;
  months: number;
}

export const workloadKeys = {
  all: ['workload'] as const,
  report: (filters: WorkloadFilters) => ['workload', 'report', filters] as const,
};

export function useWorkloadReport(filters: WorkloadFilters) {
  return useQuery({
    queryKey: workloadKeys.report(filters),
    queryFn: ({ signal }) =>
      api.get<WorkloadReport>(
        '/reports/workload',
        { teamId: filters.teamId, weeks: filters.weeks, months: filters.months },
        signal,
      ),
    placeholderData: (prev) => prev,
  });
}
