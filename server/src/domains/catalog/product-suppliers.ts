import type { ProductSupplierInput } from '../../../../contracts/catalog';
import type { DbOrTx } from '../../platform/db/database';
import { AppError, type FieldError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { getCompanySummaries } from '../companies';
import { toMilli } from './products.mappers';
import type { ProductSupplierRow } from './products.repository';

/** A supplier entry after the contract's defaults. */
export type SupplierEntry = {
  companyId: string;
  supplierSku?: string | null | undefined;
  purchasePriceCents?: number | null | undefined;
  minOrderQty: number;
  packSize: number;
  leadTimeDays: number;
  preferred: boolean;
};
export type { ProductSupplierInput };

/**
 * Checks a product's supplier list and makes its rows: each company exists, is not merged away and
 * has the supplier role; no company twice; exactly one preferred (a single supplier is preferred
 * without saying so). 422 naming every problem (`suppliers.<i>.<field>`), nothing written.
 */
export async function supplierRows(
  db: DbOrTx,
  productId: string,
  entries: readonly SupplierEntry[],
  now: string,
): Promise<ProductSupplierRow[]> {
  const errors: FieldError[] = [];
  const companies = await getCompanySummaries(
    db,
    entries.map((e) => e.companyId),
  );
  const seen = new Map<string, number>();
  entries.forEach((e, i) => {
    const path = `suppliers.${i}.companyId`;
    const company = companies.get(e.companyId);
    if (!company) errors.push({ path, message: `Company ${e.companyId} does not exist` });
    else if (company.mergedIntoId)
      errors.push({ path, message: `${company.name} was merged into another company; choose that one` });
    else if (!company.roles.includes('supplier'))
      errors.push({
        path,
        message: `${company.name} is not a supplier; give the company the supplier role first`,
      });
    const first = seen.get(e.companyId);
    if (first !== undefined)
      errors.push({ path, message: `The supplier is listed twice (also in line ${first + 1})` });
    else seen.set(e.companyId, i);
  });
  const preferred = entries.map((e, i) => (e.preferred ? i : -1)).filter((i) => i >= 0);
  if (preferred.length > 1) {
    for (const i of preferred.slice(1))
      errors.push({ path: `suppliers.${i}.preferred`, message: 'Only one supplier can be preferred' });
  } else if (preferred.length === 0 && entries.length > 1) {
    errors.push({ path: 'suppliers', message: 'Mark one of the suppliers as preferred' });
  }
  if (errors.length) {
    throw new AppError(
      'unprocessable',
      'products.invalid_suppliers',
      `The suppliers are not valid — ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      errors,
    );
  }
  const preferredIndex = preferred[0] ?? 0;
  return entries.map((e, i) => ({
    id: uuidv7(),
    product_id: productId,
    company_id: e.companyId,
    supplier_sku: e.supplierSku ?? null,
    purchase_price_cents: e.purchasePriceCents ?? null,
    min_order_qty_milli: toMilli(e.minOrderQty),
    pack_size_milli: toMilli(e.packSize),
    lead_time_days: e.leadTimeDays,
    preferred: i === preferredIndex ? 1 : 0,
    position: i,
    created_at: now,
    updated_at: now,
  }));
}
