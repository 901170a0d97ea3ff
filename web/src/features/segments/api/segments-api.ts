import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ListResponse } from '../../../../../contracts/common';
import type {
  CreateSegment,
  Segment,
  SegmentImportProblem,
  SegmentImportReport,
  UpdateSegment,
} from '../../../../../contracts/companies';
import { api, isApiError } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';

export const segmentKeys = {
  all: ['segments'] as const,
  lists: () => ['segments', 'list'] as const,
  list: (q: string, sort: string) => ['segments', 'list', q, sort] as const,
};

export const SEGMENT_SORTS = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;

export function useSegments(q: string, sort: string) {
  return useInfiniteQuery({
    queryKey: segmentKeys.list(q, sort),
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<Segment>>(
        '/segments',
        { limit: 100, cursor: pageParam ?? undefined, q: q.trim(), sort },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

function useSegmentsChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: segmentKeys.all });
    void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
    void queryClient.invalidateQueries({ queryKey: ['reports'] });
    // segment names are shown on companies
    void queryClient.invalidateQueries({ queryKey: ['companies'] });
  };
}

export function useCreateSegment() {
  const changed = useSegmentsChanged();
  return useMutation({
    mutationFn: (body: z.output<typeof CreateSegment>) => api.post<Segment>('/segments', body),
    onSuccess: changed,
  });
}

export function useUpdateSegment() {
  const changed = useSegmentsChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: z.output<typeof UpdateSegment> & { id: string }) =>
      api.patch<Segment>(`/segments/${encodeURIComponent(id)}`, body),
    onSuccess: changed,
  });
}

export function useDeleteSegment() {
  const changed = useSegmentsChanged();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<void>(`/segments/${encodeURIComponent(id)}?version=${version}`),
    onSuccess: changed,
  });
}

export function useImportSegments() {
  const changed = useSegmentsChanged();
  return useMutation({
    mutationFn: (body: { csv: string; dryRun: boolean }) =>
      api.post<SegmentImportReport>('/segments/import', body),
    onSuccess: (report) => {
      if (report.committed) changed();
    },
  });
}

/** The report of a refused import (422 `segments.import_rejected`: nothing was written). */
export function rejectedReport(err: unknown): SegmentImportReport | null {
  if (!isApiError(err, 422) || err.problem.code !== 'segments.import_rejected') return null;
  return (err.problem as z.infer<typeof SegmentImportProblem>).report ?? null;
}
