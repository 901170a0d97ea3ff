import { useQuery } from '@tanstack/react-query';
import type { ListResponse } from '../../../../../contracts/common';
import type { Company } from '../../../../../contracts/companies';
import type { Team } from '../../../../../contracts/identity';
import { api } from '../../../lib/api';

/** What the billing screens pick from other domains (companies, teams), read through their public API. */
export const billingLookupKeys = {
  companies: (q: string) => ['billing-lookup', 'companies', q] as const,
  company: (id: string) => ['billing-lookup', 'company', id] as const,
  teams: () => ['billing-lookup', 'teams'] as const,
};

export function useCompanyOptions(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: billingLookupKeys.companies(term),
    queryFn: ({ signal }) =>
      api.get<ListResponse<Company>>('/companies', { q: term, limit: 20, sort: 'name' }, signal),
    select: (data) => data.items,
    staleTime: 30_000,
    placeholderData: (prev) => prev,
  });
}

/** One company (the buyer's address, VAT ID and payment terms prefill a new invoice). */
export function useCompanyRef(id: string | null) {
  return useQuery({
    queryKey: billingLookupKeys.company(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<Company>(`/companies/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}

export function useTeamOptions(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: billingLookupKeys.teams(),
    queryFn: ({ signal }) => api.get<ListResponse<Team>>('/teams', { limit: 500, sort: 'name' }, signal),
    select: (data) => data.items,
    enabled: options.enabled ?? true,
    staleTime: 5 * 60_000,
  });
}
