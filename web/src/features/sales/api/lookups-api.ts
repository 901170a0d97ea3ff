import { useQuery } from '@tanstack/react-query';
import type { ListResponse } from '../../../../../contracts/common';
import type { Company, Contact } from '../../../../../contracts/companies';
import type { Team, User } from '../../../../../contracts/identity';
import { api } from '../../../lib/api';

/**
 * What the deal screens pick from other domains: companies and their contacts, users (owners) and
 * teams. Read through those domains' public API; cached briefly.
 */
export const lookupKeys = {
  companies: (q: string) => ['sales-lookup', 'companies', q] as const,
  company: (id: string) => ['sales-lookup', 'company', id] as const,
  contacts: (companyId: string) => ['sales-lookup', 'contacts', companyId] as const,
  users: () => ['sales-lookup', 'users'] as const,
  teams: () => ['sales-lookup', 'teams'] as const,
};

/** A small company reaches a few hundred people and teams at most: loaded once for the pickers. */
const PICKER_LIMIT = 500;

export function useCompanyOptions(q: string, options: { enabled?: boolean } = {}) {
  const term = q.trim();
  return useQuery({
    queryKey: lookupKeys.companies(term),
    queryFn: ({ signal }) =>
      api.get<ListResponse<Company>>('/companies', { q: term, limit: 20, sort: 'name' }, signal),
    select: (data) => data.items,
    enabled: options.enabled ?? true,
    staleTime: 30_000,
    placeholderData: (prev) => prev,
  });
}

export function useCompanyRef(id: string | null) {
  return useQuery({
    queryKey: lookupKeys.company(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<Company>(`/companies/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

export function useContactOptions(companyId: string | null) {
  return useQuery({
    queryKey: lookupKeys.contacts(companyId ?? ''),
    queryFn: ({ signal }) =>
      api.get<ListResponse<Contact>>(
        '/contacts',
        { companyId: companyId ?? '', limit: PICKER_LIMIT, sort: 'lastName' },
        signal,
      ),
    select: (data) => data.items,
    enabled: Boolean(companyId),
    staleTime: 30_000,
  });
}

export function useUserOptions(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: lookupKeys.users(),
    queryFn: ({ signal }) =>
      api.get<ListResponse<User>>('/users', { limit: PICKER_LIMIT, sort: 'name' }, signal),
    select: (data) => data.items,
    enabled: options.enabled ?? true,
    staleTime: 5 * 60_000,
  });
}

export function useTeamOptions(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: lookupKeys.teams(),
    queryFn: ({ signal }) =>
      api.get<ListResponse<Team>>('/teams', { limit: PICKER_LIMIT, sort: 'name' }, signal),
    select: (data) => data.items,
    enabled: options.enabled ?? true,
    staleTime: 5 * 60_000,
  });
}

export function useContactRef(id: string | null) {
  return useQuery({
    queryKey: ['sales-lookup', 'contact', id ?? ''] as const,
    queryFn: ({ signal }) => api.get<Contact>(`/contacts/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}
