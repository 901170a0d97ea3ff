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
  CsvMappingDraft,
  CsvPreview,
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
  csvPreview: (fileKey: string, mapping: string) =>
    ['bank-statements', 'csv-preview', fileKey, mapping] as const,
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

/** The file's bytes as they are: MT940 and CSV exports are often latin1, so the server decodes them. */
async function bytesOf(file: File): Promise<Blob> {
  return new Blob([await file.arrayBuffer()], { type: 'application/octet-stream' });
}

export interface ImportStatementInput {
  file: File;
  /** CSV: the column mapping confirmed by the user, and whether to remember it for this layout. */
  mapping?: CsvMappingDraft;
  remember?: boolean;
}

/**
 * Uploads a statement file (CAMT.053, MT940 or CSV; the server reads the format from the content)
 * as the raw body. A CSV without a known mapping is answered with 422
 * `bank_statements.csv_mapping_required`: then the mapping step asks for one.
 */
export function useImportBankStatement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, mapping, remember }: ImportStatementInput) =>
      api.postRaw<ImportResult>(
        '/bank-statements',
        await bytesOf(file),
        'application/octet-stream',
        mapping ? { mapping: JSON.stringify(mapping), remember: remember ? 'true' : 'false' } : undefined,
      ),
    onSuccess: () => invalidateAll(queryClient),
  });
}

/**
 * How the server reads a CSV export with `mapping` (or, without one, with the remembered or proposed
 * mapping): columns, the first rows, every row it cannot read. `fileKey` tells files apart.
 */
export function useCsvPreview(file: File | null, fileKey: string, mapping: CsvMappingDraft | null) {
  const json = mapping ? JSON.stringify(mapping) : '';
  return useQuery({
    queryKey: bankKeys.csvPreview(fileKey, json),
    queryFn: async () =>
      api.postRaw<CsvPreview>(
        '/bank-statements/csv-preview',
        await bytesOf(file!),
        'application/octet-stream',
        json ? { mapping: json } : undefined,
      ),
    enabled: Boolean(file),
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
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
