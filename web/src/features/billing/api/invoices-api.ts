import {
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  type CreateInvoice,
  INVOICE_SORT_FIELDS,
  type Invoice,
  type InvoiceStatus,
  type InvoiceSummary,
  type Payment,
  type RecordPayment,
  type UpdateInvoice,
} from '../../../../../contracts/billing';
import type { ListResponse } from '../../../../../contracts/common';
import { ApiError, api, type QueryValue } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

export const INVOICE_SORTS = INVOICE_SORT_FIELDS.flatMap((f) => [f, `-${f}`] as const);
export type InvoiceSort = (typeof INVOICE_SORTS)[number];

/** The invoice list's filters, as they stand in the URL (empty string = not filtered). */
export interface InvoiceFilters {
  q: string;
  status: InvoiceStatus | '';
  kind: 'invoice' | 'credit_note' | '';
  /** 'true' = only overdue invoices. */
  overdue: string;
  /** 'true' = only invoices with an open amount. */
  open: string;
  companyId: string;
  dueFrom: string;
  dueTo: string;
  /** Dunning level 0–4 as text ('' = any; '0' = not dunned yet). */
  dunningLevel?: string;
  sort: InvoiceSort;
}

const PAGE_SIZE = 50;

export const invoiceKeys = {
  all: ['invoices'] as const,
  lists: () => ['invoices', 'list'] as const,
  list: (filters: InvoiceFilters) => ['invoices', 'list', filters] as const,
  detail: (id: string) => ['invoices', 'detail', id] as const,
  payments: (id: string) => ['invoices', 'payments', id] as const,
  ofDeal: (dealId: string) => ['invoices', 'of-deal', dealId] as const,
  ofCompany: (companyId: string) => ['invoices', 'of-company', companyId] as const,
};

/** The filters as `/api/invoices` query parameters. */
export function invoiceQuery(filters: InvoiceFilters): Record<string, QueryValue> {
  return {
    q: filters.q.trim(),
    status: filters.status,
    kind: filters.kind,
    overdue: filters.overdue === 'true' ? 'true' : undefined,
    open: filters.open === 'true' ? 'true' : undefined,
    companyId: filters.companyId,
    dueFrom: filters.dueFrom,
    dueTo: filters.dueTo,
    dunningLevel: /^[0-4]$/.test(filters.dunningLevel ?? '') ? filters.dunningLevel : undefined,
    sort: filters.sort,
  };
}

export function fetchInvoicesPage(filters: InvoiceFilters, cursor: string | null, limit = PAGE_SIZE) {
  return api.get<ListResponse<InvoiceSummary>>('/invoices', {
    ...invoiceQuery(filters),
    limit,
    cursor: cursor ?? undefined,
  });
}

