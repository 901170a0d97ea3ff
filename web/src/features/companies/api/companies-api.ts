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
import type {
  Company,
  CompanyNote,
  CreateCompany,
  DuplicateCandidate,
  DuplicateProblem,
  TimelineEntry,
  UpdateCompany,
} from '../../../../../contracts/companies';
import { CompanySortField } from '../../../../../contracts/companies';
import { api, isApiError } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

export const COMPANY_SORTS = CompanySortField.options;
export const COMPANY_FILTER_KEYS = ['q', 'role', 'segmentId', 'ownerId', 'tag', 'country'] as const;
export type CompanyFilterKey = (typeof COMPANY_FILTER_KEYS)[number];
export type CompanyFilters = Record<CompanyFilterKey, string>;

export const companyKeys = {
  all: ['companies'] as const,
  lists: () => ['companies', 'list'] as const,
  list: (filters: CompanyFilters, sort: string) => ['companies', 'list', filters, sort] as const,
  detail: (id: string) => ['companies', 'detail', id] as const,
  timeline: (id: string) => ['companies', 'timeline', id] as const,
  search: (q: string) => ['companies', 'search', q] as const,
  duplicates: (check: DuplicateCheck) => ['companies', 'duplicates', check] as const,
};

const PAGE_SIZE = 50;

/** One page of the companies list with the list view's filters (also used by the CSV export). */
export function fetchCompaniesPage(
  filters: CompanyFilters,
  sort: string,
  cursor: string | null,
  limit = PAGE_SIZE,
  signal?: AbortSignal,
) {
  return api.get<ListResponse<Company>>(
    '/companies',
    {
      limit,
      cursor: cursor ?? undefined,
      q: filters.q.trim(),
      role: filters.role,
      segmentId: filters.segmentId,
      ownerId: filters.ownerId,
      tag: filters.tag.trim(),
      country: filters.country,
      sort,
    },
    signal,
  );
}

export function useCompanies(filters: CompanyFilters, sort: string) {
  return useInfiniteQuery({
    queryKey: companyKeys.list(filters, sort),
    queryFn: ({ pageParam, signal }) => fetchCompaniesPage(filters, sort, pageParam, PAGE_SIZE, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

function findInLists(queryClient: QueryClient, id: string): Company | undefined {
  for (const [, data] of queryClient.getQueriesData<InfiniteData<ListResponse<Company>>>({
    queryKey: companyKeys.lists(),
  })) {
    const hit = data?.pages.flatMap((p) => p.items).find((c) => c.id === id);
    if (hit) return hit;
  }
  return undefined;
}

export function useCompany(id: string | null | undefined) {
  const queryClient = useQueryClient();
  return useQuery<Company>({
    queryKey: companyKeys.detail(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<Company>(`/companies/${encodeURIComponent(id ?? '')}`, undefined, signal),
    placeholderData: () => (id ? findInLists(queryClient, id) : undefined),
    enabled: Boolean(id),
  });
}

/** Quick lookup for pickers (contact form, merge, filters). */
export function useCompanySearch(q: string, options: { enabled?: boolean; limit?: number } = {}) {
  const term = q.trim();
  const limit = options.limit ?? 20;
  return useQuery({
    queryKey: [...companyKeys.search(term), limit],
    queryFn: ({ signal }) =>
      api.get<ListResponse<Company>>('/companies', { q: term, limit, sort: 'name' }, signal),
    enabled: options.enabled ?? true,
    staleTime: 10_000,
    placeholderData: keepPreviousData,
  });
}

export interface DuplicateCheck {
  name?: string;
  website?: string;
  vatId?: string;
  email?: string;
  excludeId?: string;
}

/** Companies that look like the one being entered (live check while typing). */
export function useCompanyDuplicates(check: DuplicateCheck, enabled: boolean) {
  return useQuery({
    queryKey: companyKeys.duplicates(check),
    queryFn: ({ signal }) =>
      api.get<{ duplicates: DuplicateCandidate[] }>('/companies/duplicates', { ...check }, signal),
    enabled: enabled && Boolean(check.name || check.website || check.vatId || check.email),
    staleTime: 30_000,
  });
}

/** The candidates of a 409 `*.possible_duplicate`, or null for any other error. */
export function duplicatesOf(err: unknown): DuplicateCandidate[] | null {
  if (!isApiError(err, 409)) return null;
  const code = err.problem.code ?? '';
  if (!code.endsWith('possible_duplicate')) return null;
  return (err.problem as DuplicateProblem).duplicates ?? [];
}

function useCompanyChanged() {
  const queryClient = useQueryClient();
  return (company: Company) => {
    queryClient.setQueryData(companyKeys.detail(company.id), company);
    void queryClient.invalidateQueries({ queryKey: companyKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: companyKeys.timeline(company.id) });
    void queryClient.invalidateQueries({ queryKey: ['companies', 'search'] });
    void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    void queryClient.invalidateQueries({ queryKey: ['reports'] });
  };
}

export function useCreateCompany() {
  const changed = useCompanyChanged();
  return useMutation({
    mutationFn: ({
      allowDuplicate,
      ...body
    }: z.output<typeof CreateCompany> & { allowDuplicate?: boolean }) =>
      api.post<Company>(`/companies${allowDuplicate ? '?allowDuplicate=true' : ''}`, body),
    onSuccess: changed,
  });
}

export function useUpdateCompany() {
  const changed = useCompanyChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: z.output<typeof UpdateCompany> & { id: string }) =>
      api.patch<Company>(`/companies/${encodeURIComponent(id)}`, body),
    onSuccess: changed,
  });
}

/** Merges `sourceId` into the company `id` (the one that stays). */
export function useMergeCompany() {
  const changed = useCompanyChanged();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, sourceId, version }: { id: string; sourceId: string; version: number }) =>
      api.post<Company>(`/companies/${encodeURIComponent(id)}/merge`, { sourceId, version }),
    onSuccess: (company, { sourceId }) => {
      changed(company);
      void queryClient.invalidateQueries({ queryKey: companyKeys.detail(sourceId) });
      // its contacts moved here
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
      void queryClient.invalidateQueries({ queryKey: ['deals'] });
    },
  });
}

export function useCompanyTimeline(id: string, options: { kinds?: string } = {}) {
  return useInfiniteQuery({
    queryKey: [...companyKeys.timeline(id), options.kinds ?? ''],
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<TimelineEntry>>(
        `/companies/${encodeURIComponent(id)}/timeline`,
        { limit: 25, cursor: pageParam ?? undefined, kinds: options.kinds },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useAddCompanyNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ companyId, body }: { companyId: string; body: string }) =>
      api.post<CompanyNote>(`/companies/${encodeURIComponent(companyId)}/notes`, { body }),
    onSuccess: (note) => {
      void queryClient.invalidateQueries({ queryKey: companyKeys.timeline(note.companyId) });
      void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
    },
  });
}
