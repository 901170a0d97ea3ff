import { describe, expect, it } from 'vitest';
import {
  CreateDelivery,
  CreateStockAdjustment,
  CreateStockCount,
  type Delivery,
  PutReorderSetting,
  type Reservation,
} from '../../../../../contracts/inventory';
import {
  adjustmentToRequest,
  countDifference,
  countToRequest,
  deliveryRowsFromReservation,
  deliveryToRequest,
  formatDelta,
  insufficientStock,
  invoiceOpenRows,
  openReservation,
  overDelivered,
  parseQuantity,
  reorderFieldErrors,
  reorderToRequest,
  reorderToValues,
} from './stock-values';

const P1 = '0190a000-0000-7000-8000-000000000001';
const P2 = '0190a000-0000-7000-8000-000000000002';
const W1 = '0190a000-0000-7000-8000-0000000000a1';
const DEAL = '0190a000-0000-7000-8000-0000000000d1';

describe('parseQuantity', () => {
  it('reads German and English decimals and signs', () => {
    expect(parseQuantity('1,5')).toBe(1.5);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity('−2')).toBe(-2);
    expect(parseQuantity(' 1.234,5 ')).toBe(1234.5);
    expect(parseQuantity('1,234.5')).toBe(1234.5);
    expect(parseQuantity(3)).toBe(3);
  });

  it('gives null for nothing or text', () => {
    expect(parseQuantity('')).toBeNull();
    expect(parseQuantity('  ')).toBeNull();
    expect(parseQuantity('zwölf')).toBeNull();
    expect(parseQuantity('1,2,3')).toBeNull();
    expect(parseQuantity(null)).toBeNull();
  });
});

describe('formatDelta', () => {
  const f = (n: number) => String(n).replace('.', ',');
  it('signs a change and leaves 0 empty', () => {
    expect(formatDelta(5, f)).toBe('+5');
    expect(formatDelta(-2.5, f)).toBe('−2,5');
    expect(formatDelta(0, f)).toBe('');
  });
});

describe('adjustment form', () => {
  it('turns a removal into a negative change the contract accepts', () => {
    const body = adjustmentToRequest(
      { productId: P1, direction: 'out', quantity: '2,5', reason: 'damaged', note: '  ' },
      W1,
    );
    expect(body).toEqual({
      warehouseId: W1,
      productId: P1,
      quantityChange: -2.5,
      reason: 'damaged',
      note: null,
    });
    expect(CreateStockAdjustment.safeParse(body).success).toBe(true);
  });

  it('is refused by the contract without a quantity or with 4 decimals', () => {
    const empty = adjustmentToRequest(
      { productId: P1, direction: 'in', quantity: '', reason: 'found', note: '' },
      null,
    );
    expect(CreateStockAdjustment.safeParse(empty).success).toBe(false);
    const fine = adjustmentToRequest(
      { productId: P1, direction: 'in', quantity: '0,0005', reason: 'found', note: '' },
      null,
    );
    expect(CreateStockAdjustment.safeParse(fine).success).toBe(false);
  });
});

describe('count form', () => {
  const rows = [
    { key: 'a', productId: P1, label: 'A', onHand: 10, counted: '8' },
    { key: 'b', productId: null, label: '', onHand: null, counted: '' },
    { key: 'c', productId: P2, label: 'B', onHand: 0, counted: '4,25' },
    { key: 'd', productId: P1, label: 'A', onHand: 10, counted: '9' },
  ];

  it('sends one line per product (the last row wins) and leaves empty rows out', () => {
    const body = countToRequest(rows, W1, '2026-11-27', '');
    expect(body).toEqual({
      warehouseId: W1,
      countedOn: '2026-11-27',
      note: null,
      lines: [
        { productId: P1, counted: 9 },
        { productId: P2, counted: 4.25 },
      ],
    });
    expect(CreateStockCount.safeParse(body).success).toBe(true);
  });

  it('shows the difference the count will book', () => {
    expect(countDifference(rows[0]!)).toBe(-2);
    expect(countDifference(rows[2]!)).toBe(4.25);
    expect(countDifference(rows[1]!)).toBeNull();
  });

  it('a negative count is refused by the contract', () => {
    const body = countToRequest(
      [{ key: 'x', productId: P1, label: 'A', onHand: 1, counted: '-1' }],
      null,
      null,
      '',
    );
    expect(CreateStockCount.safeParse(body).success).toBe(false);
  });
});

