import { describe, expect, it } from 'vitest';
import type { ProductLookupItem } from '../../../../../contracts/catalog';
import {
  emptyInvoiceLine,
  linesToInput as invoiceLinesToInput,
} from '../../billing/components/invoice-values';
import {
  linesToInput as dealLinesToInput,
  emptyLine,
  lineFromDeal,
} from '../../sales/components/line-values';
import { productLinePatch, productOptionLabel } from './product-line-values';

const oil: ProductLookupItem = {
  id: '0190a000-0000-7000-8000-000000000007',
  sku: 'OEL-5L',
  name: 'Hydrauliköl HLP 46, 5 l',
  description: 'Kanister',
  unit: 'LTR',
  unitPriceCents: 4_995,
  vatRate: 7,
  kind: 'stock',
};

describe('a product picked for a line', () => {
  it('gives its id, name, unit, net price in euros and VAT rate', () => {
    expect(productLinePatch(oil)).toEqual({
      productId: oil.id,
      description: 'Hydrauliköl HLP 46, 5 l',
      unit: 'LTR',
      unitPrice: 49.95,
      vatRate: '7',
    });
    expect(productLinePatch({ ...oil, unitPriceCents: 0, vatRate: 0 })).toMatchObject({
      unitPrice: 0,
      vatRate: '0',
    });
  });

  it('is shown as "SKU · name · price"', () => {
    expect(productOptionLabel(oil, '49,95 €')).toBe('OEL-5L · Hydrauliköl HLP 46, 5 l · 49,95 €');
  });

  it('fills an invoice line that keeps the product when its price is changed afterwards', () => {
    const line = { ...emptyInvoiceLine(), quantity: 3, ...productLinePatch(oil) };
    const changed = { ...line, unitPrice: 45, description: 'Hydrauliköl (Aktion)' };
    expect(invoiceLinesToInput([changed])).toEqual([
      {
        productId: oil.id,
        description: 'Hydrauliköl (Aktion)',
        quantity: 3,
        unit: 'LTR',
        unitPriceCents: 4_500,
        discountPercent: 0,
        vatRate: 7,
      },
    ]);
  });

  it('fills a deal line (no unit there); a free-text line has no product', () => {
    const { unit: _unit, ...patch } = productLinePatch(oil);
    const line = { ...emptyLine(), ...patch };
    const free = { ...emptyLine(), description: 'Einweisung', unitPrice: '120' };
    expect(dealLinesToInput([line, free])).toEqual([
      {
        productId: oil.id,
        description: 'Hydrauliköl HLP 46, 5 l',
        quantity: 1,
        unitPriceCents: 4_995,
        discountPercent: 0,
        vatRate: 7,
      },
      { description: 'Einweisung', quantity: 1, unitPriceCents: 12_000, discountPercent: 0, vatRate: 19 },
    ]);
  });

  it('a saved deal line keeps its product when the deal is edited', () => {
    const values = lineFromDeal({
      id: '0190a000-0000-7000-8000-0000000000d1',
      position: 0,
      productId: oil.id,
      description: 'Hydrauliköl',
      quantity: 2,
      unitPriceCents: 4_995,
      discountPercent: 0,
      vatRate: 7,
      netCents: 9_990,
    });
    expect(values.productId).toBe(oil.id);
    expect(dealLinesToInput([values])[0]).toMatchObject({ productId: oil.id, unitPriceCents: 4_995 });
  });
});
