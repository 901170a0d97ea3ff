import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { Product } from '../../../../../contracts/catalog';
import type { ListResponse } from '../../../../../contracts/common';
import type {
  CreateDelivery,
  CreateStockAdjustment,
  CreateStockCount,
  CreateWarehouse,
  DealStock,
  Delivery,
  InventorySettings,
  PutReorderSetting,
  ReorderSetting,
  StockChangeResult,
  StockLevel,
  StockMove,
  StockMoveKind,
  UpdateInventorySettings,
  UpdateWarehouse,
  Warehouse,
} from '../../../../../contracts/inventory';
import { api, apiRequest } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

/** The stock list's filters as they stand in the URL ('' = not set). */
export interface StockFilters {
  q: string;
  warehouseId: string;
  /** 'true' = only products below their reorder point. */
  low: string;
  sort: string;
}

export const inventoryKeys = {
  all: ['inventory'] as const,
  warehouses: () => ['inventory', 'warehouses'] as const,
  settings: () => ['inventory', 'settings'] as const,
  stock: () => ['inventory', 'stock'] as const,
  stockList: (filters: StockFilters) => ['inventory', 'stock', 'list', filters] as const,
  stockLookup: (q: string, warehouseId: string) => ['inventory', 'stock', 'lookup', q, warehouseId] as const,
  productLevel: (productId: string, warehouseId: string) =>
    ['inventory', 'stock', 'product', productId, warehouseId] as const,
  moves: (productId: string, warehouseId: string, kind: string) =>
    ['inventory', 'moves', productId, warehouseId, kind] as const,
  reorder: (productId: string) => ['inventory', 'reorder', productId] as const,
  dealStock: (dealId: string, dealVersion: number) => ['inventory', 'deal', dealId, dealVersion] as const,
  invoiceDeliveries: (invoiceId: string, dealId: string | null) =>
    ['inventory', 'deliveries', 'invoice', invoiceId, dealId] as const,
};

const PAGE_SIZE = 50;

// ─── warehouses and settings ─────────────────────────────────────────────────────────────────────

export function useWarehouses() {
  return useQuery({
    queryKey: inventoryKeys.warehouses(),
    queryFn: ({ signal }) => api.get<{ items: Warehouse[] }>('/warehouses', undefined, signal),
    staleTime: 60_000,
    select: (data) => data.items,
  });
}

export function useSaveWarehouse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; body: CreateWarehouse | UpdateWarehouse }) =>
      input.id
        ? api.patch<Warehouse>(`/warehouses/${input.id}`, input.body)
        : api.post<Warehouse>('/warehouses', input.body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: inventoryKeys.warehouses() });
      void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
    },
  });
}

export function useInventorySettings() {
  return useQuery({
    queryKey: inventoryKeys.settings(),
    queryFn: ({ signal }) => api.get<InventorySettings>('/inventory/settings', undefined, signal),
  });
}

export function useUpdateInventorySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateInventorySettings) => api.patch<InventorySettings>('/inventory/settings', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(inventoryKeys.settings(), saved);
      void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
    },
  });
}

// ─── stock levels and moves ──────────────────────────────────────────────────────────────────────

function stockQuery(filters: StockFilters) {
  return {
    q: filters.q.trim(),
    warehouseId: filters.warehouseId,
    belowReorderPoint: filters.low === 'true' ? 'true' : undefined,
    sort: filters.sort,
  };
}

export function fetchStockPage(filters: StockFilters, cursor: string | null, limit = PAGE_SIZE) {
  return api.get<ListResponse<StockLevel>>('/stock', {
    ...stockQuery(filters),
    limit,
    cursor: cursor ?? undefined,
  });
}

