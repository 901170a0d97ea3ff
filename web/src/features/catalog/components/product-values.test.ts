import { describe, expect, it } from 'vitest';
import type { Product } from '../../../../../contracts/catalog';
import {
  productToValues,
  supplierRowErrors,
  suppliersChanged,
  valuesToCreate,
  valuesToUpdate,
} from './product-values';

const product: Product = {
  id: '0190a000-0000-7000-8000-000000000001',
  sku: 'ET-1001',
  name: 'Rillenkugellager 6204-2RS',
  description: null,
  unit: 'C62',
  salesPriceCents: 1290,
  purchasePriceCents: 540,
  vatRate: 19,
  kind: 'stock',
  active: true,
  currency: 'EUR',
  suppliers: [
    {
      companyId: '0190a000-0000-7000-8000-0000000000c1',
      companyName: 'Kugellager Hofmann KG',
      supplierSku: 'KH-6204',
      purchasePriceCents: null,
      minOrderQty: 2.5,
      packSize: 10,
      leadTimeDays: 5,
      preferred: true,
    },
  ],
  preferredSupplierId: '0190a000-0000-7000-8000-0000000000c1',
  createdAt: '2026-11-27T00:00:00.000Z',
  updatedAt: '2026-11-27T00:00:00.000Z',
  version: 3,
};

describe('product form values', () => {
  it('round-trips a product without changes', () => {
    const values = productToValues(product);
    expect(values.salesPrice).toBe(12.9);
    expect(valuesToUpdate(values, product)).toBeNull();
    expect(suppliersChanged(values, product)).toBe(false);
  });

  it('sends only changed fields, prices in cents, and empty optional fields as null', () => {
    const values = {
      ...productToValues(product),
      salesPrice: '13,5',
      purchasePrice: '',
      description: 'Mit Dichtung',
    };
    expect(valuesToUpdate(values, product)).toEqual({
      description: 'Mit Dichtung',
      salesPriceCents: 1350,
      purchasePriceCents: null,
    });
  });

  it('notices supplier changes and builds the create body', () => {
    const values = productToValues(product);
    values.suppliers[0]!.leadTimeDays = 7;
    expect(suppliersChanged(values, product)).toBe(true);
    expect(valuesToCreate(values)).toMatchObject({
      sku: 'ET-1001',
      vatRate: 19,
      suppliers: [
        { supplierSku: 'KH-6204', minOrderQty: 2.5, packSize: 10, leadTimeDays: 7, preferred: true },
      ],
    });
  });
});

describe('supplierRowErrors', () => {
  it('names every supplier row without a company, before anything is sent', () => {
    const rows = productToValues(product).suppliers;
    expect(supplierRowErrors(rows, 'Choose the supplier')).toEqual({});
    const withEmpty = [
      ...rows,
      { ...rows[0]!, key: 'new', companyId: null, companyName: null, preferred: false },
    ];
    expect(supplierRowErrors(withEmpty, 'Choose the supplier')).toEqual({
      'suppliers.1.companyId': 'Choose the supplier',
    });
  });
});
