import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { ListResponse } from '../../../../../contracts/common';
import {
  type CreateGoodsReceipt,
  type CreatePurchaseOrder,
  type GoodsReceipt,
  PO_SORT_FIELDS,
  type PurchaseOrder,
  type PurchaseOrderListItem,
  type PurchaseOrderStatus,
  type UpdatePurchaseOrder,
} from '../../../../../contracts/purchasing';
import { api, type QueryValue } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

export const PO_SORTS = PO_SORT_FIELDS.flatMap((f) => [f, `-${f}`] as const);
export type PurchaseOrderSort = (typeof PO_SORTS)[number];

/** The list's filters as they stand in the URL (empty string = not filtered). */
export interface PurchaseOrderFilters {
  q: string;
  /** One status or `open` (approved, sent, partially received). */
  status: PurchaseOrderStatus | 'open' | '';
  supplierId: string;
  /** 'true' = only orders past their expected date and not fully received. */
  overdue: string;
  sort: PurchaseOrderSort;
}

const PAGE_SIZE = 50;

export const purchaseOrderKeys = {
  all: ['purchase-orders'] as const,
  list: (filters: PurchaseOrderFilters) => ['purchase-orders', 'list', filters] as const,
  detail: (id: string) => ['purchase-orders', 'detail', id] as const,
  receipts: (id: string) => ['purchase-orders', 'receipts', id] as const,
  ofSupplier: (supplierId: string) => ['purchase-orders', 'of-supplier', supplierId] as const,
};

/** The filters as `/api/purchase-orders` query parameters. */
export function purchaseOrderQuery(filters: PurchaseOrderFilters): Record<string, QueryValue> {
  return {
    q: filters.q.trim(),
    status: filters.status,
    supplierId: filters.supplierId,
    overdue: filters.overdue === 'true' ? 'true' : undefined,
    sort: filters.sort,
  };
}

export function fetchPurchaseOrdersPage(
  filters: PurchaseOrderFilters,
  cursor: string | null,
  limit = PAGE_SIZE,
  signal?: AbortSignal,
) {
  return api.get<ListResponse<PurchaseOrderListItem>>(
    '/purchase-orders',
    { ...purchaseOrderQuery(filters), limit, cursor: cursor ?? undefined },
    signal,
  );
}

export function usePurchaseOrders(filters: PurchaseOrderFilters) {
  return useInfiniteQuery({
    queryKey: purchaseOrderKeys.list(filters),
    queryFn: ({ pageParam, signal }) => fetchPurchaseOrdersPage(filters, pageParam, PAGE_SIZE, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function usePurchaseOrder(id: string | null) {
  return useQuery<PurchaseOrder>({
    queryKey: purchaseOrderKeys.detail(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<PurchaseOrder>(`/purchase-orders/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useGoodsReceipts(id: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: purchaseOrderKeys.receipts(id),
    queryFn: ({ signal }) =>
      api.get<{ items: GoodsReceipt[] }>(
        `/purchase-orders/${encodeURIComponent(id)}/receipts`,
        undefined,
        signal,
      ),
    select: (data) => data.items,
    enabled: Boolean(id) && (options.enabled ?? true),
  });
}

/** The latest orders to a supplier, for its company page. */
export function useSupplierPurchaseOrders(supplierId: string, limit = 10) {
  return useQuery({
    queryKey: purchaseOrderKeys.ofSupplier(supplierId),
    queryFn: ({ signal }) =>
      api.get<ListResponse<PurchaseOrderListItem>>(
        '/purchase-orders',
        { supplierId, sort: '-createdAt', limit },
        signal,
      ),
    enabled: Boolean(supplierId),
  });
}

/** After any change: the record, lists, replenishment suggestions (drafts), stock (receipts), history. */
function invalidateAfterChange(queryClient: QueryClient, saved?: PurchaseOrder) {
  if (saved) queryClient.setQueryData(purchaseOrderKeys.detail(saved.id), saved);
  void queryClient.invalidateQueries({ queryKey: purchaseOrderKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['replenishment'] });
  void queryClient.invalidateQueries({ queryKey: ['stock'] });
  void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
}

const path = (id: string, verb = '') => `/purchase-orders/${encodeURIComponent(id)}${verb ? `/${verb}` : ''}`;

export function useCreatePurchaseOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePurchaseOrder) => api.post<PurchaseOrder>('/purchase-orders', body),
    onSuccess: (po) => invalidateAfterChange(queryClient, po),
  });
}

export function useUpdatePurchaseOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdatePurchaseOrder & { id: string }) =>
      api.patch<PurchaseOrder>(path(id), body),
    onSuccess: (po) => invalidateAfterChange(queryClient, po),
  });
}

export function useApprovePurchaseOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post<PurchaseOrder>(path(id, 'approve'), { version }),
    onSuccess: (po) => invalidateAfterChange(queryClient, po),
  });
}

export function useSendPurchaseOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      version,
      to,
      message,
    }: {
      id: string;
      version: number;
      to: string;
      message: string;
    }) =>
      api.post<PurchaseOrder>(path(id, 'send'), {
        version,
        ...(to.trim() ? { to: to.trim() } : {}),
        ...(message.trim() ? { message: message.trim() } : {}),
      }),
    onSuccess: (po) => invalidateAfterChange(queryClient, po),
  });
}

export function useCancelPurchaseOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, reason }: { id: string; version: number; reason: string }) =>
      api.post<PurchaseOrder>(path(id, 'cancel'), { version, reason }),
    onSuccess: (po) => invalidateAfterChange(queryClient, po),
  });
}

/** Books a goods receipt; the order is reloaded afterwards (received/open quantities, status). */
export function useReceiveGoods() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: CreateGoodsReceipt & { id: string }) =>
      api.post<GoodsReceipt>(path(id, 'receipts'), body),
    onSuccess: () => invalidateAfterChange(queryClient),
  });
}

/** Where the order's PDF is downloaded (GET with the session cookie). */
export const purchaseOrderPdfUrl = (id: string) => `/api${path(id, 'pdf')}`;
