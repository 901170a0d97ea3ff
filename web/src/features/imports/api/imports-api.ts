import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { ListResponse, Problem } from '../../../../../contracts/common';
import type {
  Import,
  ImportEntityType,
  ImportRowIssue,
  ImportUpload,
  StartImport,
} from '../../../../../contracts/imports';
import type { Pipeline } from '../../../../../contracts/sales';
import { ApiError, api, toQueryString } from '../../../lib/api';
import { useSession } from '../../../lib/auth';
import { AUDIT_KEY } from '../../../lib/query-client';

export const importKeys = {
  all: ['imports'] as const,
  list: () => ['imports', 'list'] as const,
  one: (id: string) => ['imports', 'one', id] as const,
  rows: (id: string, outcome: string) => ['imports', 'rows', id, outcome] as const,
};

/** Whether the server is still working on the import. */
export const isRunning = (status: Import['status'] | undefined) =>
  status === 'validating' || status === 'importing';

async function problemOf(res: Response): Promise<Problem> {
  const fallback: Problem = { type: 'about:blank', title: res.statusText || 'Error', status: res.status };
  try {
    return { ...fallback, ...((await res.json()) as Partial<Problem>) };
  } catch {
    return fallback;
  }
}

/**
 * Uploads the file itself as the request body (`text/csv`), streamed by the browser: no form
 * encoding and no reading of the file in JavaScript, so 200 MB files work.
 */
export function useUploadImport() {
  const { csrfToken } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, entityType }: { file: File; entityType: ImportEntityType }) => {
      let res: Response;
      try {
        res = await fetch(`/api/imports${toQueryString({ entityType, filename: file.name })}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: {
            Accept: 'application/json, application/problem+json',
            'Content-Type': 'text/csv',
            ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
          },
          body: file,
        });
      } catch {
        throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network' });
      }
      if (!res.ok) throw new ApiError(await problemOf(res));
      return (await res.json()) as ImportUpload;
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: importKeys.list() }),
  });
}

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: StartImport & { id: string }) =>
      api.post<Import>(`/imports/${encodeURIComponent(id)}/start`, body),
    onSuccess: (imp) => {
      queryClient.setQueryData(importKeys.one(imp.id), imp);
      void queryClient.invalidateQueries({ queryKey: importKeys.list() });
    },
  });
}

/** One import, polled every second while it runs (the progress bar); lists refresh when it ends. */
export function useImport(id: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: importKeys.one(id ?? ''),
    enabled: !!id,
    queryFn: async ({ signal }) => {
      const before = queryClient.getQueryData<Import>(importKeys.one(id!));
      const imp = await api.get<Import>(`/imports/${encodeURIComponent(id!)}`, undefined, signal);
      if (isRunning(before?.status) && !isRunning(imp.status)) {
        void queryClient.invalidateQueries({ queryKey: importKeys.list() });
        void queryClient.invalidateQueries({ queryKey: ['imports', 'rows', imp.id] });
        if (imp.status === 'done') {
          for (const key of [
            ['companies'],
            ['contacts'],
            ['deals'],
            ['board'],
            ['reports'],
            ['dashboard'],
            AUDIT_KEY,
          ]) {
            void queryClient.invalidateQueries({ queryKey: key });
          }
        }
      }
      return imp;
    },
    refetchInterval: (query) => (isRunning(query.state.data?.status) ? 1000 : false),
  });
}

export function useRecentImports() {
  return useQuery({
    queryKey: importKeys.list(),
    queryFn: ({ signal }) => api.get<ListResponse<Import>>('/imports', { limit: 10 }, signal),
  });
}

/** Rejected or skipped rows of a finished import, 50 at a time. */
export function useImportRows(id: string | null, outcome: 'rejected' | 'skipped', enabled: boolean) {
  return useInfiniteQuery({
    queryKey: importKeys.rows(id ?? '', outcome),
    enabled: !!id && enabled,
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<ImportRowIssue>>(
        `/imports/${encodeURIComponent(id!)}/rejected`,
        { outcome, limit: 50, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Pipelines with their stages (deals land in an open stage). */
export function usePipelinesForImport(enabled: boolean) {
  return useQuery({
    queryKey: ['imports', 'pipelines'],
    enabled,
    queryFn: ({ signal }) => api.get<{ items: Pipeline[] }>('/pipelines', undefined, signal),
    staleTime: 60_000,
  });
}

export const rejectedCsvUrl = (id: string) => `/api/imports/${encodeURIComponent(id)}/rejected.csv`;