export function useStockLevels(filters: StockFilters) {
  return useInfiniteQuery({
    queryKey: inventoryKeys.stockList(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<StockLevel>>(
        '/stock',
        { ...stockQuery(filters), limit: PAGE_SIZE, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Stock-tracked products matching a search, with their levels (for the product choice in the modals). */
export function useStockLookup(q: string, warehouseId: string, enabled = true) {
  const term = q.trim();
  return useQuery({
    queryKey: inventoryKeys.stockLookup(term, warehouseId),
    queryFn: ({ signal }) =>
      api.get<ListResponse<StockLevel>>('/stock', { q: term, warehouseId, limit: 20, sort: 'sku' }, signal),
    enabled,
    placeholderData: keepPreviousData,
    select: (data) => data.items,
  });
}

/** One product's levels in one warehouse ('' = the default warehouse); null when it has none. */
export function useProductStockLevel(productId: string, warehouseId: string) {
  return useQuery({
    queryKey: inventoryKeys.productLevel(productId, warehouseId),
    queryFn: ({ signal }) =>
      api.get<ListResponse<StockLevel>>('/stock', { productId, warehouseId, limit: 1 }, signal),
    select: (data) => data.items[0] ?? null,
  });
}

export function useStockMoves(productId: string, warehouseId: string, kind: StockMoveKind | '') {
  return useInfiniteQuery({
    queryKey: inventoryKeys.moves(productId, warehouseId, kind),
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<StockMove>>(
        '/stock/moves',
        { productId, warehouseId, kind, limit: PAGE_SIZE, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** After anything that moved stock: levels, moves, reservations and deliveries are reloaded. */
function useStockChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
    // the purchasing screens show projected stock too
    void queryClient.invalidateQueries({ queryKey: ['purchasing'] });
    void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
  };
}

export function useCreateAdjustment() {
  const done = useStockChanged();
  return useMutation({
    mutationFn: (body: CreateStockAdjustment) => api.post<StockChangeResult>('/stock/adjustments', body),
    onSuccess: done,
  });
}

export function useCreateCount() {
  const done = useStockChanged();
  return useMutation({
    mutationFn: (body: CreateStockCount) => api.post<StockChangeResult>('/stock/counts', body),
    onSuccess: done,
  });
}

// ─── reorder settings ────────────────────────────────────────────────────────────────────────────

export function useReorderSettings(productId: string) {
  return useQuery({
    queryKey: inventoryKeys.reorder(productId),
    queryFn: ({ signal }) =>
      api.get<{ items: ReorderSetting[] }>(`/products/${productId}/reorder-settings`, undefined, signal),
    select: (data) => data.items,
  });
}

export function usePutReorderSetting(productId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PutReorderSetting) =>
      apiRequest<ReorderSetting>(`/products/${productId}/reorder-settings`, { method: 'PUT', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: inventoryKeys.reorder(productId) });
      void queryClient.invalidateQueries({ queryKey: inventoryKeys.stock() });
      void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
    },
  });
}

export function useDeleteReorderSetting(productId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (warehouseId: string) =>
      apiRequest<void>(`/products/${productId}/reorder-settings`, {
        method: 'DELETE',
        query: { warehouseId },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: inventoryKeys.reorder(productId) });
      void queryClient.invalidateQueries({ queryKey: inventoryKeys.stock() });
    },
  });
}

// ─── reservations and deliveries ─────────────────────────────────────────────────────────────────

/** The deal's reservations and deliveries; the deal's version is in the key (winning it reserves). */
export function useDealStock(dealId: string, dealVersion: number) {
  return useQuery({
    queryKey: inventoryKeys.dealStock(dealId, dealVersion),
    queryFn: ({ signal }) => api.get<DealStock>(`/deals/${dealId}/stock`, undefined, signal),
    placeholderData: keepPreviousData,
  });
}

/**
 * The deliveries for an invoice, and for the deal it came from (a delivery from the deal counts for
 * the invoice too); each delivery once.
 */
export function useInvoiceDeliveries(invoiceId: string, dealId: string | null) {
  return useQuery({
    queryKey: inventoryKeys.invoiceDeliveries(invoiceId, dealId),
    queryFn: async ({ signal }) => {
      const [forInvoice, forDeal] = await Promise.all([
        api.get<ListResponse<Delivery>>('/deliveries', { invoiceId, limit: 500 }, signal),
        dealId
          ? api.get<ListResponse<Delivery>>('/deliveries', { dealId, limit: 500 }, signal)
          : Promise.resolve({ items: [] as Delivery[], nextCursor: null }),
      ]);
      const seen = new Set<string>();
      return [...forInvoice.items, ...forDeal.items].filter((d) => !seen.has(d.id) && seen.add(d.id));
    },
  });
}

/** The products of an invoice's lines (to know which are stock-tracked); shares the catalog's cache. */
export function useLineProducts(productIds: readonly string[]) {
  const ids = [...new Set(productIds)];
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: ['products', 'detail', id] as const,
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<Product>(`/products/${id}`, undefined, signal),
      staleTime: 60_000,
    })),
    combine: (results) => ({
      products: results.flatMap((r) => (r.data ? [r.data] : [])),
      pending: results.some((r) => r.isPending),
    }),
  });
}

export function useCreateDelivery() {
  const done = useStockChanged();
  return useMutation({
    mutationFn: (body: CreateDelivery) => api.post<Delivery>('/deliveries', body),
    onSuccess: done,
  });
}
