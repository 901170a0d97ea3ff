import { useQuery } from '@tanstack/react-query';
import type { ListResponse } from '../../../../../contracts/common';
import type { Company, Contact } from '../../../../../contracts/companies';
import type { Team, User } from '../../../../../contracts/identity';
import type { Deal } from '../../../../../contracts/sales';
import { api } from '../../../lib/api';

/**
 * What the task form picks from other domains (people, teams, companies, contacts, deals), read
 * through their public API; cached briefly.
 */
const PICKER_LIMIT = 500;

export function useUserChoices() {
  return useQuery({
    queryKey: ['tasks-lookup', 'users'],
    queryFn: ({ signal }) =>
      api.get<ListResponse<User>>('/users', { limit: PICKER_LIMIT, sort: 'name' }, signal),
    select: (data) => data.items.filter((u) => u.active),
    staleTime: 5 * 60_000,
  });
}

export function useTeamChoices() {
  return useQuery({
    queryKey: ['tasks-lookup', 'teams'],
    queryFn: ({ signal }) =>
      api.get<ListResponse<Team>>('/teams', { limit: PICKER_LIMIT, sort: 'name' }, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useCompanyChoices(q: string, enabled: boolean) {
  const term = q.trim();
  return useQuery({
    queryKey: ['tasks-lookup', 'companies', term],
    queryFn: ({ signal }) =>
      api.get<ListResponse<Company>>('/companies', { q: term, limit: 20, sort: 'name' }, signal),
    select: (data) => data.items.filter((c) => !c.mergedIntoId),
    enabled,
    staleTime: 30_000,
    placeholderData: (prev) => prev,
  });
}

export function useContactChoices(companyId: string | null) {
  return useQuery({
    queryKey: ['tasks-lookup', 'contacts', companyId ?? ''],
    queryFn: ({ signal }) =>
      api.get<ListResponse<Contact>>(
        '/contacts',
        { companyId: companyId ?? '', limit: PICKER_LIMIT },
        signal,
      ),
    select: (data) => data.items.filter((c) => !c.mergedIntoId),
    enabled: Boolean(companyId),
    staleTime: 30_000,
  });
}

export function useDealChoices(companyId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['tasks-lookup', 'deals', companyId ?? ''],
    queryFn: ({ signal }) =>
      api.get<ListResponse<Deal>>(
        '/deals',
        { companyId: companyId ?? '', limit: 100, sort: '-createdAt' },
        signal,
      ),
    select: (data) => data.items,
    enabled: enabled && Boolean(companyId),
    staleTime: 30_000,
  });
}
