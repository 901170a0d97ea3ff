import type { Board, BoardQuery } from '../../../../contracts/sales';
import type { Actor } from '../../platform/actor';
import { parseSort } from '../../platform/db/pagination';
import { weightedFromX100 } from './deal-amounts';
import { DEAL_SORT_COLUMNS, listDeals, stageTotals } from './deals.repository';
import { withNames } from './deals.service';
import { loadPipeline, type SalesDeps } from './pipelines.service';

/**
 * The Kanban board of a pipeline: per stage the count, sum and weighted sum of the deals the actor
 * sees, and the first `limit` deals. A column's `nextCursor` continues on
 * `GET /api/deals?pipelineId=&stageId=&sort=` with the same filters and sort.
 */
export async function getBoard(deps: SalesDeps, actor: Actor, query: BoardQuery): Promise<Board> {
  const pipeline = await loadPipeline(deps.db, query.pipelineId);
  const sort = parseSort(query.sort, DEAL_SORT_COLUMNS);
  const filter = { ownerId: query.ownerId, teamId: query.teamId };
  const [totals, pages] = await Promise.all([
    stageTotals(deps.db, actor, pipeline.id, filter),
    Promise.all(
      pipeline.stages.map((s) =>
        listDeals(
          deps.db,
          actor,
          { ...filter, pipelineId: pipeline.id, stageId: s.id },
          { sort, limit: query.limit },
        ),
      ),
    ),
  ]);
  const byStage = new Map(totals.map((t) => [t.stageId, t]));
  const deals = await withNames(
    deps.db,
    pages.flatMap((p) => p.items),
  );
  const byId = new Map(deals.map((d) => [d.id, d]));
  return {
    pipeline,
    columns: pipeline.stages.map((stage, i) => {
      const t = byStage.get(stage.id);
      const page = pages[i]!;
      return {
        stage,
        count: t?.count ?? 0,
        amountCents: t?.amountCents ?? 0,
        weightedAmountCents: weightedFromX100(t?.weightedX100 ?? 0),
        deals: page.items.map((r) => byId.get(r.id)!),
        nextCursor: page.nextCursor,
      };
    }),
  };
}
