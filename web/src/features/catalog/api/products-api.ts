import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  CreateProductInput,
  Product,
  ProductListItem,
  ProductSupplierInput,
  UpdateProductInput,
} from '../../../../../contracts/catalog';
import type { ListResponse } from '../../../../../contracts/common';
import { api, apiRequest } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

export interface ProductFilters {
  q: string;
  kind: '' | 'stock' | 'service';
  active: 'true' | 'false' | 'all';
}

export const productKeys = {
  all: ['products'] as const,
  lists: () => ['products', 'list'] as const,
  list: (filters: ProductFilters, sort: string) => ['products', 'list', filters, sort] as const,
  detail: (id: string) => ['products', 'detail', id] as const,
  suppliers: (q: string) => ['products', 'supplier-companies', q] as const,
  lookup: (q: string) => ['products', 'lookup', q] as const,
};

const PAGE_SIZE = 50;

export function useProducts(filters: ProductFilters, sort: string) {
  return useInfiniteQuery({
    queryKey: productKeys.list(filters, sort),
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<ProductListItem>>(
        '/products',
        {
          limit: PAGE_SIZE,
          cursor: pageParam ?? undefined,
          q: filters.q.trim(),
          kind: filters.kind,
          active: filters.active,
          sort,
        },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useProduct(id: string | null) {
  return useQuery({
    queryKey: productKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Product>(`/products/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** Companies with the supplier role whose name matches (for the suppliers table). */
export function useSupplierCompanies(q: string) {
  return useQuery({
    queryKey: productKeys.suppliers(q),
    queryFn: ({ signal }) =>
      api.get<ListResponse<{ id: string; name: string; city: string | null }>>(
        '/companies',
        { role: 'supplier', q: q.trim(), limit: 20, sort: 'name' },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return (product: Product) => {
    queryClient.setQueryData(productKeys.detail(product.id), product);
    // lists and the line pickers' lookups: a changed price must not be picked from the cache
    void queryClient.invalidateQueries({ queryKey: productKeys.all, exact: false });
    void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
  };
}

export function useCreateProduct() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateProductInput) => api.post<Product>('/products', input),
    onSuccess: done,
  });
}

/**
 * Saves the product's fields, then its supplier list when it changed (the version carries over).
 * The editor checks the supplier rows first, so the list rarely fails after the fields were saved;
 * when it does, the retry meets a 409 and the page offers to reload.
 */
export function useSaveProduct(id: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: async (input: {
      update: Omit<UpdateProductInput, 'version'> | null;
      suppliers: ProductSupplierInput[] | null;
      version: number;
    }) => {
      let version = input.version;
      let product: Product | null = null;
      if (input.update) {
        product = await api.patch<Product>(`/products/${id}`, { ...input.update, version });
        version = product.version;
      }
      if (input.suppliers) {
        product = await apiRequest<Product>(`/products/${id}/suppliers`, {
          method: 'PUT',
          body: { version, suppliers: input.suppliers },
        });
      }
      return product ?? api.get<Product>(`/products/${id}`);
    },
    onSuccess: done,
  });
}

export function useDeactivateProduct(id: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: () => api.delete<Product>(`/products/${id}`),
    onSuccess: done,
  });
}

export function useReactivateProduct(id: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (version: number) => api.patch<Product>(`/products/${id}`, { version, active: true }),
    onSuccess: done,
  });
}
