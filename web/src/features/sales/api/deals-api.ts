import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { ListResponse } from '../../../../../contracts/common';
import {
  type Board,
  type CreateDeal,
  DEAL_SORT_FIELDS,
  type Deal,
  type DealDetail,
  type DealStatus,
  type Stage,
  type UpdateDeal,
} from '../../../../../contracts/sales';
import { api, type QueryValue } from '../../../lib/api';
import { AUDIT_KEY } from '../../../lib/query-client';
import { moveOnBoard, replaceOnBoard } from './board-moves';

export const DEAL_SORTS = DEAL_SORT_FIELDS.flatMap((f) => [f, `-${f}`] as const);
export type DealSort = (typeof DEAL_SORTS)[number];

/** The deal list's filters, as they stand in the URL (empty string = not filtered). */
export interface DealFilters {
  q: string;
  pipelineId: string;
  stageId: string;
  status: DealStatus | '';
  ownerId: string;
  teamId: string;
  companyId: string;
  expectedCloseFrom: string;
  expectedCloseTo: string;
  sort: DealSort;
}

export interface BoardFilters {
  /** Empty: the default pipeline. */
  pipelineId: string;
  ownerId: string;
  teamId: string;
}

/** The board's order within a column (a column continues on `/deals` with the same sort). */
export const BOARD_SORT: DealSort = '-amount';
const BOARD_COLUMN_SIZE = 50;
const PAGE_SIZE = 50;

export const dealKeys = {
  all: ['deals'] as const,
  lists: () => ['deals', 'list'] as const,
  list: (filters: DealFilters) => ['deals', 'list', filters] as const,
  boards: () => ['deals', 'board'] as const,
  board: (filters: BoardFilters) => ['deals', 'board', filters] as const,
  detail: (id: string) => ['deals', 'detail', id] as const,
  mine: (userId: string) => ['deals', 'mine', userId] as const,
};

/** The filters as `/api/deals` query parameters. */
export function dealQuery(filters: DealFilters): Record<string, QueryValue> {
  return {
    q: filters.q.trim(),
    pipelineId: filters.pipelineId,
    stageId: filters.stageId,
    status: filters.status,
    ownerId: filters.ownerId,
    teamId: filters.teamId,
    companyId: filters.companyId,
    expectedCloseFrom: filters.expectedCloseFrom,
    expectedCloseTo: filters.expectedCloseTo,
    sort: filters.sort,
  };
}

export function useDeals(filters: DealFilters) {
  return useInfiniteQuery({
    queryKey: dealKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<ListResponse<Deal>>(
        '/deals',
        { ...dealQuery(filters), limit: PAGE_SIZE, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
  });
}

/** A deal already shown in a list or on a board, to show at once while the full record loads. */
function findLoaded(queryClient: QueryClient, id: string): DealDetail | undefined {
  for (const [, data] of queryClient.getQueriesData<InfiniteData<ListResponse<Deal>>>({
    queryKey: dealKeys.lists(),
  })) {
    const hit = data?.pages?.flatMap((p) => p.items).find((d) => d.id === id);
    if (hit) return { ...hit, lines: [], stageHistory: [] };
  }
  return undefined;
}

export function useDeal(id: string) {
  const queryClient = useQueryClient();
  return useQuery<DealDetail>({
    queryKey: dealKeys.detail(id),
    queryFn: ({ signal }) => api.get<DealDetail>(`/deals/${encodeURIComponent(id)}`, undefined, signal),
    placeholderData: () => findLoaded(queryClient, id),
    enabled: Boolean(id),
  });
}

export function useBoard(filters: BoardFilters) {
  return useQuery({
    queryKey: dealKeys.board(filters),
    queryFn: ({ signal }) =>
      api.get<Board>(
        '/deals/board',
        {
          pipelineId: filters.pipelineId,
          ownerId: filters.ownerId,
          teamId: filters.teamId,
          sort: BOARD_SORT,
          limit: BOARD_COLUMN_SIZE,
        },
        signal,
      ),
    placeholderData: (prev) =>
      prev && (!filters.pipelineId || prev.pipeline.id === filters.pipelineId) ? prev : undefined,
  });
}

/** Loads the next deals of one board column (the column's cursor continues on `/api/deals`). */
export function useLoadMoreColumn(filters: BoardFilters) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ pipelineId, stageId, cursor }: { pipelineId: string; stageId: string; cursor: string }) =>
      api.get<ListResponse<Deal>>('/deals', {
        pipelineId,
        stageId,
        ownerId: filters.ownerId,
        teamId: filters.teamId,
        sort: BOARD_SORT,
        limit: BOARD_COLUMN_SIZE,
        cursor,
      }),
    onSuccess: (page, { stageId }) => {
      queryClient.setQueryData<Board>(dealKeys.board(filters), (board) =>
        board
          ? {
              ...board,
              columns: board.columns.map((col) =>
                col.stage.id === stageId
                  ? {
                      ...col,
                      deals: [
                        ...col.deals,
                        ...page.items.filter((d) => !col.deals.some((x) => x.id === d.id)),
                      ],
                      nextCursor: page.nextCursor,
                    }
                  : col,
              ),
            }
          : board,
      );
    },
  });
}

