import {
  type InfiniteData,
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type { ListResponse } from '../../../../../contracts/common';
import {
  type Contact,
  ContactListQuery,
  type CreateContact,
  type UpdateContact,
} from '../../../../../contracts/companies';
import { api } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';
import { companyKeys } from './companies-api';

export const CONTACT_SORTS = ContactListQuery.shape.sort.unwrap().options;
export const CONTACT_FILTER_KEYS = ['q', 'companyId', 'ownerId'] as const;
export type ContactFilterKey = (typeof CONTACT_FILTER_KEYS)[number];
export type ContactFilters = Record<ContactFilterKey, string>;

export const contactKeys = {
  all: ['contacts'] as const,
  lists: () => ['contacts', 'list'] as const,
  list: (filters: ContactFilters, sort: string) => ['contacts', 'list', filters, sort] as const,
  detail: (id: string) => ['contacts', 'detail', id] as const,
  search: (q: string, companyId: string) => ['contacts', 'search', q, companyId] as const,
  byEmail: (email: string) => ['contacts', 'by-email', email] as const,
};

const PAGE_SIZE = 50;

export function fetchContactsPage(
  filters: ContactFilters,
  sort: string,
  cursor: string | null,
  limit = PAGE_SIZE,
  signal?: AbortSignal,
) {
  return api.get<ListResponse<Contact>>(
    '/contacts',
    {
      limit,
      cursor: cursor ?? undefined,
      q: filters.q.trim(),
      companyId: filters.companyId,
      ownerId: filters.ownerId,
      sort,
    },
    signal,
  );
}

export function useContacts(filters: ContactFilters, sort: string, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: contactKeys.list(filters, sort),
    queryFn: ({ pageParam, signal }) => fetchContactsPage(filters, sort, pageParam, PAGE_SIZE, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

function findInLists(queryClient: QueryClient, id: string): Contact | undefined {
  for (const [, data] of queryClient.getQueriesData<InfiniteData<ListResponse<Contact>>>({
    queryKey: contactKeys.lists(),
  })) {
    const hit = data?.pages.flatMap((p) => p.items).find((c) => c.id === id);
    if (hit) return hit;
  }
  return undefined;
}

export function useContact(id: string | null | undefined) {
  const queryClient = useQueryClient();
  return useQuery<Contact>({
    queryKey: contactKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Contact>(`/contacts/${encodeURIComponent(id ?? '')}`, undefined, signal),
    placeholderData: () => (id ? findInLists(queryClient, id) : undefined),
    enabled: Boolean(id),
  });
}

/** Contacts by name or e-mail for pickers (merge). */
export function useContactSearch(q: string, options: { companyId?: string; enabled?: boolean } = {}) {
  const term = q.trim();
  return useQuery({
    queryKey: contactKeys.search(term, options.companyId ?? ''),
    queryFn: ({ signal }) =>
      api.get<ListResponse<Contact>>(
        '/contacts',
        { q: term, companyId: options.companyId, limit: 20, sort: 'lastName' },
        signal,
      ),
    enabled: options.enabled ?? true,
    staleTime: 10_000,
    placeholderData: keepPreviousData,
  });
}

/**
 * Contacts that already have this e-mail address: the live duplicate check of the contact form
 * (the server answers 409 `contacts.possible_duplicate` on create as well).
 */
export function useContactsWithEmail(email: string, excludeId?: string) {
  const address = email.trim().toLowerCase();
  return useQuery({
    queryKey: contactKeys.byEmail(address),
    queryFn: async ({ signal }) => {
      const res = await api.get<ListResponse<Contact>>('/contacts', { q: address, limit: 10 }, signal);
      return res.items.filter((c) => c.emails.some((e) => e.address.toLowerCase() === address));
    },
    enabled: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address),
    staleTime: 30_000,
    select: (items) => items.filter((c) => c.id !== excludeId),
  });
}

function useContactChanged() {
  const queryClient = useQueryClient();
  return (contact: Contact) => {
    queryClient.setQueryData(contactKeys.detail(contact.id), contact);
    void queryClient.invalidateQueries({ queryKey: contactKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: ['contacts', 'search'] });
    void queryClient.invalidateQueries({ queryKey: ['contacts', 'by-email'] });
    void queryClient.invalidateQueries({ queryKey: companyKeys.timeline(contact.companyId) });
    void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
  };
}

export function useCreateContact() {
  const changed = useContactChanged();
  return useMutation({
    mutationFn: ({
      allowDuplicate,
      ...body
    }: z.output<typeof CreateContact> & { allowDuplicate?: boolean }) =>
      api.post<Contact>(`/contacts${allowDuplicate ? '?allowDuplicate=true' : ''}`, body),
    onSuccess: changed,
  });
}

export function useUpdateContact() {
  const changed = useContactChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: z.output<typeof UpdateContact> & { id: string }) =>
      api.patch<Contact>(`/contacts/${encodeURIComponent(id)}`, body),
    onSuccess: changed,
  });
}

export function useMergeContact() {
  const changed = useContactChanged();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, sourceId, version }: { id: string; sourceId: string; version: number }) =>
      api.post<Contact>(`/contacts/${encodeURIComponent(id)}/merge`, { sourceId, version }),
    onSuccess: (contact, { sourceId }) => {
      changed(contact);
      void queryClient.invalidateQueries({ queryKey: contactKeys.detail(sourceId) });
      void queryClient.invalidateQueries({ queryKey: ['deals'] });
    },
  });
}
