import { describe, expect, it } from 'vitest';
import type { Board, Deal, Stage } from '../../../../../contracts/sales';
import { previewNetCents, previewTotalCents, toCents } from '../components/line-values';
import { findOnBoard, moveOnBoard, replaceOnBoard } from './board-moves';

const stage = (id: string, probability: number, kind: Stage['kind'] = 'open', position = 0): Stage => ({
  id,
  name: id.toUpperCase(),
  position,
  probability,
  kind,
});

const deal = (id: string, stageId: string, amountCents: number, probability: number): Deal =>
  ({
    id,
    title: id,
    stageId,
    stageName: stageId.toUpperCase(),
    probability,
    status: 'open',
    amountCents,
    weightedAmountCents: Math.round((amountCents * probability) / 100),
    version: 1,
    currency: 'EUR',
  }) as Deal;

function board(): Board {
  const lead = stage('lead', 10);
  const offer = stage('offer', 50, 'open', 1);
  const won = stage('won', 100, 'won', 2);
  return {
    pipeline: { id: 'p', name: 'P', isDefault: true, stages: [lead, offer, won] } as Board['pipeline'],
    columns: [
      {
        stage: lead,
        count: 2,
        amountCents: 30_000,
        weightedAmountCents: 3_000,
        deals: [deal('a', 'lead', 20_000, 10), deal('b', 'lead', 10_000, 10)],
        nextCursor: null,
      },
      {
        stage: offer,
        count: 2,
        amountCents: 40_000,
        weightedAmountCents: 20_000,
        deals: [deal('c', 'offer', 25_000, 50), deal('d', 'offer', 15_000, 50)],
        nextCursor: null,
      },
      { stage: won, count: 0, amountCents: 0, weightedAmountCents: 0, deals: [], nextCursor: null },
    ],
  };
}

describe('moving a deal on the board (optimistic update)', () => {
  it('moves the card into the target column in amount order and moves the totals with it', () => {
    const next = moveOnBoard(board(), 'a', 'offer');
    expect(next.columns[0]).toMatchObject({ count: 1, amountCents: 10_000, weightedAmountCents: 1_000 });
    expect(next.columns[0]!.deals.map((d) => d.id)).toEqual(['b']);
    expect(next.columns[1]).toMatchObject({ count: 3, amountCents: 60_000, weightedAmountCents: 30_000 });
    expect(next.columns[1]!.deals.map((d) => d.id)).toEqual(['c', 'a', 'd']);
    expect(next.columns[1]!.deals[1]).toMatchObject({
      stageId: 'offer',
      stageName: 'OFFER',
      probability: 50,
    });
  });

  it('takes the won stage’s status and probability', () => {
    const next = moveOnBoard(board(), 'c', 'won');
    expect(next.columns[2]!.deals[0]).toMatchObject({
      status: 'won',
      probability: 100,
      weightedAmountCents: 25_000,
    });
    expect(next.columns[2]).toMatchObject({ count: 1, amountCents: 25_000, weightedAmountCents: 25_000 });
  });

  it('leaves the board alone for unknown deals, unknown stages and the same column', () => {
    const b = board();
    expect(moveOnBoard(b, 'x', 'offer')).toBe(b);
    expect(moveOnBoard(b, 'a', 'nowhere')).toBe(b);
    expect(moveOnBoard(b, 'a', 'lead')).toBe(b);
  });

  it('finds and replaces a saved deal', () => {
    const b = board();
    expect(findOnBoard(b, 'd')).toEqual({ column: 1, index: 1 });
    const saved = { ...b.columns[1]!.deals[1]!, version: 2 };
    expect(findOnBoard(replaceOnBoard(b, saved), 'd')).toEqual({ column: 1, index: 1 });
    expect(replaceOnBoard(b, saved).columns[1]!.deals[1]!.version).toBe(2);
  });
});

describe('the lines editor’s live total', () => {
  const line = (
    quantity: number | string,
    unitPrice: number | string,
    discountPercent: number | string = 0,
  ) => ({
    key: 'k',
    description: 'x',
    quantity,
    unitPrice,
    discountPercent,
    vatRate: '19',
  });

  it('converts euros to cents without float noise', () => {
    expect(toCents(19.99)).toBe(1999);
    expect(toCents('0.29')).toBe(29);
    expect(toCents('')).toBeUndefined();
  });

  it('computes line nets like the server: per line, rounded half away from zero', () => {
    // 7 × 19.99 € − 12.5 % = 122.43875 € → 122.44 €
    expect(previewNetCents(line(7, 19.99, 12.5))).toBe(12244);
    // 1.5 × 12.35 € = 18.525 € → 18.53 €
    expect(previewNetCents(line(1.5, 12.35))).toBe(1853);
    expect(previewNetCents(line('', 10))).toBeNull();
    expect(previewTotalCents([line(7, 19.99, 12.5), line(1.5, 12.35), line('', 5)])).toBe(14097);
  });
});
