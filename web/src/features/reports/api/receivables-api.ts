import { useQuery } from '@tanstack/react-query';
import type { AgingReport, CashFlowReport, DsoReport } from '../../../../../contracts/receivables';
import { api } from '../../../lib/api';

// under ['reports', …] so whatever refreshes the reports refreshes these too
export const receivablesKeys = {
  all: ['reports', 'receivables'] as const,
  aging: (asOf: string, limit: number) => ['reports', 'receivables', 'aging', asOf, limit] as const,
  dso: (months: number) => ['reports', 'receivables', 'dso', months] as const,
  cashFlow: (from: string, to: string) => ['reports', 'receivables', 'cash-flow', from, to] as const,
};

/** AR aging; `asOf` '' = today (the server's). */
export function useAgingReport(asOf: string, limit = 50) {
  return useQuery({
    queryKey: receivablesKeys.aging(asOf, limit),
    queryFn: ({ signal }) => api.get<AgingReport>('/reports/receivables/aging', { asOf, limit }, signal),
    placeholderData: (prev) => prev,
  });
}

export function useDsoReport(months = 12) {
  return useQuery({
    queryKey: receivablesKeys.dso(months),
    queryFn: ({ signal }) => api.get<DsoReport>('/reports/receivables/dso', { months }, signal),
    placeholderData: (prev) => prev,
  });
}

/** Invoiced vs collected per month; '' = the server's default (the last 12 months). */
export function useCashFlowReport(from: string, to: string) {
  return useQuery({
    queryKey: receivablesKeys.cashFlow(from, to),
    queryFn: ({ signal }) => api.get<CashFlowReport>('/reports/receivables/cash-flow', { from, to }, signal),
    placeholderData: (prev) => prev,
  });
}
