import { describe, expect, it } from 'vitest';
import {
  buildExplanation,
  computeReplenishment,
  type ReplenishmentInput,
  roundOrderQuantity,
} from './replenishment.engine';

const base: ReplenishmentInput = {
  warehouseId: '0190a000-0000-7000-8000-000000000001',
  onHandMilli: 12_000,
  reservedMilli: 5_000,
  onOrderMilli: 0,
  pipelineDemandMilli: 0,
  reorderPointMilli: 10_000,
  maxLevelMilli: 30_000,
  reorderQtyMilli: null,
  minOrderQtyMilli: 1_000,
  packSizeMilli: 1_000,
  leadTimeDays: 7,
};

describe('the replenishment rule', () => {
  it('orders up to the maximum level when the projection is below the reorder point', () => {
    expect(computeReplenishment(base)).toEqual({
      projectedMilli: 7_000,
      below: true,
      neededMilli: 23_000,
      quantityMilli: 23_000,
      times: 0,
    });
  });

  it('orders nothing at or above the reorder point; on order counts, pipeline demand takes away', () => {
    expect(computeReplenishment({ ...base, reservedMilli: 2_000 })).toMatchObject({
      below: false,
      quantityMilli: 0,
    });
    expect(computeReplenishment({ ...base, onOrderMilli: 3_000 })).toMatchObject({
      projectedMilli: 10_000,
      below: false,
    });
    expect(computeReplenishment({ ...base, reservedMilli: 0, pipelineDemandMilli: 2_500 })).toMatchObject({
      projectedMilli: 9_500,
      below: true,
      quantityMilli: 21_000, // 20.5 in whole units
    });
  });

  it('repeats the reorder quantity until the point is reached again', () => {
    const q = { ...base, maxLevelMilli: null, reorderQtyMilli: 8_000 };
    expect(computeReplenishment({ ...q, reservedMilli: 9_000 })).toMatchObject({
      neededMilli: 8_000,
      times: 1,
    }); // 3 → 11
    expect(computeReplenishment({ ...q, reservedMilli: 10_000 })).toMatchObject({
      neededMilli: 8_000,
      times: 1,
    }); // 2 → 10
    expect(computeReplenishment({ ...q, reservedMilli: 10_001 })).toMatchObject({
      neededMilli: 16_000,
      times: 2,
    });
    expect(computeReplenishment({ ...q, reservedMilli: 30_000 })).toMatchObject({
      neededMilli: 32_000,
      times: 4,
    }); // −18 → 14
  });

  it('rounds up to the minimum order quantity, then to whole packs, in thousandths', () => {
    expect(roundOrderQuantity(3_000, 20_000, 6_000)).toBe(24_000);
    expect(roundOrderQuantity(23_000, 1_000, 2_500)).toBe(25_000);
    expect(roundOrderQuantity(23_000, 0, 0)).toBe(23_000);
    expect(roundOrderQuantity(1, 0, 250)).toBe(250);
    expect(roundOrderQuantity(24_000, 24_000, 6_000)).toBe(24_000);
  });

  it('explains itself: numbers, one sentence, causes (moves kept and appended, newest 20; deals replaced)', () => {
    const n = computeReplenishment({ ...base, packSizeMilli: 5_000 });
    const move = (i: number) => ({
      kind: 'move' as const,
      label: 'reservation',
      moveId: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      sourceType: 'deal',
      sourceId: null,
      sourceLabel: null,
      quantity: 1,
      at: null,
    });
    const previous = Array.from({ length: 19 }, (_, i) => move(i));
    const e = buildExplanation(
      { ...base, packSizeMilli: 5_000 },
      n,
      { previous, moves: [move(18), move(19), move(20)], deals: [] },
      '2026-11-26T09:00:00.000Z',
    );
    expect(e).toMatchObject({ projected: 7, needed: 23, quantity: 25, packSize: 5 });
    expect(e.summary).toBe(
      'Projected 7 (on hand 12 − reserved 5 + on order 0) < reorder point 10: up to max. level 30 → 23, packs of 5 → 25',
    );
    expect(e.causes).toHaveLength(20);
    expect(e.causes[0]!.moveId).toBe(move(1).moveId);
    expect(e.causes[19]!.moveId).toBe(move(20).moveId);
  });
});
