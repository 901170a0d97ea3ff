import { useQuery } from '@tanstack/react-query';
import type { PipelinePurchases } from '../../../../../contracts/stock-report';
import { api } from '../../../lib/api';

export const pipelinePurchasesKeys = {
  all: ['workload', 'pipeline-purchases'] as const,
  report: (horizonDays: number) => ['workload', 'pipeline-purchases', horizonDays] as const,
};

/** What the open deals closing within `horizonDays` will need to buy (default warehouse). */
export function usePipelinePurchases(horizonDays: number) {
  return useQuery({
    queryKey: pipelinePurchasesKeys.report(horizonDays),
    queryFn: ({ signal }) =>
      api.get<PipelinePurchases>('/reports/pipeline-purchases', { horizonDays }, signal),
    placeholderData: (prev) => prev,
  });
}
