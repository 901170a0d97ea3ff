import { useQueries, useQuery } from '@tanstack/react-query';
import type { InvoiceSummary } from '../../../../../contracts/billing';
import type { ListResponse } from '../../../../../contracts/common';
import type { LastContact } from '../../../../../contracts/goals';
import type { Task } from '../../../../../contracts/work';
import { api } from '../../../lib/api';
import { chunks } from '../components/collections-values';

/** At most this many overdue invoices and open collection tasks are shown (the list API's maximum). */
export const COLLECTIONS_LIMIT = 500;

/** The overdue invoices, longest overdue first (oldest due date). */
export function useOverdueInvoices() {
  return useQuery({
    queryKey: ['invoices', 'list', 'collections'],
    queryFn: ({ signal }) =>
      api.get<ListResponse<InvoiceSummary>>(
        '/invoices',
        { overdue: 'true', sort: 'dueDate', limit: COLLECTIONS_LIMIT },
        signal,
      ),
    // the due sweep changes levels behind the page's back: load afresh whenever the page opens
    staleTime: 0,
  });
}

/** The open collection tasks (one request; the page joins them to the invoices by invoice id). */
export function useOpenCollectionTasks() {
  return useQuery({
    queryKey: ['tasks', 'list', 'collections'],
    queryFn: ({ signal }) =>
      api.get<ListResponse<Task>>(
        '/tasks',
        { type: 'collection', status: 'open', sort: 'dueDate', limit: COLLECTIONS_LIMIT },
        signal,
      ),
    staleTime: 0,
  });
}

/** The last-contact API takes at most this many companies a request. */
export const LAST_CONTACT_CHUNK = 200;

/**
 * The last completed activity (call, meeting, e-mail, …) with each of the companies, in requests of
 * 200 companies (`GET /api/activities/last-contact`); only for people who may read tasks.
 */
export function useLastContacts(companyIds: readonly string[], options: { enabled?: boolean } = {}) {
  const ids = [...new Set(companyIds)].sort();
  const enabled = options.enabled ?? true;
  return useQueries({
    queries: chunks(ids, LAST_CONTACT_CHUNK).map((part) => ({
      queryKey: ['tasks', 'last-contact', part] as const,
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<{ items: LastContact[] }>('/activities/last-contact', { companyIds: part.join(',') }, signal),
      enabled,
    })),
    combine: (results) => ({
      items: results.flatMap((r) => r.data?.items ?? []),
      isPending: enabled && results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });
}
