import { describe, expect, it } from 'vitest';
import type { PurchaseOrder } from '../../../../../contracts/purchasing';
import {
  allowedActions,
  causeLink,
  emptyPoLine,
  explanationRows,
  limitCentsOf,
  lineNetCents,
  mapLineErrorPaths,
  type PoValues,
  receiptDefaults,
  receiptToInput,
  toCents,
  toQuantity,
  valuesFromPurchaseOrder,
  valuesToCreate,
  valuesToUpdate,
} from './po-values';

const all = () => true;

describe('allowedActions', () => {
  it('offers edit, approve and cancel on a draft', () => {
    expect([...allowedActions('draft', all)].sort()).toEqual(['approve', 'cancel', 'edit']);
  });
  it('offers send, PDF and cancel once approved; receiving only once sent', () => {
    expect([...allowedActions('approved', all)].sort()).toEqual(['cancel', 'pdf', 'send']);
    expect([...allowedActions('sent', all)].sort()).toEqual(['pdf', 'receive']);
    expect([...allowedActions('partially_received', all)].sort()).toEqual(['pdf', 'receive']);
    expect([...allowedActions('received', all)]).toEqual(['pdf']);
    expect([...allowedActions('cancelled', all)]).toEqual([]);
  });
  it('leaves out what the user may not do', () => {
    const readOnly = (p: string) => p === 'purchaseOrders.read';
    expect([...allowedActions('draft', readOnly)]).toEqual([]);
    expect([...allowedActions('sent', readOnly)]).toEqual(['pdf']);
    const writer = (p: string) => p !== 'purchaseOrders.approve';
    expect(allowedActions('draft', writer).has('approve')).toBe(false);
    expect(allowedActions('draft', writer).has('edit')).toBe(true);
  });
});

describe('money and quantities', () => {
  it('turns typed euros into whole cents', () => {
    expect(toCents(19.99)).toBe(1999);
    expect(toCents('4,5')).toBe(450);
    expect(toCents('0.1')).toBe(10);
    expect(toCents('')).toBeUndefined();
    expect(toCents('abc')).toBeUndefined();
  });
  it('keeps quantities to thousandths', () => {
    expect(toQuantity('2,5')).toBe(2.5);
    expect(toQuantity(0.1 + 0.2)).toBe(0.3);
    expect(toQuantity('')).toBeUndefined();
  });
  it('computes a line net like the server (integers, rounded to the cent)', () => {
    expect(lineNetCents(0.3, 333)).toBe(100);
    expect(lineNetCents(2.5, 1999)).toBe(4998);
    expect(lineNetCents(1.005, 100)).toBe(101);
    expect(lineNetCents(undefined, 100)).toBe(0);
  });
});

function po(over: Partial<PurchaseOrder> = {}): PurchaseOrder {
  return {
    id: 'po1',
    number: 'B-2026-00001',
    supplierId: 's1',
    supplierName: 'Lieferant GmbH',
    supplierEmail: 'einkauf@lieferant.de',
    warehouseId: 'w1',
    status: 'sent',
    origin: 'manual',
    currency: 'EUR',
    netCents: 0,
    vatCents: 0,
    grossCents: 0,
    expectedDate: '2026-12-01',
    note: null,
    approvedBy: null,
    approvedByName: null,
    approvedAt: null,
    sentAt: null,
    sentTo: null,
    receivedAt: null,
    cancelledAt: null,
    cancelReason: null,
    overdue: false,
    lines: [line('l1', 'A-1', 10, 4, 6), line('l2', 'B-2', 5, 5, 0), line('l3', 'C-3', 2.5, 0, 2.5)],
    createdBy: null,
    createdAt: '2026-11-27T08:00:00.000Z',
    updatedAt: '2026-11-27T08:00:00.000Z',
    version: 3,
    ...over,
  };
}
function line(id: string, sku: string, quantity: number, received: number, open: number) {
  return {
    id,
    position: 1,
    productId: `p-${id}`,
    sku,
    supplierSku: null,
    description: `Product ${sku}`,
    unit: 'C62',
    quantity,
    received,
    open,
    unitPriceCents: 1250,
    netCents: Math.round(quantity * 1250),
    vatRate: 19,
    origin: 'manual' as const,
    explanation: null,
  };
}

