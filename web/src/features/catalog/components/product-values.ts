import type {
  CreateProductInput,
  Product,
  ProductSupplierInput,
  UpdateProductInput,
} from '../../../../../contracts/catalog';

/** A supplier row as edited (numbers as typed). */
export interface SupplierValues {
  key: string;
  companyId: string | null;
  companyName: string | null;
  supplierSku: string;
  purchasePrice: number | string;
  minOrderQty: number | string;
  packSize: number | string;
  leadTimeDays: number | string;
  preferred: boolean;
}

/** The product form's values: prices in euros as typed. */
export interface ProductValues {
  sku: string;
  name: string;
  description: string;
  unit: string;
  salesPrice: number | string;
  purchasePrice: number | string;
  vatRate: '19' | '7' | '0';
  kind: 'stock' | 'service';
  suppliers: SupplierValues[];
}

let seq = 0;
export const newKey = () => `s${++seq}`;

export function emptyProduct(): ProductValues {
  return {
    sku: '',
    name: '',
    description: '',
    unit: 'C62',
    salesPrice: '',
    purchasePrice: '',
    vatRate: '19',
    kind: 'stock',
    suppliers: [],
  };
}

const cents = (euros: number | string | null | undefined): number | null => {
  if (euros === '' || euros === null || euros === undefined) return null;
  const n = typeof euros === 'number' ? euros : Number(String(euros).replace(',', '.'));
  return Number.isFinite(n) ? Math.round(n * 100) : null;
};
const num = (v: number | string): number | undefined => {
  if (v === '' || v === null || v === undefined) return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
};

export function productToValues(p: Product): ProductValues {
  return {
    sku: p.sku,
    name: p.name,
    description: p.description ?? '',
    unit: p.unit,
    salesPrice: p.salesPriceCents / 100,
    purchasePrice: p.purchasePriceCents === null ? '' : p.purchasePriceCents / 100,
    vatRate: String(p.vatRate) as ProductValues['vatRate'],
    kind: p.kind,
    suppliers: p.suppliers.map((s) => ({
      key: newKey(),
      companyId: s.companyId,
      companyName: s.companyName,
      supplierSku: s.supplierSku ?? '',
      purchasePrice: s.purchasePriceCents === null ? '' : s.purchasePriceCents / 100,
      minOrderQty: s.minOrderQty,
      packSize: s.packSize,
      leadTimeDays: s.leadTimeDays,
      preferred: s.preferred,
    })),
  };
}

export function suppliersToInput(rows: readonly SupplierValues[]): ProductSupplierInput[] {
  return rows.map((s) => ({
    companyId: s.companyId ?? '',
    supplierSku: s.supplierSku || null,
    purchasePriceCents: cents(s.purchasePrice),
    minOrderQty: num(s.minOrderQty) ?? 1,
    packSize: num(s.packSize) ?? 1,
    leadTimeDays: num(s.leadTimeDays) ?? 0,
    preferred: s.preferred,
  }));
}

export function valuesToCreate(v: ProductValues): CreateProductInput {
  return {
    sku: v.sku,
    name: v.name,
    description: v.description || null,
    unit: v.unit,
    salesPriceCents: cents(v.salesPrice) ?? (undefined as unknown as number),
    purchasePriceCents: cents(v.purchasePrice),
    vatRate: Number(v.vatRate) as 19 | 7 | 0,
    kind: v.kind,
    suppliers: suppliersToInput(v.suppliers),
  };
}

/** The fields that differ from the loaded product (null: none). */
export function valuesToUpdate(v: ProductValues, p: Product): Omit<UpdateProductInput, 'version'> | null {
  const next = valuesToCreate(v);
  const patch: Record<string, unknown> = {};
  const current: Record<string, unknown> = {
    sku: p.sku,
    name: p.name,
    description: p.description,
    unit: p.unit,
    salesPriceCents: p.salesPriceCents,
    purchasePriceCents: p.purchasePriceCents,
    vatRate: p.vatRate,
    kind: p.kind,
  };
  for (const [k, value] of Object.entries(current)) {
    const n = (next as Record<string, unknown>)[k];
    if (n !== value) patch[k] = n;
  }
  return Object.keys(patch).length ? (patch as Omit<UpdateProductInput, 'version'>) : null;
}

export function suppliersChanged(v: ProductValues, p: Product): boolean {
  const a = suppliersToInput(v.suppliers);
  const b = suppliersToInput(productToValues(p).suppliers);
  return JSON.stringify(a) !== JSON.stringify(b);
}

/**
 * Supplier rows without a company (`suppliers.<i>.companyId` → message): checked before anything is
 * sent — the supplier list would fail after the product's fields were saved.
 */
export function supplierRowErrors(rows: readonly SupplierValues[], message: string): Record<string, string> {
  const out: Record<string, string> = {};
  rows.forEach((s, i) => {
    if (!s.companyId) out[`suppliers.${i}.companyId`] = message;
  });
  return out;
}

/** Server field paths → form fields (`salesPriceCents` → `salesPrice`, `suppliers.0.companyId` stays). */
export function formErrorsOf(fieldErrors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors)) {
    out[path.replace(/PriceCents$/, 'Price')] = message;
  }
  return out;
}