export function useInvoices(filters: InvoiceFilters) {
  return useInfiniteQuery({
    queryKey: invoiceKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<InvoiceSummary>>(
        '/invoices',
        { ...invoiceQuery(filters), limit: PAGE_SIZE, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
  });
}

export function useInvoice(id: string) {
  return useQuery<Invoice>({
    queryKey: invoiceKeys.detail(id),
    queryFn: ({ signal }) => api.get<Invoice>(`/invoices/${encodeURIComponent(id)}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** The invoices of a deal (newest first): the deal page links to its invoice. */
export function useDealInvoices(dealId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: invoiceKeys.ofDeal(dealId),
    queryFn: ({ signal }) =>
      api.get<ListResponse<InvoiceSummary>>('/invoices', { dealId, sort: '-createdAt', limit: 20 }, signal),
    select: (data) => data.items,
    enabled: Boolean(dealId) && (options.enabled ?? true),
  });
}

/** The latest invoices of a company, for its page. */
export function useCompanyInvoices(companyId: string, limit = 20) {
  return useQuery({
    queryKey: invoiceKeys.ofCompany(companyId),
    queryFn: ({ signal }) =>
      api.get<ListResponse<InvoiceSummary>>('/invoices', { companyId, sort: '-createdAt', limit }, signal),
    enabled: Boolean(companyId),
  });
}

export function usePayments(invoiceId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: invoiceKeys.payments(invoiceId),
    queryFn: ({ signal }) =>
      api.get<{ items: Payment[] }>(`/invoices/${encodeURIComponent(invoiceId)}/payments`, undefined, signal),
    select: (data) => data.items,
    enabled: Boolean(invoiceId) && (options.enabled ?? true),
  });
}

/** After any change to an invoice: lists, the record, its payments, companies' and deals' panels, histories. */
function invalidateAfterChange(queryClient: QueryClient, saved?: Invoice) {
  if (saved) queryClient.setQueryData(invoiceKeys.detail(saved.id), saved);
  void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
  void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
}

const path = (id: string, verb = '') => `/invoices/${encodeURIComponent(id)}${verb ? `/${verb}` : ''}`;

export function useCreateInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInvoice) => api.post<Invoice>('/invoices', body),
    onSuccess: (invoice) => invalidateAfterChange(queryClient, invoice),
  });
}

export function useUpdateInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateInvoice & { id: string }) => api.patch<Invoice>(path(id), body),
    onSuccess: (invoice) => invalidateAfterChange(queryClient, invoice),
  });
}

/** Deletes a draft (issued invoices are never deleted). */
export function useDeleteInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<void>(`${path(id)}?version=${version}`),
    onSuccess: (_r, { id }) => {
      queryClient.removeQueries({ queryKey: invoiceKeys.detail(id) });
      invalidateAfterChange(queryClient);
    },
  });
}

export function useIssueInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, issueDate }: { id: string; version: number; issueDate?: string }) =>
      api.post<Invoice>(path(id, 'issue'), { version, ...(issueDate ? { issueDate } : {}) }),
    onSuccess: (invoice) => invalidateAfterChange(queryClient, invoice),
  });
}

export function useCancelInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, reason }: { id: string; version: number; reason: string }) =>
      api.post<{ invoice: Invoice; creditNote: Invoice }>(path(id, 'cancel'), { version, reason }),
    onSuccess: (result) => {
      queryClient.setQueryData(invoiceKeys.detail(result.creditNote.id), result.creditNote);
      invalidateAfterChange(queryClient, result.invoice);
    },
  });
}

/** The draft invoice of a won deal (`POST /api/deals/:id/invoice`); the existing one if there is one. */
export function useInvoiceFromDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dealId: string) => api.post<Invoice>(`/deals/${encodeURIComponent(dealId)}/invoice`, {}),
    onSuccess: (invoice) => invalidateAfterChange(queryClient, invoice),
  });
}

export function useRecordPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ invoiceId, ...body }: RecordPayment & { invoiceId: string }) =>
      api.post<{ payment: Payment; invoice: Invoice }>(path(invoiceId, 'payments'), body),
    onSuccess: (result) => invalidateAfterChange(queryClient, result.invoice),
  });
}

export function useSendInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, to, message }: { id: string; to?: string; message?: string }) =>
      api.post<unknown>(path(id, 'send'), {
        ...(to?.trim() ? { to: to.trim() } : {}),
        ...(message?.trim() ? { message: message.trim() } : {}),
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: AUDIT_KEY }),
  });
}

/** Where the documents of an invoice are downloaded (GET with the session cookie). */
export const documentUrls = (id: string) => ({
  pdf: `/api${path(id, 'pdf')}`,
  ubl: `/api${path(id, 'xrechnung')}?syntax=ubl`,
  cii: `/api${path(id, 'xrechnung')}?syntax=cii`,
  zugferd: `/api${path(id, 'zugferd')}`,
});

/** The file name of a `Content-Disposition: attachment; filename="RE-2026-00001.pdf"` header. */
function fileNameOf(header: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header ?? '');
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header ?? '');
  return plain?.[1] ?? fallback;
}

/**
 * Downloads a document (PDF, XRechnung, ZUGFeRD) and saves it under the server's file name. A
 * refusal (an incomplete invoice for XRechnung, a draft) is thrown as `ApiError` with the server's
 * problem, so the screen can say what is missing instead of a silently failed download.
 */
export async function downloadDocument(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) {
    const body = await res.text().catch(() => '');
    let problem: Record<string, unknown> = {};
    try {
      problem = JSON.parse(body) as Record<string, unknown>;
    } catch {
      // not a problem document
    }
    throw new ApiError({
      type: 'about:blank',
      title: res.statusText || 'Error',
      ...problem,
      status: res.status,
    } as ConstructorParameters<typeof ApiError>[0]);
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
