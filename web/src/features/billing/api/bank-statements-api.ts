import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  BankEntry,
  BankEntryList,
  BankStatementList,
  BankStatementWithEntries,
  ImportResult,
  MatchBankEntry,
} from '../../../../../contracts/bank-statements';
import type { InvoiceSummary } from '../../../../../contracts/billing';
import type { ListResponse } from '../../../../../contracts/common';
import { api } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';
import { invoiceKeys } from './invoices-api';

export const bankKeys = {
  all: ['bank-statements'] as const,
  list: () => ['bank-statements', 'list'] as const,
  detail: (id: string) => ['bank-statements', 'detail', id] as const,
  review: () => ['bank-statements', 'review'] as const,
  openInvoices: (q: string) => ['bank-statements', 'open-invoices', q] as const,
};

const PAGE_SIZE = 50;

export function useBankStatements() {
  return useInfiniteQuery({
    queryKey: bankKeys.list(),
    queryFn: ({ pageParam, signal }) =>
      api.get<BankStatementList>(
        '/bank-statements',
        { limit: PAGE_SIZE, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useBankStatement(id: string) {
  return useQuery({
    queryKey: bankKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<BankStatementWithEntries>(`/bank-statements/${encodeURIComponent(id)}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** The review queue: credit entries that wait for a person, with the server's suggestions. */
export function useReviewEntries() {
  return useInfiniteQuery({
    queryKey: bankKeys.review(),
    queryFn: ({ pageParam, signal }) =>
      api.get<BankEntryList>(
        '/bank-entries',
        { status: 'review', limit: PAGE_SIZE, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Open invoices whose number or recipient contains `q`, for matching an entry by hand. */
export function useOpenInvoiceSearch(q: string) {
  return useQuery({
    queryKey: bankKeys.openInvoices(q),
    queryFn: ({ signal }) =>
      api.get<ListResponse<InvoiceSummary>>(
        '/invoices',
        { open: 'true', kind: 'invoice', q: q.trim(), sort: 'dueDate', limit: 20 },
        signal,
      ),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });
}

/** Statements, the review queue, invoices (paid now), dashboards and histories change together. */
function invalidateAll(queryClient: ReturnType<typeof useQueryClient>) {
  void queryClient.invalidateQueries({ queryKey: bankKeys.all });
  void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
  void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
}

/** Uploads a CAMT.053 file: its text as the raw `application/xml` body. */
export function useImportBankStatement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) =>
      api.postRaw<ImportResult>('/bank-statements', await file.text(), 'application/xml'),
    onSuccess: () => invalidateAll(queryClient),
  });
}

export function useMatchBankEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId, ...body }: MatchBankEntry & { entryId: string }) =>
      api.post<BankEntry>(`/bank-entries/${encodeURIComponent(entryId)}/match`, body),
    onSuccess: () => invalidateAll(queryClient),
  });
}

export function useIgnoreBankEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (entryId: string) =>
      api.post<BankEntry>(`/bank-entries/${encodeURIComponent(entryId)}/ignore`),
    onSuccess: () => invalidateAll(queryClient),
  });
}
