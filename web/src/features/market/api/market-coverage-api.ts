import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MarketCoverageReport } from '../../../../../contracts/companies';
import { api } from '../../../lib/api';

export interface MarketCoverageFilters {
  /** Won revenue counts deals won from…to (YYYY-MM-DD); empty = all time. */
  from: string;
  to: string;
}

export const marketCoverageKeys = {
  all: ['reports', 'market-coverage'] as const,
  report: (filters: MarketCoverageFilters) => ['reports', 'market-coverage', filters] as const,
};

export function useMarketCoverage(filters: MarketCoverageFilters) {
  return useQuery({
    queryKey: marketCoverageKeys.report(filters),
    queryFn: ({ signal }) =>
      api.get<MarketCoverageReport>(
        '/reports/market-coverage',
        { from: filters.from, to: filters.to },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}
