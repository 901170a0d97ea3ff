import type { TFunction } from 'i18next';
import type { ReplenishmentExplanation } from '../../../../../contracts/purchasing';

type SummaryNumbers = Pick<
  ReplenishmentExplanation,
  | 'onHand'
  | 'reserved'
  | 'onOrder'
  | 'pipelineDemand'
  | 'projected'
  | 'reorderPoint'
  | 'maxLevel'
  | 'reorderQty'
  | 'needed'
  | 'minOrderQty'
  | 'packSize'
  | 'quantity'
>;

/** Decimals of the API (≤ 3 places) compared in thousandths, free of floating-point noise. */
const milli = (v: number): number => Math.round(v * 1000);

/**
 * The one-sentence summary of a replenishment line in the reader's language, built from the line's
 * numbers the way the server's engine computes them (replenishment.engine.ts): the projection, the
 * reorder point, then the target (up to the maximum level, the reorder quantity × n, or back to the
 * reorder point), the minimum order quantity and the rounding to whole packs — each step only when
 * it changed the quantity. `num` formats a quantity (locale-aware, ≤ 3 decimals).
 */
export function explanationSummary(e: SummaryNumbers, t: TFunction, num: (v: number) => string): string {
  const parts = [
    t('purchasing:explain.summary.onHand', { value: num(e.onHand) }),
    t('purchasing:explain.summary.reserved', { value: num(e.reserved) }),
    t('purchasing:explain.summary.onOrder', { value: num(e.onOrder) }),
  ];
  if (e.pipelineDemand !== 0) {
    parts.push(t('purchasing:explain.summary.pipelineDemand', { value: num(e.pipelineDemand) }));
  }
  const head = t('purchasing:explain.summary.head', { projected: num(e.projected), parts: parts.join(' ') });
  if (milli(e.projected) >= milli(e.reorderPoint)) {
    return t('purchasing:explain.summary.notBelow', { head, reorderPoint: num(e.reorderPoint) });
  }
  const steps: string[] = [];
  const reorderQtyMode = e.reorderQty !== null && e.reorderQty > 0 && e.maxLevel === null;
  if (reorderQtyMode && e.reorderQty !== null) {
    steps.push(
      t('purchasing:explain.summary.reorderQty', {
        reorderQty: num(e.reorderQty),
        times: Math.round(milli(e.needed) / milli(e.reorderQty)),
        needed: num(e.needed),
      }),
    );
  } else if (e.maxLevel !== null) {
    steps.push(
      t('purchasing:explain.summary.max', {
        target: num(Math.max(e.maxLevel, e.reorderPoint)),
        needed: num(e.needed),
      }),
    );
  } else {
    steps.push(t('purchasing:explain.summary.point', { needed: num(e.needed) }));
  }
  let q = milli(e.needed);
  if (milli(e.minOrderQty) > q) {
    q = milli(e.minOrderQty);
    steps.push(t('purchasing:explain.summary.minOrderQty', { minOrderQty: num(e.minOrderQty) }));
  }
  if (milli(e.quantity) !== q) {
    steps.push(
      t('purchasing:explain.summary.pack', { packSize: num(e.packSize), quantity: num(e.quantity) }),
    );
  }
  return t('purchasing:explain.summary.below', {
    head,
    reorderPoint: num(e.reorderPoint),
    steps: steps.join(', '),
  });
}
