import { useQuery } from '@tanstack/react-query';
import type { InvoiceSummary } from '../../../../../contracts/billing';
import type { ListResponse } from '../../../../../contracts/common';
import type { Task } from '../../../../../contracts/work';
import { api } from '../../../lib/api';

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
  });
}