describe('draft editor values', () => {
  it('round-trips an order: prices in euros, quantities as numbers', () => {
    const v = valuesFromPurchaseOrder(po());
    expect(v.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual([
      ['A-1', 10, 12.5],
      ['B-2', 5, 12.5],
      ['C-3', 2.5, 12.5],
    ]);
    expect(valuesToUpdate(v, 3).lines?.[0]).toEqual({
      productId: 'p-l1',
      quantity: 10,
      unitPriceCents: 1250,
      description: 'Product A-1',
    });
  });
  it('leaves the price out when empty (the server takes the supplier price) and drops empty rows', () => {
    const v: PoValues = {
      supplierId: 's1',
      supplierName: 'S',
      warehouseId: null,
      expectedDate: '',
      note: '  ',
      lines: [
        { ...emptyPoLine(), productId: 'p1', description: 'Schraube', quantity: '2,5', unitPrice: '' },
        emptyPoLine(),
      ],
    };
    expect(valuesToCreate(v)).toEqual({
      supplierId: 's1',
      expectedDate: null,
      note: '  ',
      lines: [{ productId: 'p1', quantity: 2.5, description: 'Schraube' }],
    });
  });
  it('maps the body’s line errors back onto the editor rows (empty rows are skipped in the body)', () => {
    const lines = [
      emptyPoLine(),
      { ...emptyPoLine(), productId: 'p1' },
      { ...emptyPoLine(), productId: 'p2' },
    ];
    expect(mapLineErrorPaths({ 'lines.1.quantity': 'x', supplierId: 'y' }, lines)).toEqual({
      'lines.2.quantity': 'x',
      supplierId: 'y',
    });
  });
});

describe('goods receipt', () => {
  it('prefills each open line with its open quantity', () => {
    expect(receiptDefaults(po())).toEqual({ l1: 6, l3: 2.5 });
  });
  it('sends typed quantities, 0 allowed, empty as 0', () => {
    const r = receiptToInput(po(), { l1: '0', l3: '2,5' }, { receivedOn: '2026-11-27', note: ' ' });
    expect(r.problem).toBeUndefined();
    expect(r.input).toEqual({
      receivedOn: '2026-11-27',
      lines: [
        { lineId: 'l1', quantity: 0 },
        { lineId: 'l3', quantity: 2.5 },
      ],
    });
    expect(receiptToInput(po(), { l1: '', l3: 1 }).input?.lines[0]).toEqual({ lineId: 'l1', quantity: 0 });
  });
  it('refuses nothing received and bad numbers', () => {
    expect(receiptToInput(po(), { l1: 0, l3: '' }).problem).toBe('nothing');
    const bad = receiptToInput(po(), { l1: '-1', l3: '1.2345' });
    expect(bad.problem).toBe('invalid');
    expect(bad.problems).toEqual({ l1: 'invalid', l3: 'invalid' });
    const over = receiptToInput(po(), { l1: 7, l3: 1 });
    expect(over.problem).toBe('invalid');
    expect(over.problems).toEqual({ l1: 'tooMuch' });
  });
});

describe('explanation', () => {
  const e = {
    onHand: 12,
    reserved: 5,
    onOrder: 0,
    pipelineDemand: 0,
    projected: 7,
    reorderPoint: 10,
    maxLevel: 30,
    reorderQty: null,
    needed: 23,
    minOrderQty: 0,
    packSize: 5,
    quantity: 25,
  };
  it('lists the numbers in reading order, pipeline demand only when it counted', () => {
    expect(explanationRows(e).map((r) => r.key)).toEqual([
      'onHand',
      'reserved',
      'onOrder',
      'projected',
      'reorderPoint',
      'maxLevel',
      'needed',
      'packSize',
      'quantity',
    ]);
    const withPipeline = explanationRows({ ...e, pipelineDemand: 1.5, maxLevel: null, reorderQty: 20 });
    expect(withPipeline.find((r) => r.key === 'pipelineDemand')?.value).toBe(1.5);
    expect(withPipeline.some((r) => r.key === 'reorderQty')).toBe(true);
    expect(withPipeline.some((r) => r.key === 'maxLevel')).toBe(false);
  });
  it('links deals, invoices and orders that caused a line', () => {
    expect(causeLink({ kind: 'deal', sourceType: null, sourceId: 'd1' })).toBe('/deals/d1');
    expect(causeLink({ kind: 'move', sourceType: 'deal', sourceId: 'd2' })).toBe('/deals/d2');
    expect(causeLink({ kind: 'move', sourceType: 'invoice', sourceId: 'i1' })).toBe('/invoices/i1');
    expect(causeLink({ kind: 'move', sourceType: 'adjustment', sourceId: 'a1' })).toBeNull();
    expect(causeLink({ kind: 'deal', sourceType: null, sourceId: null })).toBeNull();
  });
});

describe('approval limits', () => {
  it('turns the typed limit into cents, unlimited into null, nonsense into undefined', () => {
    expect(limitCentsOf({ euros: 5000, unlimited: false })).toBe(500_000);
    expect(limitCentsOf({ euros: '2.500,5'.replace('.', ''), unlimited: false })).toBe(250_050);
    expect(limitCentsOf({ euros: 5000, unlimited: true })).toBeNull();
    expect(limitCentsOf({ euros: '', unlimited: false })).toBeUndefined();
    expect(limitCentsOf({ euros: -1, unlimited: false })).toBeUndefined();
  });
});