describe('reorder form', () => {
  it('sends only the chosen rule and the version of an existing setting', () => {
    const current = {
      productId: P1,
      warehouseId: W1,
      reorderPoint: 10,
      maxLevel: 30,
      reorderQty: null,
      version: 4,
    };
    const values = reorderToValues(current);
    expect(values).toEqual({ reorderPoint: 10, mode: 'max', maxLevel: 30, reorderQty: '' });
    const body = reorderToRequest({ ...values, mode: 'qty', reorderQty: '12,5' }, W1, current);
    expect(body).toEqual({ warehouseId: W1, reorderPoint: 10, maxLevel: null, reorderQty: 12.5, version: 4 });
    expect(PutReorderSetting.safeParse(body).success).toBe(true);
  });

  it('a maximum not above the reorder point is refused, and the message lands on the right field', () => {
    const body = reorderToRequest(
      { reorderPoint: '10', mode: 'max', maxLevel: '5', reorderQty: '' },
      null,
      null,
    );
    expect(body).not.toHaveProperty('version');
    const result = PutReorderSetting.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['maxLevel']);
    expect(reorderFieldErrors({ maxLevel: 'Give either' }, 'qty')).toEqual({ reorderQty: 'Give either' });
    expect(reorderFieldErrors({ maxLevel: 'too low' }, 'max')).toEqual({ maxLevel: 'too low' });
  });

  it('a missing reorder point is refused', () => {
    const body = reorderToRequest(
      { reorderPoint: '', mode: 'max', maxLevel: '5', reorderQty: '' },
      null,
      null,
    );
    expect(PutReorderSetting.safeParse(body).success).toBe(false);
  });
});

const reservation = (status: Reservation['status'], open: number[]): Reservation => ({
  id: `r-${status}`,
  dealId: DEAL,
  warehouseId: W1,
  status,
  createdAt: '2026-11-27T00:00:00.000Z',
  closedAt: null,
  lines: open.map((o, i) => ({
    productId: i === 0 ? P1 : P2,
    sku: `SKU-${i}`,
    productName: `Product ${i}`,
    unit: 'C62',
    dealLineId: null,
    quantity: 5,
    delivered: 5 - o,
    released: 0,
    open: o,
  })),
});

describe('deliveries', () => {
  it('start from all open quantities of the open reservation', () => {
    const r = openReservation([reservation('released', [5]), reservation('open', [3, 0])]);
    expect(r?.status).toBe('open');
    const rows = deliveryRowsFromReservation(r);
    expect(rows).toEqual([
      { productId: P1, sku: 'SKU-0', productName: 'Product 0', unit: 'C62', open: 3, quantity: 3 },
    ]);
    const body = deliveryToRequest({ dealId: DEAL }, rows, '2026-11-27', 'Spedition');
    expect(body).toEqual({
      dealId: DEAL,
      deliveredOn: '2026-11-27',
      note: 'Spedition',
      lines: [{ productId: P1, quantity: 3 }],
    });
    expect(CreateDelivery.safeParse(body).success).toBe(true);
  });

  it('leave out lines set to 0 and send nothing when all are 0', () => {
    const rows = deliveryRowsFromReservation(reservation('open', [3, 2]));
    rows[0]!.quantity = '0';
    expect(deliveryToRequest({ dealId: DEAL }, rows, null, '')?.lines).toEqual([
      { productId: P2, quantity: 2 },
    ]);
    rows[1]!.quantity = 0;
    expect(deliveryToRequest({ dealId: DEAL }, rows, null, '')).toBeNull();
  });

  it('notice a quantity above what is open', () => {
    const rows = deliveryRowsFromReservation(reservation('open', [3, 2]));
    rows[1]!.quantity = '2,5';
    expect([...overDelivered(rows)]).toEqual([1]);
  });

  it('for an invoice: lines summed per product, less earlier deliveries', () => {
    const lines = [
      { productId: P1, sku: 'A', productName: 'A', unit: 'C62', quantity: 4 },
      { productId: P1, sku: 'A', productName: 'A', unit: 'C62', quantity: 1.5 },
      { productId: P2, sku: 'B', productName: 'B', unit: 'C62', quantity: 2 },
    ];
    const delivered: Delivery = {
      id: 'd1',
      number: 'LS-1',
      warehouseId: W1,
      dealId: null,
      invoiceId: 'i1',
      companyId: null,
      companyName: null,
      deliveredOn: '2026-11-27',
      note: null,
      lines: [{ productId: P2, sku: 'B', productName: 'B', unit: 'C62', quantity: 2 }],
      createdAt: '2026-11-27T00:00:00.000Z',
    };
    expect(invoiceOpenRows(lines, [delivered])).toEqual([
      { productId: P1, sku: 'A', productName: 'A', unit: 'C62', open: 5.5, quantity: 5.5 },
    ]);
  });
});

describe('insufficientStock', () => {
  it('reads product and numbers from the problem', () => {
    expect(
      insufficientStock({
        code: 'stock.insufficient',
        detail: 'Not enough stock of ET-1 (Lager 6204): 3 available, 5 needed (back orders are not allowed)',
        errors: [{ path: P1, message: '3 available, 5 needed' }],
      }),
    ).toEqual({ product: 'ET-1 (Lager 6204)', productId: P1, available: 3, needed: 5 });
  });

  it('ignores other problems', () => {
    expect(insufficientStock({ code: 'stock.stale_version', detail: 'x' })).toBeNull();
    expect(insufficientStock({ code: 'stock.insufficient', detail: 'something else' })).toBeNull();
  });
});