/** After any change to a deal: lists, boards, reports, dashboard and histories may show it. */
function invalidateAfterChange(queryClient: QueryClient, saved?: DealDetail) {
  if (saved) queryClient.setQueryData(dealKeys.detail(saved.id), saved);
  void queryClient.invalidateQueries({ queryKey: dealKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['reports'] });
  void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
  void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
}

export function useCreateDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDeal) => api.post<DealDetail>('/deals', body),
    onSuccess: (deal) => invalidateAfterChange(queryClient, deal),
  });
}

export function useUpdateDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateDeal & { id: string }) =>
      api.patch<DealDetail>(`/deals/${encodeURIComponent(id)}`, body),
    onSuccess: (deal) => invalidateAfterChange(queryClient, deal),
  });
}

export interface LostReasonChoice {
  reasonId?: string;
  reason?: string;
}

export type DealAction =
  | { kind: 'win'; id: string; version: number }
  | ({ kind: 'lose'; id: string; version: number } & LostReasonChoice)
  | { kind: 'reopen'; id: string; version: number; stageId?: string };

function runAction(action: DealAction): Promise<DealDetail> {
  const path = `/deals/${encodeURIComponent(action.id)}/${action.kind}`;
  switch (action.kind) {
    case 'win':
      return api.post<DealDetail>(path, { version: action.version });
    case 'lose':
      return api.post<DealDetail>(path, {
        version: action.version,
        ...(action.reasonId ? { reasonId: action.reasonId } : {}),
        ...(action.reason?.trim() ? { reason: action.reason.trim() } : {}),
      });
    case 'reopen':
      return api.post<DealDetail>(path, {
        version: action.version,
        ...(action.stageId ? { stageId: action.stageId } : {}),
      });
  }
}

/** Win, lose (with a reason) or reopen a deal. */
export function useDealAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runAction,
    onSuccess: (deal) => invalidateAfterChange(queryClient, deal),
  });
}

export interface MoveDeal {
  deal: Deal;
  to: Stage;
  /** Required when `to` is the lost stage. */
  lost?: LostReasonChoice;
}

/**
 * Moves a deal to another stage from the board: into the won stage it wins the deal, into the lost
 * stage it loses it with the reason, out of a closed stage it reopens it, otherwise a stage change
 * (`PATCH` with the version). The board changes at once and goes back when the server says no.
 */
export function useMoveDeal(filters: BoardFilters) {
  const queryClient = useQueryClient();
  const key = dealKeys.board(filters);
  return useMutation({
    mutationFn: ({ deal, to, lost }: MoveDeal): Promise<DealDetail> => {
      if (to.kind === 'won') return runAction({ kind: 'win', id: deal.id, version: deal.version });
      if (to.kind === 'lost') return runAction({ kind: 'lose', id: deal.id, version: deal.version, ...lost });
      if (deal.status !== 'open') {
        return runAction({ kind: 'reopen', id: deal.id, version: deal.version, stageId: to.id });
      }
      return api.patch<DealDetail>(`/deals/${encodeURIComponent(deal.id)}`, {
        version: deal.version,
        stageId: to.id,
      });
    },
    onMutate: async ({ deal, to }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Board>(key);
      if (previous) queryClient.setQueryData<Board>(key, moveOnBoard(previous, deal.id, to.id));
      return { previous };
    },
    onError: (_err, _input, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: (saved) => {
      const { lines: _lines, stageHistory: _history, ...deal } = saved;
      queryClient.setQueryData<Board>(key, (board) => (board ? replaceOnBoard(board, deal) : board));
      invalidateAfterChange(queryClient, saved);
    },
  });
}

export interface OpenDealsSummary {
  count: number;
  amountCents: number;
  weightedCents: number;
  /** More open deals exist than were summed (list fallback only). */
  more: boolean;
}

const SUMMARY_LIMIT = 500;

/**
 * The user's own open deals: count, sum and weighted sum. With the sales reports permission the
 * forecast gives exact totals over all pipelines; otherwise up to 500 deals from the list are summed.
 */
export function useMyOpenDeals(userId: string, options: { enabled?: boolean; viaForecast?: boolean } = {}) {
  return useQuery({
    queryKey: [...dealKeys.mine(userId), options.viaForecast ? 'forecast' : 'list'],
    queryFn: async ({ signal }): Promise<OpenDealsSummary> => {
      if (options.viaForecast) {
        const report = await api.get<{
          total: { count: number; amountCents: number; weightedCents: number };
        }>('/reports/forecast', { ownerId: userId }, signal);
        return { ...report.total, more: false };
      }
      const page = await api.get<ListResponse<Deal>>(
        '/deals',
        { ownerId: userId, status: 'open', limit: SUMMARY_LIMIT, sort: '-amount' },
        signal,
      );
      return {
        count: page.items.length,
        amountCents: page.items.reduce((s, d) => s + d.amountCents, 0),
        weightedCents: page.items.reduce((s, d) => s + d.weightedAmountCents, 0),
        more: page.nextCursor !== null,
      };
    },
    enabled: options.enabled ?? true,
    staleTime: 60_000,
  });
}
