import type { ReplenishmentCause, ReplenishmentExplanation } from '../../../../contracts/purchasing';

/**
 * The replenishment rule, in integers (thousandths of the product's unit), free of I/O:
 *
 *   projected = on hand − reserved + on order − pipeline demand
 *   projected < reorder point →
 *     needed = max level − projected, or the reorder quantity as many times as it takes to get back
 *              to the reorder point or above,
 *     quantity = needed, raised to the minimum order quantity, rounded up to whole packs.
 */
export interface ReplenishmentInput {
  warehouseId: string;
  onHandMilli: number;
  reservedMilli: number;
  onOrderMilli: number;
  /** 0 unless the settings count the pipeline. */
  pipelineDemandMilli: number;
  reorderPointMilli: number;
  maxLevelMilli: number | null;
  reorderQtyMilli: number | null;
  /** The preferred supplier's terms; 0 / 0 / 0 without a supplier. */
  minOrderQtyMilli: number;
  packSizeMilli: number;
  leadTimeDays: number;
}

export interface ReplenishmentNumbers {
  projectedMilli: number;
  /** Below the reorder point: something must be ordered. */
  below: boolean;
  /** Before rounding (0 when not below). */
  neededMilli: number;
  /** What to order (0 when not below). */
  quantityMilli: number;
  /** Reorder-quantity mode: how many times the reorder quantity was needed. */
  times: number;
}

export function computeReplenishment(i: ReplenishmentInput): ReplenishmentNumbers {
  const projectedMilli = i.onHandMilli - i.reservedMilli + i.onOrderMilli - i.pipelineDemandMilli;
  if (projectedMilli >= i.reorderPointMilli) {
    return { projectedMilli, below: false, neededMilli: 0, quantityMilli: 0, times: 0 };
  }
  let neededMilli: number;
  let times = 0;
  if (i.reorderQtyMilli !== null && i.reorderQtyMilli > 0 && i.maxLevelMilli === null) {
    times = ceilDiv(i.reorderPointMilli - projectedMilli, i.reorderQtyMilli);
    neededMilli = times * i.reorderQtyMilli;
  } else if (i.maxLevelMilli !== null) {
    // a maximum below the reorder point still brings the stock back to the point
    neededMilli = Math.max(i.maxLevelMilli, i.reorderPointMilli) - projectedMilli;
  } else {
    neededMilli = i.reorderPointMilli - projectedMilli;
  }
  return {
    projectedMilli,
    below: true,
    neededMilli,
    quantityMilli: roundOrderQuantity(neededMilli, i.minOrderQtyMilli, i.packSizeMilli),
    times,
  };
}

/** At least the minimum order quantity, then up to a whole number of packs (a pack of 0: none). */
export function roundOrderQuantity(
  neededMilli: number,
  minOrderQtyMilli: number,
  packSizeMilli: number,
): number {
  const atLeast = Math.max(neededMilli, minOrderQtyMilli);
  if (packSizeMilli <= 0) return atLeast;
  return ceilDiv(atLeast, packSizeMilli) * packSizeMilli;
}

function ceilDiv(a: number, b: number): number {
  return Number((BigInt(a) + BigInt(b) - 1n) / BigInt(b));
}

/** Thousandths → the API's decimal. */
export const dec = (milli: number): number => milli / 1000;

const fmt = (milli: number): string => String(milli / 1000);

/** "Projected 7 < reorder point 10: up to max. level 30 → 23, minimum order 20 → 23, packs of 5 → 25". */
export function summarize(i: ReplenishmentInput, n: ReplenishmentNumbers): string {
  const parts = [
    `on hand ${fmt(i.onHandMilli)}`,
    `− reserved ${fmt(i.reservedMilli)}`,
    `+ on order ${fmt(i.onOrderMilli)}`,
  ];
  if (i.pipelineDemandMilli !== 0) parts.push(`− pipeline demand ${fmt(i.pipelineDemandMilli)}`);
  const head = `Projected ${fmt(n.projectedMilli)} (${parts.join(' ')})`;
  if (!n.below) return `${head} ≥ reorder point ${fmt(i.reorderPointMilli)}: nothing to order`;
  const steps: string[] = [];
  if (n.times > 0 && i.reorderQtyMilli !== null) {
    steps.push(`reorder quantity ${fmt(i.reorderQtyMilli)} × ${n.times} → ${fmt(n.neededMilli)}`);
  } else if (i.maxLevelMilli !== null) {
    steps.push(
      `up to max. level ${fmt(Math.max(i.maxLevelMilli, i.reorderPointMilli))} → ${fmt(n.neededMilli)}`,
    );
  } else {
    steps.push(`up to the reorder point → ${fmt(n.neededMilli)}`);
  }
  let q = n.neededMilli;
  if (i.minOrderQtyMilli > q) {
    q = i.minOrderQtyMilli;
    steps.push(`minimum order ${fmt(i.minOrderQtyMilli)} → ${fmt(q)}`);
  }
  if (n.quantityMilli !== q) steps.push(`packs of ${fmt(i.packSizeMilli)} → ${fmt(n.quantityMilli)}`);
  return `${head} < reorder point ${fmt(i.reorderPointMilli)}: ${steps.join(', ')}`;
}

/** Move causes kept with a line: the newest this many. */
export const MAX_MOVE_CAUSES = 20;

/**
 * The explanation JSON of a line. Move causes: those the line had, then the new ones (a move once),
 * the newest MAX_MOVE_CAUSES; deal causes: the pipeline demand of now (replaced on every check).
 */
export function buildExplanation(
  i: ReplenishmentInput,
  n: ReplenishmentNumbers,
  causes: {
    previous: readonly ReplenishmentCause[];
    moves: readonly ReplenishmentCause[];
    deals: readonly ReplenishmentCause[];
  },
  computedAt: string,
): ReplenishmentExplanation {
  const seen = new Set<string>();
  const moves: ReplenishmentCause[] = [];
  for (const c of [...causes.previous.filter((x) => x.kind === 'move'), ...causes.moves]) {
    const key = c.moveId ?? `${c.sourceType}:${c.sourceId}:${c.at}`;
    if (seen.has(key)) continue;
    seen.add(key);
    moves.push(c);
  }
  return {
    warehouseId: i.warehouseId,
    onHand: dec(i.onHandMilli),
    reserved: dec(i.reservedMilli),
    onOrder: dec(i.onOrderMilli),
    pipelineDemand: dec(i.pipelineDemandMilli),
    projected: dec(n.projectedMilli),
    reorderPoint: dec(i.reorderPointMilli),
    maxLevel: i.maxLevelMilli === null ? null : dec(i.maxLevelMilli),
    reorderQty: i.reorderQtyMilli === null ? null : dec(i.reorderQtyMilli),
    needed: dec(n.neededMilli),
    minOrderQty: dec(i.minOrderQtyMilli),
    packSize: dec(i.packSizeMilli),
    quantity: dec(n.quantityMilli),
    leadTimeDays: i.leadTimeDays,
    causes: [...moves.slice(-MAX_MOVE_CAUSES), ...causes.deals],
    computedAt,
    summary: summarize(i, n),
  };
}
