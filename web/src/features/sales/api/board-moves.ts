import { weightedCents } from '../../../../../contracts/deal-amounts';
import type { Board, Deal, Stage } from '../../../../../contracts/sales';

/** Where a deal sits on a board: the column index and the position within it. */
export function findOnBoard(board: Board, dealId: string): { column: number; index: number } | null {
  for (const [column, col] of board.columns.entries()) {
    const index = col.deals.findIndex((d) => d.id === dealId);
    if (index >= 0) return { column, index };
  }
  return null;
}

/** The deal as it looks in `stage`: stage fields, status and weighted amount follow the stage. */
export function dealInStage(deal: Deal, stage: Stage): Deal {
  return {
    ...deal,
    stageId: stage.id,
    stageName: stage.name,
    probability: stage.probability,
    status: stage.kind,
    weightedAmountCents: weightedCents(deal.amountCents, stage.probability),
  };
}

/**
 * The board after moving a deal into another column, as the server will show it: the card leaves its
 * column and enters the target in amount order (the board's sort), and both columns' count, sum and
 * weighted sum change by the deal's figures. Used for the optimistic update; the refetch corrects
 * any rounding difference. Returns the board unchanged when the deal is not on it.
 */
export function moveOnBoard(board: Board, dealId: string, toStageId: string): Board {
  const at = findOnBoard(board, dealId);
  const target = board.columns.findIndex((c) => c.stage.id === toStageId);
  if (!at || target < 0 || at.column === target) return board;
  const deal = board.columns[at.column]!.deals[at.index]!;
  const moved = dealInStage(deal, board.columns[target]!.stage);
  return {
    ...board,
    columns: board.columns.map((col, i) => {
      if (i === at.column) {
        return {
          ...col,
          count: col.count - 1,
          amountCents: col.amountCents - deal.amountCents,
          weightedAmountCents: col.weightedAmountCents - deal.weightedAmountCents,
          deals: col.deals.filter((d) => d.id !== dealId),
        };
      }
      if (i === target) {
        const deals = [...col.deals];
        const pos = deals.findIndex((d) => d.amountCents < moved.amountCents);
        deals.splice(pos < 0 ? deals.length : pos, 0, moved);
        return {
          ...col,
          count: col.count + 1,
          amountCents: col.amountCents + moved.amountCents,
          weightedAmountCents: col.weightedAmountCents + moved.weightedAmountCents,
          deals,
        };
      }
      return col;
    }),
  };
}

/** The board with one deal replaced by its saved state (new version, figures) where it is shown. */
export function replaceOnBoard(board: Board, deal: Deal): Board {
  if (!findOnBoard(board, deal.id)) return board;
  return {
    ...board,
    columns: board.columns.map((col) => ({
      ...col,
      deals: col.deals.map((d) => (d.id === deal.id ? deal : d)),
    })),
  };
}
