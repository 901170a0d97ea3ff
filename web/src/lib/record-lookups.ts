import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ProductLookupItem } from '../../../contracts/catalog';
import type { ListResponse } from '../../../contracts/common';
import type { Company, Contact } from '../../../contracts/companies';
import type { Team, User } from '../../../contracts/identity';
import type { Deal } from '../../../contracts/sales';
import { api } from './api';

/**
 * The records that screens pick from other domains (people, teams, companies, contacts, deals), read
 * through those domains' public API and cached briefly. The keys sit under each domain's own key
 * (`users`, `teams`, …), so an edit there refreshes the pickers too.
 */
export const lookupKeys = {
  users: () => ['users', 'lookup'] as const,
  teams: () => ['teams', 'lookup'] as const,
  companies: (q: string) => ['companies', 'lookup', 'search', q] as const,
  company: (id: string) => ['companies', 'lookup', 'one', id] as const,
  contacts: (companyId: string) => ['contacts', 'lookup', 'of-company', companyId] as const,
  contact: (id: string) => ['contacts', 'lookup', 'one', id] as const,
  deals: (companyId: string) => ['deals', 'lookup', 'of-company', companyId] as const,
  products: (q: string) => ['products', 'lookup', q] as const,
};

/** A small company reaches a few hundred people, teams and contacts per company at most: loaded whole. */
const LOOKUP_LIMIT = 500;

interface LookupOptions<T, R> {
  enabled?: boolean;
  /** Narrows or reshapes the loaded records for this caller (the cache keeps them whole). */
  select?: (items: T[]) => R;
}

/** All users, active or not (pickers show inactive ones only where asked). */
export function useUserLookup<R = User[]>(options: LookupOptions<User, R> = {}) {
  return useQuery({
    queryKey: lookupKeys.users(),
    queryFn: ({ signal }) =>
      api.get<ListResponse<User>>('/users', { limit: LOOKUP_LIMIT, sort: 'name' }, signal),
    select: (data) => (options.select ? options.select(data.items) : (data.items as R)),
    enabled: options.enabled ?? true,
    staleTime: 5 * 60_000,
  });
}

/** All teams with their members. */
export function useTeamLookup<R = Team[]>(options: LookupOptions<Team, R> = {}) {
  return useQuery({
    queryKey: lookupKeys.teams(),
    queryFn: ({ signal }) =>
      api.get<ListResponse<Team>>('/teams', { limit: LOOKUP_LIMIT, sort: 'name' }, signal),
    select: (data) => (options.select ? options.select(data.items) : (data.items as R)),
    enabled: options.enabled ?? true,
    staleTime: 5 * 60_000,
  });
}

/** Companies whose name matches `q` (server search, first 20 by name); merged ones left out. */
export function useCompanySearchLookup(q: string, options: { enabled?: boolean } = {}) {
  const term = q.trim();
  return useQuery({
    queryKey: lookupKeys.companies(term),
    queryFn: ({ signal }) =>
      api.get<ListResponse<Company>>('/companies', { q: term, limit: 20, sort: 'name' }, signal),
    select: (data) => data.items.filter((c) => !c.mergedIntoId),
    enabled: options.enabled ?? true,
    staleTime: 30_000,
    placeholderData: (prev) => prev,
  });
}

/** One company (its name for a picker; its address and terms to prefill a form). */
export function useCompanyLookup(id: string | null) {
  return useQuery({
    queryKey: lookupKeys.company(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<Company>(`/companies/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}

/** A company's contacts (merged ones left out); none before a company is chosen. */
export function useContactLookup(companyId: string | null) {
  return useQuery({
    queryKey: lookupKeys.contacts(companyId ?? ''),
    queryFn: ({ signal }) =>
      api.get<ListResponse<Contact>>(
        '/contacts',
        { companyId: companyId ?? '', limit: LOOKUP_LIMIT, sort: 'lastName' },
        signal,
      ),
    select: (data) => data.items.filter((c) => !c.mergedIntoId),
    enabled: Boolean(companyId),
    staleTime: 30_000,
  });
}

/** One contact (its name where only the id is at hand). */
export function useContactRecordLookup(id: string | null) {
  return useQuery({
    queryKey: lookupKeys.contact(id ?? ''),
    queryFn: ({ signal }) => api.get<Contact>(`/contacts/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

/** A company's deals, newest first; none before a company is chosen. */
export function useDealLookup(companyId: string | null, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: lookupKeys.deals(companyId ?? ''),
    queryFn: ({ signal }) =>
      api.get<ListResponse<Deal>>(
        '/deals',
        { companyId: companyId ?? '', limit: 100, sort: '-createdAt' },
        signal,
      ),
    select: (data) => data.items,
    enabled: (options.enabled ?? true) && Boolean(companyId),
    staleTime: 30_000,
  });
}

/**
 * Active products for a line's product picker (`GET /api/products/lookup`): a SKU typed exactly comes
 * first; an empty term lists the first products by name. Only fetched while `enabled` (the picker is open).
 */
export function useProductLookup(q: string, enabled: boolean) {
  const term = q.trim();
  return useQuery({
    queryKey: lookupKeys.products(term),
    queryFn: ({ signal }) =>
      api.get<{ items: ProductLookupItem[] }>('/products/lookup', { q: term, limit: 10 }, signal),
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}
